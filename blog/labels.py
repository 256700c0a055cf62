"""Label parsing: editors type labels separated by Latin or Arabic commas."""

from taggit.utils import _parse_tags

ARABIC_COMMA = "\u060c"


def parse_labels(text):
    """Split a label string on "," and "،" (taggit's rules for quotes and spaces otherwise)."""
    return _parse_tags((text or "").replace(ARABIC_COMMA, ","))
