"""The popular-posts widget: windows, settings, fallback, cache, query budget, snippets."""

import datetime
import re
import unicodedata

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from blog import services
from blog.models import BlogSettings, Post, PostDailyViews, PostViewTotal, view_window_start
from tests.conftest import an_image_upload

NOW = datetime.datetime(2026, 3, 10, 12, 0, tzinfo=datetime.timezone.utc)


def add_views(post, views, days_ago=0):
    PostDailyViews.objects.create(
        post=post, day=timezone.localdate() - datetime.timedelta(days=days_ago), views=views
    )


def render_widget(post=None):
    with translation.override("en"):
        template = Template("{% load blog_tags %}{% popular_posts post %}")
        return template.render(Context({"post": post}))


def titles(html):
    return re.findall(r'class="popular-post__title">([^<]*)<', html)


def configure(**fields):
    blog = BlogSettings.load()
    for name, value in fields.items():
        setattr(blog, name, value)
    blog.save()
    return blog


def popular_titles(days):
    return list(Post.objects.published().popular(days).values_list("title", flat=True))


@pytest.mark.django_db
class TestPopularQuerySet:
    def test_most_read_first_within_the_window(self, make_post):
        recent, busier, older = make_post("Recent"), make_post("Busier"), make_post("Older")
        add_views(recent, 5)
        add_views(busier, 9, days_ago=6)
        add_views(older, 50, days_ago=40)

        assert popular_titles(7) == ["Busier", "Recent"]
        assert popular_titles(30) == ["Busier", "Recent"]
        assert popular_titles(None) == ["Older", "Busier", "Recent"]
        counts = dict(Post.objects.popular(None).values_list("title", "view_count"))
        assert counts == {"Older": 50, "Busier": 9, "Recent": 5}

    def test_ties_go_to_the_newer_post(self, make_post):
        old = make_post("Old", publish_at=timezone.now() - datetime.timedelta(days=3))
        new = make_post("New")
        add_views(old, 4)
        add_views(new, 4)

        assert popular_titles(7) == ["New", "Old"]

    def test_all_time_adds_the_folded_totals(self, make_post):
        post = make_post()
        add_views(post, 3)
        PostViewTotal.objects.create(post=post, views=1000)

        assert Post.objects.with_views(None).get().view_count == 1003
        assert Post.objects.with_views(7).get().view_count == 3

    @pytest.mark.parametrize("days", [None, 0, 10**9, 2**31 - 1])
    def test_no_window_or_a_window_longer_than_the_calendar_is_all_time(self, make_post, days):
        add_views(make_post("Long ago"), 2, days_ago=3000)

        assert view_window_start(days) is None
        assert popular_titles(days) == ["Long ago"]

    def test_a_window_of_one_day_is_today(self, make_post):
        add_views(make_post("Today"), 1)
        add_views(make_post("Yesterday"), 9, days_ago=1)

        assert popular_titles(1) == ["Today"]


@pytest.mark.django_db
class TestWindowEdges:
    """Windows are whole days in the site's time zone: "7 days" is today and the 6 before."""

    def read_at(self, moment, post, time_machine):
        time_machine.move_to(moment, tick=False)
        assert services.count_view(post.pk, f"reader at {moment}")

    def test_a_view_7_days_and_1_second_ago_is_out(self, make_post, time_machine):
        post = make_post(publish_at=NOW - datetime.timedelta(days=30))
        self.read_at(NOW, post, time_machine)

        time_machine.move_to(NOW + datetime.timedelta(days=7, seconds=1))
        assert popular_titles(7) == []
        assert popular_titles(8) == [post.title]

    def test_a_view_6_days_ago_is_in(self, make_post, time_machine):
        post = make_post(publish_at=NOW - datetime.timedelta(days=30))
        self.read_at(NOW, post, time_machine)

        time_machine.move_to(NOW + datetime.timedelta(days=6))
        assert popular_titles(7) == [post.title]

    def test_the_window_turns_at_midnight(self, make_post, time_machine):
        post = make_post(publish_at=NOW - datetime.timedelta(days=30))
        first_second = NOW.replace(hour=0, minute=0, second=0)
        self.read_at(first_second, post, time_machine)

        time_machine.move_to(first_second + datetime.timedelta(days=7, seconds=-1))
        assert popular_titles(7) == [post.title]
        time_machine.move_to(first_second + datetime.timedelta(days=7))
        assert popular_titles(7) == []

    def test_days_follow_the_site_time_zone(self, make_post, time_machine, settings):
        settings.TIME_ZONE = "Asia/Riyadh"
        post = make_post(publish_at=NOW - datetime.timedelta(days=30))
        # 22:30 in UTC is already 01:30 the next day in Riyadh.
        self.read_at(NOW.replace(hour=22, minute=30), post, time_machine)

        assert PostDailyViews.objects.get().day == datetime.date(2026, 3, 11)


