"""Editing and deleting: each role, the edit window, CSRF, tombstones and exact restores."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments import services
from comments.access import may_moderate
from comments.models import Comment
from tests.helpers import set_comments

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

GUEST_TOKEN = "salima-browser"


@pytest.fixture
def authored_post(make_post, an_author_user):
    """A post whose byline is Karim's, who signs in as `an_author_user`."""
    return make_post("Karim's post", authors=[an_author_user.author_profile])


def make_user(django_user_model, username, **fields):
    return django_user_model.objects.create_user(username, f"{username}@example.org", **fields)


@pytest.fixture
def role_client(client, as_guest, django_user_model, a_reader, an_author_user):
    """role_client(role): a client acting as one of the roles below."""

    def act_as(role):
        if role == "guest owner":
            return as_guest(client, GUEST_TOKEN)
        if role == "other guest":
            return as_guest(client, "another-browser")
        users = {
            "signed-in owner": lambda: a_reader,
            "other reader": lambda: make_user(django_user_model, "yacine"),
            "post author": lambda: an_author_user,
            "moderator": lambda: moderator(django_user_model),
            "superuser": lambda: make_user(django_user_model, "root", is_superuser=True),
        }
        client.force_login(users[role]())
        return client

    return act_as


def moderator(django_user_model):
    user = make_user(django_user_model, "nadia")
    user.user_permissions.add(Permission.objects.get(codename="moderate_comments"))
    return user


@pytest.fixture
def comment_for(make_comment, authored_post, a_reader):
    """comment_for(role): the comment under test — the reader's own for "signed-in owner",
    else a guest's (owned by the browser holding GUEST_TOKEN)."""

    def make(role, body="Original words"):
        if role == "signed-in owner":
            return make_comment(body, post=authored_post, user=a_reader)
        return make_comment(body, post=authored_post, guest_token=GUEST_TOKEN)

    return make


def edit_url(comment):
    return reverse("comments:edit", kwargs={"pk": comment.pk})


def delete_url(comment):
    return reverse("comments:delete", kwargs={"pk": comment.pk})


# role, may edit, may delete, a deletion is recorded as made by
ROLES = [
    ("guest owner", True, True, Comment.RemovedBy.AUTHOR),
    ("other guest", False, False, None),
    ("signed-in owner", True, True, Comment.RemovedBy.AUTHOR),
    ("other reader", False, False, None),
    ("post author", False, True, Comment.RemovedBy.MODERATOR),
    ("moderator", False, True, Comment.RemovedBy.MODERATOR),
    ("superuser", False, True, Comment.RemovedBy.MODERATOR),
]


@pytest.mark.parametrize(("role", "may_edit", "may_delete", "removed_by"), ROLES)
class TestEachRole:
    def test_sees_the_controls_it_may_use(
        self, role_client, comment_for, role, may_edit, may_delete, removed_by
    ):
        comment = comment_for(role)
        page = role_client(role).get(comment.post.get_absolute_url()).content.decode()
        assert (edit_url(comment) in page) is may_edit
        assert (delete_url(comment) in page) is may_delete
        if may_delete:
            assert 'aria-label="Delete comment by ' in page

    def test_edit(self, role_client, comment_for, role, may_edit, may_delete, removed_by):
        comment = comment_for(role)
        client = role_client(role)

        page = client.get(edit_url(comment))
        response = client.post(edit_url(comment), {"body": "Changed words"})

        comment.refresh_from_db()
        if may_edit:
            assert page.status_code == 200
            assert response.status_code == 302
            assert comment.body == "Changed words"
            assert comment.body_html == "<p>Changed words</p>"
            assert comment.edited_at is not None
        else:
            assert page.status_code == response.status_code == 403
            assert comment.body == "Original words" and comment.edited_at is None

    def test_delete(self, role_client, comment_for, role, may_edit, may_delete, removed_by):
        comment = comment_for(role)
        client = role_client(role)

        confirmation = client.get(delete_url(comment))
        response = client.post(delete_url(comment))

        comment.refresh_from_db()
        if may_delete:
            assert confirmation.status_code == 200
            assert "Delete this comment?" in confirmation.content.decode()
            assert response.status_code == 302
            assert comment.status == Comment.Status.REMOVED
            assert comment.removed_by == removed_by
            assert comment.removed_at is not None
        else:
            assert confirmation.status_code == response.status_code == 403
            assert comment.status == Comment.Status.APPROVED


