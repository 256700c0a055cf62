"""The writes: posting, replying, editing, removing and restoring comments, and moderating
them (approve, spam, delete for ever, reports, bans, closing a post's comments).

Views and the admin call these and nothing else writes a comment, so the thread bookkeeping
(thread, depth, path, in_reply_to), the removal record and the moderation log stay consistent.
E-mails go out after the transaction commits (comments.notifications).
"""

import enum
import hashlib
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac

from blog.models import CommentPolicy, Post
from blog.sanitize import clean_comment_text, render_comment_body

from . import access, defences, notifications, policy
from .models import NAME_MAX_LENGTH, Ban, Comment, CommentSettings, ModerationLog, Report

# A second identical submission within this time returns the first comment instead of a copy.
DUPLICATE_WINDOW = timedelta(minutes=10)


class ReplyRefused(Exception):
    """The comment being answered cannot be answered (another post, or no longer shown)."""


class AlreadyReported(Exception):
    """This reader has reported this comment before."""


class BanRefused(Exception):
    """The account asking may not ban this commenter."""


def log(action, *, comment=None, post=None, actor=None, reason=""):
    """Write one line of the moderation log; `actor` None means the site acted by itself."""
    return ModerationLog.objects.create(
        action=action,
        comment=comment,
        post=post or (comment.post if comment is not None else None),
        comment_excerpt=comment.excerpt(24)[:200] if comment is not None else "",
        comment_author=comment.author_name[:60] if comment is not None else "",
        actor=actor if actor is not None and actor.is_authenticated else None,
        reason=(reason or "")[:500],
    )


def _published(comment):
    """Mark a comment approved for the first time and announce it once the write commits."""
    if comment.published_at is None:
        comment.published_at = timezone.now()
        # Read the id at commit time: a new comment gets it only when it is saved.
        transaction.on_commit(lambda: notifications.announce_comment(comment.pk))


def hash_ip(ip):
    """A keyed hash of the reader's address: comparable for rate limits, not reversible."""
    return salted_hmac("comments.ip", ip or "", algorithm="sha256").hexdigest() if ip else ""


def hash_token(token):
    """What is stored of a guest's ownership token: a stolen database gives no cookies."""
    return hashlib.sha256(token.encode()).hexdigest() if token else ""


def place_reply(target, max_depth):
    """(parent, depth) for an answer to `target`: under it, or beside it at the deepest level."""
    if target.depth < max_depth:
        return target, target.depth + 1
    return target.parent, target.depth


@transaction.atomic
def post_comment(
    post,
    body,
    *,
    user=None,
    guest_name="",
    guest_email="",
    guest_website="",
    reply_to=None,
    ip="",
    guest_token="",
    hold_reason="",
    notify_replies=False,
    language=None,
):
    """Store a comment or a reply and return it.

    `language` is the commenter's (by default the active one, the page's they wrote from).

    A reply to a comment at the deepest allowed level is stored beside it and remembers, in
    `in_reply_to`, whom it answers. Submitting the same text twice returns the first comment.
    With a `hold_reason` (from comments.policy) the comment waits for a moderator; a guest
    whose e-mail must be confirmed is sent the link once the comment is stored.
    """
    # Comments on one post are written one at a time, so a double submission cannot slip
    # between the duplicate check and the insert.
    Post.objects.select_for_update().filter(pk=post.pk).first()
    if reply_to is not None:
        reply_to = Comment.objects.select_related("parent").filter(pk=reply_to.pk).first()
        if reply_to is None or reply_to.post_id != post.pk:
            raise ReplyRefused("not on this post")
        if reply_to.status != Comment.Status.APPROVED:
            raise ReplyRefused("not shown")

    author = {"user": user} if user is not None else {"guest_token_hash": hash_token(guest_token)}
    body = clean_comment_text(body)
    duplicate = (
        Comment.objects.filter(
            post=post,
            in_reply_to=reply_to,
            body=body,
            created_at__gte=timezone.now() - DUPLICATE_WINDOW,
            **author,
        )
        .exclude(status=Comment.Status.REMOVED)
        .first()
    )
    if duplicate is not None and (user is not None or guest_token):
        return duplicate

    comment = Comment(
        post=post,
        body=body,
        body_html=render_comment_body(body),
        ip_hash=hash_ip(ip),
        status=Comment.Status.PENDING if hold_reason else Comment.Status.APPROVED,
        held_reason=hold_reason,
        notify_replies=notify_replies,
        language=language or translation.get_language() or "",
        **author,
    )
    if user is None:
        comment.guest_name = clean_comment_text(guest_name)
        comment.guest_email = guest_email
        comment.guest_website = guest_website
    if not hold_reason:
        _published(comment)
    _save_in_thread(comment, reply_to, CommentSettings.load().max_depth)
    if hold_reason == Comment.HoldReason.UNCONFIRMED and comment.guest_email:
        transaction.on_commit(
            partial(notifications.ask_to_confirm, comment.pk, translation.get_language())
        )
    return comment


