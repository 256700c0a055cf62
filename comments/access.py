"""Who sees, owns and may act on a comment: every such rule once, with its SQL twin beside it.

A *reader* is anything with `user_id` (None for a guest), `token_hash` (the hash of the
guest cookie this browser holds, or "") and `is_moderator` (for the post being read) — the
request's `comments.viewer.Viewer`, or a `Reader` made by hand. A *comment* is anything with
the columns the rules read (`status`, `user_id`, `guest_token_hash`, and for the tombstone rule
`id`, `parent_id`, `in_reply_to_id`): a `Comment`, or a row of the post page's display query.

Where a rule is needed both ways — in Python for rows already read, as a `Q` for a queryset —
the two forms sit next to each other here, and tests/test_comments_access.py proves that they
agree for every status and every kind of reader.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from .models import Comment

APPROVED = Comment.Status.APPROVED.value
PENDING = Comment.Status.PENDING.value
SPAM = Comment.Status.SPAM.value
REMOVED = Comment.Status.REMOVED.value

# An account this old, or with a comment readers can see, is trusted to report.
REPORTER_MIN_AGE = timedelta(days=1)


@dataclass(frozen=True)
class Reader:
    """A reader outside a request: an account id or a guest's token hash, moderator or not."""

    user_id: int | None = None
    token_hash: str = ""
    is_moderator: bool = False


# Owning: the account that wrote it, or for a guest's comment the browser holding its token.


def owns(reader, comment):
    """Whether `reader` wrote `comment` (and so may edit or delete it)."""
    if comment.user_id is not None:
        return reader.user_id is not None and comment.user_id == reader.user_id
    return bool(reader.token_hash) and comment.guest_token_hash == reader.token_hash


def owned_by(reader):
    """SQL twin of `owns`: the comments `reader` wrote."""
    owned = Q(pk__in=[])
    if reader.user_id is not None:
        owned |= Q(user_id=reader.user_id)
    if reader.token_hash:
        owned |= Q(user__isnull=True, guest_token_hash=reader.token_hash)
    return owned


# Seeing a comment itself (not a tombstone): approved ones, one's own held ones, and for the
# post's moderators every comment whatever its status.


def sees(reader, comment):
    """Whether `reader` sees `comment` itself rather than a tombstone or nothing."""
    if comment.status == APPROVED or reader.is_moderator:
        return True
    return comment.status == PENDING and owns(reader, comment)


def seen_by(reader):
    """SQL twin of `sees`: the comments `reader` sees as themselves."""
    if reader.is_moderator:
        return Q()
    return Q(status=APPROVED) | (Q(status=PENDING) & owned_by(reader))


# Shown on the page: a comment the reader sees, or one kept as a tombstone because a shown
# comment sits under it or answers it. Written once, in Python: the page applies it to the
# rows it has read; `is_shown` reads the comment's thread and applies the same function.


def shown(rows, reader):
    """The rows of whole threads (in display order) that the page shows to `reader`, in
    order: those the reader sees, and the others that still have a shown reply (as
    tombstones). A comment the reader may not see and without shown replies disappears."""
    needed, kept = set(), []
    for row in reversed(rows):
        if row.status == APPROVED or row.id in needed or sees(reader, row):
            kept.append(row)
            needed.add(row.parent_id)
            needed.add(row.in_reply_to_id)
    kept.reverse()
    return kept


def is_shown(comment, reader):
    """Whether the post page shows `comment` to `reader`, as itself or as a tombstone."""
    if sees(reader, comment):
        return True
    rows = (
        Comment.objects.filter(post_id=comment.post_id, thread_id=comment.thread_id)
        .order_by("path")
        .only("id", "parent_id", "in_reply_to_id", "status", "user_id", "guest_token_hash")
    )
    return any(row.id == comment.pk for row in shown(list(rows), reader))


# The same commenter: the same account; for guests the same browser, or the same e-mail
# address once it has been confirmed (anyone can type someone else's address).


def same_commenter(comment, other):
    """Whether `comment` and `other` were written by the same person."""
    if comment.user_id is not None or other.user_id is not None:
        return comment.user_id == other.user_id
    if comment.guest_token_hash and comment.guest_token_hash == other.guest_token_hash:
        return True
    return (
        comment.guest_email_confirmed
        and other.guest_email_confirmed
        and comment.guest_email.lower() == other.guest_email.lower()
    )


