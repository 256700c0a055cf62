"""comments.access: each rule's Python and SQL forms agree for every status and every kind of
reader, and the rules of who may ban and whose reports count, role by role."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments import access, services
from comments.models import Ban, Comment, ModerationLog
from tests.helpers import set_comments

pytestmark = pytest.mark.django_db

STATUSES = list(Comment.Status)
# Who reads: (user, token) — "the account" and "the browser" wrote the comments under test.
READERS = [
    "guest without a cookie",
    "the browser",
    "another browser",
    "the account",
    "another account",
    "the account, in the browser",
    "moderator",
]
AUTHORS = ["account", "guest"]


@pytest.fixture
def people(django_user_model):
    return {
        "account": django_user_model.objects.create_user("salima"),
        "another": django_user_model.objects.create_user("omar"),
        "moderator": django_user_model.objects.create_user("nadia"),
    }


def reader_for(name, people):
    browser, elsewhere = services.hash_token("browser"), services.hash_token("elsewhere")
    return {
        "guest without a cookie": access.Reader(),
        "the browser": access.Reader(token_hash=browser),
        "another browser": access.Reader(token_hash=elsewhere),
        "the account": access.Reader(user_id=people["account"].pk),
        "another account": access.Reader(user_id=people["another"].pk),
        "the account, in the browser": access.Reader(
            user_id=people["account"].pk, token_hash=browser
        ),
        "moderator": access.Reader(user_id=people["moderator"].pk, is_moderator=True),
    }[name]


def written(make_comment, author, people, status, body="Words"):
    fields = {"user": people["account"]} if author == "account" else {"guest_token": "browser"}
    comment = make_comment(body, **fields)
    Comment.objects.filter(pk=comment.pk).update(status=status)
    comment.status = status
    return comment


@pytest.mark.parametrize("author", AUTHORS)
@pytest.mark.parametrize("reader_name", READERS)
@pytest.mark.parametrize("status", STATUSES)
def test_python_and_sql_agree(make_comment, people, status, reader_name, author):
    comment = written(make_comment, author, people, status)
    reader = reader_for(reader_name, people)
    row = Comment.objects.filter(pk=comment.pk)

    assert access.owns(reader, comment) is row.filter(access.owned_by(reader)).exists()
    assert access.sees(reader, comment) is row.filter(access.seen_by(reader)).exists()


@pytest.mark.parametrize(
    ("reader_name", "status", "sees"),
    [
        ("guest without a cookie", "approved", True),
        ("guest without a cookie", "pending", False),
        ("the browser", "pending", True),
        ("another browser", "pending", False),
        ("the account", "pending", True),
        ("another account", "pending", False),
        ("the account", "spam", False),
        ("moderator", "spam", True),
        ("moderator", "removed", True),
    ],
)
@pytest.mark.parametrize("author", AUTHORS)
def test_who_sees_what(make_comment, people, reader_name, status, sees, author):
    """The rule itself, drawn: the agreement test alone would pass for any rule."""
    comment = written(make_comment, author, people, status)
    reader = reader_for(reader_name, people)
    # A guest's browser sees its held guest comments; an account sees its own.
    mine = {"account": {"the account", "the account, in the browser"}, "guest": {"the browser"}}
    if status == "pending" and reader_name in {"the browser", "the account"}:
        sees = reader_name in mine[author]
    assert access.sees(reader, comment) is sees


@pytest.mark.parametrize("reader_name", READERS)
@pytest.mark.parametrize("reply_status", STATUSES)
@pytest.mark.parametrize("parent_status", [s for s in STATUSES if s != "approved"])
def test_the_tombstone_rule_is_the_same_on_the_page_and_for_links(
    make_comment, people, parent_status, reply_status, reader_name
):
    """A comment the reader does not see stays (as a tombstone) exactly while a reply under
    it, or answering it, is shown — on the page and in `is_shown`, which permalinks use."""
    parent = make_comment("Parent", user=people["another"])
    reply = make_comment("Reply", reply_to=parent, guest_token="browser")
    Comment.objects.filter(pk=parent.pk).update(status=parent_status)
    Comment.objects.filter(pk=reply.pk).update(status=reply_status)
    reader = reader_for(reader_name, people)
    rows = list(Comment.objects.filter(thread_id=parent.thread_id).order_by("path"))

    on_page = {row.id for row in access.shown(rows, reader)}

    for comment in rows:
        assert access.is_shown(comment, reader) is (comment.id in on_page)
    reply_seen = access.sees(reader, rows[1])
    assert (parent.pk in on_page) is (reply_seen or access.sees(reader, rows[0]))


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ({"user": "account"}, {"user": "account"}, True),
        ({"user": "account"}, {"user": "another"}, False),
        ({"user": "account"}, {"guest_token": "browser"}, False),
        ({"guest_token": "browser"}, {"guest_token": "browser"}, True),
        ({"guest_token": "browser"}, {"guest_token": "elsewhere"}, False),
        (
            {"guest_token": "browser", "guest_email": "s@example.org"},
            {"guest_token": "elsewhere", "guest_email": "S@example.org"},
            False,
        ),
        (
            {"guest_token": "browser", "guest_email": "s@example.org", "confirmed": True},
            {"guest_token": "elsewhere", "guest_email": "S@example.org", "confirmed": True},
            True,
        ),
        (
            {"guest_token": "browser", "guest_email": "s@example.org", "confirmed": True},
            {"guest_token": "elsewhere", "guest_email": "s@example.org"},
            False,
        ),
    ],
)
def test_the_same_commenter_both_ways(make_comment, people, first, second, same):
    def make(fields, body):
        fields = dict(fields)
        confirmed = fields.pop("confirmed", False)
        if "user" in fields:
            fields["user"] = people[fields["user"]]
        comment = make_comment(body, **fields)
        Comment.objects.filter(pk=comment.pk).update(guest_email_confirmed=confirmed)
        comment.guest_email_confirmed = confirmed
        return comment

    one, other = make(first, "One"), make(second, "Other")

    assert access.same_commenter(one, other) is same
    assert access.same_commenter(other, one) is same
    by_one = Comment.objects.filter(access.by_same_commenter(one))
    assert set(by_one.values_list("pk", flat=True)) == ({one.pk, other.pk} if same else {one.pk})


# Bans, role by role: only Moderators, Editors and superusers ban; nobody bans someone above.


def make_user(django_user_model, username, groups=(), **fields):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", **fields)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def staff(django_user_model, an_author_user, an_editor):
    return {
        "reader": make_user(django_user_model, "amal"),
        "post author": an_author_user,
        "moderator": make_user(django_user_model, "nadia", groups=["Moderators"]),
        "staff moderator": make_user(
            django_user_model, "samir", groups=["Moderators"], is_staff=True
        ),
        "editor": an_editor,
        "other editor": make_user(django_user_model, "lina", groups=["Editors"], is_staff=True),
        "superuser": make_user(django_user_model, "root", is_superuser=True),
        "other superuser": make_user(django_user_model, "admin", is_superuser=True),
    }


BANNERS = ["post author", "moderator", "staff moderator", "editor", "superuser"]
TARGETS = ["guest", "reader", "post author", "other editor", "other superuser"]
# (who bans, whose comment): allowed. Staff stand above readers and guests, superusers above
# staff; a post's author bans nobody; equals may ban each other.
MAY_BAN = {
    ("moderator", "guest"),
    ("moderator", "reader"),
    ("staff moderator", "guest"),
    ("staff moderator", "reader"),
    ("staff moderator", "post author"),
    ("staff moderator", "other editor"),
    ("editor", "guest"),
    ("editor", "reader"),
    ("editor", "post author"),
    ("editor", "other editor"),
    ("superuser", "guest"),
    ("superuser", "reader"),
    ("superuser", "post author"),
    ("superuser", "other editor"),
    ("superuser", "other superuser"),
}


@pytest.fixture
def karims_post(make_post, an_author_user):
    return make_post("Karim's post", authors=[an_author_user.author_profile])


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("banner", BANNERS)
def test_who_may_ban_whom(client, staff, karims_post, make_comment, banner, target):
    if target == "guest":
        comment = make_comment("Words", post=karims_post, guest_email="g@example.org", ip="x")
    else:
        comment = make_comment("Words", post=karims_post, user=staff[target], ip="192.0.2.3")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(staff[banner])
    kinds = ["account"] if target != "guest" else ["email"]

    response = client.post(
        reverse("comments:ban", args=[comment.pk]), {"kinds": kinds, "duration": "7"}
    )

    allowed = (banner, target) in MAY_BAN
    assert access.may_ban_author_of(staff[banner], comment) is allowed
    assert response.status_code == (302 if allowed else 403)
    assert Ban.objects.exists() is allowed
    if not allowed:
        with pytest.raises(services.BanRefused):
            services.ban_commenter(comment, kinds, by=staff[banner])
        assert not Ban.objects.exists()


def test_a_post_author_sees_no_ban_link_but_may_still_remove(
    client, staff, karims_post, make_comment
):
    comment = make_comment("Rude", post=karims_post, guest_name="Omar")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(staff["post author"])

    page = client.get(karims_post.get_absolute_url()).content.decode()
    assert reverse("comments:ban", args=[comment.pk]) not in page
    assert reverse("comments:delete", args=[comment.pk]) in page
    refused = client.get(reverse("comments:ban", args=[comment.pk]))
    assert refused.status_code == 403
    assert "Only moderators and editors can ban commenters." in refused.content.decode()

    assert client.post(reverse("comments:delete", args=[comment.pk])).status_code == 302
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.REMOVED


# Reports: only settled readers' reports count; the post's moderators are never hidden.


def report(client, comment, address):
    url = reverse("comments:report", args=[comment.pk])
    return client.post(url, {"reason": "abuse"}, REMOTE_ADDR=address)


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def hide_after_one():
    set_comments(reports_to_hide=1)


@pytest.mark.parametrize(
    ("reporter", "counts"),
    [
        ("an account made an hour ago", False),
        ("an account made two days ago", True),
        ("a new account with an approved comment", True),
        ("a new account with only a held comment", False),
        ("a guest", False),
        ("a guest whose browser confirmed an address", True),
        ("a guest whose browser gave an unconfirmed address", False),
    ],
)
def test_whose_reports_count(
    django_user_model, make_comment, as_guest, hide_after_one, reporter, counts
):
    target = make_comment("Reported words", guest_name="Omar", guest_token="omar")
    now = timezone.now()
    client = Client()
    if "account" in reporter:
        joined = now - datetime.timedelta(days=2 if "two days" in reporter else 0, hours=1)
        user = django_user_model.objects.create_user("fresh", date_joined=joined)
        if "approved comment" in reporter:
            make_comment("Mine", user=user)
        if "held comment" in reporter:
            make_comment("Mine", user=user, hold_reason=Comment.HoldReason.FIRST_COMMENT)
        client = signed_in(user)
    elif "address" in reporter:
        mine = make_comment("Mine", guest_token="reporter", guest_email="r@example.org")
        confirmed = "unconfirmed" not in reporter
        Comment.objects.filter(pk=mine.pk).update(guest_email_confirmed=confirmed)
        as_guest(client, "reporter")

    assert report(client, target, "203.0.113.9").status_code == 200

    target.refresh_from_db()
    assert target.report_count == 1
    assert target.reports.get().counts is counts
    assert target.counted_reports == int(counts)
    assert target.status == (Comment.Status.PENDING if counts else Comment.Status.APPROVED)


@pytest.mark.parametrize("author", ["post author", "moderator", "editor", "reader"])
def test_reports_never_hide_a_comment_by_the_posts_moderators(
    django_user_model, staff, karims_post, make_comment, hide_after_one, author
):
    comment = make_comment("Firm words", post=karims_post, user=staff[author])
    last_week = timezone.now() - datetime.timedelta(days=7)
    settled = django_user_model.objects.create_user("settled", date_joined=last_week)

    response = report(signed_in(settled), comment, "203.0.113.9")

    assert response.status_code == 200
    comment.refresh_from_db()
    hidden = author == "reader"
    assert comment.counted_reports == 1
    assert comment.status == (Comment.Status.PENDING if hidden else Comment.Status.APPROVED)
    assert ModerationLog.objects.filter(action="reported").exists() is hidden
