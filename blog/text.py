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


_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
_COMMON_WORDS = {
    "fr": {"le", "la", "les", "des", "une", "est", "et", "du", "pour", "dans", "qui", "pas",
           "sur", "au", "avec", "nous", "vous", "ce", "cette", "sont"},
    "en": {"the", "and", "of", "to", "is", "in", "that", "for", "with", "on", "was", "it",
           "this", "are", "we", "you", "be", "have", "not", "from"},
}  # fmt: skip


def guess_language(text, default):
    """The language of a text of unknown origin (an imported post): Arabic when Arabic letters
    outnumber Latin ones, else French or English by their commonest words, else `default`."""
    sample = (text or "")[:4000]
    arabic = len(_ARABIC_LETTER.findall(sample))
    if arabic and arabic >= len(_LATIN_LETTER.findall(sample)):
        return "ar"
    words = re.findall(r"[a-zà-ÿ']+", sample.lower())
    scores = {code: sum(word in common for word in words) for code, common in _COMMON_WORDS.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] >= 2 else default
