"""The one place where untrusted HTML becomes trusted HTML.

Two named policies: POST_BODY (what editors may write) and COMMENT_BODY (what readers may write).
Both run when the object is saved; templates print the stored result with |safe and nothing else.
"""

import re
import unicodedata
from html import escape, unescape

import bleach
import bleach.linkifier
from bleach.css_sanitizer import CSSSanitizer

from .images import BODY_IMAGE_SIZES, body_image_url_pattern

POST_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6",
    "strong", "b", "em", "i", "u", "s", "sub", "sup", "mark", "small", "abbr", "cite", "q",
    "code", "pre", "kbd", "blockquote",
    "ul", "ol", "li", "dl", "dt", "dd",
    "a", "img", "figure", "figcaption",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
    "span", "div", "bdi", "bdo",
}  # fmt: skip


def _image_attribute(tag, name, value):
    """An image keeps its address, description and size, and the responsive markup Midad writes
    for its own uploads (`blog.body_images`); `srcset` may only name those uploads."""
    if name in ("src", "alt"):
        return True
    if name in ("width", "height"):
        return value.isdigit() and len(value) <= 5
    if name == "loading":
        return value in ("lazy", "eager")
    if name == "decoding":
        return value == "async"
    if name == "fetchpriority":
        return value == "high"
    if name == "sizes":
        return value == BODY_IMAGE_SIZES
    if name == "srcset":
        ours = body_image_url_pattern()
        candidates = [candidate.split() for candidate in value.split(",")]
        return all(
            len(parts) == 2 and ours.fullmatch(parts[0]) and re.fullmatch(r"\d{1,5}w", parts[1])
            for parts in candidates
        )
    return False


POST_ATTRIBUTES = {
    "*": ["lang", "dir", "title"],
    "a": ["href", "title", "rel", "target"],
    "img": _image_attribute,
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


# Comment bodies: readers write plain text. It is escaped, split into paragraphs and line
# breaks, and bare http(s) addresses become links that pass on no ranking and no window handle.
COMMENT_REL = "nofollow ugc noopener"

# NUL and the other C0/C1 controls except tab and newline, and the bidi embedding, override and
# isolate controls that can make text display in an order other than the one it was written in.
_UNSAFE_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]"
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")

_comment_cleaner = bleach.Cleaner(
    tags={"p", "br", "a"},
    attributes={"a": ["href", "rel", "dir"]},
    protocols={"http", "https"},
    strip=True,
    strip_comments=True,
)


def _comment_link(attrs, new=False):
    href = attrs.get((None, "href"), "")
    if not href.lower().startswith(("http://", "https://")):
        return None
    attrs[(None, "rel")] = COMMENT_REL
    # An address reads left to right even inside Arabic text: isolated, "?x=1&y=٢" keeps
    # its order instead of being reshuffled by the sentence around it.
    attrs[(None, "dir")] = "ltr"
    attrs.pop((None, "target"), None)
    return attrs


_comment_linker = bleach.linkifier.Linker(
    callbacks=[_comment_link],
    skip_tags=None,
    parse_email=False,
    url_re=bleach.linkifier.build_url_re(protocols=["http", "https"]),
)


def clean_comment_text(text):
    """Reader-typed text made safe to store: unified newlines, no control or bidi-override
    characters, NFC-normalised, trimmed. Used for comment bodies and commenter names."""
    text = unicodedata.normalize("NFC", (text or "").replace("\r\n", "\n").replace("\r", "\n"))
    return _UNSAFE_CHARACTERS.sub("", text).strip()


def render_comment_body(text):
    """HTML for a comment's plain-text body: paragraphs, line breaks and linked addresses."""
    text = clean_comment_text(text)
    paragraphs = [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]
    html = "".join(
        "<p>{}</p>".format(escape(paragraph, quote=False).replace("\n", "<br>"))
        for paragraph in paragraphs
    )
    return _comment_cleaner.clean(_comment_linker.linkify(html))


_COMMENT_LINK = re.compile(
    r"<a\b[^>]*?\bhref\s*=\s*[\"']?([^\"'\s>]+)[^>]*>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL
)
_COMMENT_BREAK = re.compile(r"<br\s*/?>\n?", re.IGNORECASE)
_COMMENT_BLANK_LINES = re.compile(r"\n\s*\n\s*")
_COMMENT_PARAGRAPH_END = re.compile(r"</(p|div|blockquote|li)\s*>", re.IGNORECASE)


def comment_text_from_html(html):
    """The plain text a reader would have typed for a comment stored as HTML by another blog
    (Blogger, WordPress): breaks and paragraphs become newlines, a link keeps its address
    after its words, and every other tag goes. `render_comment_body` then applies the comment
    policy to it like to any typed comment."""

    def link(match):
        href, words = unescape(match.group(1)), _TAG.sub("", match.group(2)).strip()
        if not words or unescape(words) == href:
            return href
        return f"{words} ({href})" if href.lower().startswith(("http://", "https://")) else words

    text = _COMMENT_LINK.sub(link, html or "")
    text = _COMMENT_BREAK.sub("\n", text)
    text = _COMMENT_PARAGRAPH_END.sub("\n\n", text)
    text = clean_comment_text(unescape(_TAG.sub("", text)))
    return _COMMENT_BLANK_LINES.sub("\n\n", text)
