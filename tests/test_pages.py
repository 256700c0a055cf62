"""Public pages: direction and language, the switcher, search, pagination, post page metadata."""

import datetime
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from blog.models import BlogSettings, Label
from tests.markup import parse


def set_blog_language(code):
    blog = BlogSettings.load()
    blog.language = code
    blog.save()


@pytest.mark.django_db
class TestDirection:
    def test_an_arabic_blog_renders_right_to_left(self, client, a_post):
        for url in ("/", a_post.get_absolute_url()):
            html = parse(client.get(url)).find("html")
            assert (html.attrs["lang"], html.attrs["dir"]) == ("ar", "rtl")
        assert client.get("/")["Content-Language"] == "ar"

    def test_an_english_blog_renders_left_to_right(self, client, a_post):
        set_blog_language("en")
        html = parse(client.get("/")).find("html")
        assert (html.attrs["lang"], html.attrs["dir"]) == ("en", "ltr")

    def test_a_french_post_on_an_arabic_blog_keeps_its_own_language_and_direction(
        self, client, make_post
    ):
        post = make_post("Un matin à Oran", language="fr")
        document = parse(client.get(post.get_absolute_url()))
        assert document.find("html").attrs["dir"] == "rtl"
        article = document.find("article", class_="post")
        assert (article.attrs["lang"], article.attrs["dir"]) == ("fr", "ltr")
        summary = parse(client.get("/")).find("article", class_="post-summary")
        assert (summary.attrs["lang"], summary.attrs["dir"]) == ("fr", "ltr")

    def test_interface_words_inside_a_post_keep_the_readers_language(self, client, make_post):
        post = make_post("Un matin à Oran", language="fr")
        article = parse(client.get(post.get_absolute_url())).find("article", class_="post")
        meta = article.find("p", class_="post-meta")
        assert (meta.attrs["lang"], meta.attrs["dir"]) == ("ar", "rtl")
        posted_by = article.find("p", class_="author-card__name")
        assert (posted_by.attrs["lang"], posted_by.attrs["dir"]) == ("ar", "rtl")

    def test_an_arabic_post_on_an_english_blog_is_right_to_left(self, client, make_post):
        set_blog_language("en")
        post = make_post("صباح في وهران", language="ar")
        article = parse(client.get(post.get_absolute_url())).find("article", class_="post")
        assert (article.attrs["lang"], article.attrs["dir"]) == ("ar", "rtl")


@pytest.mark.django_db
class TestLanguageSwitcher:
    def test_every_language_is_offered_with_the_way_back(self, client, a_post):
        url = a_post.get_absolute_url()
        switcher = parse(client.get(url)).find("ul", class_="language-switcher")
        links = {link.attrs["hreflang"]: link for link in switcher.find_all("a")}
        assert set(links) == {"ar", "fr", "en"}
        assert links["ar"].attrs.get("aria-current") == "true"
        target = urlsplit(links["fr"].attrs["href"])
        assert target.path == reverse("choose-language", args=["fr"])
        assert parse_qs(target.query) == {"next": [url]}

    def test_choosing_a_language_sets_the_cookie_and_goes_back(self, client, a_post):
        url = a_post.get_absolute_url()
        response = client.get(reverse("choose-language", args=["en"]), {"next": url})
        assert response.status_code == 302
        assert response["Location"] == url
        cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
        assert cookie.value == "en"
        assert cookie["samesite"] == "Lax"
        assert int(cookie["max-age"]) >= 30 * 24 * 60 * 60
        html = parse(client.get(url)).find("html")
        assert (html.attrs["lang"], html.attrs["dir"]) == ("en", "ltr")

    def test_the_next_url_keeps_its_query_string(self, client, db):
        response = client.get(reverse("choose-language", args=["fr"]), {"next": "/search/?q=a+b"})
        assert response["Location"] == "/search/?q=a+b"

    @pytest.mark.parametrize(
        "next_url",
        [
            "https://evil.example/",
            "//evil.example/",
            "///evil.example/",
            "/\\evil.example/",
            "\\\\evil.example",
            "https:evil.example",
            "javascript:alert(1)",
            "http://testserver.evil.example/",
            "\t//evil.example/",
            " //evil.example/",
            "",
        ],
    )
    def test_foreign_next_urls_are_refused(self, client, db, next_url):
        response = client.get(reverse("choose-language", args=["fr"]), {"next": next_url})
        assert response.status_code == 302
        assert response["Location"] == "/"
        assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"

    def test_line_breaks_in_the_next_url_cannot_add_headers(self, client, db):
        response = client.get(
            reverse("choose-language", args=["fr"]), {"next": "/\r\nX-Injected: 1"}
        )
        assert response["Location"] == "/%0D%0AX-Injected:%201"
        assert "X-Injected" not in response.headers

    def test_an_unknown_language_is_404_and_sets_nothing(self, client, db):
        response = client.get(reverse("choose-language", args=["de"]), {"next": "/"})
        assert response.status_code == 404
        assert settings.LANGUAGE_COOKIE_NAME not in response.cookies

    def test_a_forged_cookie_falls_back_to_the_blogs_language(self, client, a_post):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx-evil"
        assert parse(client.get("/")).find("html").attrs["lang"] == "ar"

    def test_only_get_is_allowed(self, client, db):
        assert client.post(reverse("choose-language", args=["fr"])).status_code == 405


