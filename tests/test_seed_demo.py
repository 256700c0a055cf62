"""`manage.py seed_demo`: the demo blog it loads, and that loading it again is harmless."""

import io
import re
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django.utils.html import escape
from PIL import Image

from blog.demo import images
from blog.demo.loader import POSTS, post_slug
from blog.models import (
    Author,
    BlogSettings,
    Byline,
    Label,
    LabelledPost,
    Page,
    Post,
    text_direction,
)

ARABIC_LETTER = re.compile("[\u0621-\u064a]")


def seed(*options):
    out = io.StringIO()
    call_command("seed_demo", "--small-images", *options, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="class")
def demo_blog(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo blog loaded once for a class of read-only tests, rolled back after the class."""
    media_root = tmp_path_factory.mktemp("demo-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media_root),
        transaction.atomic(),
    ):
        yield media_root, seed()
        transaction.set_rollback(True)


@pytest.fixture
def seeded(demo_blog, db, settings):
    """The shared demo blog, its pictures in place; each test's changes are rolled back."""
    settings.MEDIA_ROOT, output = demo_blog
    return output


def media_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def snapshot(settings):
    """Everything seed_demo writes, in a comparable form."""
    return {
        "posts": list(Post.objects.order_by("pk").values()),
        "authors": list(Author.objects.order_by("pk").values()),
        "labels": list(Label.objects.order_by("pk").values()),
        "bylines": list(Byline.objects.order_by("pk").values()),
        "labelled": list(LabelledPost.objects.order_by("pk").values()),
        "blog": list(BlogSettings.objects.values()),
        "media": media_files(settings),
    }


class TestDemoBlog:
    """What one load puts in an empty blog, and what readers then see."""

    def test_posts_are_mostly_arabic_with_french_and_english(self, seeded):
        languages = Counter(Post.objects.posts().values_list("language", flat=True))
        assert languages == {"ar": 14, "fr": 8, "en": 8}
        assert "Demo content loaded: 30 posts, 4 authors, 12 labels, 3 pages" in seeded

    def test_three_drafts_and_two_scheduled_posts_stay_out_of_sight(self, seeded):
        now = timezone.now()
        assert Post.objects.posts().filter(status=Post.Status.DRAFT).count() == 3
        scheduled = Post.objects.posts().filter(status=Post.Status.SCHEDULED)
        assert scheduled.count() == 2
        for post in scheduled:
            assert now + timedelta(days=1) < post.publish_at < now + timedelta(days=10)
        assert Post.objects.published().count() == 25

    def test_publish_dates_spread_over_about_fourteen_months(self, seeded):
        now = timezone.now()
        dates = sorted(Post.objects.published().values_list("publish_at", flat=True))
        assert timedelta(days=365) < now - dates[0] < timedelta(days=460)
        assert now - dates[-1] < timedelta(days=14)
        assert len({date.year for date in dates}) >= 2
        assert len(Post.objects.published().month_counts()) >= 12
        for post in Post.objects.published():
            assert post.updated_at == post.created_at == post.publish_at

    def test_four_authors_in_their_own_script_with_avatar_renditions(self, seeded):
        authors = {author.slug: author for author in Author.objects.all()}
        assert set(authors) == {"ليلى-المنصوري", "يوسف-حداد", "nadia-belkacem", "omar-khalil"}
        assert authors["يوسف-حداد"].display_name == "يوسف حداد"
        assert authors["nadia-belkacem"].display_name == "Nadia Belkacem"
        for author in authors.values():
            assert author.bio
            assert author.avatar.storage.exists(author.avatar.name)
            with Image.open(author.avatar_small.path) as small:
                assert (small.format, small.size) == ("WEBP", (96, 96))

    def test_co_authored_posts_keep_their_byline_order(self, seeded):
        co_authored = [
            post for post in Post.objects.posts().with_bylines() if len(post.byline_authors) > 1
        ]
        assert len(co_authored) == 4
        by_slug = {post.slug: [a.slug for a in post.byline_authors] for post in co_authored}
        assert by_slug["مكتبة-الحي-التي-أنقذها-الجيران"] == ["ليلى-المنصوري", "يوسف-حداد"]
        assert by_slug["حديقة-على-سطح-عمارة-في-عمان"] == ["يوسف-حداد", "ليلى-المنصوري"]
        for post in co_authored:
            assert [byline.order for byline in post.bylines.all()] == [0, 1]

    def test_labels_are_in_the_language_of_their_posts(self, seeded):
        assert Label.objects.count() == 12
        assert Label.objects.get(name="مبادرات").slug == "مبادرات"
        for post in Post.objects.posts().with_bylines():
            in_arabic = {bool(ARABIC_LETTER.search(label.name)) for label in post.labels.all()}
            assert in_arabic == {post.language == "ar"}, post.slug

    def test_most_posts_have_a_described_landscape_picture_with_renditions(self, seeded):
        pictured = Post.objects.posts().exclude(featured_image="")
        assert pictured.count() == 26
        for post in pictured:
            assert post.featured_image_alt
            assert post.featured_thumb and post.featured_large
            with Image.open(post.featured_image.path) as picture:
                assert picture.format == "JPEG"
                assert picture.width > picture.height

    def test_bodies_are_rich_html_that_survives_sanitising_intact(self, seeded):
        stored = {post.slug: post for post in Post.objects.posts().all()}
        for demo in POSTS:
            post = stored[post_slug(demo)]
            # Nothing silently dropped: the demo uses only markup the sanitiser allows.
            assert post.body == demo.body.strip(), post.slug
            assert post.body.count("<h2>") >= 2
            assert post.body.count("<p>") >= 4
            assert 240 <= len(post.body_text.split()) <= 650, post.slug
            assert "lorem" not in post.body_text.lower()
        bodies = "".join(post.body for post in stored.values())
        for element in ("<h3>", "<ul>", "<ol>", "<blockquote>", "<table>", '<a href="https://'):
            assert element in bodies
        bare_url_paragraphs = [p for p in stored.values() if "<p>https://" in p.body]
        assert 1 <= len(bare_url_paragraphs) <= 2
        assert 0 < Post.objects.posts().exclude(excerpt="").count() < 30

    def test_arabic_posts_have_arabic_titles_and_slugs(self, seeded):
        for post in Post.objects.posts().filter(language="ar"):
            assert ARABIC_LETTER.search(post.title)
            assert ARABIC_LETTER.search(post.slug)
            assert post.direction == "rtl"

    def test_blog_settings_name_the_blog_in_arabic(self, seeded):
        blog = BlogSettings.load()
        assert (blog.title, blog.language) == ("مداد", "ar")
        assert ARABIC_LETTER.search(blog.tagline)

    def test_every_published_post_renders_with_its_own_language_and_direction(self, seeded, client):
        for post in Post.objects.published():
            response = client.get(post.get_absolute_url())
            assert response.status_code == 200, post.slug
            html = response.content.decode()
            direction = "rtl" if post.language == "ar" else "ltr"
            article = re.search(r"<article\b[^>]*>", html).group(0)
            assert f'lang="{post.language}"' in article, post.slug
            assert f'dir="{direction}"' in article, post.slug
            assert escape(post.title) in html

    def test_drafts_and_scheduled_posts_are_not_found(self, seeded, client):
        for post in Post.objects.posts().exclude(pk__in=Post.objects.published().values("pk")):
            assert client.get(post.get_absolute_url()).status_code == 404, post.slug

    def test_an_about_page_in_each_language_is_in_the_menu_of_its_readers(self, seeded, client):
        pages = {page.language: page for page in Page.objects.published()}
        assert sorted(pages) == ["ar", "en", "fr"]
        for language, page in pages.items():
            assert page.comments_off and page.show_in_menu
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
            response = client.get("/")
            menu = re.search(r'<nav class="site-nav".*?</ul>', response.content.decode(), re.S)
            assert f'href="{page.get_absolute_url()}"' in menu.group(0), language
            html = client.get(page.get_absolute_url()).content.decode()
            assert f'lang="{language}" dir="{text_direction(language)}"' in html

    def test_label_and_author_pages_list_their_posts(self, seeded, client):
        for page in [*Label.objects.all(), *Author.objects.all()]:
            response = client.get(page.get_absolute_url())
            assert response.status_code == 200, page.slug
            assert len(response.context["posts"]) >= 1, page.slug


# Loading again, and --if-empty


def test_running_it_twice_changes_nothing(db, settings):
    seed()
    before = snapshot(settings)
    output = seed()
    assert "nothing to add" in output
    assert snapshot(settings) == before


def test_edits_made_after_seeding_are_kept(db):
    seed()
    blog = BlogSettings.load()
    blog.title = "Carnets"
    blog.tagline = ""
    blog.save()
    post = Post.objects.get(slug="بيروت-في-صباح-ممطر")
    post.title = "بيروت تحت المطر"
    post.save()
    Post.objects.filter(slug="lire-en-trois-langues").delete()

    seed()

    assert BlogSettings.load().title == "Carnets"
    assert Post.objects.get(slug="بيروت-في-صباح-ممطر").title == "بيروت تحت المطر"
    assert Post.objects.filter(slug="lire-en-trois-langues").exists()
    assert Post.objects.posts().count() == 30


def test_if_empty_does_nothing_when_the_blog_has_a_post(a_post, settings):
    output = seed("--if-empty")
    assert output.strip() == "The blog already has posts; demo content not loaded."
    assert list(Post.objects.all()) == [a_post]
    assert Author.objects.count() == 1
    assert not Label.objects.exists()
    assert BlogSettings.load().tagline == ""
    assert media_files(settings) == []


def test_if_empty_loads_an_empty_blog(db):
    seed("--if-empty")
    assert Post.objects.posts().count() == 30


# Drawing


def test_full_size_drawings_are_featured_jpegs_and_square_avatars():
    with Image.open(io.BytesIO(images.featured_image("tiles", "indigo", seed=1))) as picture:
        assert (picture.format, picture.size) == ("JPEG", (1600, 900))
    with Image.open(io.BytesIO(images.avatar_image("olive", seed=1))) as avatar:
        assert (avatar.format, avatar.size) == ("PNG", (512, 512))
    assert images.featured_image("waves", "sea", seed=3) == images.featured_image(
        "waves", "sea", seed=3
    )