@pytest.mark.django_db
class TestWidget:
    def test_lists_the_most_read_posts(self, make_post):
        configure(popular_count=2, popular_window_days=7)
        for title, views in [("Quiet", 1), ("Loved", 30), ("Liked", 12)]:
            add_views(make_post(title), views)

        html = render_widget()

        assert "Popular posts from this blog" in html
        assert titles(html) == ["Loved", "Liked"]

    @pytest.mark.parametrize("count", [1, 10])
    def test_shows_the_configured_number(self, make_post, count):
        configure(popular_count=count)
        for n in range(12):
            add_views(make_post(f"Post {n}"), n + 1)

        assert titles(render_widget()) == [f"Post {n}" for n in range(11, 11 - count, -1)]

    def test_falls_back_to_the_newest_posts_when_nothing_was_read(self, make_post):
        configure(popular_count=3)
        for days in range(5):
            make_post(f"{days} days old", publish_at=timezone.now() - datetime.timedelta(days=days))

        assert titles(render_widget()) == ["0 days old", "1 days old", "2 days old"]

    def test_fills_up_with_the_newest_posts(self, make_post):
        configure(popular_count=3)
        read = make_post("Read", publish_at=timezone.now() - datetime.timedelta(days=9))
        make_post("Newest")
        make_post("Newer", publish_at=timezone.now() - datetime.timedelta(days=2))
        make_post("Old", publish_at=timezone.now() - datetime.timedelta(days=5))
        add_views(read, 2)

        assert titles(render_widget()) == ["Read", "Newest", "Newer"]

    def test_views_outside_the_window_do_not_count(self, make_post):
        configure(popular_count=1, popular_window_days=7)
        add_views(make_post("Last month"), 100, days_ago=20)
        add_views(make_post("This week"), 1)

        assert titles(render_widget()) == ["This week"]

    def test_only_posts_with_the_label(self, make_post):
        travel = make_post("Travel", labels=["travel"])
        add_views(travel, 1)
        add_views(make_post("Cooking", labels=["cooking"]), 50)
        make_post("Newer travel", labels=["travel"])
        configure(popular_count=5, popular_label=travel.labels.get())

        assert titles(render_widget()) == ["Travel", "Newer travel"]

    def test_never_lists_posts_readers_cannot_see(self, make_post):
        configure(popular_count=5)
        add_views(make_post("Withdrawn", status=Post.Status.DRAFT), 99)
        add_views(make_post("Later", publish_at=timezone.now() + datetime.timedelta(days=1)), 99)
        add_views(make_post("Public"), 1)

        assert titles(render_widget()) == ["Public"]

    def test_leaves_out_the_post_being_read(self, make_post):
        configure(popular_count=2, popular_exclude_current=True)
        posts = [make_post(f"Post {n}") for n in range(3)]
        for n, post in enumerate(posts):
            add_views(post, 10 - n)

        assert titles(render_widget(posts[0])) == ["Post 1", "Post 2"]
        assert titles(render_widget(posts[1])) == ["Post 0", "Post 2"]
        assert titles(render_widget()) == ["Post 0", "Post 1"]

    def test_can_keep_the_post_being_read(self, make_post):
        configure(popular_count=2, popular_exclude_current=False)
        first, second = make_post("First"), make_post("Second")
        add_views(first, 2)
        add_views(second, 1)

        assert titles(render_widget(first)) == ["First", "Second"]

    def test_snippets_and_thumbnails_when_asked(self, make_post):
        post = make_post("Pictured", featured_image=an_image_upload())
        post.refresh_from_db()
        configure(popular_show_snippet=True, popular_show_thumbnail=True)

        html = render_widget()

        assert f'<p class="popular-post__snippet">{post.snippet()}</p>' in html
        assert f'src="{post.featured_thumb.url}"' in html
        assert post.featured_thumb.name.endswith(".webp")

    def test_neither_snippets_nor_thumbnails_when_not_asked(self, make_post):
        make_post("Pictured", featured_image=an_image_upload())
        configure(popular_show_snippet=False, popular_show_thumbnail=False)

        html = render_widget()

        assert titles(html) == ["Pictured"]
        assert "popular-post__snippet" not in html
        assert "<img" not in html

    def test_each_item_carries_its_language_and_direction(self, make_post):
        make_post("Un jour", language="fr")
        make_post("يوم في تلمسان", language="ar")

        html = render_widget()

        assert '<li class="popular-post" lang="ar" dir="rtl">' in html
        assert '<li class="popular-post" lang="fr" dir="ltr">' in html

    def test_renders_nothing_on_an_empty_blog(self, db):
        assert "popular" not in render_widget()


