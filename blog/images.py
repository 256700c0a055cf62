"""Image uploads: validation with Pillow and resized renditions."""

import io
import warnings
from functools import partial
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

ACCEPTED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}


def validate_image(file):
    """Refuse non-images, truncated files, unsupported formats and decompression bombs."""
    if file is None:
        return
    if getattr(file, "size", 0) > settings.MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("This file is too large (%(megabytes)s MB at most)."),
            code="file_too_large",
            params={"megabytes": settings.MAX_UPLOAD_BYTES // (1024 * 1024)},
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                if image.format not in ACCEPTED_FORMATS:
                    raise ValidationError(
                        _("Upload a JPEG, PNG, GIF or WebP image."), code="image_format"
                    )
                if image.width * image.height > settings.MAX_IMAGE_PIXELS:
                    raise ValidationError(
                        _("This image is too large (%(pixels)s pixels at most)."),
                        code="image_too_large",
                        params={"pixels": settings.MAX_IMAGE_PIXELS},
                    )
                image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("This image is too large to process."), code="image_too_large"
        ) from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("This file is not a valid image, or it is damaged."), code="invalid_image"
        ) from error
    finally:
        if hasattr(file, "seek"):
            file.seek(position)


def make_rendition(field_file, width, height=None, suffix="w"):
    """A resized copy of an uploaded image as (name, ContentFile), or None without an image.

    With only a width the image keeps its proportions and is never enlarged; with a height too it
    is cropped to fill the box (avatars, thumbnails).
    """
    if not field_file:
        return None
    field_file.open("rb")
    field_file.seek(0)
    with Image.open(field_file) as image:
        image = ImageOps.exif_transpose(image)
        if height:
            image = ImageOps.fit(image, (width, height), Image.Resampling.LANCZOS)
        else:
            image = image.copy()
            image.thumbnail((width, width * 4), Image.Resampling.LANCZOS)
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "transparency" in image.info else "RGB")
        buffer = io.BytesIO()
        image.save(buffer, format="WEBP", quality=82, method=4)
    stem = PurePosixPath(field_file.name).stem
    return f"{stem}-{suffix}{width}.webp", ContentFile(buffer.getvalue())


class RenditionsMixin:
    """Keeps resized copies of one image field up to date whenever that image changes.

    Set `rendition_source` to the image field's name and `renditions` to
    {rendition field name: (width, height or None)}.
    """

    rendition_source = ""
    renditions = {}

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._saved_source_name = instance.__dict__.get(cls.rendition_source)
        return instance

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        source = getattr(self, self.rendition_source)
        if (source.name or "") != (getattr(self, "_saved_source_name", None) or ""):
            self.refresh_renditions()
            self._saved_source_name = source.name

    def refresh_renditions(self):
        """Write the new renditions (beside the old ones, under new names) and point the row
        at them; the old files are deleted once the transaction commits, so a rolled-back
        save leaves the row pointing at files that still exist."""
        source = getattr(self, self.rendition_source)
        replaced = []
        for field_name, (width, height) in self.renditions.items():
            target = getattr(self, field_name)
            if target:
                replaced.append((target.storage, target.name))
            rendition = make_rendition(source, width, height)
            if rendition:
                target.save(*rendition, save=False)
            else:
                setattr(self, field_name, "")
        type(self)._default_manager.filter(pk=self.pk).update(
            **{name: getattr(self, name).name or "" for name in self.renditions}
        )
        if replaced:
            transaction.on_commit(partial(_delete_files, replaced))


def _delete_files(files):
    for storage, name in files:
        storage.delete(name)
