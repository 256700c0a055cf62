"""Review before publishing: contributors write their own drafts and submit them for review,
never publish or schedule, never reach others' posts; editors see what waits and are told by
e-mail; authors keep publishing their own posts. Every role against every action, on the server
(the admin's forms, actions and URLs), not only in what the pages show."""

import datetime
import logging
from smtplib import SMTPException

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone

from blog.models import Author, BlogSettings, Post, may_publish
from tests.admin_forms import post_form_data
from tests.conftest import an_image_upload

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:blog_post_add")
CHANGELIST_URL = reverse("admin:blog_post_changelist")


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, messages):
        raise SMTPException("Connection refused")


@pytest.fixture(autouse=True)
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    blog = BlogSettings.load()
    blog.language = "en"
    blog.save()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def users(a_contributor, an_author_user, an_editor, django_user_model):
    other = django_user_model.objects.create_user(
        "tarek", "tarek@example.org", is_staff=True, first_name="Tarek"
    )
    other.groups.add(Group.objects.get(name="Contributors"))
    Author.objects.create(user=other, display_name="Tarek Saleh")
    return {
        "contributor": a_contributor,
        "other contributor": other,
        "author": an_author_user,
        "editor": an_editor,
        "superuser": django_user_model.objects.create_superuser("root", "root@example.org"),
    }


ROLES = ["contributor", "other contributor", "author", "editor", "superuser"]


@pytest.fixture
def contributors_draft(make_post, a_contributor):
    return make_post(
        "Rania on the medina's fountains",
        status=Post.Status.DRAFT,
        authors=[a_contributor.author_profile],
    )


def change_url(post):
    return reverse("admin:blog_post_change", args=[post.pk])


def current(post):
    return Post.objects.get(pk=post.pk)


# Each action on the contributor's draft: (method, URL, data) and what it changed.
def edit_case(post):
    data = post_form_data(post=post, title="Fountains, revised")
    return change_url(post), data, lambda: current(post).title == "Fountains, revised"


def submit_case(post):
    data = post_form_data(post=post, status=Post.Status.PENDING)
    return change_url(post), data, lambda: current(post).status == Post.Status.PENDING


def publish_case(post):
    data = post_form_data(post=post, status=Post.Status.PUBLISHED)
    return change_url(post), data, lambda: current(post).is_published


def schedule_case(post):
    later = timezone.now() + datetime.timedelta(days=3)
    data = post_form_data(post=post, status=Post.Status.SCHEDULED, publish_at=later)
    return change_url(post), data, lambda: current(post).status == Post.Status.SCHEDULED


def publish_action_case(post):
    data = {"action": "publish_selected", "_selected_action": [post.pk]}
    return CHANGELIST_URL, data, lambda: current(post).is_published


def delete_case(post):
    url = reverse("admin:blog_post_delete", args=[post.pk])
    return url, {"post": "yes"}, lambda: not Post.objects.filter(pk=post.pk).exists()


def image_case(post):
    data = post_form_data(post=post, featured_image=an_image_upload(), featured_image_alt="A sky")
    return change_url(post), data, lambda: bool(current(post).featured_image)


ACTIONS = {
    "edit": edit_case,
    "submit for review": submit_case,
    "publish": publish_case,
    "schedule": schedule_case,
    "publish action": publish_action_case,
    "delete": delete_case,
    "upload an image": image_case,
}
CONTRIBUTOR_MAY = {"edit", "submit for review", "upload an image"}
ALLOWED = {
    "contributor": CONTRIBUTOR_MAY,
    "other contributor": set(),
    # Authors edit the posts they are a byline of; this one is not theirs.
    "author": set(),
    "editor": set(ACTIONS),
    "superuser": set(ACTIONS),
}


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_and_action_on_a_contributors_draft(
    client, users, contributors_draft, role, action
):
    url, data, done = ACTIONS[action](contributors_draft)
    client.force_login(users[role])

    response = client.post(url, data)

    assert response.status_code in (200, 302, 403)
    assert done() is (action in ALLOWED[role])


@pytest.mark.parametrize("role", ROLES)
def test_who_may_publish(users, role):
    assert may_publish(users[role]) is (role not in {"contributor", "other contributor"})


