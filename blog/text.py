"""Text helpers shared by the models and the pages: direction of a language, bidi isolation,
Unicode slugs."""

from django.conf import settings
from django.utils.text import slugify

LANGUAGE_CHOICES = settings.LANGUAGES
RTL_LANGUAGES = {"ar", "fa", "he", "ur"}


def text_direction(language_code):
    return "rtl" if (language_code or "").split("-")[0] in RTL_LANGUAGES else "ltr"


def bidi_isolate(text):
    """Wrap text of unknown direction (an Arabic label in a French sentence) in Unicode isolates,
    so quotes and punctuation around it stay where the sentence puts them."""
    return f"\u2068{text}\u2069"


def unique_slug(model, text, instance_pk=None, max_length=200):
    """A Unicode slug for `text` that no other row of `model` uses ("title", "title-2", …)."""
    base = slugify(text, allow_unicode=True)[: max_length - 4].strip("-") or "post"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exclude(pk=instance_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
