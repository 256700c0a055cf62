"""The COMMENT policy of blog.sanitize: readers' plain text becomes safe, stored HTML."""

from html.parser import HTMLParser

import pytest

from blog.sanitize import clean_comment_text, render_comment_body


class Elements(HTMLParser):
    """The elements and attributes of a fragment, as a browser would build them."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def test_paragraphs_and_line_breaks():
    html = render_comment_body("First line\nsecond line\n\n\n  Next paragraph  ")
    assert html == "<p>First line<br>second line</p><p>Next paragraph</p>"


def test_windows_line_endings_count_as_paragraph_breaks():
    assert render_comment_body("one\r\n\r\ntwo") == "<p>one</p><p>two</p>"


def test_addresses_become_links_that_pass_on_nothing():
    html = render_comment_body("Source: https://example.org/a?b=1&c=2 — see it.")
    assert (
        '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener" dir="ltr">'
        "https://example.org/a?b=1&amp;c=2</a>"
    ) in html


def test_addresses_in_arabic_text_are_isolated_left_to_right():
    html = render_comment_body("رابط https://example.org/?x=1&y=٢ هنا")
    assert html == (
        '<p>رابط <a href="https://example.org/?x=1&amp;y=٢" rel="nofollow ugc noopener" '
        'dir="ltr">https://example.org/?x=1&amp;y=٢</a> هنا</p>'
    )


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<style>body{display:none}</style>",
        '<iframe src="https://evil.example"></iframe>',
        '<img src=x onerror="alert(1)">',
        '<a href="https://example.org" onclick="alert(1)">x</a>',
        '<b onmouseover="alert(1)">bold</b>',
    ],
)
def test_markup_is_shown_as_text_never_run(hostile):
    html = render_comment_body(f"Look: {hostile}")
    elements = Elements(html).found
    assert {tag for tag, _attrs in elements} <= {"p", "br", "a"}
    for tag, attrs in elements:
        assert set(attrs) <= ({"href", "rel", "dir"} if tag == "a" else set())
    assert "&lt;" in html


@pytest.mark.parametrize(
    "text",
    [
        "javascript:alert(document.cookie)",
        "JaVaScRiPt:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        '<a href="javascript:alert(1)">click</a>',
        '<a href="data:text/html,<script>alert(1)</script>">click</a>',
    ],
)
def test_script_and_data_addresses_never_become_links(text):
    html = render_comment_body(text)
    assert [tag for tag, _attrs in Elements(html).found] == ["p"]


def test_bidi_overrides_and_isolates_are_removed_but_marks_are_kept():
    text = "abc\u202egnp.exe\u202c \u2066x\u2069 \u200fمرحبا\u200e"
    cleaned = clean_comment_text(text)
    for control in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
        assert control not in cleaned
    assert "\u200f" in cleaned and "\u200e" in cleaned


def test_nul_and_other_control_characters_are_removed():
    assert clean_comment_text("a\x00b\x07c\x1bd\tok\nnext") == "abcd\tok\nnext"


def test_arabic_and_mixed_text_survive_intact():
    text = "قرأت المقال: c'est très juste, see https://example.org/ar"
    html = render_comment_body(text)
    assert "قرأت المقال: c'est très juste, see" in html


def test_empty_or_blank_text_renders_nothing():
    assert render_comment_body(" \n\n \t ") == ""
