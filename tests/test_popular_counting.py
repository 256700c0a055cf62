"""The view beacon: what it counts, what it ignores, and how it answers hostile requests."""

import datetime

import pytest
import time_machine
from django.db import OperationalError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from blog import services
from blog.models import BlogSettings, Post, PostDailyViews

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"
READERS = [
    FIREFOX,
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
    "SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
]
BOTS = [
    "",
    "   ",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 (compatible; YandexBot/3.0)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "HeadlessChrome/131.0.0.0 Safari/537.36",
    "curl/8.11.0",
    "Wget/1.25.0",
    "python-requests/2.32.3",
    "Feedly/1.0 (+http://www.feedly.com/fetcher.html)",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
]


def beacon_url(post_or_id):
    return reverse("blog:count-view", args=[getattr(post_or_id, "pk", post_or_id)])


def views_of(post):
    return sum(PostDailyViews.objects.filter(post=post).values_list("views", flat=True))


@pytest.fixture
def beacon(client):
    """beacon(post, **headers): POST the beacon as a reader's browser would."""

    def send(post, user_agent=FIREFOX, **headers):
        return client.post(beacon_url(post), HTTP_USER_AGENT=user_agent, **headers)

    return send


@pytest.mark.django_db
class TestCounting:
    def test_a_reader_is_counted_once(self, beacon, a_post):
        response = beacon(a_post)

        assert response.status_code == 204
        assert response.content == b""
        assert not response.templates
        row = PostDailyViews.objects.get()
        assert (row.post, row.day, row.views) == (a_post, timezone.localdate(), 1)

    @pytest.mark.parametrize("user_agent", READERS)
    def test_browsers_of_readers_are_counted(self, beacon, a_post, user_agent):
        assert beacon(a_post, user_agent).status_code == 204
        assert views_of(a_post) == 1

    def test_the_same_browser_counts_once_a_day_per_post(self, beacon, make_post):
        first, second = make_post("First"), make_post("Second")
        for _ in range(3):
            beacon(first)
        beacon(second)

        assert views_of(first) == 1
        assert views_of(second) == 1

    def test_the_same_browser_counts_again_the_next_day(self, beacon, a_post):
        with time_machine.travel(timezone.now(), tick=False) as clock:
            beacon(a_post)
            beacon(a_post)
            clock.shift(datetime.timedelta(days=1))
            beacon(a_post)

        assert list(PostDailyViews.objects.values_list("views", flat=True)) == [1, 1]

    def test_different_browsers_and_addresses_count_separately(self, beacon, a_post):
        beacon(a_post, READERS[0])
        beacon(a_post, READERS[1])
        beacon(a_post, READERS[0], REMOTE_ADDR="192.0.2.44")
        beacon(a_post, READERS[0], HTTP_ACCEPT_LANGUAGE="ar,fr;q=0.8")

        assert views_of(a_post) == 4

    def test_signed_in_readers_who_are_not_staff_are_counted(
        self, client, beacon, a_post, django_user_model
    ):
        client.force_login(django_user_model.objects.create_user("leila", password="x-pass-1"))

        beacon(a_post)

        assert views_of(a_post) == 1

    def test_a_csrf_checking_client_still_counts(self, a_post):
        client = Client(enforce_csrf_checks=True)

        response = client.post(beacon_url(a_post), HTTP_USER_AGENT=FIREFOX)

        assert response.status_code == 204
        assert views_of(a_post) == 1

    def test_a_scheduled_post_whose_time_has_come_is_counted(self, beacon, make_post):
        post = make_post(status=Post.Status.SCHEDULED)

        assert beacon(post).status_code == 204
        assert views_of(post) == 1

    def test_a_view_is_one_statement_once_the_post_has_a_row_today(self, beacon, a_post):
        beacon(a_post, READERS[0])
        with CaptureQueriesContext(connection) as queries:
            assert beacon(a_post, READERS[1]).status_code == 204

        # The UPDATE itself checks the post is published: no lookup before it.
        assert [query["sql"].split()[0] for query in queries.captured_queries] == ["UPDATE"]
        assert views_of(a_post) == 2

    def test_the_first_view_of_the_day_looks_the_post_up_and_inserts(self, beacon, a_post):
        BlogSettings.load()
        with CaptureQueriesContext(connection) as queries:
            assert beacon(a_post).status_code == 204

        statements = [query["sql"].split()[0] for query in queries.captured_queries]
        assert statements[:2] == ["UPDATE", "SELECT"]
        assert "INSERT" in statements
        assert views_of(a_post) == 1

    def test_a_post_unpublished_after_its_first_view_is_404_and_not_counted(self, beacon, a_post):
        beacon(a_post, READERS[0])
        Post.objects.filter(pk=a_post.pk).update(status=Post.Status.DRAFT)

        assert beacon(a_post, READERS[1]).status_code == 404
        assert views_of(a_post) == 1
        # Not marked as seen: once the post is back, the same reader counts.
        Post.objects.filter(pk=a_post.pk).update(status=Post.Status.PUBLISHED)
        assert beacon(a_post, READERS[1]).status_code == 204
        assert views_of(a_post) == 2


