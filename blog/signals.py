"""Cache invalidation when what sidebars and cached pages show changes; body pictures of
deleted posts."""

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from .models import (
    Author,
    BlogSettings,
    Byline,
    Label,
    LabelledPost,
    Page,
    Post,
    discard_unused_body_images,
)
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


@receiver(pre_delete, sender=Post)
@receiver(pre_delete, sender=Page)
def post_deleted(sender, instance, **kwargs):
    # The links to the pictures go with the post: note them now, check them once it is gone.
    shown = set(instance.body_images.values_list("pk", flat=True))
    if shown:
        transaction.on_commit(lambda: discard_unused_body_images(shown))


@receiver(post_delete, sender=Post)
@receiver(post_delete, sender=Page)
@receiver(post_delete, sender=Author)
def image_owner_deleted(sender, instance, **kwargs):
    # A deleted post's featured image, or author's avatar, and their renditions.
    names = instance.image_files()
    if names:
        transaction.on_commit(lambda: [default_storage.delete(name) for name in names])