@pytest.mark.django_db
class TestQueryBudget:
    @pytest.fixture
    def eleven_read_posts(self, make_post):
        """Ten to show, and one more to take the place of the post being read."""
        configure(popular_count=10, popular_show_snippet=True, popular_show_thumbnail=True)
        posts = []
        for n in range(11):
            post = make_post(
                f"Read {n}", labels=["popular", f"label {n}"], featured_image=an_image_upload()
            )
            add_views(post, n + 1)
            posts.append(post)
        BlogSettings.load()
        return posts

    def test_one_query_when_enough_posts_were_read_then_none(
        self, eleven_read_posts, django_assert_num_queries
    ):
        with django_assert_num_queries(1):
            html = render_widget(eleven_read_posts[-1])
        assert titles(html) == [f"Read {n}" for n in range(9, -1, -1)]
        assert html.count("<img") == 10
        assert html.count("popular-post__snippet") == 10

        with django_assert_num_queries(0):
            other = render_widget(eleven_read_posts[0])
        assert titles(other) == [f"Read {n}" for n in range(10, 0, -1)]

    def test_two_queries_when_filling_up_then_none(self, make_post, django_assert_num_queries):
        configure(popular_count=10)
        for n in range(12):
            post = make_post(f"Post {n}", featured_image=an_image_upload() if n % 2 else "")
            if n < 3:
                add_views(post, 1)
        BlogSettings.load()

        with django_assert_num_queries(2):
            html = render_widget()
        assert len(titles(html)) == 10

        with django_assert_num_queries(0):
            assert render_widget() == html


@pytest.mark.django_db
class TestCache:
    def test_new_views_show_after_the_cache_period(self, make_post, time_machine):
        time_machine.move_to(NOW, tick=False)
        configure(popular_count=1, popular_window_days=7)
        first = make_post("First", publish_at=NOW - datetime.timedelta(days=1))
        second = make_post("Second", publish_at=NOW - datetime.timedelta(days=1))
        add_views(first, 2)
        assert titles(render_widget()) == ["First"]

        add_views(second, 5, days_ago=1)
        time_machine.move_to(NOW + datetime.timedelta(minutes=4))
        assert titles(render_widget()) == ["First"]
        time_machine.move_to(NOW + datetime.timedelta(minutes=6))
        assert titles(render_widget()) == ["Second"]

    def test_unpublishing_drops_the_post_at_once(
        self, make_post, django_capture_on_commit_callbacks
    ):
        configure(popular_count=2)
        first, second = make_post("First"), make_post("Second")
        add_views(first, 3)
        add_views(second, 1)
        assert titles(render_widget()) == ["First", "Second"]

        with django_capture_on_commit_callbacks(execute=True):
            services.unpublish(Post.objects.filter(pk=first.pk))

        assert titles(render_widget()) == ["Second"]

    def test_unpublishing_from_the_admin_drops_the_post(
        self, client, an_editor, make_post, django_capture_on_commit_callbacks
    ):
        post = make_post("Withdrawn soon")
        add_views(post, 3)
        assert titles(render_widget()) == ["Withdrawn soon"]
        client.force_login(an_editor)

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("admin:blog_post_changelist"),
                {"action": "unpublish_selected", "_selected_action": [post.pk]},
            )

        assert response.status_code == 302
        assert titles(render_widget()) == []

    def test_editing_a_post_refreshes_it(self, a_post, django_capture_on_commit_callbacks):
        add_views(a_post, 1)
        assert titles(render_widget()) == [a_post.title]

        with django_capture_on_commit_callbacks(execute=True):
            a_post.title = "A new title"
            a_post.save()

        assert titles(render_widget()) == ["A new title"]

    def test_changing_the_settings_applies_at_once(self, make_post):
        for n in range(4):
            add_views(make_post(f"Post {n}"), n + 1)
        configure(popular_count=1)
        assert titles(render_widget()) == ["Post 3"]

        configure(popular_count=3)

        assert titles(render_widget()) == ["Post 3", "Post 2", "Post 1"]