@pytest.mark.django_db
class TestIgnored:
    @pytest.mark.parametrize("user_agent", BOTS)
    def test_bots(self, beacon, a_post, user_agent):
        assert beacon(a_post, user_agent).status_code == 204
        assert views_of(a_post) == 0

    def test_no_user_agent_at_all(self, client, a_post):
        assert client.post(beacon_url(a_post)).status_code == 204
        assert views_of(a_post) == 0

    def test_staff_reading_their_blog(self, client, beacon, a_post, an_editor):
        client.force_login(an_editor)

        assert beacon(a_post).status_code == 204
        assert views_of(a_post) == 0

    @pytest.mark.parametrize(
        "headers",
        [
            {"HTTP_SEC_FETCH_SITE": "cross-site"},
            {"HTTP_SEC_FETCH_SITE": "same-site"},
            {"HTTP_SEC_FETCH_SITE": "nonsense"},
            {"HTTP_ORIGIN": "https://elsewhere.example"},
            {"HTTP_ORIGIN": "http://testserver.elsewhere.example"},
        ],
    )
    def test_beacons_from_other_sites(self, beacon, a_post, headers):
        assert beacon(a_post, **headers).status_code == 204
        assert views_of(a_post) == 0

    @pytest.mark.parametrize(
        "headers",
        [
            {"HTTP_SEC_FETCH_SITE": "same-origin"},
            {"HTTP_ORIGIN": "http://testserver"},
            {"HTTP_ORIGIN": "null"},
        ],
    )
    def test_beacons_from_the_blog_itself_count(self, beacon, a_post, headers):
        assert beacon(a_post, **headers).status_code == 204
        assert views_of(a_post) == 1


@pytest.mark.django_db
class TestRefused:
    @pytest.mark.parametrize("method", ["get", "head", "put", "patch", "delete", "options"])
    def test_anything_but_post_is_405(self, client, a_post, method):
        response = getattr(client, method)(beacon_url(a_post), HTTP_USER_AGENT=FIREFOX)

        assert response.status_code == 405
        assert PostDailyViews.objects.count() == 0

    @pytest.mark.parametrize(
        "fields",
        [
            {"status": Post.Status.DRAFT},
            {
                "status": Post.Status.SCHEDULED,
                "publish_at": timezone.now() + timezone.timedelta(days=2),
            },
        ],
        ids=["draft", "scheduled-later"],
    )
    def test_posts_readers_cannot_see_are_404(self, beacon, make_post, fields):
        post = make_post(**fields)

        assert beacon(post).status_code == 404
        assert PostDailyViews.objects.count() == 0

    @pytest.mark.parametrize(
        "path",
        [
            "/views/0/",
            "/views/987654/",
            "/views/9223372036854775807/",
            "/views/9223372036854775808/",
            "/views/99999999999999999999999999999999999999/",
            "/views/-1/",
            "/views/1.5/",
            "/views/abc/",
            "/views/%00/",
            "/views/١٢/",
            "/views/",
        ],
    )
    def test_garbage_ids_are_404(self, client, a_post, path):
        response = client.post(path, HTTP_USER_AGENT=FIREFOX)

        assert response.status_code == 404
        assert PostDailyViews.objects.count() == 0