def _save_in_thread(comment, reply_to, max_depth):
    """Save a new comment in its place: under `reply_to` (beside it once the thread is
    `max_depth` deep), with its thread and its path."""
    if reply_to is not None:
        comment.parent, comment.depth = place_reply(reply_to, max_depth)
        comment.thread_id, comment.in_reply_to = reply_to.thread_id, reply_to
    comment.save()
    comment.path = (comment.parent.path if comment.parent else "") + Comment.path_step(comment.pk)
    if comment.thread_id is None:
        comment.thread_id = comment.pk
    Comment.objects.filter(pk=comment.pk).update(path=comment.path, thread=comment.thread_id)


@transaction.atomic
def import_comment(
    post,
    body,
    *,
    created_at,
    status=Comment.Status.APPROVED,
    reply_to=None,
    user=None,
    guest_name="",
    guest_email="",
    guest_website="",
    removed_by_author=False,
    max_depth=None,
):
    """Store a comment brought over from another blog as it was there: its date, its status
    (a removed one keeps its text for a restore) and its place in the thread. No rule holds it
    and nobody is notified: it was published, or not, long ago."""
    body = clean_comment_text(body)
    comment = Comment(
        post=post,
        body=body,
        body_html=render_comment_body(body),
        status=status,
        created_at=created_at,
        user=user,
    )
    if user is None:
        comment.guest_name = clean_comment_text(guest_name)[:NAME_MAX_LENGTH]
        comment.guest_email = guest_email
        comment.guest_website = guest_website
    if status == Comment.Status.APPROVED:
        comment.published_at = created_at
    elif status == Comment.Status.REMOVED:
        comment.status_before_removal = Comment.Status.APPROVED
        comment.removed_by = (
            Comment.RemovedBy.AUTHOR if removed_by_author else Comment.RemovedBy.MODERATOR
        )
        comment.removed_at = created_at
    if max_depth is None:
        max_depth = CommentSettings.load().max_depth
    _save_in_thread(comment, reply_to, max_depth)
    return comment


class Result(str, enum.Enum):
    PUBLISHED = "published"
    HELD = "held"
    REFUSED = "refused"  # words the blog does not publish: `message` says so
    BANNED = "banned"
    TOO_MANY = "too_many"  # over the rate limit: `wait` seconds
    REPLY_REFUSED = "reply_refused"  # the comment answered is gone or elsewhere


@dataclass(frozen=True)
class Outcome:
    """What became of a submitted comment: `comment` when it was stored (published or held)."""

    result: Result
    comment: Comment | None = None
    message: str = ""
    wait: int | None = None