def by_same_commenter(comment):
    """SQL twin of `same_commenter`: the comments written by the author of `comment`."""
    return commenter_filter(
        user_id=comment.user_id,
        token_hash=comment.guest_token_hash,
        confirmed_email=comment.guest_email if comment.guest_email_confirmed else "",
    )


def commenter_filter(*, user_id=None, token_hash="", confirmed_email=""):
    """The comments of one commenter: an account, else a guest's browser and the e-mail
    address they confirmed (if any)."""
    if user_id is not None:
        return Q(user_id=user_id)
    condition = Q(pk__in=[])
    if token_hash:
        condition |= Q(guest_token_hash=token_hash)
    if confirmed_email:
        condition |= Q(guest_email__iexact=confirmed_email, guest_email_confirmed=True)
    return Q(user__isnull=True) & condition


def is_known_commenter(*, user=None, guest_email="", token_hash="", email_confirmed=False):
    """Whether this commenter already has a comment readers can see, on any post: their
    account's, their browser's, or — only when the address is confirmed — their address's.
    "Hold first-time commenters" publishes known commenters at once."""
    if user is not None:
        condition = commenter_filter(user_id=user.pk)
    else:
        email = guest_email if email_confirmed else ""
        condition = commenter_filter(token_hash=token_hash, confirmed_email=email)
    return Comment.objects.filter(condition, status=APPROVED).exists()


# Acting on a comment.


def may_moderate(user, post):
    """Whether `user` may moderate the comments of `post` (approve, mark spam, remove,
    restore, close): superusers, holders of `comments.moderate_comments` (the Moderators and
    Editors groups), and the post's own bylined authors.

    Uses the bylines prefetched by `Post.objects.with_bylines()` when they are there.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or any(author.user_id == user.pk for author in post.byline_authors):
        return True
    return user.has_perm("comments.moderate_comments")


def may_delete(reader, comment):
    """Whether `reader` may remove `comment`: its author, or a moderator of the post."""
    return comment.status != REMOVED and (reader.is_moderator or owns(reader, comment))


def removes_as_moderator(reader, comment):
    """A moderator removing someone else's comment; their own they remove as its author."""
    return reader.is_moderator and not owns(reader, comment)


def may_ban(user):
    """Whether `user` may ban commenters at all. Bans reach the whole blog, so a post's
    authors (who moderate their own posts) may not: superusers and holders of
    `comments.moderate_comments` only."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.has_perm("comments.moderate_comments")


def rank(user):
    """How high an account stands, for bans: superusers above staff above everyone else."""
    if user is None or not user.is_authenticated:
        return 0
    return 2 if user.is_superuser else 1 if user.is_staff else 0


def may_ban_author_of(user, comment):
    """Whether `user` may ban the author of `comment`: never themselves, and never a member
    of staff who stands above them."""
    if not may_ban(user):
        return False
    if comment.user_id is not None and comment.user_id == user.pk:
        return False
    return comment.user_id is None or rank(comment.user) <= rank(user)


# Reports.


def report_counts(*, user=None, token_hash="", now=None):
    """Whether a report by this reader counts towards hiding a comment: from accounts older
    than a day or with a comment readers can see, and from guests whose browser wrote a
    comment with a confirmed e-mail address. Other reports are kept for the moderators."""
    if user is not None and user.is_authenticated:
        if user.date_joined <= (now or timezone.now()) - REPORTER_MIN_AGE:
            return True
        return Comment.objects.filter(user=user, status=APPROVED).exists()
    if not token_hash:
        return False
    return Comment.objects.filter(
        user__isnull=True, guest_token_hash=token_hash, guest_email_confirmed=True
    ).exists()


def reports_may_hide(comment):
    """Whether reports may hide `comment` until a moderator looks: never a comment by one of
    the post's moderators (its authors, moderators, editors). `comment.post` should carry its
    bylines (`with_bylines()`)."""
    return comment.user_id is None or not may_moderate(comment.user, comment.post)
