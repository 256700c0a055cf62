"""Post bodies keep their structure and lose anything that could run in a reader's browser."""

import re

import pytest

from blog.sanitize import POST_TAGS, clean_post_body, html_to_text
from tests.markup import parse

ACTIVE_CONTENT = re.compile(
    r"<\s*(script|style|iframe|object|embed|form|svg|math|base|meta|link)\b", re.I
)
ACTIVE_ATTRIBUTE = re.compile(r"\son[a-z]+\s*=|javascript:|vbscript:|data:|srcdoc|xlink", re.I)

HOSTILE = {
    "script": "<p>Hello</p><script>alert('x')</script>",
    "script with a source": "<SCRIPT SRC=//evil.example/x.js></SCRIPT><p>Hello</p>",
    "script in odd case and spacing": "<scrIpt >alert('x')</scRipt\n><p>Hello</p>",
    "script split around another": "<scr<script>ipt>alert('x')</script><p>Hello</p>",
    "unclosed script": "<p>Hello</p><script>alert('x')",
    "script inside svg": "<svg><script>alert('x')</script></svg><p>Hello</p>",
    "script in a conditional comment": (
        "<!--[if IE]><script>alert('x')</script><![endif]--><p>Hello</p>"
    ),
    "style element": "<style>body { display: none }</style><p>Hello</p>",
    "iframe": '<iframe src="https://evil.example/"></iframe><p>Hello</p>',
    "iframe srcdoc": "<iframe srcdoc=\"<script>alert('x')</script>\"></iframe><p>Hello</p>",
    "object and embed": '<object data="x.swf"></object><embed src="y.swf"><p>Hello</p>',
    "form": '<form action="https://evil.example/"><input name="pw"><button>Go</button></form>',
    "base and meta refresh": '<base href="//evil.example/"><meta http-equiv="refresh" content="0">',
    "onclick": "<p onclick=\"alert('x')\">Hello</p>",
    "onerror on an image": '<img src="/media/a.png" onerror="alert(\'x\')" alt="A">',
    "onmouseover in a table": "<table><tr><td onmouseover=\"alert('x')\">Hello</td></tr></table>",
    "onload on svg": "<svg onload=\"alert('x')\"></svg><p>Hello</p>",
    "javascript link": "<a href=\"javascript:alert('x')\">Hello</a>",
    "javascript link in capitals": "<a href=\"JaVaScRiPt:alert('x')\">Hello</a>",
    "javascript link with a tab": "<a href=\"java&#x09;script:alert('x')\">Hello</a>",
    "javascript link with entities": "<a href=\"&#106;avascript:alert('x')\">Hello</a>",
    "javascript link with a leading space": "<a href=\" javascript:alert('x')\">Hello</a>",
    "vbscript link": '<a href="vbscript:msgbox(1)">Hello</a>',
    "data link": "<a href=\"data:text/html,<script>alert('x')</script>\">Hello</a>",
    "data image": '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" alt="A">',
    "mathml link": "<math><mi xlink:href=\"javascript:alert('x')\">Hello</mi></math>",
    "css url": "<p style=\"background: url(javascript:alert('x')); text-align: center\">Hi</p>",
    "noscript breakout": '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
}


@pytest.mark.parametrize("html", HOSTILE.values(), ids=HOSTILE.keys())
def test_active_content_is_removed(html):
    cleaned = clean_post_body(html)
    assert not ACTIVE_CONTENT.search(cleaned), cleaned
    assert not ACTIVE_ATTRIBUTE.search(cleaned), cleaned


@pytest.mark.parametrize(
    "html",
    [HOSTILE["script"], HOSTILE["style element"], HOSTILE["script in a conditional comment"]],
)
def test_script_and_style_take_their_content_with_them(html):
    cleaned = clean_post_body(html)
    assert cleaned == "<p>Hello</p>"
    assert "alert" not in html_to_text(cleaned)


def test_only_text_align_survives_in_a_style():
    cleaned = clean_post_body(HOSTILE["css url"])
    assert cleaned == '<p style="text-align: center;">Hi</p>'


def test_a_page_heading_in_a_body_is_demoted_to_text():
    """The post title is the page's only <h1>."""
    assert clean_post_body("<h1>Big</h1><p>Text</p>") == "Big<p>Text</p>"


KEPT = {
    "headings": "<h2>Part one</h2><h3>A detail</h3><h4>A smaller one</h4>",
    "lists": '<ul><li>One</li><li>Two</li></ul><ol start="3"><li>Three</li></ol>',
    "links": '<p><a href="https://example.org/page?a=1&amp;b=2" title="More">Read</a> '
    '<a href="mailto:editor@example.org">Write</a> <a href="/2026/03/other/">Other</a></p>',
    "quotes": "<blockquote><p>Ink outlives memory.</p></blockquote><p><q>short</q></p>",
    "images": '<figure><img src="https://example.org/a.png" alt="A hill" width="640" '
    'height="480"><figcaption>The hill</figcaption></figure><img src="/media/a.webp" alt="">',
    "tables": '<table><caption>Rain</caption><thead><tr><th scope="col">Month</th></tr></thead>'
    '<tbody><tr><td colspan="2">May</td></tr></tbody></table>',
    "inline text": "<p><strong>bold</strong> <em>italic</em> <u>under</u> <s>struck</s> "
    "<sub>2</sub> <sup>3</sup> <code>x</code><br>next</p>",
    "direction and language": '<p dir="ltr" lang="fr">Bonjour</p><p dir="rtl" lang="ar">مرحبا</p>',
    "centred paragraph": '<p style="text-align: center;">Centre</p>',
}


@pytest.mark.parametrize("html", KEPT.values(), ids=KEPT.keys())
def test_editor_structure_is_kept_as_written(html):
    assert clean_post_body(html) == html


def test_cleaning_is_stable():
    for html in (*HOSTILE.values(), *KEPT.values()):
        once = clean_post_body(html)
        assert clean_post_body(once) == once


@pytest.mark.django_db
def test_saving_a_post_stores_the_clean_body_and_its_text(make_post):
    post = make_post(
        body='<h2>Title</h2><p onclick="x()">First &amp; <b>bold</b></p><script>x()</script>'
    )
    post.refresh_from_db()
    assert post.body == '<h2 id="title">Title</h2><p>First &amp; <b>bold</b></p>'
    assert post.body_text == "Title\n\nFirst & bold"


@pytest.mark.django_db
def test_the_post_page_prints_no_active_content(client, make_post):
    post = make_post(body="".join(HOSTILE.values()))
    body = parse(client.get(post.get_absolute_url())).find("div", class_="post__body")
    assert body.find("p").text == "Hello"
    for element in body.iter():
        assert element.tag in POST_TAGS or element is body, element
        for name, value in element.attrs.items():
            assert not name.startswith("on"), element
            assert not re.match(r"\s*(javascript|vbscript|data):", value, re.I), element
