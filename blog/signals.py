"""Cache invalidation when what sidebars show changes."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Byline, LabelledPost, Page, Post
from .widgets import forget_sidebar_widgets


@receiver([post_save, post_delete], sender=Post)
@receiver([post_save, post_delete], sender=Page)
@receiver([post_save, post_delete], sender=Byline)
@receiver([post_save, post_delete], sender=LabelledPost)
def post_changed(sender, **kwargs):
    transaction.on_commit(forget_sidebar_widgets)
