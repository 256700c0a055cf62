"""Search: one normaliser for index and query, the engine (FTS5 or PostgreSQL), ranking,
highlighting, phrases and prefixes, hostile queries, and an index that follows every write."""

import datetime
import re

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from blog import search, services
from blog.models import Post, SearchEntry
from blog.text import fold, search_terms, stem


def found(query):
    return [post.title for post in Post.objects.search(query)]


class TestNormaliser:
    @pytest.mark.parametrize(
        ("written", "plain"),
        [
            ("أحياء", "احياء"),
            ("إسلام", "اسلام"),
            ("آمال", "امال"),
            ("ٱلكتاب", "الكتاب"),
            ("مؤتمر", "موتمر"),
            ("قارئ", "قاري"),
            ("مستشفى", "مستشفي"),
            ("مكتبة", "مكتبه"),
            ("مُـحَـمَّـد", "محمد"),
            ("كتــــاب", "كتاب"),
            ("٢٠٢٤ ۱۹", "2024 19"),
            ("RÉPARATION", "reparation"),
            ("Éléphant Noël", "elephant noel"),
            ("ﻻ", "لا"),
            ("zero\u200bwidth", "zerowidth"),
        ],
    )
    def test_fold(self, written, plain):
        assert fold(written) == plain

    @pytest.mark.parametrize(
        "word", ["الخرائط", "خرائط", "والخرائط", "بالخرائط", "كالخرائط", "فالخرائط", "للخرائط"]
    )
    def test_the_article_and_joined_prefixes_come_off(self, word):
        assert search_terms(word) == ["خرايط"]

    def test_short_words_keep_what_looks_like_a_prefix(self):
        assert stem("والد") == "والد"
        assert stem("الم") == "الم"

    def test_common_words_are_not_terms(self):
        assert search_terms("the history of la ville في المدينة") == ["history", "ville", "مدينه"]

    def test_comment_word_lists_fold_the_same_way(self):
        from comments.policy import fold as word_list_fold

        assert word_list_fold is fold


@pytest.mark.django_db
class TestFinding:
    @pytest.fixture
    def posts(self, make_post):
        return {
            "ar": make_post(
                "خرائط مفتوحة لأحيائنا",
                language="ar",
                body="<p>رسمنا الخرائط مع الجيران في مكتبة الحي، وكانت الأحياء القديمة أولها.</p>",
            ),
            "fr": make_post(
                "Un atelier de réparation",
                language="fr",
                body="<p>On répare les vélos du quartier, le samedi.</p>",
            ),
            "en": make_post("Bicycles and maps", body="<p>Repair cafés keep bicycles going.</p>"),
        }

    @pytest.mark.parametrize(
        "query", ["احياء", "أحياء", "الأحياء", "مكتبه", "مكتبة", "خرائط", "الخرائط", "للخرائط"]
    )
    def test_arabic_spellings_find_the_same_post(self, posts, query):
        assert found(query) == [posts["ar"].title]

    @pytest.mark.parametrize("query", ["reparation", "réparation", "RÉPARATION", "Réparation"])
    def test_latin_accents_and_case_do_not_matter(self, posts, query):
        assert found(query) == [posts["fr"].title]

    def test_every_term_must_match(self, posts):
        assert found("bicycles maps") == [posts["en"].title]
        assert found("bicycles خرائط") == []

    def test_a_prefix_finds_longer_words(self, posts):
        assert found("خرائ*") == [posts["ar"].title]
        assert found("الخرائ*") == [posts["ar"].title]
        assert found("répar*") == [posts["fr"].title]
        assert sorted(found("repa*")) == sorted([posts["fr"].title, posts["en"].title])
        assert found("خرائ") == []

    def test_a_quoted_phrase_needs_its_words_in_a_row(self, posts):
        assert found('"atelier de réparation"') == [posts["fr"].title]
        assert found("«مكتبة الحي»") == [posts["ar"].title]
        assert found('"réparation atelier"') == []
        assert found("«الحي مكتبة»") == []

    @pytest.mark.parametrize("query", ["the", "de la", "في من", "!!!", "،؟", "*", '""', "a*"])
    def test_common_words_or_signs_alone_find_nothing(self, posts, query):
        assert search.parse(query) == ()
        assert found(query) == []

    @pytest.mark.parametrize(
        "query",
        [
            'NEAR(bicycles maps) OR "',
            "bicycles AND NOT maps",
            "title:bicycles",
            "{title}: maps",
            "bicycles^ -maps",
            "'bicycles' & !maps | x",
            "bicycles:* <-> maps",
            '"""',
            "«»«",
            "*bicycles",
            "\\ %' ; DROP TABLE blog_post; --",
        ],
    )
    def test_engine_syntax_is_only_words(self, posts, query):
        """Operators of FTS5 and tsquery never reach the engine: what is left are words."""
        Post.objects.search(query).count()
        response = self.client_get(query)
        assert response.status_code == 200

    def client_get(self, query):
        from django.test import Client

        return Client().get(reverse("blog:search"), {"q": query})

    def test_markup_of_the_body_is_not_searched(self, make_post):
        make_post("Styled", body='<p><a href="https://example.org/strongbox">link</a></p>')
        assert found("strongbox") == []


