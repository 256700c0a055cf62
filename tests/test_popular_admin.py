"""Editors see view counts in the post list, sort by them, and read a stats page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from blog.admin import PostAdmin
from blog.models import Author, BlogSettings, PostDailyViews, PostViewTotal

CHANGELIST_URL = reverse("admin:blog_post_changelist")
STATS_URL = reverse("admin:blog_post_stats")

pytestmark = pytest.mark.usefixtures("english")


def add_views(post, views, days_ago=0):
    PostDailyViews.objects.create(
        post=post, day=timezone.localdate() - datetime.timedelta(days=days_ago), views=views
    )


@pytest.fixture
def read_posts(make_post):
    """Three posts whose order depends on the period: week, month or all time."""
    week, month, ever = make_post("Week"), make_post("Month"), make_post("Ever")
    add_views(week, 8)
    add_views(month, 3)
    add_views(month, 20, days_ago=20)
    add_views(ever, 1, days_ago=60)
    PostViewTotal.objects.create(post=ever, views=500)
    return week, month, ever


def column(name):
    """The changelist's `o` index of a column: the action checkbox comes first."""
    return 1 + PostAdmin.list_display.index(name)


def listed(response):
    return [
        (post.title, post.views_7d, post.views_30d, post.views_all)
        for post in response.context["cl"].result_list
    ]


@pytest.mark.django_db
class TestChangelist:
    def test_shows_the_three_counts(self, client, an_editor, read_posts):
        client.force_login(an_editor)

        response = client.get(CHANGELIST_URL)

        assert response.status_code == 200
        assert sorted(listed(response)) == [
            ("Ever", 0, 0, 501),
            ("Month", 3, 23, 23),
            ("Week", 8, 8, 8),
        ]
        html = response.content.decode()
        for heading in ("Views (7 days)", "Views (30 days)", "Views (all time)"):
            assert heading in html

    @pytest.mark.parametrize(
        "name,expected",
        [
            ("views_7d", ["Week", "Month", "Ever"]),
            ("views_30d", ["Month", "Week", "Ever"]),
            ("views_all", ["Ever", "Month", "Week"]),
        ],
    )
    def test_sorts_by_each_count(self, client, an_editor, read_posts, name, expected):
        client.force_login(an_editor)

        response = client.get(CHANGELIST_URL, {"o": f"-{column(name)}"})

        assert [row[0] for row in listed(response)] == expected
        ascending = client.get(CHANGELIST_URL, {"o": str(column(name))})
        assert [row[0] for row in listed(ascending)] == expected[::-1]

    def test_authors_see_counts_of_their_own_posts_only(
        self, client, an_author_user, read_posts, make_post
    ):
        own = make_post("Mine", authors=[Author.objects.get(user=an_author_user)])
        add_views(own, 4)
        client.force_login(an_author_user)

        response = client.get(CHANGELIST_URL, {"o": f"-{column('views_7d')}"})

        assert listed(response) == [("Mine", 4, 4, 4)]

    def test_links_to_the_stats_page(self, client, an_editor):
        client.force_login(an_editor)

        html = client.get(CHANGELIST_URL).content.decode()

        assert f'href="{STATS_URL}"' in html


def stats_rows(response):
    with translation.override("en"):
        return {
            str(window["title"]): [(post.title, post.view_count) for post in window["posts"]]
            for window in response.context["windows"]
        }


@pytest.mark.django_db
class TestStatsPage:
    def test_top_posts_per_period(self, client, an_editor, read_posts):
        BlogSettings.objects.update_or_create(pk=1, defaults={"popular_window_days": 90})
        client.force_login(an_editor)

        response = client.get(STATS_URL)

        assert response.status_code == 200
        assert stats_rows(response) == {
            "Last 7 days": [("Week", 8), ("Month", 3)],
            "Last 30 days": [("Month", 23), ("Week", 8)],
            "Last 90 days (the widget's period)": [("Month", 23), ("Week", 8), ("Ever", 1)],
            "All time": [("Ever", 501), ("Month", 23), ("Week", 8)],
        }
        assert [window["total"] for window in response.context["windows"]] == [11, 31, 32, 532]
        html = response.content.decode()
        assert "532 views in this period, all posts together." in html
        assert reverse("admin:blog_post_change", args=[read_posts[2].pk]) in html

    def test_at_most_ten_posts_per_period(self, client, an_editor, make_post):
        for n in range(12):
            add_views(make_post(f"Post {n}"), n + 1)
        client.force_login(an_editor)

        response = client.get(STATS_URL)

        for window in response.context["windows"]:
            assert [post.title for post in window["posts"]] == [
                f"Post {n}" for n in range(11, 1, -1)
            ]

    def test_says_so_when_nothing_was_read(self, client, an_editor, a_post):
        client.force_login(an_editor)

        response = client.get(STATS_URL)

        assert response.content.decode().count("No views counted in this period yet.") == 3

    def test_authors_see_their_own_posts(self, client, an_author_user, read_posts, make_post):
        own = make_post("Mine", authors=[Author.objects.get(user=an_author_user)])
        add_views(own, 2, days_ago=40)
        client.force_login(an_author_user)

        response = client.get(STATS_URL)

        assert stats_rows(response)["All time"] == [("Mine", 2)]
        assert stats_rows(response)["Last 7 days"] == []

    def test_readers_are_sent_to_log_in(self, client, django_user_model):
        response = client.get(STATS_URL)
        assert response.status_code == 302

        client.force_login(django_user_model.objects.create_user("reader", password="r-pass-1"))
        response = client.get(STATS_URL)
        assert response.status_code == 302

    def test_staff_without_post_permissions_are_refused(self, client, django_user_model):
        client.force_login(
            django_user_model.objects.create_user("helper", password="h-pass-1", is_staff=True)
        )

        assert client.get(STATS_URL).status_code == 403
