"""Around a post: reading time, comment counts on cards, a table of contents with stable heading
anchors, related posts by shared labels, and share links that load nothing from elsewhere."""

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from blog import related
from blog.headings import anchor_headings, heading_id, table_of_contents
from blog.models import Label, Page, Post
from blog.text import reading_minutes
from tests.markup import parse

pytestmark = pytest.mark.django_db


def speak(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def paragraph_of(words):
    return "<p>" + " ".join(["كلمة"] * words) + "</p>"


class TestReadingTime:
    def test_depends_on_the_language_read_and_is_never_zero(self):
        text = "word " * 1000
        assert reading_minutes(text, "ar") == 7  # 138 words a minute
        assert reading_minutes(text, "fr") == 5  # 195
        assert reading_minutes(text, "en") == 4  # 228
        assert reading_minutes("Short.", "en") == 1
        assert reading_minutes("", "ar") == 1

    def test_computed_when_the_post_is_saved(self, make_post):
        post = make_post("Long", language="ar", body=paragraph_of(690))
        assert post.reading_minutes == 5
        post.body = paragraph_of(1380)
        post.save()
        assert Post.objects.get(pk=post.pk).reading_minutes == 10

    @pytest.mark.parametrize(
        "words, expected",
        [
            (100, "قراءة في دقيقة واحدة"),
            (276, "قراءة في دقيقتين"),
            (690, "قراءة في 5 دقائق"),
            (1518, "قراءة في 11 دقيقةً"),
        ],
    )
    def test_arabic_plural_forms_on_the_post_and_its_card(self, client, make_post, words, expected):
        post = make_post("مقالة", language="ar", body=paragraph_of(words))
        speak(client, "ar")
        assert expected in client.get(post.get_absolute_url()).content.decode()
        assert expected in client.get("/").content.decode()

    def test_in_french_and_english(self, client, make_post):
        post = make_post("Long read", body=paragraph_of(690))  # an English post: 3 minutes
        assert "3 minutes de lecture" in speak(client, "fr").get("/").content.decode()
        assert "3 minutes read" in speak(client, "en").get(post.get_absolute_url()).content.decode()


class TestCommentCountOnCards:
    @pytest.fixture
    def commented(self, make_post, make_comment, an_author):
        label = Label.objects.create(name="Harbours")
        post = make_post("Talked about", labels=[label], authors=[an_author])
        for n in range(3):
            make_comment(f"Comment {n}", post=post, guest_token=f"reader-{n}")
        make_comment("Held", post=post, guest_token="held", hold_reason="first")
        return post, label, an_author

    def test_every_list_of_cards_shows_the_approved_comments(self, client, commented):
        post, label, author = commented
        local = timezone.localtime(post.publish_at)
        speak(client, "en")
        for url in [
            reverse("blog:home"),
            label.get_absolute_url(),
            author.get_absolute_url(),
            reverse("blog:year", args=[local.year]),
            reverse("blog:month", args=[local.year, local.month]),
        ]:
            html = client.get(url).content.decode()
            link = parse(html).find("a", class_="post-meta__comments")
            assert link is not None, url
            assert (link.text, link.attrs["href"]) == (
                "3 comments",
                f"{post.get_absolute_url()}#comments",
            ), url

    def test_arabic_counts_use_arabic_plurals(self, client, commented):
        html = speak(client, "ar").get("/").content.decode()
        assert parse(html).find("a", class_="post-meta__comments").text == "3 تعليقات"


class TestHeadingAnchors:
    def test_unicode_ids_made_from_the_heading_text(self):
        html, headings = anchor_headings(
            '<h2>الصباح في الميناء</h2><p>…</p><h3 style="text-align: center;">Café <em>noir</em>'
            "</h3><h4>!!!</h4><h2>الصباح في الميناء</h2>"
        )
        assert headings == [
            [2, "الصباح-في-الميناء", "الصباح في الميناء"],
            [3, "café-noir", "Café noir"],
            [4, "section", "!!!"],
            [2, "الصباح-في-الميناء-2", "الصباح في الميناء"],
        ]
        assert '<h2 id="الصباح-في-الميناء">' in html
        assert '<h3 id="café-noir" style="text-align: center;">Café <em>noir</em></h3>' in html

    def test_ids_the_page_uses_itself_are_left_to_it(self):
        taken = set()
        assert heading_id("Comments", taken) == "comments-section"
        assert heading_id("C12", taken) == "c12-section"
        assert heading_id("Main", taken) == "main-section"

    def test_stable_when_the_rest_of_the_post_changes(self, make_post):
        post = make_post("Stable", body="<h2>One</h2><p>a</p><h2>Two</h2><p>b</p>")
        first = post.body
        post.body = post.body.replace("<p>a</p>", "<p>a longer paragraph</p>")
        post.save()
        assert re.findall(r'id="([^"]+)"', post.body) == re.findall(r'id="([^"]+)"', first)
        assert re.findall(r'id="([^"]+)"', post.body) == ["one", "two"]

    def test_an_id_typed_into_the_body_is_replaced(self, make_post):
        post = make_post("Typed", body='<h2 id="comments">Sneaky</h2>')
        assert post.body == '<h2 id="sneaky">Sneaky</h2>'

    def test_nesting(self):
        headings = [[3, "a", "A"], [2, "b", "B"], [3, "c", "C"], [4, "d", "D"], [2, "e", "E"]]
        shape = [
            (entry["id"], [(c["id"], [g["id"] for g in c["children"]]) for c in entry["children"]])
            for entry in table_of_contents(headings)
        ]
        assert shape == [("a", []), ("b", [("c", ["d"])]), ("e", [])]


class TestTableOfContents:
    BODY = "<h2>الصباح</h2><p>١</p><h3>السوق</h3><p>٢</p><h2>المساء</h2><p>٣</p>"

    def test_shown_from_three_headings_linking_to_their_anchors(self, client, make_post):
        post = make_post("ثلاثة عناوين", language="ar", body=self.BODY)
        html = speak(client, "en").get(post.get_absolute_url()).content.decode()
        toc = parse(html).find("nav", class_="toc")
        assert toc.find("h2").text == "Contents"
        assert toc.find("h2").attrs["lang"] == "en"
        links = [(a.text, a.attrs["href"]) for a in toc.find_all("a")]
        assert links == [("الصباح", "#الصباح"), ("السوق", "#السوق"), ("المساء", "#المساء")]
        for _text, href in links:
            assert f'id="{href[1:]}"' in html
        # The h3 sits in a list inside the first entry.
        assert len(toc.find_all("ol")) == 2

    def test_not_shown_with_fewer_headings(self, client, make_post):
        post = make_post("Two", body="<h2>One</h2><p>a</p><h2>Two</h2><p>b</p>")
        assert 'class="toc"' not in client.get(post.get_absolute_url()).content.decode()


class TestRelatedPosts:
    @pytest.fixture
    def labels(self):
        return [Label.objects.create(name=name) for name in ("Cities", "Food", "Rivers")]

    def test_most_shared_labels_first_then_newest_never_hidden_ones(self, make_post, labels):
        cities, food, rivers = labels
        hour = timezone.timedelta(hours=1)
        now = timezone.now()
        post = make_post("Reading", labels=[cities, food, rivers], publish_at=now - 9 * hour)
        one_old = make_post("One, old", labels=[cities], publish_at=now - 8 * hour)
        two = make_post("Two in common", labels=[cities, food], publish_at=now - 7 * hour)
        one_new = make_post("One, new", labels=[rivers], publish_at=now - 6 * hour)
        make_post("Unrelated", publish_at=now - 5 * hour)
        make_post("Draft", labels=labels, status=Post.Status.DRAFT)
        Page.objects.create(title="A page", status=Post.Status.PUBLISHED)
        post = Post.objects.with_bylines().get(pk=post.pk)
        assert [item.pk for item in related.related_items(post)] == [two.pk, one_new.pk, one_old.pk]

    def test_only_the_newest_posts_of_each_label_are_weighed(self, make_post, labels, monkeypatch):
        """On a big blog, counting shared labels over every post of a label would cost half a
        second: the newest WINDOW posts of each label are the candidates."""
        cities, food, _rivers = labels
        hour = timezone.timedelta(hours=1)
        now = timezone.now()
        post = make_post("Reading", labels=[cities, food], publish_at=now - 9 * hour)
        make_post("Both, oldest", labels=[cities, food], publish_at=now - 8 * hour)
        # Newer than it under each label: two posts, which fill a window of two.
        cities_posts = [
            make_post(f"Cities {n}", labels=[cities], publish_at=now - (7 - n) * hour)
            for n in range(2)
        ]
        food_posts = [
            make_post(f"Food {n}", labels=[food], publish_at=now - (2 - n) * hour) for n in range(2)
        ]
        monkeypatch.setattr(related, "WINDOW", 2)
        post = Post.objects.with_bylines().get(pk=post.pk)
        assert [item.pk for item in related.related_items(post)] == [
            food_posts[1].pk,
            food_posts[0].pk,
            cities_posts[1].pk,
        ]
        monkeypatch.setattr(related, "WINDOW", 3)
        cache.clear()
        assert related.related_items(post)[0].title == "Both, oldest"

    def test_one_query_cold_none_warm_none_without_labels(
        self, make_post, labels, django_assert_num_queries
    ):
        post = make_post("Reading", labels=labels)
        make_post("Other", labels=labels[:1])
        post = Post.objects.with_bylines().get(pk=post.pk)
        post.labels.all()  # the prefetch, as the post page has it
        cache.clear()
        with django_assert_num_queries(1):
            assert len(related.related_items(post)) == 1
        with django_assert_num_queries(0):
            assert len(related.related_items(post)) == 1
        bare = Post.objects.with_bylines().get(pk=make_post("No labels").pk)
        with django_assert_num_queries(0):
            assert related.related_items(bare) == []

    def test_a_change_to_posts_shows_at_once(
        self, make_post, labels, django_capture_on_commit_callbacks
    ):
        post = make_post("Reading", labels=labels)
        other = make_post("Other", labels=labels[:1])
        post = Post.objects.with_bylines().get(pk=post.pk)
        assert [item.title for item in related.related_items(post)] == ["Other"]
        with django_capture_on_commit_callbacks(execute=True):
            other.title = "Other, renamed"
            other.save()
        assert [item.title for item in related.related_items(post)] == ["Other, renamed"]


class TestShareLinks:
    def test_plain_links_and_no_script_from_elsewhere(self, client, make_post):
        post = make_post("Share me & more", language="fr")
        response = speak(client, "en").get(post.get_absolute_url())
        html = response.content.decode()
        share = parse(html).find("section", class_="share")
        address = f"http://testserver{post.get_absolute_url()}"
        links = {a.text: a.attrs["href"] for a in share.find_all("a")}
        encoded = address.replace(":", "%3A").replace("/", "%2F")
        assert links["Share on X"] == (
            f"https://x.com/intent/post?url={encoded}&text=Share+me+%26+more"
        )
        assert (
            links["Share on Facebook"] == f"https://www.facebook.com/sharer/sharer.php?u={encoded}"
        )
        assert links["Send by e-mail"] == (
            f"mailto:?subject=Share%20me%20%26%20more&body={encoded}"
        )
        for a in share.find_all("a", target="_blank"):
            assert a.attrs["rel"] == "noopener noreferrer"
        # The copy and share buttons wait for the script that makes them work.
        assert all("hidden" in li.attrs for li in share.find_all("li") if li.find("button"))
        for script in parse(html).find_all("script"):
            source = script.attrs.get("src")
            if source is None:
                assert script.attrs.get("type") == "application/ld+json"
            else:
                assert source.startswith("/static/")

    def test_not_on_a_preview(self, client, make_post, an_editor):
        post = make_post("Draft", status=Post.Status.DRAFT)
        client.force_login(an_editor)
        html = client.get(reverse("blog:preview", args=[post.pk])).content.decode()
        assert 'class="share"' not in html