@pytest.mark.django_db
class TestSearch:
    @pytest.fixture
    def posts(self, make_post):
        return {
            "title": make_post("مدينة الجسور المعلقة", language="ar", body="<p>نص قصير.</p>"),
            "body": make_post(
                "Constantine", body="<p>زرنا قسنطينة في الربيع ورأينا الجسور القديمة.</p>"
            ),
            "french": make_post("Les ponts de Constantine", language="fr"),
        }

    def search(self, client, query):
        response = client.get(reverse("blog:search"), {"q": query})
        assert response.status_code == 200
        return {post.title for post in response.context["posts"]}

    def test_an_arabic_word_in_a_title(self, client, posts):
        assert self.search(client, "المعلقة") == {posts["title"].title}

    def test_an_arabic_word_in_a_body(self, client, posts):
        assert self.search(client, "قسنطينة") == {posts["body"].title}

    def test_part_of_an_arabic_word(self, client, posts):
        assert self.search(client, "الجسور") == {posts["title"].title, posts["body"].title}

    def test_every_word_must_match(self, client, posts):
        assert self.search(client, "Constantine ponts") == {posts["french"].title}
        assert self.search(client, "قسنطينة ponts") == set()

    def test_latin_letters_match_in_any_case(self, client, posts):
        assert self.search(client, "CONSTANTINE") == {posts["body"].title, posts["french"].title}

    def test_the_excerpt_is_searched(self, client, make_post):
        post = make_post("Untitled", excerpt="A note about saffron.")
        assert self.search(client, "saffron") == {post.title}

    def test_markup_is_not_searched(self, client, make_post):
        make_post("Styled", body='<p><a href="https://example.org/strong">link</a></p>')
        assert self.search(client, "strong") == set()
        assert self.search(client, "example.org") == set()

    def test_the_query_is_shown_back_escaped(self, client, posts):
        response = client.get(reverse("blog:search"), {"q": "<script>x</script>"})
        content = response.content.decode()
        assert "<script>x</script>" not in content
        assert "&lt;script&gt;x&lt;/script&gt;" in content

    @pytest.mark.parametrize(
        "query",
        ["%", "_", "\\", "'", '"', "a" * 5000, "\x00", "word\x00word", "%00", " ", "\u202e"],
        ids=repr,
    )
    def test_hostile_queries_are_answered_not_crashed(self, client, posts, query):
        response = client.get(reverse("blog:search"), {"q": query})
        assert response.status_code == 200
        assert len(response.context["query"]) <= 200

    def test_wildcards_are_signs_not_wildcards(self, client, make_post):
        percent = make_post("Rates rose by 5% this year")
        make_post("Plain title")
        assert self.search(client, "5%") == {percent.title}
        assert self.search(client, "%") == set()
        assert self.search(client, "_") == set()

    def test_an_empty_query_finds_nothing_and_says_so(self, client, posts):
        response = client.get(reverse("blog:search"))
        assert list(response.context["posts"]) == []
        assert parse(response).find("p", class_="empty") is not None


@pytest.mark.django_db
class TestPagination:
    @pytest.fixture
    def five_posts(self, make_post):
        set_blog_language("en")
        blog = BlogSettings.load()
        blog.posts_per_page = 2
        blog.save()
        now = timezone.now()
        return [
            make_post(f"Saffron note {n}", publish_at=now - datetime.timedelta(days=n))
            for n in range(1, 6)
        ]

    def test_the_home_page_is_paginated_newest_first(self, client, five_posts):
        titles = [post.title for post in client.get("/").context["posts"]]
        assert titles == ["Saffron note 1", "Saffron note 2"]
        last = client.get("/", {"page": 3})
        assert [post.title for post in last.context["posts"]] == ["Saffron note 5"]
        assert client.get("/", {"page": "last"}).context["page_obj"].number == 3

    def test_page_links_keep_the_query_string(self, client, five_posts):
        response = client.get(reverse("blog:search"), {"q": "saffron note", "page": 2})
        nav = parse(response).find("nav", class_="pagination")
        links = {
            link.attrs["rel"]: parse_qs(urlsplit(link.attrs["href"]).query)
            for link in nav.find_all("a")
        }
        assert links == {
            "prev": {"q": ["saffron note"], "page": ["1"]},
            "next": {"q": ["saffron note"], "page": ["3"]},
        }

    @pytest.mark.parametrize(
        "page", ["0", "-1", "4", "999999999999999999999", "abc", "1.5", "%00", ""]
    )
    def test_invalid_page_numbers_are_404(self, client, five_posts, page):
        if page == "":
            # An empty page number is the first page, as a bare URL is.
            assert client.get("/", {"page": page}).status_code == 200
            return
        for url in (
            "/",
            reverse("blog:search") + "?q=saffron",
            reverse("blog:year", args=[five_posts[0].publish_at.year]),
        ):
            assert client.get(url, {"page": page}).status_code == 404, url

    def test_later_pages_ask_search_engines_not_to_index_them(self, client, five_posts):
        robots = parse(client.get("/", {"page": 2})).find("meta", name="robots")
        assert robots.attrs["content"] == "noindex, follow"
        assert parse(client.get("/")).find("meta", name="robots") is None


