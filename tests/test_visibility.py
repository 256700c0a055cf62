"""Drafts and future posts stay out of every public page, feed and sitemap; URLs are canonical."""

import datetime

import pytest
from django.urls import reverse

from blog import widgets
from blog.models import Post

UTC = datetime.timezone.utc
NOW = datetime.datetime(2026, 3, 15, 12, 0, tzinfo=UTC)

HIDDEN_KINDS = {
    "draft": {"status": Post.Status.DRAFT, "publish_at": NOW - datetime.timedelta(days=3)},
    "future draft": {"status": Post.Status.DRAFT, "publish_at": NOW + datetime.timedelta(days=5)},
    "scheduled": {"status": Post.Status.SCHEDULED, "publish_at": NOW + datetime.timedelta(days=5)},
    # Saving a "published" post dated in the future makes it scheduled.
    "published in the future": {
        "status": Post.Status.PUBLISHED,
        "publish_at": NOW + datetime.timedelta(hours=1),
    },
}


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def a_label():
    from blog.models import Label

    return Label.objects.create(name="Tlemcen", slug="tlemcen")


@pytest.fixture
def a_visible_post(frozen, make_post, an_author, a_label):
    return make_post(
        "Visible spring notes",
        publish_at=NOW - datetime.timedelta(days=5),
        authors=[an_author],
        labels=[a_label],
    )


@pytest.fixture(params=HIDDEN_KINDS)
def a_hidden_post(request, frozen, make_post, an_author, a_label):
    return make_post(
        "Hidden harbour notes", authors=[an_author], labels=[a_label], **HIDDEN_KINDS[request.param]
    )


def public_urls(label, author):
    """Every public listing, feed and sitemap that could show a post of March 2026."""
    return [
        reverse("blog:home"),
        reverse("blog:label", args=[label.slug]),
        reverse("blog:author", args=[author.slug]),
        reverse("blog:year", args=[2026]),
        reverse("blog:month", args=[2026, 3]),
        reverse("blog:search") + "?q=notes",
        reverse("blog:feed-rss"),
        reverse("blog:feed-atom"),
        reverse("blog:label-feed-rss", args=[label.slug]),
        reverse("blog:label-feed-atom", args=[label.slug]),
        reverse("blog:author-feed-rss", args=[author.slug]),
        reverse("blog:author-feed-atom", args=[author.slug]),
        # The sitemap index lists sections; posts are in the pages of the posts section.
        "/sitemap-posts.xml",
    ]


@pytest.mark.django_db
class TestHiddenPosts:
    def test_the_post_page_is_404(self, client, a_hidden_post):
        assert client.get(a_hidden_post.get_absolute_url()).status_code == 404

    def test_a_wrong_month_url_is_404_not_a_redirect(self, client, a_hidden_post):
        """A redirect would tell strangers that an unpublished slug exists."""
        url = reverse("blog:post", args=[2025, 1, a_hidden_post.slug])
        assert client.get(url).status_code == 404

    def test_absent_from_every_listing_feed_and_sitemap(
        self, client, a_visible_post, a_hidden_post, a_label, an_author
    ):
        for url in public_urls(a_label, an_author):
            response = client.get(url)
            content = response.content.decode()
            assert response.status_code == 200, url
            assert a_visible_post.slug in content, url
            assert a_hidden_post.slug not in content, url
            assert a_hidden_post.title not in content, url

    def test_search_does_not_find_it(self, client, a_visible_post, a_hidden_post):
        response = client.get(reverse("blog:search"), {"q": "harbour"})
        assert response.status_code == 200
        assert list(response.context["posts"]) == []
        assert a_hidden_post.title not in response.content.decode()

    def test_not_linked_as_the_newer_post(self, client, a_visible_post, a_hidden_post):
        response = client.get(a_visible_post.get_absolute_url())
        assert response.status_code == 200
        assert a_hidden_post.title not in response.content.decode()

    def test_not_counted_by_the_sidebar_widgets(self, a_visible_post, a_hidden_post):
        (year, months, year_count), *others = widgets.archive_months()
        assert (year, year_count, others) == (2026, 1, [])
        assert [(month.month, count) for month, count in months] == [(3, 1)]
        assert [(label.name, label.post_count) for label in widgets.labels_in_use()] == [
            ("Tlemcen", 1)
        ]


