"""Every role against every moderation action on the page: allowed or refused, with and
without a CSRF token, and the controls each role is shown."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from blog.models import Post
from comments import services
from comments.access import may_moderate
from comments.models import Ban, Comment, ModerationLog

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

IP = "198.51.100.7"


def make_user(django_user_model, username, groups=(), **fields):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", **fields)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def authored_post(make_post, an_author_user):
    """A post whose byline is Karim's (`an_author_user`)."""
    return make_post("Karim's post", authors=[an_author_user.author_profile])


@pytest.fixture
def commenter(django_user_model):
    return make_user(django_user_model, "yacine", first_name="Yacine")


@pytest.fixture
def users(django_user_model, a_reader, an_author_user, an_editor, commenter, make_author):
    """The account for each role; "guest" has none."""
    other_author = make_user(django_user_model, "lina", groups=["Authors"], is_staff=True)
    make_author("Lina Mansour", user=other_author)
    return {
        "guest": None,
        "reader": a_reader,
        "commenter": commenter,
        "author of another post": other_author,
        "post author": an_author_user,
        "moderator": make_user(django_user_model, "nadia", groups=["Moderators"]),
        "editor": an_editor,
        "superuser": make_user(django_user_model, "root", is_superuser=True),
    }


MODERATING_ROLES = {"post author", "moderator", "editor", "superuser"}
# Bans reach the whole blog: a post's author moderates it but does not ban.
BANNING_ROLES = MODERATING_ROLES - {"post author"}
ROLES = [
    "guest",
    "reader",
    "commenter",
    "author of another post",
    "post author",
    "moderator",
    "editor",
    "superuser",
]


def acting(client, user):
    if user is not None:
        client.force_login(user)
    return client


def held(make_comment, post, commenter):
    return make_comment("Held words", post=post, user=commenter, ip=IP, hold_reason="first")


# Each action: (set up the comment or post, the URL and data to post, what changed).
def approve_case(make_comment, post, commenter):
    comment = held(make_comment, post, commenter)
    url = reverse("comments:approve", args=[comment.pk])
    return url, {}, lambda: Comment.objects.get(pk=comment.pk).status == "approved"


def spam_case(make_comment, post, commenter):
    comment = make_comment("Buy now", post=post, user=commenter, ip=IP)
    url = reverse("comments:spam", args=[comment.pk])
    return url, {}, lambda: Comment.objects.get(pk=comment.pk).status == "spam"


def restore_case(make_comment, post, commenter):
    comment = make_comment("Removed by mistake", post=post, user=commenter, ip=IP)
    services.remove_comment(comment, by_moderator=True)
    url = reverse("comments:restore", args=[comment.pk])
    return url, {}, lambda: Comment.objects.get(pk=comment.pk).status == "approved"


def ban_case(make_comment, post, commenter):
    comment = make_comment("Rude words", post=post, user=commenter, ip=IP)
    url = reverse("comments:ban", args=[comment.pk])
    data = {"kinds": ["account"], "duration": "7", "reason": "insults"}
    return url, data, lambda: Ban.objects.active().filter(user=commenter).exists()


def delete_case(make_comment, post, commenter):
    comment = make_comment("Off topic", post=post, user=commenter, ip=IP)
    url = reverse("comments:delete", args=[comment.pk])
    return url, {}, lambda: Comment.objects.get(pk=comment.pk).status == "removed"


def close_case(make_comment, post, commenter):
    url = reverse("comments:close", args=[post.pk])
    closed = Post.CommentPolicy.CLOSED
    return url, {}, lambda: Post.objects.get(pk=post.pk).comment_policy == closed


def reopen_case(make_comment, post, commenter):
    Post.objects.filter(pk=post.pk).update(comment_policy=Post.CommentPolicy.CLOSED)
    url = reverse("comments:reopen", args=[post.pk])
    inherit = Post.CommentPolicy.INHERIT
    return url, {}, lambda: Post.objects.get(pk=post.pk).comment_policy == inherit


