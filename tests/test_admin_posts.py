"""Editors write, schedule, publish and preview posts through the real admin forms."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from blog.models import Label, Post
from tests.admin_forms import post_form_data
from tests.markup import parse

ADD_URL = reverse("admin:blog_post_add")
CHANGELIST_URL = reverse("admin:blog_post_changelist")


@pytest.fixture
def editor_client(client, an_editor, settings):
    """An editor who reads the admin in English (the blog itself speaks Arabic)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(an_editor)
    return client


def form_errors(response):
    """{field: [messages]} of the admin form a response shows again."""
    return {
        field: list(errors) for field, errors in response.context["adminform"].form.errors.items()
    }


@pytest.mark.django_db
class TestCreateAndPublish:
    def test_an_editor_publishes_a_post_through_the_add_form(
        self, editor_client, client, make_author
    ):
        first, second = make_author("Yasmina Kaci"), make_author("Omar Belkacem")
        response = editor_client.post(
            ADD_URL,
            post_form_data(
                title="The tram reaches the sea",
                body="<h2>Morning</h2><p>Crowds at the <strong>new</strong> stop.</p>",
                labels="Algiers، Transport, city life",
                authors=[first, second],
            ),
        )
        assert response.status_code == 302, form_errors(response)
        assert response["Location"] == CHANGELIST_URL

        post = Post.objects.get()
        assert post.status == Post.Status.PUBLISHED
        assert post.slug == "the-tram-reaches-the-sea"
        assert post.byline_authors == [first, second]
        assert sorted(label.name for label in post.labels.all()) == [
            "Algiers",
            "Transport",
            "city life",
        ]
        assert post.body_text == "Morning\n\nCrowds at the new stop."

        client.logout()
        page = client.get(post.get_absolute_url())
        assert page.status_code == 200
        assert '<h2 id="morning">Morning</h2>' in page.content.decode()
        assert post.title in client.get("/").content.decode()

    def test_the_body_is_sanitised_on_save(self, editor_client, an_author):
        body = '<p onclick="steal()">Hi<script>steal()</script></p><a href="javascript:x()">x</a>'
        response = editor_client.post(ADD_URL, post_form_data(body=body, authors=[an_author]))
        assert response.status_code == 302, form_errors(response)
        stored = Post.objects.get().body
        assert "steal" not in stored
        assert "javascript" not in stored
        assert stored.startswith("<p>Hi</p>")

    def test_a_post_needs_a_title(self, editor_client, an_author):
        response = editor_client.post(ADD_URL, post_form_data(title="", authors=[an_author]))
        assert response.status_code == 200
        assert "title" in form_errors(response)
        assert not Post.objects.exists()

    def test_the_add_form_starts_with_the_blogs_language_and_now(self, editor_client):
        response = editor_client.get(ADD_URL)
        initial = response.context["adminform"].form.initial
        assert initial["language"] == "ar"
        assert abs(initial["publish_at"] - timezone.now()) < datetime.timedelta(minutes=1)


