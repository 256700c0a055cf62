"""Post pages served from the cache to anonymous readers: the same bytes for all of them, cache
headers and conditional requests, compression, the form tokens fetched when a form is used (and
the way back without JavaScript), and every change that must drop a cached page."""

import datetime
import gzip
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from blog.models import BlogSettings, Label, Post, PostDailyViews
from blog.widgets import POPULAR_KEY
from comments import services
from comments.models import Comment
from comments.viewer import REMEMBER_COOKIE
from tests.helpers import set_comments

pytestmark = pytest.mark.django_db

EMPTY_TOKEN = '<input type="hidden" name="csrfmiddlewaretoken" value="">'


@pytest.fixture(autouse=True)
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the writes' on-commit work (cache invalidation) as a committed transaction would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def page(client, post, **headers):
    return client.get(post.get_absolute_url(), headers=headers)


class TestSharedPage:
    def test_every_anonymous_reader_gets_the_same_bytes_without_cookie_or_token(self, a_post):
        first, second = page(Client(), a_post), page(Client(), a_post)
        assert first.content == second.content
        assert first["ETag"] == second["ETag"]
        assert not first.cookies and not second.cookies
        html = first.content.decode()
        assert EMPTY_TOKEN in html
        assert '<input type="hidden" name="shown_at" value="">' in html
        assert 'name="csrfmiddlewaretoken" value="' + "x" not in html
        assert "js/form-tokens.js" in html

    def test_a_proxy_may_keep_it_and_browsers_revalidate(self, client, a_post):
        response = page(client, a_post)
        control = response["Cache-Control"]
        assert "public" in control and "max-age=0" in control
        assert f"s-maxage={settings.PUBLIC_CACHE_SECONDS}" in control
        assert response["Last-Modified"]
        assert "Cookie" in response["Vary"] and "Accept-Encoding" in response["Vary"]

    def test_a_conditional_request_gets_304(self, client, a_post):
        response = page(client, a_post)
        by_etag = page(client, a_post, if_none_match=response["ETag"])
        by_date = page(client, a_post, if_modified_since=response["Last-Modified"])
        assert by_etag.status_code == by_date.status_code == 304
        assert by_etag.content == b""
        assert "public" in by_etag["Cache-Control"]

    def test_gzip_for_clients_that_accept_it(self, client, a_post):
        plain = page(client, a_post)
        packed = page(client, a_post, accept_encoding="gzip, deflate, br")
        assert packed["Content-Encoding"] == "gzip"
        assert gzip.decompress(packed.content) == plain.content
        assert len(packed.content) < len(plain.content) / 2
        assert "Content-Encoding" not in plain

    @pytest.mark.parametrize("first", ["gzip", ""])
    def test_no_reader_request_compresses_or_decompresses_a_kept_page(
        self, client, a_post, monkeypatch, first
    ):
        page(client, a_post, accept_encoding=first)

        def refuse(*args, **kwargs):
            raise AssertionError("a kept page was (de)compressed for a reader")

        monkeypatch.setattr(gzip, "decompress", refuse)
        monkeypatch.setattr(gzip, "compress", refuse)
        plain = page(client, a_post)
        packed = page(client, a_post, accept_encoding="gzip")
        assert packed["Content-Encoding"] == "gzip"
        assert "Content-Encoding" not in plain
        assert packed["ETag"] == plain["ETag"]
        monkeypatch.undo()
        assert gzip.decompress(packed.content) == plain.content

    def test_other_pages_are_compressed_and_public_too(self, client, a_post):
        response = client.get("/", headers={"accept-encoding": "gzip"})
        assert response["Content-Encoding"] == "gzip"
        assert "public" in response["Cache-Control"]
        assert response["ETag"]

    def test_each_language_has_its_own_page(self, a_post):
        pages = {}
        for language in ("ar", "fr", "en"):
            client = Client()
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
            pages[language] = page(client, a_post).content.decode()
        assert 'lang="ar" dir="rtl"' in pages["ar"]
        assert 'lang="fr" dir="ltr"' in pages["fr"]
        assert 'lang="en" dir="ltr"' in pages["en"]

    def test_each_page_of_threads_has_its_own_entry(self, client, a_post, make_comment, commit):
        set_comments(threads_per_page=1)
        with commit():
            make_comment("The first thread.")
            make_comment("The second thread.")
        first = page(client, a_post).content.decode()
        second = client.get(a_post.get_absolute_url() + "?cpage=2").content.decode()
        assert ("The first thread." in first) != ("The first thread." in second)


