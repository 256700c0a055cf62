"""Text helpers shared by the models and the pages: direction of a language, bidi isolation,
Unicode slugs, invisible characters, and folding and search terms for Arabic and Latin text."""

import functools
import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

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


# Characters that draw nothing yet are not Unicode spaces or controls: Hangul fillers, the blank
# Braille pattern, the Mongolian vowel separator. Names and bodies made of them look empty.
_BLANK_LOOKALIKES = {"\u115f", "\u1160", "\u180e", "\u2800", "\u3164", "\uffa0"}
# The joiners Arabic-script names may really need between two letters (Persian "‌" in "می‌خواهم").
_NAME_JOINERS = {"\u200c", "\u200d"}


def _is_invisible(char):
    return unicodedata.category(char)[0] in "ZC" or char in _BLANK_LOOKALIKES


def is_blank(text):
    """True when text shows nothing: only spaces, controls, zero-width or filler characters."""
    return all(_is_invisible(char) or char.isspace() for char in text or "")


def _is_arabic_letter(char):
    return unicodedata.category(char).startswith("L") and "ARABIC" in unicodedata.name(char, "")


def _between_arabic_letters(text, index):
    return 0 < index < len(text) - 1 and all(
        _is_arabic_letter(text[i]) for i in (index - 1, index + 1)
    )


def has_hidden_characters(text):
    """True when text holds zero-width, direction or other invisible format characters (or a
    control), the tools of names that pass for someone else's. A zero-width (non-)joiner between
    two Arabic-script letters is spelling, not a trick, and is allowed."""
    for index, char in enumerate(text or ""):
        if char in _NAME_JOINERS and _between_arabic_letters(text, index):
            continue
        if char in _BLANK_LOOKALIKES or (
            _is_invisible(char) and unicodedata.category(char) != "Zs"
        ):
            return True
    return False


def validate_name(value):
    """A form validator for the names readers and authors show to others."""
    if is_blank(value):
        raise ValidationError(_("Write a name with visible letters."), code="blank_name")
    if has_hidden_characters(value):
        raise ValidationError(
            _("The name contains invisible characters (zero-width or direction marks)."),
            code="invisible_characters",
        )


# Folding: one spelling for words readers consider the same, for search and word lists alike.

TATWEEL = "\u0640"
# Letters that are one letter to a reader however they are written: alef wasla, alef maqsura
# and ta marbuta (hamza forms lose their hamza when decomposed), the Persian forms of yeh and
# kaf, and the Arabic-Indic digits, which are the digits 0-9.
_LETTER_FOLDS = {
    "\u0671": "\u0627",  # ٱ → ا
    "\u0649": "\u064a",  # ى → ي
    "\u0629": "\u0647",  # ة → ه
    "\u06cc": "\u064a",  # ی → ي
    "\u06a9": "\u0643",  # ک → ك
    **{chr(0x0660 + n): str(n) for n in range(10)},
    **{chr(0x06F0 + n): str(n) for n in range(10)},
}
# Marks that change how a letter looks but not which word it is (vowel signs, accents, the
# hamza of أ إ ؤ ئ once decomposed), invisible format characters such as zero-width joiners,
# and tatweel: dropped. Built once from the Unicode database, as one translation table with
# the letters above (str.translate is many times faster than a regular expression here).
_IGNORED_CATEGORIES = {"Mn", "Me", "Cf"}
_FOLD_TABLE = str.maketrans(
    {
        **{
            chr(code): None
            for code in [*range(0x20000), *range(0xE0000, 0xE0200)]
            if unicodedata.category(chr(code)) in _IGNORED_CATEGORIES
        },
        TATWEEL: None,
        **_LETTER_FOLDS,
    }
)


def fold(text):
    """`text` spelt one way: compatibility forms unified (ﻻ, ﬁ), marks, tatweel and invisible
    characters dropped, hamza forms, ٱ, ى and ة as their base letter, Arabic-Indic digits as
    digits, case folded, runs of spaces made one. Word lists and search compare folded text."""
    decomposed = unicodedata.normalize("NFKD", text or "").casefold()
    folded = unicodedata.normalize("NFC", decomposed.translate(_FOLD_TABLE))
    return " ".join(folded.split())


# Search terms: folded words without the commonest ones, Arabic prefixes taken off.

# The article and the conjunctions and prepositions written joined to it, longest first, with
# the fewest letters a word must keep once the prefix is taken off (so «والد» stays whole).
ARABIC_PREFIXES = (("وال", 3), ("بال", 3), ("كال", 3), ("فال", 3), ("لل", 2), ("ال", 2))
_WORD = re.compile(r"[^\W_]+")
# A word of the original text with the Arabic and Latin marks, tatweel and joiners inside it
# (for highlighting).
ORIGINAL_WORD = re.compile(
    "(?:[^\\W_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d])+"
)

_STOP_WORDS = """
    في من على الى إلى عن مع هذا هذه ذلك تلك التي الذي الذين هو هي هم كان كانت ما لا لم لن قد
    ثم او أو و ف ب ل ك ان أن إن كل بين عند حتى منذ بعد قبل كما لكن اذا إذا نحن انا أنا
    le la les l un une des du de d et ou en au aux a à pour par sur dans que qu qui ne n pas
    est sont ce cet cette ces il elle ils elles on se s son sa ses leur leurs y plus avec
    the a an of and or to in on for is are was were be been it its this that these those with
    as at by from but not no so if into than then there their they we you he she i
"""
STOP_WORDS = frozenset(fold(_STOP_WORDS).split())


def stem(word):
    """A folded word without the Arabic article or the prefixes joined to it (light stemming):
    «الخرائط», «والخرائط», «بالخرائط» and «خرائط» give the same term."""
    for prefix, keep in ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= keep:
            return word[len(prefix) :]
    return word


@functools.lru_cache(maxsize=100_000)
def word_terms(word):
    """The search terms of one word as written (a tuple: most words give one, none for a
    common word, several when folding splits it)."""
    return tuple(stem(w) for w in _WORD.findall(fold(word)) if w not in STOP_WORDS)


def search_terms(text):
    """The search terms of a text, in order: what the index stores and what a query asks."""
    return [stem(w) for w in _WORD.findall(fold(text)) if w not in STOP_WORDS]


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


# French typography: a narrow no-break space before ? ! ; and a no-break space before : and
# inside « », so the mark never starts a line of its own. Only spaces the writer typed are
# replaced; "http://" and "10:30" are left alone.
_FRENCH_BEFORE_MARK = re.compile(r"[ \u00a0]+([?!;])")
_FRENCH_BEFORE_COLON = re.compile(r" +(:)")
_FRENCH_INSIDE_QUOTES = (re.compile(r"« +"), re.compile(r" +»"))


def french_spacing(text):
    """`text` with the no-break spaces French typography puts before its high punctuation."""
    text = _FRENCH_BEFORE_MARK.sub("\u202f\\1", text)
    text = _FRENCH_BEFORE_COLON.sub("\u00a0\\1", text)
    opening, closing = _FRENCH_INSIDE_QUOTES
    return closing.sub("\u00a0»", opening.sub("«\u00a0", text))


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