@pytest.mark.parametrize(
    ("role", "removed_by"), [(role, by) for role, _edit, delete, by in ROLES if delete]
)
def test_deleting_a_comment_with_replies_leaves_a_tombstone_saying_who(
    role_client, comment_for, make_comment, role, removed_by
):
    comment = comment_for(role)
    make_comment("A reply that stays", reply_to=comment, guest_token="replier")

    client = role_client(role)
    client.post(delete_url(comment))
    page = client.get(comment.post.get_absolute_url()).content.decode()

    assert "Original words" not in page
    assert "A reply that stays" in page
    expected = {
        Comment.RemovedBy.AUTHOR: "This comment has been removed by its author.",
        Comment.RemovedBy.MODERATOR: "This comment has been removed by a moderator.",
    }[removed_by]
    assert expected in page


def test_who_may_moderate(django_user_model, authored_post, a_reader, an_author_user):
    from django.contrib.auth.models import AnonymousUser

    other_post_author = make_user(django_user_model, "other")
    assert may_moderate(an_author_user, authored_post)
    assert may_moderate(moderator(django_user_model), authored_post)
    assert may_moderate(make_user(django_user_model, "root", is_superuser=True), authored_post)
    assert not may_moderate(a_reader, authored_post)
    assert not may_moderate(other_post_author, authored_post)
    assert not may_moderate(AnonymousUser(), authored_post)
    inactive = make_user(django_user_model, "gone", is_superuser=True, is_active=False)
    assert not may_moderate(inactive, authored_post)


class TestEditWindow:
    def test_closes_after_the_configured_minutes(self, client, as_guest, make_comment):
        set_comments(edit_minutes=10)
        comment = make_comment("Original words")
        as_guest(client, GUEST_TOKEN)
        Comment.objects.filter(pk=comment.pk).update(
            created_at=timezone.now() - timedelta(minutes=11)
        )

        page = client.get(comment.post.get_absolute_url()).content.decode()
        response = client.post(edit_url(comment), {"body": "Too late"})

        assert edit_url(comment) not in page
        assert response.status_code == 403
        assert "The time for editing this comment has passed." in response.content.decode()
        comment.refresh_from_db()
        assert comment.body == "Original words"

    def test_closes_once_someone_replies(self, client, as_guest, make_comment):
        comment = make_comment("Original words")
        make_comment("An answer", reply_to=comment, guest_token="replier")
        as_guest(client, GUEST_TOKEN)

        page = client.get(comment.post.get_absolute_url()).content.decode()
        response = client.post(edit_url(comment), {"body": "Rewritten"})

        assert edit_url(comment) not in page
        assert response.status_code == 403
        assert "Someone has replied" in response.content.decode()

    def test_reopens_when_the_only_reply_is_removed(self, client, as_guest, make_comment):
        comment = make_comment("Original words")
        services.remove_comment(make_comment("An answer", reply_to=comment, guest_token="r"))
        as_guest(client, GUEST_TOKEN)
        assert client.post(edit_url(comment), {"body": "Rewritten"}).status_code == 302

    def test_an_edited_comment_says_so(self, client, as_guest, make_comment):
        comment = make_comment("Original words")
        as_guest(client, GUEST_TOKEN)
        response = client.post(edit_url(comment), {"body": "Better words"})
        assert response["Location"].endswith(f"#c{comment.pk}")
        page = client.get(comment.post.get_absolute_url()).content.decode()
        assert "Better words" in page and "(edited)" in page

    def test_an_invalid_edit_keeps_the_text_and_the_comment(self, client, as_guest, make_comment):
        comment = make_comment("Original words")
        as_guest(client, GUEST_TOKEN)
        response = client.post(edit_url(comment), {"body": "x" * 5001})
        assert response.status_code == 400
        assert "at most 5000 characters" in response.content.decode()
        comment.refresh_from_db()
        assert comment.body == "Original words"


