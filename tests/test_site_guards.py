"""Whole-site guards: every public page, in every language, has one <h1>, `<html lang dir>`,
the skip link as its first focusable element and the page landmarks."""

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views import defaults

from tests.markup import parse

DIRECTIONS = {"ar": "rtl", "fr": "ltr", "en": "ltr"}


@pytest.fixture
def site(make_post, make_author):
    """A small blog with something on every public page."""
    author = make_author("Salima Benali", bio="Writes about cities.")
    post = make_post("Morning in Constantine", authors=[author], labels=["Cities", "مدن"])
    make_post("Evening in Annaba", authors=[author], labels=["Cities"])
    return post


def public_pages(post):
    local = post.publish_at
    return {
        "home": reverse("blog:home"),
        "post": post.get_absolute_url(),
        "label": reverse("blog:label", args=["cities"]),
        "arabic label": reverse("blog:label", args=["مدن"]),
        "author": post.byline_authors[0].get_absolute_url(),
        "year": reverse("blog:year", args=[local.year]),
        "month": reverse("blog:month", args=[local.year, local.month]),
        "search": reverse("blog:search") + "?q=Constantine",
        "empty search": reverse("blog:search"),
        "search without results": reverse("blog:search") + "?q=nothing+matches",
        "404": "/no/such/page/",
    }


PAGES = [
    "home",
    "post",
    "label",
    "arabic label",
    "author",
    "year",
    "month",
    "search",
    "empty search",
    "search without results",
    "404",
]


def get_page(client, url, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == (404 if url.startswith("/no/") else 200), url
    return parse(response)


@pytest.mark.django_db
@pytest.mark.parametrize("language", DIRECTIONS)
@pytest.mark.parametrize("page", PAGES)
class TestEveryPublicPage:
    def test_has_exactly_one_h1(self, client, site, page, language):
        document = get_page(client, public_pages(site)[page], language)
        headings = document.find_all("h1")
        assert len(headings) == 1, headings
        assert headings[0].text

    def test_html_carries_the_language_and_its_direction(self, client, site, page, language):
        html = get_page(client, public_pages(site)[page], language).find("html")
        assert html.attrs["lang"] == language
        assert html.attrs["dir"] == DIRECTIONS[language]

    def test_the_first_focusable_element_is_the_skip_link_to_main(
        self, client, site, page, language
    ):
        document = get_page(client, public_pages(site)[page], language)
        body = document.find("body")
        first = next(element for element in body.iter() if element.is_focusable)
        assert first.tag == "a" and first.has_class("skip-link")
        assert first.attrs["href"] == "#main"
        with translation.override(language):
            assert first.text == translation.gettext("Skip to main content")
        [target] = document.find_all(id="main")
        assert target.tag == "main"
        assert target.attrs.get("tabindex") == "-1"

    def test_has_the_page_landmarks(self, client, site, page, language):
        document = get_page(client, public_pages(site)[page], language)
        assert len(document.find_all("main")) == 1
        assert document.find("header", class_="site-header") is not None
        assert document.find("nav") is not None
        assert document.find("footer", class_="site-footer") is not None
        if page != "404":
            assert document.find("aside") is not None


@pytest.mark.parametrize("language", DIRECTIONS)
def test_the_500_page_stands_on_its_own(language):
    """The error page renders without the database or the blog's context processors."""
    request = RequestFactory().get("/")
    with translation.override(language):
        response = defaults.server_error(request)
    document = parse(response.content.decode())
    assert response.status_code == 500
    assert len(document.find_all("h1")) == 1
    assert document.find("html").attrs == {"lang": language, "dir": DIRECTIONS[language]}
    first = next(element for element in document.find("body").iter() if element.is_focusable)
    assert first.attrs["href"] == "#main"
    assert document.find("main", id="main") is not None
