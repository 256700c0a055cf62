"""Cached post pages (blog.pagecache) are dropped when what their comments section shows changes."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from blog.models import Post
from blog.pagecache import forget_all_pages, forget_post_page

from .models import Comment, ModerationLog
from .settings import CommentSettings


def _forget_page_of(post_id):
    slug = Post.objects.filter(pk=post_id).values_list("slug", flat=True).first()
    if slug is not None:
        forget_post_page(slug)


# Every write to a comment saves or deletes it; a moderator's post-wide action (closing or
# reopening comments) is logged against the post.
@receiver([post_save, post_delete], sender=Comment)
@receiver(post_save, sender=ModerationLog)
def comments_changed(sender, instance, **kwargs):
    if instance.post_id is not None:
        transaction.on_commit(lambda: _forget_page_of(instance.post_id))


@receiver(post_save, sender=CommentSettings)
def comment_settings_changed(sender, **kwargs):
    """Who may comment, and how, shows on every post page."""
    transaction.on_commit(forget_all_pages)
