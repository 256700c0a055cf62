"""A keyboard reader on an Arabic post: skip link, right-to-left page, switch to English."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ARABIC_BODY = (
    "<h2>الصباح</h2><p>في الصباح الباكر امتلأ الميناء بالقوارب العائدة من البحر.</p>"
    '<p>ثم <a href="https://example.org/">رابط داخل المقال</a> يجب ألا يسبق رابط التخطي.</p>'
)


def active_element(page):
    return page.evaluate(
        """() => {
            const element = document.activeElement;
            return {
                tag: element.tagName.toLowerCase(),
                id: element.id,
                href: element.getAttribute("href"),
                className: element.className,
            };
        }"""
    )


@pytest.fixture
def an_arabic_post(make_post):
    return make_post("صباح في ميناء وهران", language="ar", body=ARABIC_BODY)


class TestKeyboardReaderOnAnArabicPost:
    def test_the_page_is_right_to_left(self, page, an_arabic_post):
        page.goto(an_arabic_post.get_absolute_url())
        html = page.locator("html")
        assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"

    def test_tab_once_focuses_the_skip_link_and_enter_moves_to_main(self, page, an_arabic_post):
        page.goto(an_arabic_post.get_absolute_url())
        skip_link = page.locator("a.skip-link")
        hidden_box = skip_link.bounding_box()
        assert hidden_box["y"] + hidden_box["height"] <= 0, "off screen until focused"

        page.keyboard.press("Tab")
        assert active_element(page) == {
            "tag": "a",
            "id": "",
            "href": "#main",
            "className": "skip-link",
        }
        box = skip_link.bounding_box()
        assert box["y"] >= 0, "shown when focused"
        # In a right-to-left page the link sits at the start of the line: the right.
        assert box["x"] > page.viewport_size["width"] / 2

        page.keyboard.press("Enter")
        expect(page.locator("#main")).to_be_focused()
        assert active_element(page)["tag"] == "main"
        assert page.url.endswith("#main")

        # The next Tab continues from the main content, not from the top of the page.
        page.keyboard.press("Tab")
        assert page.evaluate("document.querySelector('main').contains(document.activeElement)")

    def test_switching_to_english_turns_the_page_left_to_right(self, page, an_arabic_post):
        url = an_arabic_post.get_absolute_url()
        page.goto(url)
        page.locator(".language-switcher a[hreflang='en']").click()
        page.wait_for_load_state()

        assert page.url.endswith(url)
        html = page.locator("html")
        assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("en", "ltr")
        assert page.evaluate("getComputedStyle(document.body).direction") == "ltr"
        # The post itself is still Arabic, and still reads right to left.
        article = page.locator("article.post")
        assert (article.get_attribute("lang"), article.get_attribute("dir")) == ("ar", "rtl")
        assert (
            page.locator(".language-switcher a[aria-current='true']").get_attribute("hreflang")
            == "en"
        )

        page.keyboard.press("Tab")
        assert active_element(page)["className"] == "skip-link"
        box = page.locator("a.skip-link").bounding_box()
        assert box["x"] < page.viewport_size["width"] / 2, "at the left in a left-to-right page"

    def test_the_choice_is_remembered_on_the_next_page(self, page, an_arabic_post):
        page.goto(an_arabic_post.get_absolute_url())
        page.locator(".language-switcher a[hreflang='en']").click()
        page.wait_for_load_state()
        page.goto("/")
        assert page.locator("html").get_attribute("dir") == "ltr"
