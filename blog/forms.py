from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .body_images import images_without_alt
from .images import validate_image
from .models import Author, Label, Page, Post
from .sanitize import clean_post_body
from .text import validate_name


class RichBodyMixin:
    """The body editor of posts and pages: where its pictures are sent, and each described."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs.update(
            {
                "data-image-upload-url": reverse("admin:blog_post_upload_image"),
                "data-post": self.instance.pk or "",
            }
        )

    def clean_body(self):
        body = self.cleaned_data["body"]
        missing = len(images_without_alt(clean_post_body(body)))
        if missing:
            raise forms.ValidationError(
                ngettext(
                    "A picture in the body has no description (alt text). Select it and describe "
                    "it for readers who cannot see it.",
                    "%(count)d pictures in the body have no description (alt text). Select each "
                    "and describe it for readers who cannot see it.",
                    missing,
                ),
                code="image_without_alt",
                params={"count": missing},
            )
        return body


class PostAdminForm(RichBodyMixin, forms.ModelForm):
    class Meta:
        model = Post
        fields = [
            "title",
            "slug",
            "language",
            "body",
            "excerpt",
            "status",
            "publish_at",
            "labels",
            "comment_policy",
            "comment_moderation",
            "featured_image",
            "featured_image_alt",
        ]

    # Set by the admin from `blog.models.may_publish`: without it, a post is a draft or waits
    # for review, and any other status sent is refused as an invalid choice.
    may_publish = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The model fills an empty slug from the title, so editors may leave it blank.
        self.fields["slug"].required = False
        if not self.may_publish:
            self.fields["status"].choices = [
                (value, label)
                for value, label in Post.Status.choices
                if value in (Post.Status.DRAFT, Post.Status.PENDING)
            ]

    def clean_labels(self):
        labels = self.cleaned_data["labels"]
        limit = Label._meta.get_field("name").max_length
        if any(len(label) > limit for label in labels):
            raise forms.ValidationError(
                _("A label can be at most %(limit)d characters long."),
                code="label_too_long",
                params={"limit": limit},
            )
        return labels

    def clean(self):
        cleaned = super().clean()
        status, publish_at = cleaned.get("status"), cleaned.get("publish_at")
        if status == Post.Status.SCHEDULED and publish_at and publish_at <= timezone.now():
            self.add_error(
                "publish_at",
                _("Choose a time in the future to schedule this post, or choose “Published”."),
            )
        return cleaned


class BodyImageForm(forms.Form):
    """A picture sent by the post editor, checked as the featured image is."""

    image = forms.FileField(
        validators=[validate_image], error_messages={"required": _("Choose a picture to send.")}
    )

    def first_error(self):
        """The one message the editor shows when the upload is refused."""
        return next(iter(self.errors.values()))[0]


class PageAdminForm(RichBodyMixin, forms.ModelForm):
    """A page: no labels, bylines or schedule; comments are off unless the editor opens them."""

    class Meta:
        model = Page
        fields = [
            "title",
            "slug",
            "language",
            "body",
            "excerpt",
            "status",
            "show_in_menu",
            "menu_order",
            "comment_policy",
            "comment_moderation",
            "featured_image",
            "featured_image_alt",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["status"].choices = [
            (value, label) for value, label in Post.Status.choices if value in PAGE_STATUSES
        ]
        # "As the blog settings say" would mean "closed" on a page: offer the plain choices.
        self.fields["comment_policy"].choices = [
            (Post.CommentPolicy.CLOSED, Post.CommentPolicy.CLOSED.label),
            (Post.CommentPolicy.ANYONE, Post.CommentPolicy.ANYONE.label),
            (Post.CommentPolicy.SIGNED_IN, Post.CommentPolicy.SIGNED_IN.label),
        ]
        if self.instance.comments_off:
            self.initial["comment_policy"] = Post.CommentPolicy.CLOSED


# A page is a draft or published: it has no date readers see, so nothing to schedule.
PAGE_STATUSES = (Post.Status.DRAFT, Post.Status.PUBLISHED)


class AuthorAdminForm(forms.ModelForm):
    """An author profile; its display name follows the same rule as readers' names."""

    class Meta:
        model = Author
        fields = ["display_name", "slug", "user", "bio", "avatar"]

    def clean_display_name(self):
        name = self.cleaned_data["display_name"]
        validate_name(name)
        return name
