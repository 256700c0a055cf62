"""Bodies as the old blogs stored them, turned into the HTML our editor writes. The result still
goes through the editor's sanitising policy when the post is saved (blog.sanitize)."""

import re

_BLOCK_START = re.compile(
    r"^\s*<(p|div|h[1-6]|ul|ol|li|dl|table|thead|tbody|tr|blockquote|pre|figure|hr|address"
    r"|section|article|aside|header|footer|details|iframe|!--)[\s>/]",
    re.IGNORECASE,
)
_PRE = re.compile(r"<pre\b.*?</pre>", re.IGNORECASE | re.DOTALL)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# Shortcodes whose brackets would otherwise show as text; their inner HTML is kept.
_SHORTCODE = re.compile(r"\[/?(caption|gallery|embed|audio|video|playlist)\b[^\]]*\]")


def wordpress_paragraphs(content):
    """WordPress's own display filter, in short: blank-line separated text becomes paragraphs
    and single newlines line breaks, except inside blocks (lists, tables, <pre>) that carry
    their own structure. Gutenberg content is already HTML; its <!-- wp:… --> comments are
    dropped by the sanitiser."""
    content = _SHORTCODE.sub("", (content or "").replace("\r\n", "\n").replace("\r", "\n"))
    if "<!-- wp:" in content:
        return content
    kept = []

    def keep(match):
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    content = _PRE.sub(keep, content)
    blocks = []
    for chunk in _PARAGRAPH_BREAK.split(content):
        chunk = chunk.strip()
        if not chunk:
            continue
        if _BLOCK_START.match(chunk) or chunk.startswith("\x00"):
            blocks.append(chunk)
        else:
            blocks.append("<p>" + chunk.replace("\n", "<br />\n") + "</p>")
    html = "\n".join(blocks)
    return re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], html)


_RTL_WRAPPER = re.compile(
    r"^\s*<div\b(?=[^>]*\btrbidi\s*=)[^>]*>(?P<inner>.*)</div>\s*$", re.IGNORECASE | re.DOTALL
)
_BR_RUN = re.compile(r"(?:<br\s*/?>\s*){2,}", re.IGNORECASE)
_HAS_PARAGRAPHS = re.compile(r"<(p|div|h[1-6]|ul|ol|table|blockquote|pre)\b", re.IGNORECASE)


def blogger_paragraphs(content):
    """Blogger's bodies: the `<div dir="rtl" trbidi="on">` wrapper Blogger adds to right-to-left
    posts is unwrapped (the post's language gives the direction), and text written with
    "<br /><br />" between paragraphs becomes paragraphs; single breaks stay breaks."""
    content = (content or "").strip()
    wrapped = _RTL_WRAPPER.match(content)
    if wrapped:
        content = wrapped.group("inner").strip()
    if _HAS_PARAGRAPHS.search(content):
        return content
    paragraphs = [part.strip() for part in _BR_RUN.split(content) if part.strip()]
    return "".join(f"<p>{part}</p>" for part in paragraphs)