@pytest.mark.django_db
class TestPostPage:
    @pytest.fixture
    def post(self, make_post, make_author):
        first, second = make_author("Yasmina Kaci"), make_author("Omar Belkacem")
        return make_post(
            "Rain over the Casbah",
            authors=[first, second],
            labels=[Label.objects.create(name="Algiers", slug="algiers")],
            excerpt="The first rain of autumn on the old city.",
        )

    def test_shows_title_bylines_date_labels_and_body(self, client, post):
        document = parse(client.get(post.get_absolute_url()))
        article = document.find("article", class_="post")
        assert article.find("h1").text == post.title
        bylines = [
            link.attrs["href"] for link in article.find("span", class_="byline").find_all("a")
        ]
        assert bylines == [author.get_absolute_url() for author in post.byline_authors]
        # To the second: HTML's datetime grammar has no room for microseconds.
        assert article.find("time").attrs["datetime"] == post.publish_at.isoformat(
            timespec="seconds"
        )
        assert [link.attrs["href"] for link in article.find_all("a", rel="tag")] == [
            "/label/algiers/"
        ]
        assert article.find("div", class_="post__body").text == post.body_text

    def test_a_post_without_bylines_or_body_still_renders_everywhere(self, client, make_post):
        post = make_post("Unsigned", authors=[], body="", excerpt="")
        for url in ("/", post.get_absolute_url(), "/feeds/atom/", "/feeds/rss/"):
            response = client.get(url)
            assert response.status_code == 200, url
            assert post.title in response.content.decode(), url

    def test_links_to_the_previous_and_next_posts(self, client, make_post):
        now = timezone.now()
        older = make_post("Older", publish_at=now - datetime.timedelta(days=3))
        middle = make_post("Middle", publish_at=now - datetime.timedelta(days=2))
        newer = make_post("Newer", publish_at=now - datetime.timedelta(days=1))
        nav = parse(client.get(middle.get_absolute_url())).find("nav", class_="post-navigation")
        links = {link.attrs["rel"]: link.attrs["href"] for link in nav.find_all("a")}
        assert links == {"prev": older.get_absolute_url(), "next": newer.get_absolute_url()}

    def test_neighbours_skip_what_readers_do_not_see_and_order_ties_by_id(
        self, make_post, django_assert_num_queries
    ):
        from blog.models import Post

        now = timezone.now()
        moment = now - datetime.timedelta(days=2)
        first = make_post("First", publish_at=now - datetime.timedelta(days=5))
        make_post("A draft", status=Post.Status.DRAFT, publish_at=now - datetime.timedelta(days=4))
        make_post("A page", kind=Post.Kind.PAGE, publish_at=now - datetime.timedelta(days=3))
        tie_one = make_post("Tie one", publish_at=moment)
        tie_two = make_post("Tie two", publish_at=moment)
        make_post("Tomorrow", status=Post.Status.SCHEDULED, publish_at=now + datetime.timedelta(1))
        with django_assert_num_queries(1):
            assert tie_one.published_neighbours() == (tie_two, first)
        assert tie_two.published_neighbours() == (None, tie_one)
        assert first.published_neighbours() == (tie_one, None)

    def test_canonical_link_and_opengraph(self, client, post):
        document = parse(client.get(post.get_absolute_url()))
        url = "http://testserver" + post.get_absolute_url()
        assert document.find("link", rel="canonical").attrs["href"] == url
        og = {
            meta.attrs["property"]: meta.attrs["content"]
            for meta in document.find_all("meta")
            if "property" in meta.attrs
        }
        assert og["og:type"] == "article"
        assert og["og:title"] == post.title
        assert og["og:url"] == url
        assert og["og:description"] == post.excerpt
        assert og["og:site_name"] == "مداد"
        assert og["article:tag"] == "Algiers"
        assert "og:image" not in og

    def test_json_ld_describes_the_article(self, client, post):
        document = parse(client.get(post.get_absolute_url()))
        [script] = document.find_all("script", type="application/ld+json")
        data = json.loads("".join(script.children))
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "BlogPosting"
        assert data["headline"] == post.title
        assert data["inLanguage"] == "en"
        assert data["mainEntityOfPage"] == "http://testserver" + post.get_absolute_url()
        assert datetime.datetime.fromisoformat(data["datePublished"]) == post.publish_at
        assert [author["name"] for author in data["author"]] == ["Yasmina Kaci", "Omar Belkacem"]
        assert data["author"][0]["url"] == "http://testserver/author/yasmina-kaci/"
        assert data["description"] == post.excerpt

    def test_json_ld_cannot_be_closed_by_a_title(self, client, make_post):
        title = '</script><script>alert("x")</script> & <!--'
        post = make_post(title)
        content = client.get(post.get_absolute_url()).content.decode()
        assert "<script>alert" not in content
        [script] = parse(content).find_all("script", type="application/ld+json")
        assert json.loads("".join(script.children))["headline"] == title

    def test_a_featured_image_is_shared(self, client, make_post):
        from tests.conftest import an_image_upload

        post = make_post("With a picture", featured_image=an_image_upload("harbour.png"))
        document = parse(client.get(post.get_absolute_url()))
        og = {
            meta.attrs["property"]: meta.attrs["content"]
            for meta in document.find_all("meta")
            if "property" in meta.attrs
        }
        assert og["og:image"] == "http://testserver" + post.featured_large.url
        [script] = document.find_all("script", type="application/ld+json")
        assert json.loads("".join(script.children))["image"] == og["og:image"]


