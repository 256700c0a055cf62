from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Author, Label, Post
from .text import validate_name


class PostAdminForm(forms.ModelForm):
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The model fills an empty slug from the title, so editors may leave it blank.
        self.fields["slug"].required = False

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


class AuthorAdminForm(forms.ModelForm):
    """An author profile; its display name follows the same rule as readers' names."""

    class Meta:
        model = Author
        fields = ["display_name", "slug", "user", "bio", "avatar"]

    def clean_display_name(self):
        name = self.cleaned_data["display_name"]
        validate_name(name)
        return name
