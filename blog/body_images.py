"""Pictures in a sanitised post body: written out as responsive images when the post is saved.

The editor writes `<img src="…/960.webp" alt="…">` (inside `<figure>` with an optional
`<figcaption>`); the stored body gets, for each picture uploaded to Midad, every rendition in
`srcset`, the `sizes` of the post column, its `width` and `height` (no layout shift), and lazy
loading, except for the post's first picture, which the browser fetches at once.
"""

import re
from html import unescape

from django.utils.html import format_html

from .images import BODY_IMAGE_SIZES, body_image_url_pattern

# The sanitiser's serialiser always quotes attribute values with " and escapes " inside them,
# so this reads its output exactly (a ">" may appear inside a value, a '"' never does).
_IMG = re.compile(r'<img(?P<attributes>(?:\s+[^\s="/>]+(?:="[^"]*")?)*)\s*/?>')
_ATTRIBUTE = re.compile(r'([^\s="/>]+)(?:="([^"]*)")?')
_EMPTY_CAPTION = re.compile(r"<figcaption>\s*</figcaption>")
_PICTURE = (
    'src="{src}" srcset="{srcset}" sizes="{sizes}" width="{width}" height="{height}" alt="{alt}"'
)
_EAGER = f'<img {_PICTURE} fetchpriority="high" decoding="async">'
_LAZY = f'<img {_PICTURE} loading="lazy" decoding="async">'


def image_attributes(html):
    """The attributes of each `<img>` of sanitised HTML, as dicts, in order."""
    return [_attributes(match) for match in _IMG.finditer(html or "")]


def _attributes(match):
    return {name: unescape(value or "") for name, value in _ATTRIBUTE.findall(match["attributes"])}


def images_without_alt(html):
    """The addresses of the pictures that have no description (alt text)."""
    return [
        attrs.get("src", "") for attrs in image_attributes(html) if not attrs.get("alt", "").strip()
    ]


def render_body_images(html, images, first_eager=True):
    """The body with each of Midad's own pictures (`images`: BodyImage by key) written out in
    full; other pictures (imported from elsewhere) are left as they are.

    With `first_eager` the first picture is fetched at once with high priority (it is often the
    largest thing on screen); the others wait until the reader scrolls near them.
    """
    ours = body_image_url_pattern()
    position = 0

    def rewrite(match):
        nonlocal position
        attributes = _attributes(match)
        first, position = position == 0, position + 1
        found = ours.fullmatch(attributes.get("src", ""))
        image = images.get(found["key"]) if found else None
        if image is None:
            return match[0]
        return format_html(
            _EAGER if first and first_eager else _LAZY,
            src=image.src,
            srcset=image.srcset,
            sizes=BODY_IMAGE_SIZES,
            width=image.width,
            height=image.height,
            alt=attributes.get("alt", "").strip(),
        )

    return _EMPTY_CAPTION.sub("", _IMG.sub(rewrite, html or ""))