def submit_comment(
    post,
    body,
    *,
    user=None,
    guest_name="",
    guest_email="",
    guest_website="",
    guest_token="",
    reply_to=None,
    ip="",
    notify_replies=False,
    rules=None,
):
    """A reader's new comment or reply, through every rule of the blog: bans, the rate limit
    (not for the post's moderators), the policy (words, links, moderation level, e-mail
    confirmation), then `post_comment`. Returns an `Outcome`; refusals store nothing.

    `user` is the signed-in account, or None for a guest described by the guest_* fields
    (`guest_token` is the browser's ownership token). The form has already checked the
    fields themselves.
    """
    rules = rules or CommentSettings.load()
    ip_hash = hash_ip(ip)
    if policy.is_banned(user=user, email=guest_email, ip_hash=ip_hash):
        return Outcome(Result.BANNED)
    trusted = user is not None and access.may_moderate(user, post)
    if not trusted:
        keys = defences.rate_keys(ip_hash, user)
        wait = defences.over_rate_limit(keys, rules.rate_limit, rules.rate_seconds)
        if wait:
            return Outcome(Result.TOO_MANY, wait=wait)
    verdict = policy.assess(
        post,
        body,
        user=user,
        guest_email=guest_email,
        token_hash=hash_token(guest_token),
        trusted=trusted,
        rules=rules,
    )
    if verdict.refused:
        return Outcome(Result.REFUSED, message=verdict.refusal)
    author = (
        {"user": user}
        if user is not None
        else {
            "guest_name": guest_name,
            "guest_email": guest_email,
            "guest_website": guest_website,
            "guest_token": guest_token,
        }
    )
    try:
        comment = post_comment(
            post,
            body,
            reply_to=reply_to,
            ip=ip,
            hold_reason=verdict.hold_reason,
            notify_replies=notify_replies,
            **author,
        )
    except ReplyRefused:
        return Outcome(Result.REPLY_REFUSED)
    published = comment.status == Comment.Status.APPROVED
    return Outcome(Result.PUBLISHED if published else Result.HELD, comment=comment)


def edit_window_open(comment, now=None):
    """Whether the blog's edit window (minutes after posting) is still open for `comment`."""
    minutes = CommentSettings.load().edit_minutes
    return (now or timezone.now()) < comment.created_at + timedelta(minutes=minutes)


def has_replies(comment):
    """Whether anyone has answered the comment (answers since removed do not count)."""
    return comment.replies.exclude(
        status__in=[Comment.Status.REMOVED, Comment.Status.SPAM]
    ).exists()


@transaction.atomic
def edit_comment(comment, body, hold_reason=""):
    """Change a comment's text; with a `hold_reason` (words or links the new text brings),
    a shown comment goes back to the moderators."""
    comment.body = clean_comment_text(body)
    comment.body_html = render_comment_body(comment.body)
    comment.edited_at = timezone.now()
    fields = ["body", "body_html", "edited_at"]
    if hold_reason and comment.status == Comment.Status.APPROVED:
        comment.status, comment.held_reason = Comment.Status.PENDING, hold_reason
        fields += ["status", "held_reason"]
    comment.save(update_fields=fields)
    return comment


@transaction.atomic
def remove_comment(comment, *, by_user=None, by_moderator=False, reason=""):
    """Hide a comment without losing it: its text, replies and status are kept for a restore.

    On the page it becomes a tombstone while it has visible replies, and disappears otherwise.
    A moderator's removal is written to the moderation log.
    """
    if comment.status == Comment.Status.REMOVED:
        return comment
    if by_moderator:
        log(ModerationLog.Action.REMOVE, comment=comment, actor=by_user, reason=reason)
    comment.status_before_removal = comment.status
    comment.status = Comment.Status.REMOVED
    comment.removed_by = Comment.RemovedBy.MODERATOR if by_moderator else Comment.RemovedBy.AUTHOR
    comment.removed_by_user = by_user if by_user is not None and by_user.is_authenticated else None
    comment.removed_at = timezone.now()
    comment.save(
        update_fields=[
            "status",
            "status_before_removal",
            "removed_by",
            "removed_by_user",
            "removed_at",
        ]
    )
    return comment


@transaction.atomic
def restore_comment(comment, by=None, reason=""):
    """Undo a removal: the comment comes back exactly as it was before. Logged when a
    moderator (`by`) restores it."""
    if comment.status != Comment.Status.REMOVED:
        return comment
    if by is not None:
        log(ModerationLog.Action.RESTORE, comment=comment, actor=by, reason=reason)
    comment.status = comment.status_before_removal or Comment.Status.APPROVED
    comment.status_before_removal = ""
    comment.removed_by = ""
    comment.removed_by_user = None
    comment.removed_at = None
    comment.save(
        update_fields=[
            "status",
            "status_before_removal",
            "removed_by",
            "removed_by_user",
            "removed_at",
        ]
    )
    return comment


def _set_status(comment, status, **fields):
    comment.status = status
    for name, value in fields.items():
        setattr(comment, name, value)
    comment.save(update_fields=["status", *fields])


