"""Importing Blogger (classic backup and Takeout feed.atom) and WordPress (WXR 1.1, 1.2): posts,
drafts, schedules, labels, authors, comment threads and statuses, twice without duplicates;
hostile and broken files refused with nothing imported."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from blog.models import Page, Post
from comments.models import Comment
from transfer.models import ImportedComment, ImportedPost, OldAddress

FIXTURES = Path(__file__).parent / "fixtures" / "transfer"
pytestmark = pytest.mark.django_db


def run(command, name):
    call_command(command, str(FIXTURES / name), "--no-progress", stdout=(out := Out()))
    return out.text


class Out:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


def tree(post):
    """(author or body start, parent's, depth, status) of each comment of `post` in page order."""

    def who(comment):
        return comment.guest_name or (comment.user and comment.user.username) or comment.body[:12]

    return [
        (who(c), who(c.parent) if c.parent else None, c.depth, c.status)
        for c in Comment.objects.filter(post=post).select_related("parent", "user").order_by("path")
    ]


def counts():
    return (Post.objects.count(), Comment.objects.count(), OldAddress.objects.count())


class TestBloggerClassic:
    @pytest.fixture
    def imported(self):
        return run("import_blogger", "blogger_classic.xml")

    def test_posts_drafts_and_schedules(self, imported):
        lecture = Post.objects.get(title="في مديح القراءة البطيئة")
        assert lecture.status == Post.Status.PUBLISHED
        assert lecture.language == "ar"
        # Blogger's "blog-post_14" for an Arabic title becomes a slug from the title.
        assert lecture.slug == "في-مديح-القراءة-البطيئة"
        assert sorted(lecture.labels.names()) == ["قراءة", "مقالات"]
        assert Post.objects.get(title="مسودة لم تكتمل").status == Post.Status.DRAFT
        assert Post.objects.get(title="رسالة إلى قارئ المستقبل").status == Post.Status.SCHEDULED
        carnet = Post.objects.get(slug="carnet-de-lecture-la-patience-des-pages")
        assert carnet.language == "fr"
        assert carnet.publish_at.year == 2012

    def test_pages(self, imported):
        page = Page.objects.get()
        assert page.title == "عن الدفتر"
        # "/p/blog-page.html", Blogger's address for an Arabic title: the slug comes from it.
        assert page.slug == "عن-الدفتر"
        assert page.body == "<p>دفتر صغير للقراءة والكتابة.</p>"
        assert page.status == Post.Status.PUBLISHED
        assert "Pages: 1 created, 0 updated, 0 skipped, 0 failed" in imported

    def test_bodies_sanitised_and_paragraphs_made(self, imported):
        lecture = Post.objects.get(title="في مديح القراءة البطيئة")
        assert "<script" not in lecture.body and "alert(1)" not in lecture.body
        assert "trbidi" not in lecture.body
        assert lecture.body.startswith("<p>نقرأ كثيراً ونفهم قليلاً.<br>والسبب أننا نستعجل.</p>")
        # The image stays at its Blogger address.
        assert 'src="https://1.bp.blogspot.com/-abc/s1600/daftar.jpg"' in lecture.body

    def test_threads_owner_badge_and_statuses(self, imported):
        lecture = Post.objects.get(title="في مديح القراءة البطيئة")
        owner = lecture.byline_authors[0].user.username
        # The reply to كريم's comment came first in the file; the owner answered him.
        assert tree(lecture) == [
            ("مقال جميل، ش", None, 0, "approved"),
            ("كريم", "مقال جميل، ش", 1, "approved"),
            (owner, "كريم", 2, "approved"),
            ("ليلى", None, 0, "removed"),
            ("لماذا حذفتِ ", "ليلى", 1, "approved"),
            ("سامي", None, 0, "pending"),
        ]
        removed = Comment.objects.get(guest_name="ليلى")
        assert removed.removed_by == Comment.RemovedBy.AUTHOR
        anonymous = Comment.objects.get(body__startswith="مقال جميل")
        assert anonymous.guest_name == "" and anonymous.user is None
        sami = Comment.objects.get(guest_name="سامي")
        assert sami.guest_website == "https://sami.example.org/"

    def test_comment_bodies_keep_links_under_the_comment_policy(self, imported):
        claire = Comment.objects.get(guest_name="Claire")
        assert (
            claire.body == "Merci pour ce carnet, see my notes (https://reader.example.net/notes)."
        )
        assert 'rel="nofollow ugc noopener"' in claire.body_html

    def test_summary(self, imported):
        assert "Posts: 4 created, 0 updated, 3 skipped, 0 failed" in imported
        assert "skipped 2 × Blogger settings entry (not content)" in imported
        assert "skipped 1 × Blogger template entry (not content)" in imported
        assert "skipped 1 × its post is not in the file" in imported
        assert "Images left at their old addresses (nothing was downloaded): 1" in imported

    def test_twice_changes_nothing(self, imported):
        before = counts()
        updated = Post.objects.get(title="في مديح القراءة البطيئة").updated_at
        again = run("import_blogger", "blogger_classic.xml")
        assert counts() == before
        assert Post.objects.get(title="في مديح القراءة البطيئة").updated_at == updated
        assert "Posts: 0 created, 0 updated, 7 skipped, 0 failed" in again
        assert ImportedComment.objects.count() == Comment.objects.count() == 7

    def test_a_changed_post_is_updated(self, imported, tmp_path):
        source = (FIXTURES / "blogger_classic.xml").read_text()
        changed = tmp_path / "changed.xml"
        changed.write_text(source.replace("Carnet de lecture :", "Carnet :"))
        out = run("import_blogger", changed)
        assert "Posts: 0 created, 1 updated" in out
        carnet = Post.objects.get(slug="carnet-de-lecture-la-patience-des-pages")
        assert carnet.title == "Carnet\u00a0: la patience des pages"  # French spacing


class TestBloggerTakeout:
    @pytest.fixture
    def imported(self):
        return run("import_blogger", "blogger_takeout.atom")

    def test_posts_statuses_and_slugs(self, imported):
        reading = Post.objects.get(slug="reading-in-two-languages")
        assert reading.status == Post.Status.PUBLISHED
        assert reading.excerpt == "On reading the same book in Arabic and in English."
        assert sorted(reading.labels.names()) == ["Books", "Translation"]
        assert Post.objects.get(slug="half-thought").status == Post.Status.DRAFT
        assert Post.objects.get(title="كتاب الشهر القادم").status == Post.Status.SCHEDULED
        assert not Post.objects.filter(title="Thrown away").exists()
        assert "skipped 1 × in Blogger's trash" in imported

    def test_pages(self, imported):
        page = Page.objects.get()
        assert (page.title, page.slug) == ("About the margin", "about")

    def test_threads_and_statuses(self, imported):
        reading = Post.objects.get(slug="reading-in-two-languages")
        owner = reading.byline_authors[0].user.username
        assert tree(reading) == [
            ("Which transl", None, 0, "approved"),
            (owner, "Which transl", 1, "approved"),
            ("Omar", None, 0, "pending"),
            ("Buy now!", None, 0, "spam"),
            ("Yusuf", None, 0, "removed"),
        ]

    def test_twice_changes_nothing(self, imported):
        before = counts()
        run("import_blogger", "blogger_takeout.atom")
        assert counts() == before


class TestWordPress:
    @pytest.fixture
    def imported(self):
        return run("import_wordpress", "wordpress.xml")

    def test_posts_labels_and_authors(self, imported):
        garden = Post.objects.get(slug="حديقة-الكلمات")
        assert garden.language == "ar"
        assert sorted(garden.labels.names()) == ["Poésie", "شعر"]
        assert [a.display_name for a in garden.byline_authors] == ["Amina Benali"]
        assert garden.byline_authors[0].user.email == "amina@jardin.example.org"
        seasons = Post.objects.get(slug="les-saisons-de-lencre")
        assert [a.display_name for a in seasons.byline_authors] == ["Hugo Martin"]
        assert seasons.excerpt == "Quatre saisons, une encre."
        draft = Post.objects.get(title="Brouillon d'automne")
        assert draft.status == Post.Status.DRAFT and draft.language == "fr"
        assert not Post.objects.filter(title__in=["Jeté", "Le mur du jardin", "Accueil"]).exists()

    def test_pages(self, imported):
        page = Page.objects.get()
        assert (page.title, page.slug, page.language) == ("À propos", "a-propos", "fr")
        assert page.body.startswith("<p>Un jardin de mots, tenu à deux mains.</p>")

    def test_paragraphs_like_wordpress_and_gutenberg_comments_dropped(self, imported):
        garden = Post.objects.get(slug="حديقة-الكلمات")
        assert "<p>في الحديقة كلمات تنمو ببطء.<br>\nوأخرى تنتظر المطر.</p>" in garden.body
        assert "<ul>" in garden.body and "<p><ul>" not in garden.body
        seasons = Post.objects.get(slug="les-saisons-de-lencre")
        assert "wp:" not in seasons.body and "<!--" not in seasons.body
        assert "<h2>L'hiver</h2>" in seasons.body

    def test_threads_statuses_and_pingbacks(self, imported):
        garden = Post.objects.get(slug="حديقة-الكلمات")
        assert tree(garden) == [
            ("Youssef", None, 0, "approved"),
            ("amina", "Youssef", 1, "approved"),
            ("Fatima", "amina", 2, "approved"),
            ("Rami", None, 0, "pending"),
            ("Casino", None, 0, "spam"),
            ("Sara", None, 0, "removed"),
        ]
        assert "skipped 1 × pingback or trackback" in imported
        assert "skipped 1 × WordPress attachment (the file stays at its address)" in imported
        assert "skipped 1 × in WordPress's trash" in imported

    def test_twice_changes_nothing(self, imported):
        before = counts()
        out = run("import_wordpress", "wordpress.xml")
        assert counts() == before
        assert "Comments: 0 created" in out

    def test_wxr_1_1(self, imported):
        run("import_wordpress", "wordpress_wxr11.xml")
        post = Post.objects.get(slug="planting-words")
        assert post.labels.names()[0] == "winter"
        assert post.language == "en"
        assert ImportedPost.objects.filter(source_id="http://old-garden.example.org|5").exists()


@pytest.mark.parametrize(
    ("command", "name", "message"),
    [
        ("import_blogger", "hostile_entity_bomb.xml", "Refused: the file declares a document type"),
        ("import_wordpress", "hostile_external_entity.xml", "Refused: the file declares a"),
        ("import_wordpress", "wordpress_truncated.xml", "unclosed CDATA section at line 34"),
        ("import_blogger", "wordpress.xml", "This is not a Blogger export"),
        ("import_wordpress", "blogger_classic.xml", "This is not a WordPress export"),
    ],
)  # fmt: skip
def test_hostile_or_broken_files_are_refused_and_import_nothing(command, name, message):
    with pytest.raises(CommandError) as refused:
        run(command, name)
    assert message in str(refused.value)
    assert "\n" not in str(refused.value)
    assert counts() == (0, 0, 0)


def test_a_file_that_breaks_after_its_first_posts_imports_nothing(tmp_path):
    broken = tmp_path / "broken.xml"
    source = (FIXTURES / "blogger_classic.xml").read_text()
    # The damage comes after four posts: still, none of them is imported.
    page = "</entry>\n<entry>\n  <id>tag:blogger.com,1999:blog-7001.page"
    broken.write_text(source.replace(page, "</entri>\n<entry>\n  <id>x"))
    with pytest.raises(CommandError, match=r"mismatched tag at line \d+"):
        run("import_blogger", broken)
    assert counts() == (0, 0, 0)


def test_the_progress_bar_counts_entries(capsys):
    call_command("import_wordpress", str(FIXTURES / "wordpress_wxr11.xml"), stdout=Out())
    assert "1/1" in capsys.readouterr().err