@pytest.mark.django_db
class TestSidebar:
    @pytest.fixture
    def blog_with_readers(self, make_post, an_author):
        configure(popular_count=3)
        posts = [make_post(f"Post {n}", labels=["notes"]) for n in range(3)]
        for n, post in enumerate(posts):
            add_views(post, 10 - n)
        return posts

    @pytest.mark.parametrize(
        "url",
        [
            lambda posts, author: reverse("blog:home"),
            lambda posts, author: reverse("blog:label", args=["notes"]),
            lambda posts, author: author.get_absolute_url(),
            lambda posts, author: reverse("blog:search") + "?q=Post",
            lambda posts, author: reverse("blog:year", args=[posts[0].publish_at.year]),
        ],
        ids=["home", "label", "author", "search", "year"],
    )
    def test_first_widget_on_every_blog_page(self, client, blog_with_readers, an_author, url):
        html = client.get(url(blog_with_readers, an_author)).content.decode()

        assert html.count('class="widget widget--popular"') == 1
        assert html.index("widget--popular") < html.index("widget--archive")
        assert titles(html) == ["Post 0", "Post 1", "Post 2"]

    def test_the_post_page_leaves_out_the_post_being_read(self, client, blog_with_readers):
        html = client.get(blog_with_readers[0].get_absolute_url()).content.decode()

        assert html.index("widget--popular") < html.index("widget--archive")
        assert titles(html) == ["Post 1", "Post 2"]


ARABIC = (
    "كتبت هذه التدوينة بعد زيارة طويلة إلى مدينة تلمسان القديمة، حيث تتجاور المساجد والأسواق "
    "والحدائق، ويحكي كل حجر فيها قصة من قصص الأندلس والمغرب. وفي المساء جلسنا في مقهى صغير "
    "نتحدث عن الشعر والكتب والسفر حتى ساعة متأخرة من الليل."
)
FRENCH = (
    "Nous sommes partis à l'aube vers les hauts plateaux, là où le vent d'automne soulève la "
    "poussière des chemins et où les bergers rentrent leurs troupeaux avant la nuit tombée. "
    "C'était l'été indien, et personne ne voulait rentrer."
)


def assert_cut_between_words(snippet, text):
    kept = snippet.removesuffix("…")
    assert snippet.endswith("…")
    assert text.startswith(kept)
    assert 100 < len(snippet) <= 151
    assert text[len(kept)] in " ،,.;:", "cut inside a word"
    assert kept == kept.rstrip(" ،,.;:")


@pytest.mark.django_db
class TestSnippet:
    def test_arabic_is_cut_between_words(self, make_post):
        post = make_post(language="ar", excerpt=ARABIC)

        snippet = post.snippet()

        assert_cut_between_words(snippet, ARABIC)
        assert snippet == (
            "كتبت هذه التدوينة بعد زيارة طويلة إلى مدينة تلمسان القديمة، حيث تتجاور المساجد "
            "والأسواق والحدائق، ويحكي كل حجر فيها قصة من قصص الأندلس والمغرب. وفي…"
        )

    def test_french_is_cut_between_words(self, make_post):
        post = make_post(language="fr", excerpt=FRENCH)

        snippet = post.snippet()

        assert_cut_between_words(snippet, FRENCH)
        assert snippet == (
            "Nous sommes partis à l'aube vers les hauts plateaux, là où le vent d'automne "
            "soulève la poussière des chemins et où les bergers rentrent leurs…"
        )

    def test_the_body_is_used_as_one_line_without_markup(self, make_post):
        body = "<h2>Le départ</h2><p>" + FRENCH.replace(". ", ".</p><p>") + "</p>"
        post = make_post(language="fr", body=body)

        snippet = post.snippet()

        assert "<" not in snippet and "\n" not in snippet
        assert_cut_between_words(snippet, "Le départ " + FRENCH)

    def test_a_short_text_is_kept_whole(self, make_post):
        post = make_post(excerpt="  Deux   mots.\n\nEt encore  un. ")

        assert post.snippet() == "Deux mots. Et encore un."

    def test_a_bare_url_is_cut_inside(self, make_post):
        url = "https://example.org/" + "archive/" * 30
        post = make_post(excerpt=f"{url} was the address of the old blog.")

        assert post.snippet() == url[:150] + "…"

    def test_a_long_word_is_never_cut_before_its_vowel_signs(self, make_post):
        word = "بِسْمِ" * 40
        post = make_post(language="ar", excerpt=word)

        snippet = post.snippet()

        kept = snippet.removesuffix("…")
        assert word.startswith(kept)
        assert not unicodedata.combining(word[len(kept)])
        assert len(kept) >= 145