@pytest.mark.django_db
class TestVisiblePosts:
    def test_a_published_post_is_shown(self, client, a_visible_post):
        response = client.get(a_visible_post.get_absolute_url())
        assert response.status_code == 200
        assert response.context["post"] == a_visible_post

    def test_a_scheduled_post_whose_time_has_come_is_shown(self, client, frozen, make_post):
        post = make_post(
            "Market day", status=Post.Status.SCHEDULED, publish_at=NOW - datetime.timedelta(hours=1)
        )
        assert client.get(post.get_absolute_url()).status_code == 200
        assert post.title in client.get("/").content.decode()

    def test_the_queryset_is_the_one_definition(self, frozen, make_post):
        visible = {
            make_post("Past published", status=Post.Status.PUBLISHED),
            make_post("Past scheduled", status=Post.Status.SCHEDULED),
        }
        for index, fields in enumerate(HIDDEN_KINDS.values()):
            make_post(f"Hidden {index}", **fields)
        assert set(Post.objects.published()) == visible


@pytest.mark.django_db
class TestCanonicalUrls:
    @pytest.mark.parametrize(
        ("year", "month"), [(2025, 3), (2026, 4), (2026, 1), (2027, 12)], ids=str
    )
    def test_a_wrong_year_or_month_redirects_permanently(self, client, a_visible_post, year, month):
        response = client.get(reverse("blog:post", args=[year, month, a_visible_post.slug]))
        assert response.status_code == 301
        assert (
            response["Location"]
            == a_visible_post.get_absolute_url()
            == (f"/2026/03/{a_visible_post.slug}/")
        )

    @pytest.mark.parametrize(
        "path",
        [
            "/2026/13/",
            "/2026/00/",
            "/26/03/",
            "/2026/3/x/",
            "/0000/",
            "/0000/01/",
            "/0000/01/x/",
            "/0001/",
            "/0001/01/",
            "/9999/",
            "/9999/12/",
        ],
    )
    @pytest.mark.parametrize("zone", ["UTC", "Asia/Riyadh", "America/Montreal"])
    def test_impossible_dates_are_404(self, client, settings, a_visible_post, path, zone):
        """Years at the ends of the calendar cannot be bounded in every time zone."""
        settings.TIME_ZONE = zone
        assert client.get(path).status_code == 404

    @pytest.mark.parametrize("zone", ["Asia/Riyadh", "America/Montreal"])
    def test_the_years_within_the_calendar_are_archives(self, client, settings, db, zone):
        settings.TIME_ZONE = zone
        for path in ("/0002/", "/0002/01/", "/9998/", "/9998/12/"):
            assert client.get(path).status_code == 200, path

    def test_an_unknown_slug_is_404(self, client, a_visible_post):
        assert client.get("/2026/03/no-such-post/").status_code == 404

    def test_the_url_month_is_the_blogs_local_month(self, client, settings, make_post):
        """Published late on 31 January UTC is 1 February in Riyadh: URL and archives agree."""
        settings.TIME_ZONE = "Asia/Riyadh"
        post = make_post(
            "Midnight in Riyadh", publish_at=datetime.datetime(2026, 1, 31, 22, 30, tzinfo=UTC)
        )
        assert post.get_absolute_url() == f"/2026/02/{post.slug}/"
        assert client.get(post.get_absolute_url()).status_code == 200
        assert client.get(f"/2026/01/{post.slug}/")["Location"] == post.get_absolute_url()
        assert list(client.get("/2026/02/").context["posts"]) == [post]
        assert list(client.get("/2026/01/").context["posts"]) == []
        [(year, [(month, count)], _total)] = widgets.archive_months()
        assert (year, month.month, count) == (2026, 2, 1)