@pytest.mark.django_db
class TestListingsAndArchives:
    def test_label_and_author_pages_show_their_posts(self, client, make_post, make_author):
        salima, omar = make_author("Salima Benali"), make_author("Omar Belkacem")
        cities = Label.objects.create(name="Cities", slug="cities")
        mine = make_post("Mine", authors=[salima], labels=[cities])
        make_post("His", authors=[omar])
        label_page = client.get(cities.get_absolute_url())
        assert [post.title for post in label_page.context["posts"]] == [mine.title]
        author_page = client.get(salima.get_absolute_url())
        assert [post.title for post in author_page.context["posts"]] == [mine.title]
        assert parse(author_page).find("h1").text == "Salima Benali"

    def test_unknown_label_and_author_are_404(self, client, db):
        assert client.get(reverse("blog:label", args=["nothing"])).status_code == 404
        assert client.get(reverse("blog:author", args=["nobody"])).status_code == 404

    def test_the_archive_widget_counts_posts_by_year_and_month(self, client, make_post):
        for day in (
            datetime.datetime(2025, 11, 3),
            datetime.datetime(2025, 11, 20),
            datetime.datetime(2026, 1, 5),
        ):
            make_post(f"Post of {day:%d %B %Y}", publish_at=timezone.make_aware(day))
        widget = parse(client.get("/")).find("section", class_="widget--archive")
        # The year's link is the first item of its list: a link inside <summary> would be a
        # control nested in a control.
        assert not [
            link for summary in widget.find_all("summary") for link in summary.find_all("a")
        ]
        years = [
            (
                details.find("li", class_="archive-months__all").find("a").attrs["href"],
                details.find("summary").find("span", class_="count").text,
            )
            for details in widget.find_all("details")
        ]
        assert years == [("/2026/", "(1)"), ("/2025/", "(2)")]
        months = [
            (item.find("a").attrs["href"], item.find("span", class_="count").text)
            for item in widget.find_all("ul", class_="archive-months")[1].find_all("li")
            if not item.has_class("archive-months__all")
        ]
        assert months == [("/2025/11/", "(2)")]

    def test_year_and_month_archives_hold_their_posts(self, client, make_post):
        november = make_post(
            "November", publish_at=timezone.make_aware(datetime.datetime(2025, 11, 3))
        )
        january = make_post(
            "January", publish_at=timezone.make_aware(datetime.datetime(2026, 1, 5))
        )
        assert list(client.get("/2025/").context["posts"]) == [november]
        assert list(client.get("/2026/01/").context["posts"]) == [january]
        assert list(client.get("/2025/12/").context["posts"]) == []


@pytest.mark.django_db
def test_the_404_page_is_the_blogs_own(client):
    response = client.get("/2026/01/nothing-here/")
    assert response.status_code == 404
    document = parse(response)
    assert document.find("main", id="main").find("h1") is not None
    assert document.find("a", rel="home") is not None


@pytest.mark.django_db
def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    for private in ("/admin/", "/preview/", "/search/"):
        assert f"Disallow: {private}" in lines
    assert "Disallow: /" not in lines
