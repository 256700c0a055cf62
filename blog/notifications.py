"""E-mails about posts: editors hear when a contributor submits a post for review.

Called through `transaction.on_commit` (blog.services). A mail server that fails is logged and
never breaks the admin page that saved the post.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import display_name, mailable_holders_of

from .models import BlogSettings, Post

logger = logging.getLogger(__name__)


def announce_review_request(post_id, user_id):
    """Tell the editors that the post waits for their review (unless it no longer does).
    Returns True when the e-mail was sent."""
    post = Post.objects.posts().pending_review().with_bylines().filter(pk=post_id).first()
    if post is None:
        return False
    submitter = get_user_model().objects.filter(pk=user_id).first()
    recipients = [
        user.email for user in mailable_holders_of("blog.edit_any_post") if user.pk != user_id
    ]
    if not recipients:
        return False
    blog = BlogSettings.load()
    name = display_name(submitter) if submitter is not None else ""
    with translation.override(blog.language):
        context = {
            "blog": blog,
            "post": post,
            "name": name,
            "edit_link": settings.SITE_URL + reverse("admin:blog_post_change", args=[post.pk]),
            "preview_link": settings.SITE_URL + reverse("blog:preview", args=[post.pk]),
        }
        subject = _("“%(post)s” is waiting for review") % {"post": post.title}
        body = render_to_string("blog/emails/review_request.txt", context)
    message = EmailMessage(" ".join(subject.split()), body, to=recipients)
    try:
        message.send()
    except Exception:
        logger.exception("Could not send the review request for post %s", post_id)
        return False
    return True
