"""The blog's models, one module per area; import them from here."""

from ..text import LANGUAGE_CHOICES, RTL_LANGUAGES, bidi_isolate, text_direction, unique_slug
from .authors import Author, AuthorQuerySet
from .counters import PostDailyViews, PostViewTotal, view_window_start, views_in_window
from .images import BodyImage, BodyImageQuerySet, discard_unused_body_images
from .posts import (
    EDITOR_EXTENSIONS,
    Byline,
    CommentModeration,
    CommentPolicy,
    Label,
    LabelledPost,
    ListingQuerySet,
    Page,
    Post,
    PostQuerySet,
    SearchEntry,
    may_publish,
)
from .settings import BlogSettings

__all__ = [
    "EDITOR_EXTENSIONS",
    "LANGUAGE_CHOICES",
    "RTL_LANGUAGES",
    "Author",
    "BodyImage",
    "BodyImageQuerySet",
    "AuthorQuerySet",
    "BlogSettings",
    "Byline",
    "CommentModeration",
    "CommentPolicy",
    "Label",
    "LabelledPost",
    "ListingQuerySet",
    "Page",
    "Post",
    "PostDailyViews",
    "PostQuerySet",
    "PostViewTotal",
    "SearchEntry",
    "bidi_isolate",
    "discard_unused_body_images",
    "may_publish",
    "text_direction",
    "unique_slug",
    "view_window_start",
    "views_in_window",
]
