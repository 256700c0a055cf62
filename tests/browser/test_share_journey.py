"""A reader shares a post: the copy button copies its address, the browser's own share sheet is
offered only where it exists, and the page asks nothing of any other site."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_context_args():
    return {"viewport": {"width": 1000, "height": 800}}


class TestSharingAPost:
    def test_copy_link_and_nothing_loaded_from_elsewhere(
        self, page, context, live_server, make_post
    ):
        post = make_post("Tram stops of Algiers", body="<h2>A</h2><p>x</p>" * 3)
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
        context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
        )
        hosts = set()
        page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
        page.goto(post.get_absolute_url())

        copy = page.get_by_role("button", name="Copy link")
        copy.click()
        expect(page.locator("[data-share-status]")).to_have_text("Link copied.")
        assert (
            page.evaluate("navigator.clipboard.readText()")
            == live_server.url + post.get_absolute_url()
        )

        # Chromium on Linux has no share sheet: the button stays hidden, the links remain.
        has_share = page.evaluate("typeof navigator.share === 'function'")
        assert page.locator("[data-share-native]").is_visible() is has_share
        assert page.locator(".share__link").count() == 6
        assert hosts == {urlsplit(live_server.url).netloc}

    def test_the_table_of_contents_moves_to_its_heading(self, page, make_post):
        body = "".join(f"<h2>Part {n}</h2>" + "<p>Words.</p>" * 40 for n in range(1, 4))
        post = make_post("Three parts", body=body)
        page.goto(post.get_absolute_url())
        page.locator(".toc a", has_text="Part 3").click()
        page.wait_for_url("**#part-3")
        top = page.evaluate("document.getElementById('part-3').getBoundingClientRect().top")
        assert 0 <= top < 100
