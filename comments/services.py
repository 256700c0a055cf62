"""The writes: posting, replying, editing, removing and restoring comments.

Views and the admin call these and nothing else writes a comment, so the thread bookkeeping
(thread, depth, path, in_reply_to) and the removal record stay consistent.
"""

import hashlib
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from blog.models import BlogSettings, Post
from blog.sanitize import clean_comment_text, render_comment_body

from .models import Comment

# A second identical submission within this time returns the first comment instead of a copy.
DUPLICATE_WINDOW = timedelta(minutes=10)


class ReplyRefused(Exception):
    """The comment being answered cannot be answered (another post, or no longer shown)."""


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
):
    """Store a comment or a reply and return it.

    A reply to a comment at the deepest allowed level is stored beside it and remembers, in
    `in_reply_to`, whom it answers. Submitting the same text twice returns the first comment.
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
        status=Comment.Status.APPROVED,
        **author,
    )
    if user is None:
        comment.guest_name = clean_comment_text(guest_name)
        comment.guest_email = guest_email
        comment.guest_website = guest_website
    if reply_to is not None:
        comment.parent, comment.depth = place_reply(reply_to, BlogSettings.load().comment_max_depth)
        comment.thread_id, comment.in_reply_to = reply_to.thread_id, reply_to
    comment.save()
    comment.path = (comment.parent.path if comment.parent else "") + Comment.path_step(comment.pk)
    if comment.thread_id is None:
        comment.thread_id = comment.pk
    Comment.objects.filter(pk=comment.pk).update(path=comment.path, thread=comment.thread_id)
    return comment


def edit_window_open(comment, now=None):
    """Whether the blog's edit window (minutes after posting) is still open for `comment`."""
    minutes = BlogSettings.load().comment_edit_minutes
    return (now or timezone.now()) < comment.created_at + timedelta(minutes=minutes)


def has_replies(comment):
    """Whether anyone has answered the comment (answers since removed do not count)."""
    return comment.replies.exclude(
        status__in=[Comment.Status.REMOVED, Comment.Status.SPAM]
    ).exists()


@transaction.atomic
def edit_comment(comment, body):
    comment.body = clean_comment_text(body)
    comment.body_html = render_comment_body(comment.body)
    comment.edited_at = timezone.now()
    comment.save(update_fields=["body", "body_html", "edited_at"])
    return comment


@transaction.atomic
def remove_comment(comment, *, by_user=None, by_moderator=False):
    """Hide a comment without losing it: its text, replies and status are kept for a restore.

    On the page it becomes a tombstone while it has visible replies, and disappears otherwise.
    """
    if comment.status == Comment.Status.REMOVED:
        return comment
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
def restore_comment(comment):
    """Undo a removal: the comment comes back exactly as it was before."""
    if comment.status != Comment.Status.REMOVED:
        return comment
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