@pytest.mark.django_db
class TestRanking:
    def test_title_then_excerpt_then_body_then_newest(self, make_post):
        now = timezone.now()

        def at(hours):
            return now - datetime.timedelta(hours=hours)

        in_body_new = make_post("Plain one", body="<p>About saffron.</p>", publish_at=at(1))
        in_excerpt = make_post("Plain two", excerpt="Saffron again.", publish_at=at(5))
        in_title_old = make_post("Saffron harvest", publish_at=at(30))
        in_title_new = make_post("The saffron road, a long title", publish_at=at(20))
        in_body_old = make_post("Plain three", body="<p>Saffron, saffron.</p>", publish_at=at(50))
        assert found("saffron") == [
            post.title
            for post in (in_title_new, in_title_old, in_excerpt, in_body_new, in_body_old)
        ]

    def test_results_are_paginated(self, client, make_post):
        from blog.models import BlogSettings

        blog = BlogSettings.load()
        blog.posts_per_page = 2
        blog.save()
        now = timezone.now()
        for n in range(5):
            make_post(f"Saffron {n}", publish_at=now - datetime.timedelta(hours=n + 1))
        pages = [
            [p.title for p in client.get("/search/", {"q": "saffron", "page": n}).context["posts"]]
            for n in (1, 2, 3)
        ]
        assert pages == [["Saffron 0", "Saffron 1"], ["Saffron 2", "Saffron 3"], ["Saffron 4"]]


@pytest.mark.django_db
class TestResultsPage:
    def test_found_words_are_marked_and_everything_else_escaped(self, client, make_post):
        make_post(
            "<b>Les ponts</b> de Constantine",
            language="fr",
            body="<p>Le PONT &lt;suspendu&gt; &amp; les ponts de pierre.</p>",
        )
        html = client.get("/search/", {"q": "ponts"}).content.decode()
        assert "&lt;b&gt;Les <mark>ponts</mark>&lt;/b&gt; de Constantine" in html
        assert "&lt;suspendu&gt; &amp; les <mark>ponts</mark> de pierre" in html
        assert "<b>" not in html

    def test_arabic_words_are_marked_as_written(self, client, make_post):
        make_post("زيارة", language="ar", body="<p>رأينا الخَرائِط القديمة في المكتبة.</p>")
        html = client.get("/search/", {"q": "خرائط"}).content.decode()
        assert "<mark>الخَرائِط</mark>" in html

    def test_a_long_body_shows_the_passage_around_the_word(self, client, make_post):
        body = "<p>" + "Filler words here. " * 80 + "The lighthouse appears. " + "More. " * 80
        make_post("Coast", body=body + "</p>")
        response = client.get("/search/", {"q": "lighthouse"})
        snippet = re.search(r'class="post-summary__excerpt">(.*?)</p>', response.content.decode())
        assert "<mark>lighthouse</mark>" in snippet.group(1)
        assert snippet.group(1).startswith("…") and snippet.group(1).endswith("…")
        assert len(snippet.group(1)) < 400

    def test_common_words_only_get_a_friendly_answer(self, client, make_post):
        make_post("The and of")
        from django.utils.translation import gettext, override

        response = client.get("/search/", {"q": "the of"})
        assert response.status_code == 200
        assert response.context["nothing_to_find"]
        assert list(response.context["posts"]) == []
        message = "Your search has only very common words or signs in it."
        with override("ar"):
            assert (
                gettext(message + " Try a more particular word.")[:20] in response.content.decode()
            )

    def test_the_search_page_costs_a_constant_number_of_queries(
        self, client, make_post, django_assert_max_num_queries
    ):
        for n in range(12):
            make_post(f"Saffron {n}", labels=["Spice"])
        client.get("/search/", {"q": "saffron"})  # widgets cached
        # Settings, count, page ids, posts, bylines, labels.
        with django_assert_max_num_queries(6):
            client.get("/search/", {"q": "saffron"})