BAD_SUBMISSIONS = {
    "the same author twice": {
        "bylines-TOTAL_FORMS": "2",
        "bylines-1-id": "",
        "bylines-1-author": "{author}",
        "bylines-1-order": "1",
    },
    "an author that does not exist": {"bylines-0-author": "999999"},
    "a negative byline order": {"bylines-0-order": "-1"},
    "a broken formset count": {"bylines-TOTAL_FORMS": "many"},
    "no formset management data": {"bylines-TOTAL_FORMS": None},
    "30 February": {"publish_at_0": "2026-02-30"},
    "year 0": {"publish_at_0": "0000-01-01"},
    "an unknown status": {"status": "live"},
    "an unknown language": {"language": "xx"},
    "a NUL in the title": {"title": "Tea\x00time"},
    "a title too long": {"title": "x" * 201},
    "a NUL in the body": {"body": "<p>Tea\x00time</p>"},
    "a NUL in the labels": {"labels": "Tea\x00time"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("changes", BAD_SUBMISSIONS.values(), ids=BAD_SUBMISSIONS.keys())
def test_a_bad_submission_shows_the_form_again(editor_client, an_author, changes):
    data = post_form_data(authors=[an_author])
    for name, value in changes.items():
        if value is None:
            del data[name]
        else:
            data[name] = value.format(author=an_author.pk)
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert response.context["errors"]
    assert not Post.objects.exists()


@pytest.mark.django_db
class TestScheduling:
    def test_a_future_date_gives_a_scheduled_post(self, editor_client, client, an_author):
        later = timezone.now() + datetime.timedelta(days=2)
        response = editor_client.post(
            ADD_URL, post_form_data(title="Next week", publish_at=later, authors=[an_author])
        )
        assert response.status_code == 302, form_errors(response)
        post = Post.objects.get()
        assert post.status == Post.Status.SCHEDULED
        assert client.get(post.get_absolute_url()).status_code == 404

    def test_scheduled_with_a_future_date_is_accepted(self, editor_client, an_author):
        later = timezone.now() + datetime.timedelta(hours=3)
        data = post_form_data(status=Post.Status.SCHEDULED, publish_at=later, authors=[an_author])
        assert editor_client.post(ADD_URL, data).status_code == 302
        assert Post.objects.get().status == Post.Status.SCHEDULED

    def test_scheduled_with_a_past_date_is_a_form_error(self, editor_client, an_author):
        earlier = timezone.now() - datetime.timedelta(hours=3)
        data = post_form_data(status=Post.Status.SCHEDULED, publish_at=earlier, authors=[an_author])
        response = editor_client.post(ADD_URL, data)
        assert response.status_code == 200
        assert list(form_errors(response)) == ["publish_at"]
        assert not Post.objects.exists()

    def test_the_changelist_shows_a_scheduled_post_as_published_once_its_time_has_come(
        self, editor_client, make_post, time_machine
    ):
        post = make_post(
            "Dawn", status=Post.Status.SCHEDULED, publish_at=timezone.now() + timezone.timedelta(1)
        )
        assert 'status--scheduled"' in editor_client.get(CHANGELIST_URL).content.decode()
        time_machine.move_to(post.publish_at + datetime.timedelta(minutes=1))
        assert 'status--published"' in editor_client.get(CHANGELIST_URL).content.decode()


@pytest.mark.django_db
class TestBulkActions:
    def run_action(self, client, action, posts):
        return client.post(
            CHANGELIST_URL,
            {"action": action, "_selected_action": [post.pk for post in posts]},
            follow=True,
        )

    def test_publish_selected(self, editor_client, client, make_post, time_machine):
        now = timezone.now()
        time_machine.move_to(now, tick=False)
        draft = make_post("Draft", status=Post.Status.DRAFT, publish_at=now - timezone.timedelta(9))
        future = make_post("Future", publish_at=now + timezone.timedelta(days=9))
        old_date = now - timezone.timedelta(days=30)
        live = make_post("Live", publish_at=old_date)

        response = self.run_action(editor_client, "publish_selected", [draft, future, live])
        assert "2 posts published." in [str(message) for message in response.context["messages"]]
        for post in (draft, future, live):
            post.refresh_from_db()
            assert post.status == Post.Status.PUBLISHED
            assert client.get(post.get_absolute_url()).status_code == 200
        assert draft.publish_at == future.publish_at == now
        assert live.publish_at == old_date

    def test_unpublish_selected(self, editor_client, client, make_post):
        live, other = make_post("Live"), make_post("Stays live")
        response = self.run_action(editor_client, "unpublish_selected", [live])
        assert "1 post unpublished." in [str(message) for message in response.context["messages"]]
        live.refresh_from_db()
        assert live.status == Post.Status.DRAFT
        assert client.get(live.get_absolute_url()).status_code == 404
        home = client.get("/").content.decode()
        assert live.title not in home
        assert other.title in home


@pytest.mark.django_db
class TestPreview:
    @pytest.fixture
    def a_draft(self, make_post):
        return make_post("Unfinished thoughts", status=Post.Status.DRAFT)

    def test_staff_who_may_edit_it_see_the_draft_in_the_public_design(self, editor_client, a_draft):
        response = editor_client.get(reverse("blog:preview", args=[a_draft.pk]))
        assert response.status_code == 200
        assert response["X-Robots-Tag"] == "noindex"
        assert "no-cache" in response["Cache-Control"]
        page = parse(response)
        assert page.find("h1").text == a_draft.title
        assert page.find("p", class_="preview-banner") is not None
        assert page.find("meta", name="robots").attrs["content"] == "noindex, nofollow"

    def test_anonymous_readers_are_sent_to_the_login_page(self, client, a_draft):
        url = reverse("blog:preview", args=[a_draft.pk])
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
        assert a_draft.title not in response.content.decode()

    def test_a_signed_in_reader_who_is_not_staff_is_sent_to_the_login_page(
        self, client, django_user_model, a_draft
    ):
        client.force_login(django_user_model.objects.create_user("reader", password="x-12345678"))
        response = client.get(reverse("blog:preview", args=[a_draft.pk]))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))

    def test_an_author_sees_their_own_draft(self, client, an_author_user, make_post):
        draft = make_post(status=Post.Status.DRAFT, authors=[an_author_user.author_profile])
        client.force_login(an_author_user)
        assert client.get(reverse("blog:preview", args=[draft.pk])).status_code == 200

    def test_an_author_gets_404_on_someone_elses_draft(self, client, an_author_user, a_draft):
        client.force_login(an_author_user)
        response = client.get(reverse("blog:preview", args=[a_draft.pk]))
        assert response.status_code == 404
        assert a_draft.title not in response.content.decode()

    def test_an_unknown_post_is_404(self, editor_client, db):
        assert editor_client.get(reverse("blog:preview", args=[999999])).status_code == 404


