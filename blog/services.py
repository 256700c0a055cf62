"""Writes that touch several posts at once, shared by the admin and management commands."""

from django.db import transaction
from django.utils import timezone

from .models import Post
from .widgets import forget_sidebar_widgets


@transaction.atomic
def publish_now(posts):
    """Publish the given posts now; posts readers can already see keep their date."""
    now = timezone.now()
    waiting = posts.exclude(pk__in=Post.objects.published().values("pk"))
    count = waiting.update(status=Post.Status.PUBLISHED, publish_at=now, updated_at=now)
    transaction.on_commit(forget_sidebar_widgets)
    return count


@transaction.atomic
def unpublish(posts):
    """Take the given posts back to draft; their text and dates are kept."""
    count = posts.exclude(status=Post.Status.DRAFT).update(
        status=Post.Status.DRAFT, updated_at=timezone.now()
    )
    transaction.on_commit(forget_sidebar_widgets)
    return count