@transaction.atomic
def approve_comment(comment, by=None, reason=""):
    """Show a held or spam comment to readers (a removed one comes back with `restore`).

    Approving also settles the reports made so far: later reports count from zero again.
    """
    if comment.status in (Comment.Status.APPROVED, Comment.Status.REMOVED):
        return comment
    log(ModerationLog.Action.APPROVE, comment=comment, actor=by, reason=reason)
    _published(comment)
    _set_status(
        comment,
        Comment.Status.APPROVED,
        held_reason="",
        report_count=0,
        counted_reports=0,
        published_at=comment.published_at,
    )
    return comment


@transaction.atomic
def mark_spam(comment, by=None, reason=""):
    """Hide a comment as spam; replies to it stay, under a tombstone."""
    if comment.status in (Comment.Status.SPAM, Comment.Status.REMOVED):
        return comment
    log(ModerationLog.Action.SPAM, comment=comment, actor=by, reason=reason)
    _set_status(comment, Comment.Status.SPAM, held_reason="")
    return comment


@transaction.atomic
def delete_forever(comments, by=None, reason=""):
    """Delete comments and, with them, their replies (the log keeps what each one said).
    Returns how many comments were deleted, replies included."""
    with_replies = Q(pk__in=[])
    for post_id, path in comments.values_list("post_id", "path"):
        with_replies |= Q(post_id=post_id, path__startswith=path)
    doomed = Comment.objects.filter(with_replies).select_related("post", "user__author_profile")
    for comment in doomed:
        log(ModerationLog.Action.DELETE, comment=comment, actor=by, reason=reason)
    _total, per_model = doomed.delete()
    return per_model.get(Comment._meta.label, 0)


@transaction.atomic
def report_comment(comment, reason, *, note="", user=None, ip="", guest_token="", rules=None):
    """Record one reader's report. Once the blog's number of reports that count is reached
    (`access.report_counts`: settled accounts, guests with a confirmed address), a shown
    comment waits for a moderator — unless one of the post's moderators wrote it. Raises
    AlreadyReported for a second report by the same reader (the same account; for guests,
    the same browser or the same address)."""
    rules = rules or CommentSettings.load()
    reporter = {"user": user} if user is not None and user.is_authenticated else None
    ip_hash, token_hash = hash_ip(ip), hash_token(guest_token)
    if reporter is None:
        reporter = {"ip_hash": ip_hash, "token_hash": token_hash}
        earlier = Q(pk__in=[])
        if ip_hash:
            earlier |= Q(ip_hash=ip_hash)
        if token_hash:
            earlier |= Q(token_hash=token_hash)
        if comment.reports.filter(earlier, user__isnull=True).exists():
            raise AlreadyReported
    counts = access.report_counts(user=reporter.get("user"), token_hash=token_hash)
    try:
        with transaction.atomic():
            Report.objects.create(
                comment=comment, reason=reason, note=note[:500], counts=counts, **reporter
            )
    except IntegrityError as error:
        raise AlreadyReported from error
    Comment.objects.filter(pk=comment.pk).update(
        report_count=F("report_count") + 1, counted_reports=F("counted_reports") + int(counts)
    )
    comment.refresh_from_db(fields=["report_count", "counted_reports", "status"])
    if (
        comment.status == Comment.Status.APPROVED
        and comment.counted_reports >= rules.reports_to_hide
        and access.reports_may_hide(comment)
    ):
        _set_status(comment, Comment.Status.PENDING, held_reason=Comment.HoldReason.REPORTED)
        log(ModerationLog.Action.HIDE_REPORTED, comment=comment)
    return comment


BAN_FOR_GOOD = None


@transaction.atomic
def ban(
    kind, *, user=None, email="", ip_hash="", days=BAN_FOR_GOOD, reason="", by=None, comment=None
):
    """Ban an account, an e-mail address or a hashed network address, for `days` days or
    for good (None). The commenter's comments stay as they are: held ones stay held."""
    now = timezone.now()
    expires_at = now + timedelta(days=days) if days else None
    record = Ban.objects.create(
        kind=kind,
        created_at=now,
        user=user if kind == Ban.Kind.ACCOUNT else None,
        email=email.strip().lower() if kind == Ban.Kind.EMAIL else "",
        ip_hash=ip_hash if kind == Ban.Kind.ADDRESS else "",
        expires_at=expires_at,
        reason=reason[:500],
        created_by=by if by is not None and by.is_authenticated else None,
        comment=comment,
    )
    log(ModerationLog.Action.BAN, comment=comment, actor=by, reason=f"{record}: {reason}"[:500])
    return record