ACTIONS = {
    "approve": approve_case,
    "spam": spam_case,
    "restore": restore_case,
    "ban": ban_case,
    "delete": delete_case,
    "close": close_case,
    "reopen": reopen_case,
}
LOGGED = {
    "approve": ModerationLog.Action.APPROVE,
    "spam": ModerationLog.Action.SPAM,
    "restore": ModerationLog.Action.RESTORE,
    "ban": ModerationLog.Action.BAN,
    "delete": ModerationLog.Action.REMOVE,
    "close": ModerationLog.Action.CLOSE,
    "reopen": ModerationLog.Action.REOPEN,
}


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_and_action(client, users, make_comment, authored_post, commenter, role, action):
    url, data, done = ACTIONS[action](make_comment, authored_post, commenter)
    user = users[role]

    response = acting(client, user).post(url, data)

    # The commenter deleting their own comment is an author's removal, not moderation.
    acting_roles = BANNING_ROLES if action == "ban" else MODERATING_ROLES
    allowed = role in acting_roles or (role == "commenter" and action == "delete")
    if allowed:
        assert response.status_code == 302
        assert done()
    else:
        assert response.status_code == 403
        assert not done()
    moderated = role in acting_roles
    logged = ModerationLog.objects.filter(action=LOGGED[action], actor__isnull=False)
    assert logged.exists() is moderated
    if moderated:
        assert logged.get().actor == user


@pytest.mark.parametrize("action", list(ACTIONS))
class TestCsrf:
    def test_a_moderator_without_the_token_is_refused(
        self, users, make_comment, authored_post, commenter, action
    ):
        url, data, done = ACTIONS[action](make_comment, authored_post, commenter)
        client = acting(Client(enforce_csrf_checks=True), users["moderator"])

        response = client.post(url, data)

        assert response.status_code == 403
        assert not done()
        assert not ModerationLog.objects.filter(actor=users["moderator"]).exists()

    def test_with_the_token_of_the_post_page_it_works(
        self, users, make_comment, authored_post, commenter, action
    ):
        url, data, done = ACTIONS[action](make_comment, authored_post, commenter)
        client = acting(Client(enforce_csrf_checks=True), users["moderator"])
        page = client.get(authored_post.get_absolute_url()).content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

        response = client.post(url, {**data, "csrfmiddlewaretoken": token})

        assert response.status_code == 302
        assert done()


def test_actions_answer_post_only(client, users, make_comment, authored_post, commenter):
    comment = make_comment("Words", post=authored_post, user=commenter)
    client.force_login(users["moderator"])
    for name in ("approve", "spam", "restore"):
        assert client.get(reverse(f"comments:{name}", args=[comment.pk])).status_code == 405
    for name in ("close", "reopen"):
        assert client.get(reverse(f"comments:{name}", args=[authored_post.pk])).status_code == 405
    assert Comment.objects.get(pk=comment.pk).status == "approved"


def test_an_unknown_comment_is_not_found(client, users):
    client.force_login(users["moderator"])
    assert client.post(reverse("comments:approve", args=[987654])).status_code == 404
    assert client.post(reverse("comments:ban", args=[987654])).status_code == 404


def test_actions_come_back_to_the_comment(client, users, make_comment, authored_post, commenter):
    comment = held(make_comment, authored_post, commenter)
    client.force_login(users["moderator"])
    response = client.post(reverse("comments:approve", args=[comment.pk]))
    assert response["Location"] == f"{authored_post.get_absolute_url()}#c{comment.pk}"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_the_controls_it_may_use(
    client, users, make_comment, authored_post, commenter, role
):
    shown = make_comment("Shown words", post=authored_post, guest_name="Salima", ip=IP)
    waiting = held(make_comment, authored_post, commenter)
    removed = make_comment("Gone words", post=authored_post, guest_name="Omar", ip=IP)
    services.remove_comment(removed, by_moderator=True)

    page = acting(client, users[role]).get(authored_post.get_absolute_url()).content.decode()

    moderates = role in MODERATING_ROLES
    assert ('aria-label="Approve comment by Yacine"' in page) is moderates
    assert ('aria-label="Mark spam: comment by Salima"' in page) is moderates
    assert ('aria-label="Ban commenter Salima"' in page) is (role in BANNING_ROLES)
    assert ('aria-label="Restore comment by Omar"' in page) is moderates
    assert ('id="comment-moderation"' in page) is moderates
    assert ("Close comments" in page) is moderates
    assert (reverse("comments:approve", args=[waiting.pk]) in page) is moderates
    assert (f'id="c{removed.pk}"' in page) is moderates
    # Only the held comment's author and the moderators see it at all.
    assert ("Held words" in page) is (moderates or role == "commenter")
    # Readers may report others' comments; moderators have stronger tools.
    assert ('aria-label="Report comment by Salima"' in page) is (not moderates)
    assert (reverse("comments:report", args=[shown.pk]) in page) is (not moderates)


