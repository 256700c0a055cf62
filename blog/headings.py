"""Anchors for the headings of a post body, and the table of contents they make.

Run on save, after the sanitiser: each h2–h4 gets an `id` made from its own text (a Unicode slug,
so Arabic headings keep Arabic anchors), which stays the same as long as the heading's words do,
so links to `#a-heading` keep working when the rest of the post is edited.
"""

import re

from django.utils.text import slugify

from .sanitize import html_to_text

# The editor offers h2–h4. The sanitiser's output is regular: `<h2>` or `<h2 style="…">`.
_HEADING = re.compile(r"<(h[234])((?:\s[^>]*)?)>(.*?)</\1>", re.IGNORECASE | re.DOTALL)
_ID = re.compile(r'\s+id="[^"]*"')
# Ids the page itself uses around the body, and the comment anchors (#c123).
RESERVED_IDS = {"main", "comments", "comments-title", "comment-form", "toc", "toc-title"}
_COMMENT_ANCHOR = re.compile(r"c\d+")
ID_LENGTH = 60
# A post shows its table of contents from this many headings on.
TOC_MIN_HEADINGS = 3


def heading_id(text, taken):
    """A Unicode slug of `text` that is not in `taken` (nor reserved by the page), and add it."""
    base = slugify(text, allow_unicode=True)[:ID_LENGTH].strip("-_") or "section"
    if base in RESERVED_IDS or _COMMENT_ANCHOR.fullmatch(base):
        base = f"{base}-section"
    anchor, n = base, 2
    while anchor in taken:
        anchor, n = f"{base}-{n}", n + 1
    taken.add(anchor)
    return anchor


def anchor_headings(html):
    """(html with an id on every h2–h4, [[level, id, text], …] in document order)."""
    taken, headings = set(), []

    def anchor(match):
        tag, attributes, inner = match.groups()
        text = " ".join(html_to_text(inner).split())
        if not text:
            return match.group(0)
        anchor_id = heading_id(text, taken)
        headings.append([int(tag[1]), anchor_id, text])
        attributes = _ID.sub("", attributes)
        return f'<{tag} id="{anchor_id}"{attributes}>{inner}</{tag}>'

    return _HEADING.sub(anchor, html), headings


def table_of_contents(headings):
    """Nested entries for the template: [{"id", "text", "children": […]}, …]. A heading nests
    under the nearest previous heading of a higher level; an h3 before any h2 stays on top."""
    root = {"level": 1, "children": []}
    stack = [root]
    for level, anchor_id, text in headings:
        while stack[-1]["level"] >= level:
            stack.pop()
        entry = {"level": level, "id": anchor_id, "text": text, "children": []}
        stack[-1]["children"].append(entry)
        stack.append(entry)
    return root["children"]
