"""E-mails about comments: new comments to the post's authors, replies to commenters who asked,
the confirmation link for guests, and the moderators' digest of held comments.

The services call these through `transaction.on_commit`, so nothing is sent for a write that
is rolled back. A mail server that fails is logged and never breaks the page that posted.
"""

import logging

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import language_of, mailable_holders_of
from blog.models import BlogSettings, Post

from . import access
from .models import Comment

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "comments.stop-replies"
CONFIRM_SALT = "comments.confirm-email"
CONFIRM_MAX_AGE = 7 * 24 * 60 * 60
DIGEST_LISTED = 50


def absolute(path):
    return f"{settings.SITE_URL}{path}"


def unsubscribe_url(comment):
    token = signing.dumps(comment.pk, salt=UNSUBSCRIBE_SALT, compress=False)
    return absolute(reverse("comments:stop-replies", kwargs={"token": token}))


def confirm_url(comment):
    token = signing.dumps(comment.pk, salt=CONFIRM_SALT, compress=False)
    return absolute(reverse("comments:confirm", kwargs={"token": token}))


def comment_from_token(token, salt, max_age=None):
    """The comment a signed link names, or None when the link is forged, expired or stale."""
    try:
        pk = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return Comment.objects.select_related("post").filter(pk=pk).first()


def language_for(user=None, comment=None):
    """The language to write to a reader in: their account's, else the one they commented in,
    else the blog's."""
    return (
        language_of(user) or (comment.language if comment else "") or (BlogSettings.load().language)
    )


def send(subject, template, context, recipients, headers=None):
    """Send one plain-text e-mail; a failure is logged, never raised. True when sent."""
    if not recipients:
        return False
    body = render_to_string(template, {"blog": BlogSettings.load(), **context})
    message = EmailMessage(" ".join(subject.split()), body, to=recipients, headers=headers)
    try:
        message.send()
    except Exception:
        logger.exception("Could not send the e-mail %r to %s", template, ", ".join(recipients))
        return False
    return True


def announce_comment(comment_id):
    """A comment readers can now see: tell the post's bylined authors (not about their own
    comments) and, if they asked for it, the commenter it answers."""
    comment = (
        Comment.objects.select_related("user__author_profile", "in_reply_to__user")
        .filter(pk=comment_id, status=Comment.Status.APPROVED)
        .first()
    )
    if comment is None:
        return
    post = (
        Post.objects.with_bylines()
        .prefetch_related("bylines__author__user")
        .get(pk=comment.post_id)
    )
    link = absolute(reverse("comments:permalink", kwargs={"pk": comment.pk}))
    context = {"comment": comment, "post": post, "link": link}
    # Each author is written to in their own language, so one e-mail each.
    authors = {
        author.user.email: author.user
        for author in post.byline_authors
        if author.user_id
        and author.user.is_active
        and author.user.email
        and author.user_id != comment.user_id
    }
    for email, user in authors.items():
        with translation.override(language_for(user)):
            send(
                _("New comment on “%(post)s”") % {"post": post.title},
                "comments/emails/new_comment.txt",
                context,
                [email],
            )
    target = comment.in_reply_to
    if target is None or not target.notify_replies or access.same_commenter(target, comment):
        return
    address = target.author_email
    if not address or address.lower() in {email.lower() for email in authors}:
        return
    with translation.override(language_for(target.user, target)):
        stop = unsubscribe_url(target)
        send(
            _("%(name)s replied to your comment on “%(post)s”")
            % {"name": comment.author_name, "post": post.title},
            "comments/emails/reply.txt",
            {**context, "target": target, "stop_link": stop},
            [address],
            headers={
                "List-Unsubscribe": f"<{stop}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )


def ask_to_confirm(comment_id, language):
    """Send a guest the link that confirms their e-mail address and releases their comment."""
    comment = (
        Comment.objects.select_related("post")
        .filter(pk=comment_id, held_reason=Comment.HoldReason.UNCONFIRMED)
        .exclude(guest_email="")
        .first()
    )
    if comment is None:
        return
    with translation.override(language or BlogSettings.load().language):
        send(
            _("Confirm your comment on “%(post)s”") % {"post": comment.post.title},
            "comments/emails/confirm.txt",
            {
                "comment": comment,
                "post": comment.post,
                "link": confirm_url(comment),
                "days": CONFIRM_MAX_AGE // (24 * 60 * 60),
            },
            [comment.guest_email],
        )


def send_moderation_digest():
    """E-mail each moderator the comments waiting for them: every held comment to those who
    moderate the whole blog, the held comments on their own posts to bylined authors.
    Returns how many e-mails were sent."""
    held = list(
        Comment.objects.held()
        .select_related("post", "user__author_profile")
        .prefetch_related("post__bylines__author__user")
        .order_by("-created_at")
    )
    if not held:
        return 0
    queues = {user.pk: (user, held) for user in mailable_holders_of("comments.moderate_comments")}
    everything = set(queues)
    for comment in held:
        for byline in comment.post.bylines.all():
            user = byline.author.user
            if user is None or not user.is_active or not user.email or user.pk in everything:
                continue
            queues.setdefault(user.pk, (user, []))[1].append(comment)
    queue_url = absolute(reverse("admin:comments_comment_changelist") + "?status__exact=pending")
    sent = 0
    for user, comments in queues.values():
        with translation.override(language_for(user)):
            count = len(comments)
            subject = translation.ngettext(
                "%(count)d comment is waiting for moderation",
                "%(count)d comments are waiting for moderation",
                count,
            ) % {"count": count}
            listed = [
                (comment, absolute(reverse("comments:permalink", kwargs={"pk": comment.pk})))
                for comment in comments[:DIGEST_LISTED]
            ]
            context = {
                "user": user,
                "count": count,
                "listed": listed,
                "more": count - len(listed),
                "queue_url": queue_url if user.is_staff else "",
            }
            sent += send(subject, "comments/emails/digest.txt", context, [user.email])
    return sent