class TestPersonalPages:
    def test_a_signed_in_reader_sees_their_own_form_with_a_token(self, client, a_post, a_reader):
        page(Client(), a_post)  # the anonymous page is in the cache
        client.force_login(a_reader)
        response = page(client, a_post)
        html = response.content.decode()
        assert "Commenting as Amina Saidi." in html
        assert EMPTY_TOKEN not in html
        assert re.search(r'name="csrfmiddlewaretoken" value="\w{20,}"', html)
        assert "private" in response["Cache-Control"]

    def test_a_guest_sees_their_held_comment(self, client, a_post, make_comment, as_guest):
        page(client, a_post)
        held = make_comment("Waiting for a moderator.", guest_token="mine")
        Comment.objects.filter(pk=held.pk).update(status=Comment.Status.PENDING)
        assert "Waiting for a moderator." in page(as_guest(client, "mine"), a_post).content.decode()
        assert "Waiting for a moderator." not in page(Client(), a_post).content.decode()

    def test_remembered_guest_details_fill_the_form(self, client, a_post):
        from django.core import signing

        from comments.viewer import REMEMBER_SALT

        page(client, a_post)
        details = {"name": "Yacine", "email": "", "website": ""}
        client.cookies[REMEMBER_COOKIE] = signing.dumps(details, salt=REMEMBER_SALT)
        assert 'value="Yacine"' in page(client, a_post).content.decode()


class TestInvalidation:
    def test_a_new_comment_shows_at_once(self, client, a_post, commit):
        page(client, a_post)
        with commit():
            services.post_comment(a_post, "Fresh words.", guest_name="Nour", guest_token="t")
        assert "Fresh words." in page(client, a_post).content.decode()

    def test_a_removed_comment_goes(self, client, a_post, make_comment, commit):
        with commit():
            comment = make_comment("Soon gone.")
        assert "Soon gone." in page(client, a_post).content.decode()
        with commit():
            services.remove_comment(comment, by_moderator=True)
        assert "Soon gone." not in page(client, a_post).content.decode()

    def test_closing_comments_shows(self, client, a_post, commit):
        assert "Post a comment" in page(client, a_post).content.decode()
        with commit():
            services.set_comments_open(a_post, False)
        assert "Comments are closed." in page(client, a_post).content.decode()

    def test_an_edited_post_and_its_labels_show(self, client, a_post, commit):
        page(client, a_post)
        with commit():
            a_post.title = "A new title"
            a_post.save()
        assert "A new title" in page(client, a_post).content.decode()
        with commit():
            a_post.labels.add(Label.objects.create(name="Gardens"))
        assert "Gardens" in page(client, a_post).content.decode()

    def test_another_post_changing_shows_in_the_sidebar(self, client, a_post, make_post, commit):
        other = make_post("Other post", publish_at=timezone.now() - datetime.timedelta(days=2))
        assert "Other post" in page(client, a_post).content.decode()
        with commit():
            other.title = "Renamed neighbour"
            other.save()
        assert "Renamed neighbour" in page(client, a_post).content.decode()

    def test_the_comment_settings_show(self, client, a_post, commit):
        assert "Post a comment" in page(client, a_post).content.decode()
        with commit():
            set_comments(policy="closed")
        assert "Comments are closed." in page(client, a_post).content.decode()

    def test_the_blog_settings_show(self, client, a_post, commit):
        page(client, a_post)
        with commit():
            blog = BlogSettings.load()
            blog.title = "Carnets du Sud"
            blog.save()
        assert "Carnets du Sud" in page(client, a_post).content.decode()

    def test_a_new_popular_list_shows(self, client, a_post, make_post):
        others = [
            make_post(f"Read {n}", publish_at=timezone.now() - datetime.timedelta(days=3 + n))
            for n in range(6)
        ]
        before = page(client, a_post).content.decode()
        PostDailyViews.objects.create(post=others[-1], day=timezone.localdate(), views=500)
        cache.delete(POPULAR_KEY)  # the widget's few minutes are over
        assert page(client, others[0]).status_code == 200  # someone renders a page
        after = page(client, a_post).content.decode()
        assert before != after
        popular = after.split("widget--popular")[1]
        assert popular.index("Read 5") < popular.index("Read 0")

    def test_a_page_is_kept_no_longer_than_the_next_scheduled_post_takes(self, make_post):
        from blog.pagecache import page_seconds

        assert page_seconds() == settings.PAGE_CACHE_SECONDS
        make_post(
            "Tomorrow's news",
            status=Post.Status.SCHEDULED,
            publish_at=timezone.now() + datetime.timedelta(minutes=2),
        )
        assert 110 <= page_seconds() <= 120