def ban_kinds_for(comment):
    """What can be banned for this comment: its account, its guest e-mail, its address."""
    kinds = []
    if comment.user_id is not None:
        kinds.append(Ban.Kind.ACCOUNT)
    elif comment.guest_email:
        kinds.append(Ban.Kind.EMAIL)
    if comment.ip_hash:
        kinds.append(Ban.Kind.ADDRESS)
    return kinds


@transaction.atomic
def ban_commenter(comment, kinds, *, days=BAN_FOR_GOOD, reason="", by=None):
    """Ban the author of `comment` by each of `kinds` (see `ban_kinds_for`). Raises
    BanRefused when `by` may not ban them (`access.may_ban_author_of`)."""
    if by is not None and not access.may_ban_author_of(by, comment):
        raise BanRefused
    possible = ban_kinds_for(comment)
    return [
        ban(
            kind,
            user=comment.user,
            email=comment.guest_email,
            ip_hash=comment.ip_hash,
            days=days,
            reason=reason,
            by=by,
            comment=comment,
        )
        for kind in kinds
        if kind in possible
    ]


@transaction.atomic
def lift_ban(record, by=None, reason=""):
    if record.lifted_at is not None:
        return record
    record.lifted_at = timezone.now()
    record.save(update_fields=["lifted_at"])
    log(
        ModerationLog.Action.LIFT_BAN,
        comment=record.comment,
        actor=by,
        reason=f"{record}: {reason}"[:500],
    )
    return record


@transaction.atomic
def confirm_guest_email(comment):
    """The guest followed the link sent to their e-mail: the address is theirs from now on,
    and the comment goes through the rest of the blog's rules — published unless one of them
    holds it (a ban made meanwhile holds it too)."""
    comment = Comment.objects.select_for_update().select_related("post").get(pk=comment.pk)
    if comment.held_reason != Comment.HoldReason.UNCONFIRMED:
        return comment
    comment.guest_email_confirmed = True
    if policy.is_banned(email=comment.guest_email, ip_hash=comment.ip_hash):
        verdict = policy.Verdict(hold_reason=Comment.HoldReason.BANNED)
    else:
        verdict = policy.assess(
            comment.post,
            comment.body,
            guest_email=comment.guest_email,
            token_hash=comment.guest_token_hash,
            confirmed=True,
        )
    if verdict.hold_reason or verdict.refused:
        reason = verdict.hold_reason or Comment.HoldReason.WORDS
        _set_status(comment, Comment.Status.PENDING, held_reason=reason, guest_email_confirmed=True)
        return comment
    _published(comment)
    _set_status(
        comment,
        Comment.Status.APPROVED,
        held_reason="",
        published_at=comment.published_at,
        guest_email_confirmed=True,
    )
    return comment


def stop_reply_notifications(comment):
    """No more e-mails about replies in this comment's thread for its author."""
    return Comment.objects.filter(
        access.by_same_commenter(comment), thread_id=comment.thread_id
    ).update(notify_replies=False)


@transaction.atomic
def set_comments_open(post, open_, by=None, rules=None):
    """Close a post's comments, or reopen them: back to the blog's rule, or to anyone when
    the blog itself keeps comments closed (and always for a page, whose rule is "closed")."""
    rules = rules or CommentSettings.load()
    if open_:
        inherit_closed = post.is_page or rules.policy == CommentPolicy.CLOSED
        policy_value = CommentPolicy.ANYONE if inherit_closed else CommentPolicy.INHERIT
        action = ModerationLog.Action.REOPEN
    else:
        policy_value, action = CommentPolicy.CLOSED, ModerationLog.Action.CLOSE
    Post.objects.filter(pk=post.pk).update(comment_policy=policy_value)
    post.comment_policy = policy_value
    log(action, post=post, actor=by)
    return post