def test_who_may_moderate_by_group(users, authored_post, make_post):
    elsewhere = make_post("Another post")
    for role in MODERATING_ROLES - {"post author"}:
        assert may_moderate(users[role], elsewhere), role
    assert may_moderate(users["post author"], authored_post)
    assert not may_moderate(users["post author"], elsewhere)
    assert not may_moderate(users["author of another post"], authored_post)


def test_the_moderators_and_editors_groups_hold_the_moderation_permissions():
    moderate = Permission.objects.get(codename="moderate_comments")
    for name in ("Moderators", "Editors"):
        group = Group.objects.get(name=name)
        codenames = set(group.permissions.values_list("codename", flat=True))
        assert moderate in group.permissions.all()
        assert {"view_comment", "delete_comment", "view_moderationlog", "view_ban"} <= codenames
    assert moderate not in Group.objects.get(name="Authors").permissions.all()


class TestBanPage:
    def test_offers_what_is_known_of_the_commenter(
        self, client, users, make_comment, authored_post
    ):
        guest = make_comment(
            "Words", post=authored_post, guest_name="Omar", guest_email="o@example.org", ip=IP
        )
        client.force_login(users["moderator"])
        page = client.get(reverse("comments:ban", args=[guest.pk])).content.decode()
        assert 'value="email"' in page and 'value="address"' in page
        assert 'value="account"' not in page
        assert "Ban \u2068Omar\u2069 from commenting" in page

    def test_a_guest_can_be_banned_by_email_for_good(
        self, client, users, make_comment, authored_post
    ):
        guest = make_comment(
            "Words", post=authored_post, guest_name="Omar", guest_email="O@Example.org", ip=IP
        )
        client.force_login(users["moderator"])
        response = client.post(
            reverse("comments:ban", args=[guest.pk]),
            {"kinds": ["email", "address"], "duration": "forever"},
        )
        assert response.status_code == 302
        email_ban = Ban.objects.get(kind=Ban.Kind.EMAIL)
        assert email_ban.email == "o@example.org" and email_ban.expires_at is None
        assert Ban.objects.get(kind=Ban.Kind.ADDRESS).ip_hash == guest.ip_hash

    @pytest.mark.parametrize(
        "data",
        [{}, {"kinds": ["account"], "duration": "7"}, {"kinds": ["email"], "duration": "2"}],
    )
    def test_bad_choices_are_form_errors(self, client, users, make_comment, authored_post, data):
        guest = make_comment("Words", post=authored_post, guest_email="o@example.org", ip=IP)
        client.force_login(users["moderator"])
        response = client.post(reverse("comments:ban", args=[guest.pk]), data)
        assert response.status_code == 400
        assert not Ban.objects.exists()

    def test_a_moderator_cannot_ban_themselves(self, client, users, make_comment, authored_post):
        own = make_comment("Mine", post=authored_post, user=users["moderator"], ip=IP)
        client.force_login(users["moderator"])
        response = client.post(
            reverse("comments:ban", args=[own.pk]), {"kinds": ["account"], "duration": "7"}
        )
        assert response.status_code == 409
        assert not Ban.objects.exists()
