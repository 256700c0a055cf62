"""Cache invalidation when what sidebars and cached pages show changes."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Author, BlogSettings, Byline, Label, LabelledPost, Page, Post
from .pagecache import forget_all_pages
from .widgets import forget_sidebar_widgets


@receiver([post_save, post_delete], sender=Post)
@receiver([post_save, post_delete], sender=Page)
@receiver([post_save, post_delete], sender=Byline)
@receiver([post_save, post_delete], sender=LabelledPost)
def post_changed(sender, **kwargs):
    transaction.on_commit(forget_sidebar_widgets)


@receiver([post_save, post_delete], sender=Author)
@receiver([post_save, post_delete], sender=Label)
@receiver(post_save, sender=BlogSettings)
def shown_everywhere_changed(sender, **kwargs):
    """Bylines, label names and the blog settings appear on every page."""
    transaction.on_commit(forget_all_pages)
