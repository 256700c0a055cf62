"""A reader opens a post in a real browser: the page sends one beacon and the post gains a view."""

import os

import pytest

from blog.models import PostDailyViews

# Playwright's sync API runs an event loop in this thread; the database calls are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
sync_api = pytest.importorskip("playwright.sync_api")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Headless Chromium names itself "HeadlessChrome", which the beacon ignores like any robot;
# a reader's browser says "Chrome".
READER_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def chromium():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def reader_page(chromium):
    context = chromium.new_context(user_agent=READER_USER_AGENT, locale="ar")
    page = context.new_page()
    yield page
    context.close()


def is_beacon(response):
    return "/views/" in response.url and response.request.method == "POST"


class TestReaderOpensAPost:
    def test_the_page_sends_one_beacon_and_the_post_gains_one_view(
        self, live_server, reader_page, a_post
    ):
        with reader_page.expect_response(is_beacon) as beacon:
            reader_page.goto(live_server.url + a_post.get_absolute_url())

        assert beacon.value.status == 204
        assert beacon.value.url == live_server.url + f"/views/{a_post.pk}/"
        assert list(PostDailyViews.objects.values_list("post", "views")) == [(a_post.pk, 1)]

    def test_reading_again_the_same_day_adds_nothing(self, live_server, reader_page, a_post):
        url = live_server.url + a_post.get_absolute_url()
        with reader_page.expect_response(is_beacon):
            reader_page.goto(url)

        with reader_page.expect_response(is_beacon) as again:
            reader_page.reload()

        assert again.value.status == 204
        assert PostDailyViews.objects.get(post=a_post).views == 1