@pytest.mark.django_db
class TestGarbage:
    """Hostile requests never get a 500 and never count more than one view."""

    def test_a_huge_body_is_never_read(self, client, a_post):
        response = client.post(
            beacon_url(a_post),
            data=b"x" * (12 * 1024 * 1024),
            content_type="application/octet-stream",
            HTTP_USER_AGENT=FIREFOX,
        )

        assert response.status_code == 204
        assert views_of(a_post) == 1

    @pytest.mark.parametrize(
        "body,content_type",
        [
            ("{not json", "application/json"),
            ("--no-boundary\r\n\r\n", "multipart/form-data"),
            ("a=%ZZ&&&=", "application/x-www-form-urlencoded"),
            ("", "text/plain;charset=nonsense-8"),
        ],
    )
    def test_malformed_bodies(self, client, a_post, body, content_type):
        response = client.post(
            beacon_url(a_post), data=body, content_type=content_type, HTTP_USER_AGENT=FIREFOX
        )

        assert response.status_code == 204
        assert views_of(a_post) == 1

    @pytest.mark.parametrize(
        "headers",
        [
            {"HTTP_USER_AGENT": "Mozilla/5.0 " + "ü€😀" * 3000},
            {"HTTP_USER_AGENT": "Mozilla/5.0 \x00\x01\x7f"},
            {"HTTP_USER_AGENT": FIREFOX, "HTTP_ACCEPT_LANGUAGE": "🙂" * 5000},
            {"HTTP_USER_AGENT": FIREFOX, "HTTP_COOKIE": "sessionid=garbage; =; ;;x"},
            {"HTTP_USER_AGENT": FIREFOX, "HTTP_COOKIE": "sessionid=" + "a" * 5000},
            {"HTTP_USER_AGENT": FIREFOX, "REMOTE_ADDR": ""},
            {"HTTP_USER_AGENT": FIREFOX, "REMOTE_ADDR": "not an address"},
            {"HTTP_USER_AGENT": FIREFOX, "HTTP_SEC_FETCH_SITE": ""},
            {"HTTP_USER_AGENT": FIREFOX, "HTTP_ORIGIN": "::::"},
        ],
    )
    def test_odd_headers(self, client, a_post, headers):
        response = client.post(beacon_url(a_post), **headers)

        assert response.status_code == 204
        assert views_of(a_post) <= 1

    def test_a_host_the_site_does_not_serve_is_400(self, client, a_post):
        response = client.post(beacon_url(a_post), HTTP_USER_AGENT=FIREFOX, HTTP_HOST="evil..")

        assert response.status_code == 400
        assert views_of(a_post) == 0

    def test_an_overloaded_database_is_503_and_the_reader_can_retry(
        self, beacon, a_post, monkeypatch
    ):
        real_add_view = services._add_published_view

        def locked(*args, **kwargs):
            raise OperationalError("database is locked")

        monkeypatch.setattr(services, "_add_published_view", locked)
        response = beacon(a_post)
        assert response.status_code == 503
        assert response["Retry-After"] == "60"

        monkeypatch.setattr(services, "_add_published_view", real_add_view)
        assert beacon(a_post).status_code == 204
        assert views_of(a_post) == 1


@pytest.mark.django_db
class TestPostPage:
    def test_reading_a_post_page_writes_nothing(self, client, a_post):
        BlogSettings.load()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(a_post.get_absolute_url(), HTTP_USER_AGENT=FIREFOX)

        assert response.status_code == 200
        writes = [
            query["sql"]
            for query in queries.captured_queries
            if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        ]
        assert writes == []
        assert PostDailyViews.objects.count() == 0

    def test_the_post_page_loads_the_beacon_script(self, client, a_post):
        html = client.get(a_post.get_absolute_url()).content.decode()

        assert "js/view-beacon.js" in html
        assert f'data-beacon-url="{beacon_url(a_post)}"' in html

    def test_a_staff_preview_sends_no_beacon(self, client, make_post, an_editor):
        client.force_login(an_editor)
        for post in (make_post("Published"), make_post("Draft", status=Post.Status.DRAFT)):
            response = client.get(reverse("blog:preview", args=[post.pk]))

            assert response.status_code == 200
            assert "view-beacon.js" not in response.content.decode()


@pytest.mark.django_db
def test_the_sql_twin_of_published_agrees_with_the_queryset(make_post):
    """The beacon's UPDATE checks `published_sql()`; it must select what `published()` does."""
    now = timezone.now()
    for status in Post.Status:
        for kind in Post.Kind:
            for when in (now - datetime.timedelta(minutes=1), now + datetime.timedelta(days=1)):
                post = make_post(f"{status} {kind} {when:%d}", status=status, publish_at=when)
                Post.objects.filter(pk=post.pk).update(kind=kind)
    condition, params = Post.objects.published_sql("post")
    table = connection.ops.quote_name(Post._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT post.id FROM {table} post WHERE {condition}", params)
        selected = {row[0] for row in cursor.fetchall()}

    assert selected == set(Post.objects.published().values_list("pk", flat=True))
    assert len(selected) == 2  # scheduled and published posts whose time has come
