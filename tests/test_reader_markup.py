"""What the accessibility audit asked of the markup, page by page: Arabic names and labels
marked as Arabic on French and English pages, a sidebar named for what it is, valid dates and
forms, the 404 page that offers a way on, and the first screen's image fetched first."""

import re

import pytest
from django.conf import settings

from blog.models import BlogSettings, Label
from tests.conftest import an_image_upload
from tests.markup import parse


@pytest.fixture
def arabic_blog(db):
    blog = BlogSettings.load()
    blog.title, blog.tagline, blog.language = "مداد الصباح", "مدونة عن البحر", "ar"
    blog.save()
    return blog


@pytest.fixture
def arabic_post(make_post, make_author):
    writer = make_author("سليمة بن علي")
    return make_post(
        "Un matin", language="fr", authors=[writer], labels=[Label.objects.create(name="البحر")]
    )


def page(client, url, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return parse(client.get(url))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_arabic_title_tagline_labels_and_names_are_marked_arabic(
    client, arabic_blog, arabic_post, language
):
    document = page(client, arabic_post.get_absolute_url(), language)
    for found in (
        document.find("p", class_="site-title"),
        document.find("p", class_="site-tagline"),
        document.find("a", rel="tag"),
        document.find("span", class_="byline").find("a"),
        document.find("p", class_="author-card__name").find("a"),
    ):
        assert (found.attrs.get("lang"), found.attrs.get("dir")) == ("ar", "rtl"), found
    label_cloud = document.find("ul", class_="label-cloud").find("a").find("span")
    assert (label_cloud.attrs.get("lang"), label_cloud.attrs.get("dir")) == ("ar", "rtl")


def test_latin_label_on_an_arabic_page_keeps_its_direction(client, arabic_blog, make_post):
    post = make_post("Un matin", language="fr", labels=[Label.objects.create(name="livres")])
    chip = page(client, post.get_absolute_url(), "ar").find("a", rel="tag")
    assert (chip.attrs.get("lang"), chip.attrs.get("dir")) == (None, "ltr")


def test_arabic_names_on_an_arabic_page_carry_nothing_extra(client, arabic_blog, arabic_post):
    chip = page(client, arabic_post.get_absolute_url(), "ar").find("a", rel="tag")
    assert "lang" not in chip.attrs and "dir" not in chip.attrs


def test_the_sidebar_is_not_named_after_the_blog(client, arabic_blog, arabic_post):
    aside = page(client, arabic_post.get_absolute_url(), "en").find("aside")
    assert aside.attrs["aria-label"] == "More from this blog"


def test_dates_carry_no_microseconds_and_dialog_forms_no_empty_action(
    client, arabic_post, make_comment
):
    make_comment(post=arabic_post)
    html = client.get(arabic_post.get_absolute_url()).content.decode()
    datetimes = re.findall(r'datetime="([^"]+)"', html)
    assert datetimes and all(re.fullmatch(r"[\d-]+T[\d:]+[+-]\d\d:\d\d", v) for v in datetimes)
    assert 'action=""' not in html


def test_comment_styles_load_in_the_head(client, arabic_post):
    head = page(client, arabic_post.get_absolute_url(), "en").find("head")
    sheets = [link.attrs["href"] for link in head.find_all("link", rel="stylesheet")]
    assert any(href.endswith("comments.css") for href in sheets)


def test_the_theme_script_is_external_and_blocking(client, arabic_post):
    head = page(client, arabic_post.get_absolute_url(), "en").find("head")
    (script,) = [s for s in head.find_all("script") if s.attrs.get("src", "").endswith("theme.js")]
    assert "defer" not in script.attrs and "async" not in script.attrs
    inline = [s for s in head.find_all("script") if "src" not in s.attrs]
    assert all(s.attrs.get("type") == "application/ld+json" for s in inline), "data only"


def test_the_first_card_image_is_fetched_first_the_others_lazily(client, make_post):
    for title in ("One", "Two"):
        make_post(title, featured_image=an_image_upload())
    images = page(client, "/", "en").find("main").find_all("img")
    assert images[0].attrs.get("fetchpriority") == "high" and "loading" not in images[0].attrs
    assert images[1].attrs.get("loading") == "lazy"


def test_the_404_page_offers_a_search_and_the_latest_posts(client, make_post):
    make_post("Latest words")
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    main = parse(response).find("main")
    search = main.find("form", role="search")
    assert search.attrs["action"] == "/search/" and search.find("input", name="q")
    assert "Latest words" in main.find("section", class_="error-page__latest").text


def test_french_titles_keep_their_question_mark_with_the_word(make_post):
    french = make_post("Un matin à Oran ? Oui : enfin !", language="fr")
    english = make_post("Why ?", language="en")
    assert french.title == "Un matin à Oran\u202f? Oui\u00a0: enfin\u202f!"
    assert english.title == "Why ?"
