"""The one place where untrusted HTML becomes trusted HTML.

Two named policies: POST_BODY (what editors may write) and COMMENT_BODY (what readers may write).
Both run when the object is saved; templates print the stored result with |safe and nothing else.
"""

import re
from html import unescape

import bleach
from bleach.css_sanitizer import CSSSanitizer

POST_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6",
    "strong", "b", "em", "i", "u", "s", "sub", "sup", "mark", "small", "abbr", "cite", "q",
    "code", "pre", "kbd", "blockquote",
    "ul", "ol", "li", "dl", "dt", "dd",
    "a", "img", "figure", "figcaption",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
    "span", "div", "bdi", "bdo",
}  # fmt: skip
POST_ATTRIBUTES = {
    "*": ["lang", "dir", "title"],
    "a": ["href", "title", "rel", "target"],
    "img": ["src", "alt", "width", "height", "loading"],
    "th": ["colspan", "rowspan", "scope"],
    "td": ["colspan", "rowspan"],
    "ol": ["start", "reversed"],
    "abbr": ["title"],
    "p": ["style"],
    "h2": ["style"],
    "h3": ["style"],
}
POST_PROTOCOLS = {"http", "https", "mailto", "tel"}
POST_CSS = CSSSanitizer(allowed_css_properties=["text-align"])

_post_cleaner = bleach.Cleaner(
    tags=POST_TAGS,
    attributes=POST_ATTRIBUTES,
    protocols=POST_PROTOCOLS,
    css_sanitizer=POST_CSS,
    strip=True,
    strip_comments=True,
)

# Elements whose content is never prose: drop them with their text, not only their tags.
_NON_PROSE = re.compile(
    r"<(script|style|iframe|object|embed|template|noscript|svg|math)\b.*?</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)


def clean_post_body(html):
    """Sanitise an editor's rich-text body: headings, lists, links, quotes, images, tables."""
    html = _NON_PROSE.sub("", html or "")
    return _post_cleaner.clean(html).strip()


_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|pre|tr|figcaption|div)>|<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def html_to_text(html):
    """Plain text of stored HTML, paragraphs kept as blank lines (for snippets, search, feeds)."""
    text = _BLOCK_END.sub("\n\n", html or "")
    text = unescape(_TAG.sub("", text))
    text = _SPACES.sub(" ", text)
    return _BLANK_LINES.sub("\n\n", text).strip()
