"""A reader opens a post in a real browser: the page sends one beacon and the post gains a view."""

import pytest

from blog.models import PostDailyViews

pytestmark = pytest.mark.browser

# Headless Chromium names itself "HeadlessChrome", which the beacon ignores like any robot;
# a reader's browser says "Chrome".
READER_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


@pytest.fixture
def browser_context_args():
    return {"viewport": {"width": 1280, "height": 800}, "user_agent": READER_USER_AGENT}


def is_beacon(response):
    return "/views/" in response.url and response.request.method == "POST"


class TestReaderOpensAPost:
    def test_the_page_sends_one_beacon_and_the_post_gains_one_view(self, page, a_post):
        with page.expect_response(is_beacon) as beacon:
            page.goto(a_post.get_absolute_url())

        assert beacon.value.status == 204
        assert beacon.value.url.endswith(f"/views/{a_post.pk}/")
        assert list(PostDailyViews.objects.values_list("post", "views")) == [(a_post.pk, 1)]

    def test_reading_again_the_same_day_adds_nothing(self, page, a_post):
        with page.expect_response(is_beacon):
            page.goto(a_post.get_absolute_url())

        with page.expect_response(is_beacon) as again:
            page.reload()

        assert again.value.status == 204
        assert PostDailyViews.objects.get(post=a_post).views == 1