class TestDeletion:
    def test_needs_a_csrf_token(self, as_guest, make_comment):
        comment = make_comment()
        client = as_guest(Client(enforce_csrf_checks=True), GUEST_TOKEN)

        response = client.post(delete_url(comment))

        assert response.status_code == 403
        comment.refresh_from_db()
        assert comment.status == Comment.Status.APPROVED

    def test_with_the_token_of_the_confirmation_page_it_works(self, as_guest, make_comment):
        comment = make_comment()
        client = as_guest(Client(enforce_csrf_checks=True), GUEST_TOKEN)

        page = client.get(delete_url(comment))
        token = page.context["csrf_token"]
        response = client.post(delete_url(comment), {"csrfmiddlewaretoken": str(token)})

        assert response.status_code == 302
        comment.refresh_from_db()
        assert comment.status == Comment.Status.REMOVED

    def test_a_comment_without_replies_disappears(self, client, as_guest, make_comment):
        comment = make_comment("Soon gone")
        make_comment("Stays", guest_token="other")
        as_guest(client, GUEST_TOKEN)

        response = client.post(delete_url(comment))
        page = client.get(comment.post.get_absolute_url()).content.decode()

        assert response["Location"] == f"{comment.post.get_absolute_url()}#comments"
        assert "Soon gone" not in page and f'id="c{comment.pk}"' not in page
        assert "removed by" not in page
        assert "1 comment" in page

    def test_a_tombstone_goes_when_its_last_reply_goes(self, client, as_guest, make_comment):
        comment = make_comment("Parent")
        reply = make_comment("Reply", reply_to=comment, guest_token="replier")
        services.remove_comment(comment)
        services.remove_comment(reply)
        page = client.get(comment.post.get_absolute_url()).content.decode()
        assert "removed by" not in page and "0 comments" in page

    def test_deleting_twice_changes_nothing_more(self, client, as_guest, make_comment):
        comment = make_comment()
        as_guest(client, GUEST_TOKEN)
        client.post(delete_url(comment))
        removed_at = Comment.objects.get().removed_at
        assert client.post(delete_url(comment)).status_code == 302
        assert Comment.objects.get().removed_at == removed_at

    def test_someone_else_cannot_delete_even_without_csrf_checks(
        self, client, as_guest, make_comment
    ):
        comment = make_comment()
        as_guest(client, "forged-or-other-token")
        assert client.post(delete_url(comment)).status_code == 403
        client.cookies["midad_commenter"] = "not-signed"
        assert client.post(delete_url(comment)).status_code == 403
        assert Comment.objects.get().status == Comment.Status.APPROVED

    def test_an_unknown_comment_is_not_found(self, client):
        assert client.post(reverse("comments:delete", kwargs={"pk": 4242})).status_code == 404


class TestRestore:
    def test_brings_a_comment_back_exactly_as_it_was(self, client, make_comment):
        comment = make_comment("Kept safe")
        reply = make_comment("Reply", reply_to=comment, guest_token="replier")
        services.edit_comment(comment, "Kept safe, edited")
        before = Comment.objects.values().get(pk=comment.pk)

        services.remove_comment(comment, by_moderator=True)
        services.restore_comment(Comment.objects.get(pk=comment.pk))

        assert Comment.objects.values().get(pk=comment.pk) == before
        page = client.get(comment.post.get_absolute_url()).content.decode()
        assert "Kept safe, edited" in page and "Reply" in page
        assert reply.parent_id == comment.pk

    def test_puts_back_the_status_the_comment_had(self, make_comment):
        comment = make_comment()
        Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.PENDING)
        comment.refresh_from_db()
        services.remove_comment(comment)
        assert services.restore_comment(comment).status == Comment.Status.PENDING