@pytest.mark.django_db
class TestSlugs:
    def test_the_slug_is_prepopulated_from_the_title_with_unicode_allowed(self, editor_client):
        page = parse(editor_client.get(ADD_URL))
        script = page.find("script", id="django-admin-prepopulated-fields-constants")
        [field] = json.loads(script.attrs["data-prepopulated-fields"])
        assert field["id"] == "#id_slug"
        assert field["dependency_ids"] == ["#id_title"]
        assert field["allowUnicode"] is True

    def test_an_arabic_title_gives_an_arabic_slug_when_the_slug_is_left_blank(
        self, editor_client, client, an_author
    ):
        title = "رحلة إلى تلمسان في الربيع"
        response = editor_client.post(
            ADD_URL, post_form_data(title=title, language="ar", slug="", authors=[an_author])
        )
        assert response.status_code == 302, form_errors(response)
        post = Post.objects.get()
        assert post.slug == "رحلة-إلى-تلمسان-في-الربيع" == slugify(title, allow_unicode=True)
        client.logout()
        assert client.get(post.get_absolute_url()).status_code == 200

    def test_a_second_post_with_the_same_title_gets_its_own_slug(
        self, editor_client, make_post, an_author
    ):
        make_post("Rain")
        response = editor_client.post(ADD_URL, post_form_data(title="Rain", authors=[an_author]))
        assert response.status_code == 302, form_errors(response)
        assert sorted(Post.objects.values_list("slug", flat=True)) == ["rain", "rain-2"]

    def test_a_typed_slug_that_is_taken_is_a_form_error(self, editor_client, make_post, an_author):
        make_post("Rain")
        response = editor_client.post(
            ADD_URL, post_form_data(title="Storm", slug="rain", authors=[an_author])
        )
        assert response.status_code == 200
        assert list(form_errors(response)) == ["slug"]

    @pytest.mark.parametrize("slug", ["with space", "slash/inside", "<b>"])
    def test_a_slug_that_cannot_be_a_url_is_a_form_error(self, editor_client, an_author, slug):
        response = editor_client.post(ADD_URL, post_form_data(slug=slug, authors=[an_author]))
        assert response.status_code == 200
        assert list(form_errors(response)) == ["slug"]


@pytest.mark.django_db
class TestLabels:
    def add_post(self, client, labels, author):
        return client.post(ADD_URL, post_form_data(labels=labels, authors=[author]))

    def test_latin_and_arabic_commas_separate_labels(self, editor_client, an_author):
        response = self.add_post(editor_client, "Oran، تاريخ, Sea", an_author)
        assert response.status_code == 302, form_errors(response)
        assert sorted(Label.objects.values_list("name", "slug")) == [
            ("Oran", "oran"),
            ("Sea", "sea"),
            ("تاريخ", "تاريخ"),
        ]

    def test_labels_that_differ_only_in_case_are_one_label(
        self, editor_client, an_author, make_post
    ):
        make_post(labels=["History"])
        assert self.add_post(editor_client, "history", an_author).status_code == 302
        assert list(Label.objects.values_list("name", flat=True)) == ["History"]

    def test_a_label_of_punctuation_alone_still_gets_an_address(
        self, editor_client, client, an_author
    ):
        response = self.add_post(editor_client, "!!!, #, ؟, C++, C", an_author)
        assert response.status_code == 302, form_errors(response)
        slugs = list(Label.objects.values_list("slug", flat=True))
        assert all(slugs) and len(set(slugs)) == 5
        post = Post.objects.get()
        for url in ("/", post.get_absolute_url(), "/sitemap.xml", "/feeds/atom/"):
            assert client.get(url).status_code == 200, url
        for label in Label.objects.all():
            assert post in client.get(label.get_absolute_url()).context["posts"]

    def test_a_label_too_long_to_store_is_a_form_error(self, editor_client, an_author):
        response = self.add_post(editor_client, "Short, " + "x" * 101, an_author)
        assert response.status_code == 200
        assert list(form_errors(response)) == ["labels"]
        assert not Post.objects.exists()
        assert not Label.objects.exists()

    def test_the_longest_labels_that_clash_still_get_their_own_address(
        self, editor_client, an_author
    ):
        names = ["a" * 99 + "!", "a" * 99 + "?", "a" * 99 + "."]
        response = self.add_post(editor_client, ", ".join(names), an_author)
        assert response.status_code == 302, form_errors(response)
        slugs = list(Label.objects.values_list("slug", flat=True))
        assert len(set(slugs)) == 3
        assert all(len(slug) <= 100 for slug in slugs)
