"""Image uploads: validation with Pillow and resized renditions."""

import io
import re
import secrets
import warnings
from functools import partial
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

ACCEPTED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}

# Pictures in post bodies are stored at these widths (never wider than the upload itself)…
BODY_IMAGE_WIDTHS = (480, 960, 1600)
# …the editor and the `src` fallback use this one (or the widest below it)…
BODY_IMAGE_DEFAULT_WIDTH = 960
# …and they are drawn as wide as the post column (44rem) or the screen less the page's padding.
BODY_IMAGE_SIZES = "(min-width: 46rem) 44rem, calc(100vw - 2rem)"


def body_image_path(key, width):
    return f"body/{key}/{width}.webp"


def body_image_url_pattern():
    """Matches the address of a body image rendition; `key` and `width` are its groups."""
    prefix = re.escape(default_storage.url("body/"))
    return re.compile(rf"{prefix}(?P<key>[A-Za-z0-9_-]{{16,32}})/(?P<width>\d{{1,5}})\.webp")


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


def _oriented(image):
    """The image turned the way its EXIF orientation says, in a mode every format can store."""
    image = ImageOps.exif_transpose(image)
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    return image


def _webp(image):
    """WebP bytes of a Pillow image; nothing but the pixels is written (no EXIF, XMP or ICC)."""
    buffer = io.BytesIO()
    image.save(buffer, format="WEBP", quality=82, method=4)
    return buffer.getvalue()


def without_metadata(file):
    """The upload's bytes re-encoded in its own format with its orientation applied and its
    metadata (EXIF with GPS and camera, XMP, comments) left out, so no stored file carries them."""
    file.seek(0)
    with Image.open(file) as image:
        image_format = image.format
        image = _oriented(image)
        buffer = io.BytesIO()
        if image_format == "JPEG":
            image.convert("RGB").save(buffer, format="JPEG", quality=92, optimize=True)
        elif image_format == "WEBP":
            image.save(buffer, format="WEBP", quality=90, method=4)
        else:
            # GIF and PNG: lossless; an animated GIF keeps its first frame.
            image.save(buffer, format="PNG" if image_format == "PNG" else "GIF", optimize=True)
    file.seek(0)
    return buffer.getvalue()


def width_renditions(file, widths):
    """[(width, height, WebP bytes)] of an image at each of `widths` it is wider than, plus its
    own width when that is below the largest: never enlarged, orientation applied, no metadata."""
    file.seek(0)
    with Image.open(file) as source:
        image = _oriented(source)
    largest = min(image.width, max(widths))
    chosen = sorted({width for width in widths if width < largest} | {largest})
    renditions = []
    for width in chosen:
        copy = image.copy()
        copy.thumbnail((width, image.height), Image.Resampling.LANCZOS)
        renditions.append((copy.width, copy.height, _webp(copy)))
    return renditions


def make_rendition(field_file, width, height=None, suffix="w"):
    """A resized copy of an uploaded image as (name, ContentFile), or None without an image.

    With only a width the image keeps its proportions and is never enlarged; with a height too it
    is cropped to fill the box (avatars, thumbnails).
    """
    if not field_file:
        return None
    field_file.open("rb")
    field_file.seek(0)
    with Image.open(field_file) as source:
        image = _oriented(source)
    if height:
        image = ImageOps.fit(image, (width, height), Image.Resampling.LANCZOS)
    else:
        image.thumbnail((width, width * 4), Image.Resampling.LANCZOS)
    # A random name: nothing in a public rendition's address leads to the private original or
    # repeats the name it was uploaded under.
    return f"{secrets.token_urlsafe(12)}-{suffix}{width}.webp", ContentFile(_webp(image))


class RenditionsMixin:
    """Keeps resized copies of one image field up to date whenever that image changes.

    Set `rendition_source` to the image field's name and `renditions` to
    {rendition field name: (width, height or None)}. A new upload is stored re-encoded without
    its metadata (see `without_metadata`). `rendition_size` names the (width, height) fields that
    keep the size of the first rendition, for `width`/`height` attributes.
    """

    rendition_source = ""
    renditions = {}
    rendition_size = None

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._saved_source_name = instance.__dict__.get(cls.rendition_source)
        return instance

    def save(self, *args, **kwargs):
        if not self.rendition_source:
            # A historical model in a migration has the mixin but none of its settings.
            return super().save(*args, **kwargs)
        source = getattr(self, self.rendition_source)
        if source and not source._committed:
            source.file = ContentFile(without_metadata(source.file), name=source.name)
        super().save(*args, **kwargs)
        replaced = getattr(self, "_saved_source_name", None) or ""
        if (source.name or "") != replaced:
            self.refresh_renditions()
            self._saved_source_name = source.name
            if replaced:
                # The image it replaces (or that was cleared) goes once the change is committed.
                transaction.on_commit(lambda: source.storage.delete(replaced))

    def image_files(self):
        """The stored names of the image and its renditions."""
        fields = [self.rendition_source, *self.renditions]
        return [getattr(self, name).name for name in fields if getattr(self, name)]

    def refresh_renditions(self):
        """Write the new renditions (beside the old ones, under new names) and point the row
        at them; the old files are deleted once the transaction commits, so a rolled-back
        save leaves the row pointing at files that still exist."""
        source = getattr(self, self.rendition_source)
        replaced, updates = [], {}
        for index, (field_name, (width, height)) in enumerate(self.renditions.items()):
            target = getattr(self, field_name)
            if target:
                replaced.append((target.storage, target.name))
            rendition = make_rendition(source, width, height)
            size = (None, None)
            if rendition:
                with Image.open(rendition[1]) as made:
                    size = made.size
                target.save(*rendition, save=False)
            updates[field_name] = (target.name or "") if rendition else ""
            if index == 0 and self.rendition_size:
                updates.update(zip(self.rendition_size, size, strict=True))
        for name, value in updates.items():
            setattr(self, name, value)
        type(self)._default_manager.filter(pk=self.pk).update(**updates)
        if replaced:
            transaction.on_commit(partial(_delete_files, replaced))


def _delete_files(files):
    for storage, name in files:
        storage.delete(name)


def _random_name(folder, filename):
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"{folder}{secrets.token_urlsafe(16)}{suffix}"


def original_post_image_path(instance, filename):
    """upload_to for featured images: a random name, so neither a rendition nor the uploaded
    file's own name leads to the original."""
    return _random_name(timezone.now().strftime("posts/%Y/%m/"), filename)


def original_avatar_path(instance, filename):
    """upload_to for avatars (see original_post_image_path)."""
    return _random_name("avatars/", filename)
