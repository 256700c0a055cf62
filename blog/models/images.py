"""Pictures in post bodies: stored only as re-encoded renditions at a few widths."""

import contextlib
import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..images import (
    BODY_IMAGE_DEFAULT_WIDTH,
    BODY_IMAGE_WIDTHS,
    body_image_path,
    body_image_url_pattern,
    width_renditions,
)


class BodyImageQuerySet(models.QuerySet):
    def in_html(self, html):
        """The stored images whose renditions the HTML shows (one query; none without images)."""
        keys = set(BodyImage.keys_in(html))
        return self.filter(key__in=keys) if keys else self.none()

    def unused(self):
        """Images no post (nor any other model that links body images) shows."""
        images = self
        for relation in BodyImage._meta.related_objects:
            if relation.many_to_many:
                images = images.filter(**{f"{relation.name}__isnull": True})
        return images


class BodyImage(models.Model):
    """An uploaded picture for a post body, kept as WebP renditions under an unguessable key.

    The upload itself is never stored: every file is re-encoded from the pixels alone, so no EXIF
    (GPS position, camera) or other metadata reaches a reader.
    """

    key = models.CharField(max_length=32, unique=True, editable=False)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    widths = models.JSONField(default=list, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BodyImageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("body image")
        verbose_name_plural = _("body images")

    def __str__(self):
        return self.key

    @classmethod
    def store(cls, file, uploaded_by=None):
        """Save the renditions of a validated image file and the row that lists them."""
        key = secrets.token_urlsafe(12)
        renditions = width_renditions(file, BODY_IMAGE_WIDTHS)
        for width, _height, content in renditions:
            default_storage.save(body_image_path(key, width), ContentFile(content))
        width, height, _content = renditions[-1]
        return cls.objects.create(
            key=key,
            width=width,
            height=height,
            widths=[width for width, _height, _content in renditions],
            uploaded_by=uploaded_by,
        )

    @classmethod
    def keys_in(cls, html):
        """The keys of the stored images an HTML body points at, in order."""
        return [match["key"] for match in body_image_url_pattern().finditer(html or "")]

    def url(self, width):
        return default_storage.url(body_image_path(self.key, width))

    @property
    def src(self):
        """The rendition the `src` attribute names: the default width, or the widest below it."""
        fitting = [width for width in self.widths if width <= BODY_IMAGE_DEFAULT_WIDTH]
        return self.url(max(fitting) if fitting else min(self.widths))

    @property
    def srcset(self):
        return ", ".join(f"{self.url(width)} {width}w" for width in self.widths)

    def delete_files(self):
        for width in self.widths:
            default_storage.delete(body_image_path(self.key, width))
        # The key's folder, once empty (file-system storage only).
        with contextlib.suppress(OSError):
            default_storage.delete(f"body/{self.key}")


def discard_unused_body_images(ids):
    """Delete the files and rows of those of the given images that nothing shows any more."""
    for image in BodyImage.objects.filter(pk__in=ids).unused():
        image.delete_files()
        image.delete()
