"""Text helpers shared by the models and the pages: direction of a language, bidi isolation,
Unicode slugs."""

import re

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


_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")


def written_language(text, page_language):
    """(lang, dir) to mark a short text (a label, an author's name) whose script differs from
    the page's, or (None, None). Only the script is known: Arabic script is Arabic; Latin text
    on a right-to-left page gets its direction only, as French and English look alike."""
    if _ARABIC_LETTER.search(text or ""):
        return (None, None) if text_direction(page_language) == "rtl" else ("ar", "rtl")
    if _LATIN_LETTER.search(text or "") and text_direction(page_language) == "rtl":
        return None, "ltr"
    return None, None