@pytest.mark.django_db
class TestIndexFollowsWrites:
    def test_a_new_post_is_found_and_an_edit_replaces_its_words(self, make_post):
        post = make_post("Olive oil", body="<p>Pressed in the autumn.</p>")
        assert found("olive") == ["Olive oil"]
        post.title = "Argan oil"
        post.save()
        assert found("olive") == []
        assert found("argan") == ["Argan oil"]

    def test_drafts_scheduled_and_future_posts_are_not_found(self, make_post):
        now = timezone.now()
        make_post("Draft olive", status=Post.Status.DRAFT)
        make_post("Future olive", publish_at=now + datetime.timedelta(hours=1))
        make_post("Olive visible")
        assert found("olive") == ["Olive visible"]

    def test_a_scheduled_post_is_found_once_its_time_comes(self, make_post, time_machine):
        start = timezone.now()
        time_machine.move_to(start, tick=False)
        make_post("Olive later", publish_at=start + datetime.timedelta(hours=1))
        assert found("olive") == []
        time_machine.move_to(start + datetime.timedelta(hours=2), tick=False)
        assert found("olive") == ["Olive later"]

    def test_publish_and_unpublish_follow(self, make_post):
        post = make_post("Olive grove", status=Post.Status.DRAFT)
        assert found("olive") == []
        services.publish_now(Post.objects.filter(pk=post.pk))
        assert found("olive") == ["Olive grove"]
        services.unpublish(Post.objects.filter(pk=post.pk))
        assert found("olive") == []

    def test_a_deleted_post_leaves_nothing_behind(self, make_post):
        post = make_post("Olive grove")
        pk = post.pk
        post.delete()
        assert found("olive") == []
        assert not SearchEntry.objects.filter(pk=pk).exists()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT count(*) FROM {search.FTS_TABLE} WHERE rowid = %s", [pk])
                assert cursor.fetchone()[0] == 0

    def test_deleting_many_posts_at_once_leaves_nothing_behind(self, make_post):
        make_post("Olive one")
        make_post("Olive two")
        Post.objects.all().delete()
        assert found("olive") == []
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT count(*) FROM {search.FTS_TABLE}")
                assert cursor.fetchone()[0] == 0

    def test_rebuilding_indexes_posts_written_around_the_models(self, make_post):
        """What the migration does for the posts that existed before search."""
        make_post("Olive press")
        SearchEntry.objects.all().delete()
        assert found("olive") == []
        assert search.rebuild_index(Post.objects.all(), Post.listed_condition()) == 1
        assert found("olive") == ["Olive press"]


@pytest.mark.django_db
def test_the_listing_twins_agree_with_published(make_post, make_author):
    """Labels, bylines and search entries carry the post's listed_at: their `listed()` rows are
    the posts `published()` returns, after every kind of write."""
    from blog.models import Byline, Label, LabelledPost

    now = timezone.now()
    author = make_author("Twin Author")
    label = Label.objects.create(name="Twins")
    posts = [
        make_post("Twin published", authors=[author], labels=[label]),
        make_post("Twin draft", status=Post.Status.DRAFT, authors=[author], labels=[label]),
        make_post(
            "Twin future",
            publish_at=now + datetime.timedelta(days=1),
            authors=[author],
            labels=[label],
        ),
    ]

    def agree():
        published = set(Post.objects.published().values_list("pk", flat=True))
        assert set(LabelledPost.objects.filter(tag=label).listing("content_object")) == published
        assert set(Byline.objects.filter(author=author).listing("post")) == published
        assert set(SearchEntry.objects.listed().values_list("post", flat=True)) == published

    agree()
    services.publish_now(Post.objects.filter(pk=posts[1].pk))
    agree()
    services.unpublish(Post.objects.filter(pk=posts[0].pk))
    agree()
    posts[2].publish_at = now - datetime.timedelta(hours=1)
    posts[2].save()
    agree()


@pytest.mark.django_db
def test_pages_are_never_found(make_post):
    from blog.models import Page

    Page.objects.create(title="Olive page", body="<p>Olive oil.</p>", status=Post.Status.PUBLISHED)
    make_post("Olive post")
    assert found("olive") == ["Olive post"]
