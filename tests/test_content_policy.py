"""Every page carries the Content-Security-Policy; the admin its own scoped one; no template
holds an inline script or an event-handler attribute."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = {
    "script-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: value
        for name, _, value in (part.strip().partition(" ") for part in policy.split(";"))
    }


def assert_strict(response):
    policy = directives(response)
    for name, value in REQUIRED.items():
        assert policy[name] == value, (name, policy)
    header = response["Content-Security-Policy"]
    assert "unsafe-eval" not in header


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/search/?q=x",
        "/feeds/posts/",
        "/sitemap.xml",
        "/robots.txt",
        "/no/such/page/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password-reset/",
    ],
)
def test_public_pages_carry_the_strict_policy(client, url, a_post):
    response = client.get(url)
    assert_strict(response)
    assert "unsafe-inline" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_post_pages_and_refusals_carry_it_too(client, a_post):
    assert_strict(client.get(a_post.get_absolute_url()))
    refused = client.post(reverse("comments:create", args=[a_post.pk]), {"body": ""})
    assert refused.status_code == 400
    assert_strict(refused)


@pytest.mark.django_db
def test_the_admin_gets_its_scoped_policy(client, an_editor):
    client.force_login(an_editor)
    response = client.get(reverse("admin:blog_post_add"))
    assert_strict_admin = directives(response)
    assert assert_strict_admin["style-src"] == "'self' 'unsafe-inline'"
    assert re.fullmatch(r"'self' 'sha256-[A-Za-z0-9+/=]+'", assert_strict_admin["script-src"])
    for name in ("object-src", "base-uri", "frame-ancestors", "form-action"):
        assert assert_strict_admin[name] == REQUIRED[name]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def test_the_admin_import_map_hash_is_the_one_the_page_renders(client, an_editor):
    import base64
    import hashlib

    client.force_login(an_editor)
    response = client.get(reverse("admin:blog_post_add"))
    [body] = re.findall(r'<script type="importmap">(.*?)</script>', response.content.decode())
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in directives(response)["script-src"]


def template_files():
    folders = [ROOT / "templates", *ROOT.glob("*/templates")]
    return [path for folder in folders for path in folder.rglob("*.html")]


@pytest.mark.parametrize("path", template_files(), ids=lambda path: str(path.relative_to(ROOT)))
def test_no_template_holds_inline_script(path):
    source = path.read_text()
    for tag in re.findall(r"<script\b[^>]*>", source):
        assert "src=" in tag, tag
    assert not re.search(r"\son[a-z]+\s*=", source), "event-handler attribute"
    assert "javascript:" not in source