class TestFormTokens:
    def test_the_tokens_request_gives_a_token_a_stamp_and_the_cookie(self, client):
        response = client.get(reverse("comments:form-tokens"))
        data = response.json()
        assert set(data) == {"csrf", "shown_at"}
        assert response.cookies[settings.CSRF_COOKIE_NAME].value
        assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]

    def test_a_form_filled_in_by_the_script_is_accepted(self, a_post):
        client = Client(enforce_csrf_checks=True)
        page(client, a_post)
        tokens = client.get(reverse("comments:form-tokens")).json()
        response = client.post(
            reverse("comments:create", kwargs={"post_id": a_post.pk}),
            {"name": "Lina", "body": "Sent with script.", "csrfmiddlewaretoken": tokens["csrf"]},
        )
        assert response.status_code == 302
        assert Comment.objects.get().body == "Sent with script."


class TestWithoutJavaScript:
    """A cached page's form sent as it is: nothing is published, the text comes back in a form
    that carries its tokens, and sending that one works."""

    def send(self, client, post, **fields):
        data = {"name": "Lina", "email": "", "body": "Mon texte, gardé.", **fields}
        return client.post(reverse("comments:create", kwargs={"post_id": post.pk}), data)

    def test_the_text_comes_back_in_a_working_form(self, a_post):
        client = Client(enforce_csrf_checks=True)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        page(client, a_post)
        refused = self.send(client, a_post, csrfmiddlewaretoken="", shown_at="")
        html = refused.content.decode()
        assert refused.status_code == 403
        assert not Comment.objects.exists()
        assert "has not been published yet" in html
        assert "Mon texte, gardé.</textarea>" in html
        assert 'value="Lina"' in html
        token = re.search(r'name="csrfmiddlewaretoken" value="(\w+)"', html).group(1)
        assert self.send(client, a_post, csrfmiddlewaretoken=token).status_code == 302
        assert Comment.objects.get().body == "Mon texte, gardé."

    def test_a_reply_comes_back_on_the_reply_page(self, a_post, make_comment):
        target = make_comment("Answer me.")
        client = Client(enforce_csrf_checks=True)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        refused = self.send(client, a_post, reply_to=str(target.pk))
        html = refused.content.decode()
        assert refused.status_code == 403
        assert "Reply to" in html
        assert f'name="reply_to" value="{target.pk}"' in html
        assert "Mon texte, gardé.</textarea>" in html

    def test_a_forged_token_publishes_nothing(self, a_post):
        client = Client(enforce_csrf_checks=True)
        client.cookies[settings.CSRF_COOKIE_NAME] = "a" * 32
        refused = self.send(client, a_post, csrfmiddlewaretoken="b" * 32)
        assert refused.status_code == 403
        assert not Comment.objects.exists()
