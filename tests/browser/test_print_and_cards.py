"""Printing a post gives its text with each link's address, without the site's navigation,
sidebar, forms or buttons, and comments only when the reader asks; and on the Arabic home a
French post's card keeps one alignment from title to meta line."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.browser

SHOWN = "s => [...document.querySelectorAll(s)].some(e => getComputedStyle(e).display !== 'none')"


@pytest.fixture
def a_discussed_post(make_post, make_comment):
    post = make_post(
        "A day in Tlemcen",
        body='<p>Read <a href="https://example.org/tlemcen">the old guide</a> first.</p>',
    )
    make_comment("A first comment.", post=post)
    return post


def test_print_shows_the_text_and_link_addresses_only(page, a_discussed_post):
    page.goto(a_discussed_post.get_absolute_url())
    page.emulate_media(media="print")
    for hidden in (".site-nav", ".sidebar", "form", "button", ".post-navigation", "#comments"):
        assert not page.evaluate(SHOWN, hidden), hidden
    assert page.evaluate(SHOWN, ".post__body")
    after = page.evaluate(
        "getComputedStyle(document.querySelector('.post__body a'), '::after').content"
    )
    assert "https://example.org/tlemcen" in after


def test_comments_print_when_the_reader_asks(page, a_discussed_post):
    page.goto(a_discussed_post.get_absolute_url())
    page.locator(".print-comments input").check()
    page.emulate_media(media="print")
    assert page.evaluate(SHOWN, "#comments")
    assert not page.evaluate(SHOWN, "#comments form")


def test_a_french_card_on_the_arabic_home_keeps_one_alignment(
    page, context, live_server, make_post
):
    make_post("Un matin à Oran", language="fr")
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "ar", "url": live_server.url}]
    )
    page.goto("/")
    card = page.locator("article.post-summary[lang=fr]")
    edges = [
        card.locator(selector).evaluate(
            "e => { const r = document.createRange(); r.selectNodeContents(e);"
            " return Math.round(r.getBoundingClientRect().left); }"
        )
        for selector in (".post-summary__title", ".post-meta")
    ]
    assert edges[0] == edges[1], "title and meta line start at the same edge"


def test_the_quoted_comment_takes_arabic_quotation_marks(
    page, context, live_server, a_post, make_comment
):
    from comments.settings import CommentSettings

    comment_settings = CommentSettings.load()
    comment_settings.max_depth = 1
    comment_settings.save()
    first = make_comment("أول")
    second = make_comment("ثانٍ", reply_to=first, guest_name="Omar")
    make_comment("ثالث", reply_to=second, guest_name="Anna")
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "ar", "url": live_server.url}]
    )
    page.goto(a_post.get_absolute_url())
    quote = page.locator(".comment__context q")
    assert quote.evaluate("q => getComputedStyle(q).quotes") == '"«" "»"'