class TestContributor:
    def test_writes_a_draft_and_stays_on_its_byline(self, client, a_contributor):
        client.force_login(a_contributor)
        response = client.post(ADD_URL, post_form_data(title="Souk notes", status="draft"))
        assert response.status_code == 302
        post = Post.objects.get()
        assert post.status == Post.Status.DRAFT
        assert post.byline_authors == [a_contributor.author_profile]

    def test_the_form_offers_draft_and_review_only_and_no_date(self, client, a_contributor):
        client.force_login(a_contributor)
        form = client.get(ADD_URL).context["adminform"].form
        assert [value for value, _label in form.fields["status"].choices] == ["draft", "pending"]
        assert "publish_at" not in form.fields
        assert "publish_selected" not in client.get(CHANGELIST_URL).content.decode()

    def test_publishing_through_the_add_form_is_refused(self, client, a_contributor):
        client.force_login(a_contributor)
        response = client.post(ADD_URL, post_form_data(title="Straight out", status="published"))
        assert response.status_code == 200
        assert "status" in response.context["adminform"].form.errors
        assert not Post.objects.exists()

    def test_own_published_post_is_out_of_reach(self, client, a_contributor, make_post):
        published = make_post("Already out", authors=[a_contributor.author_profile])
        client.force_login(a_contributor)
        assert client.get(change_url(published)).status_code == 302
        response = client.post(change_url(published), post_form_data(post=published, title="X"))
        assert response.status_code == 302
        assert current(published).title == "Already out"
        assert not published.is_editable_by(a_contributor)
        listed = client.get(CHANGELIST_URL).context["cl"].result_list
        assert published not in listed

    def test_edits_a_post_waiting_for_review_and_previews_it(
        self, client, a_contributor, contributors_draft
    ):
        Post.objects.filter(pk=contributors_draft.pk).update(status=Post.Status.PENDING)
        client.force_login(a_contributor)
        response = client.post(
            change_url(contributors_draft),
            post_form_data(post=current(contributors_draft), title="Fountains, again"),
        )
        assert response.status_code == 302
        assert current(contributors_draft).status == Post.Status.PENDING
        preview = client.get(reverse("blog:preview", args=[contributors_draft.pk]))
        assert preview.status_code == 200
        assert "Pending review" in preview.content.decode()

    def test_others_posts_cannot_be_previewed(self, client, users, contributors_draft):
        client.force_login(users["other contributor"])
        preview = client.get(reverse("blog:preview", args=[contributors_draft.pk]))
        assert preview.status_code == 404

    def test_a_post_waiting_for_review_is_not_public(self, client, contributors_draft):
        Post.objects.filter(pk=contributors_draft.pk).update(status=Post.Status.PENDING)
        post = current(contributors_draft)
        assert not post.is_published
        assert client.get(post.get_absolute_url()).status_code == 404
        assert post not in Post.objects.visible()


class TestAuthorsKeepPublishing:
    def test_an_author_publishes_their_own_post(self, client, an_author_user):
        client.force_login(an_author_user)
        response = client.post(ADD_URL, post_form_data(title="Harvest", status="published"))
        assert response.status_code == 302
        assert Post.objects.get().is_published

    def test_an_author_schedules_their_own_post(self, client, an_author_user):
        client.force_login(an_author_user)
        later = timezone.now() + datetime.timedelta(days=2)
        client.post(ADD_URL, post_form_data(title="Later", status="scheduled", publish_at=later))
        assert Post.objects.get().status == Post.Status.SCHEDULED


class TestEditorsAreTold:
    def test_an_email_goes_to_the_editors_after_the_commit(
        self, client, a_contributor, an_editor, contributors_draft, commit
    ):
        client.force_login(a_contributor)
        with commit() as callbacks:
            client.post(change_url(contributors_draft), submit_case(contributors_draft)[1])
        assert callbacks
        [message] = mail.outbox
        assert message.to == [an_editor.email]
        assert message.subject == "“Rania on the medina's fountains” is waiting for review"
        assert "Rania Touati submitted “Rania on the medina's fountains” for review." in (
            message.body
        )
        assert f"{settings.SITE_URL}{change_url(contributors_draft)}" in message.body
        assert f"{settings.SITE_URL}/preview/{contributors_draft.pk}/" in message.body

    def test_nothing_is_sent_before_the_commit_nor_for_a_saved_again_pending_post(
        self,
        client,
        a_contributor,
        an_editor,
        contributors_draft,
        django_capture_on_commit_callbacks,
    ):
        client.force_login(a_contributor)
        with django_capture_on_commit_callbacks(execute=False):
            client.post(change_url(contributors_draft), submit_case(contributors_draft)[1])
        assert not mail.outbox
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                change_url(contributors_draft),
                post_form_data(post=current(contributors_draft), title="Once more"),
            )
        assert not mail.outbox

    def test_the_email_is_written_in_the_blogs_language(
        self, client, a_contributor, an_editor, contributors_draft, commit
    ):
        blog = BlogSettings.load()
        blog.language = "fr"
        blog.save()
        client.force_login(a_contributor)
        with commit():
            client.post(change_url(contributors_draft), submit_case(contributors_draft)[1])
        assert "attend une relecture" in mail.outbox[0].subject

    def test_a_failing_mail_server_is_logged_and_the_post_saved(
        self, client, a_contributor, an_editor, contributors_draft, settings, caplog, commit
    ):
        settings.EMAIL_BACKEND = "tests.test_review.FailingBackend"
        client.force_login(a_contributor)
        with caplog.at_level(logging.ERROR, logger="blog.notifications"), commit():
            response = client.post(
                change_url(contributors_draft), submit_case(contributors_draft)[1]
            )
        assert response.status_code == 302
        assert current(contributors_draft).status == Post.Status.PENDING
        [record] = [r for r in caplog.records if r.name == "blog.notifications"]
        assert record.exc_info


class TestEditorsSeeWhatWaits:
    def test_a_filter_with_counts_and_a_link_to_the_posts_waiting(
        self, client, an_editor, make_post, contributors_draft
    ):
        Post.objects.filter(pk=contributors_draft.pk).update(status=Post.Status.PENDING)
        make_post("Already out")
        client.force_login(an_editor)
        html = client.get(CHANGELIST_URL).content.decode()
        assert "Pending review (1)" in html
        assert "Published (1)" in html
        assert '<a href="?status=pending">1 post pending review</a>' in html
        listed = client.get(CHANGELIST_URL, {"status": "pending"}).context["cl"].result_list
        assert [post.pk for post in listed] == [contributors_draft.pk]

    def test_the_editor_publishes_a_submitted_post(self, client, an_editor, contributors_draft):
        Post.objects.filter(pk=contributors_draft.pk).update(status=Post.Status.PENDING)
        client.force_login(an_editor)
        client.post(CHANGELIST_URL, publish_action_case(contributors_draft)[1])
        post = current(contributors_draft)
        assert post.is_published
        assert client.get(post.get_absolute_url()).status_code == 200
