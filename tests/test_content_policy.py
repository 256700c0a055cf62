"""Every page carries the Content-Security-Policy; the admin its own scoped one; no template
holds an inline script or an event-handler attribute."""

import json
import logging
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
def test_the_header_kept_per_process_is_the_one_the_library_builds(client, settings, a_post):
    from csp.utils import build_policy

    assert client.get("/")["Content-Security-Policy"] == build_policy()
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    assert client.get("/")["Content-Security-Policy"] == "default-src 'none'"
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"img-src": ["'self'"]}}
    response = client.get(reverse("blog:search"))
    assert response["Content-Security-Policy-Report-Only"] == build_policy(report_only=True)
    assert "img-src 'self'" in response["Content-Security-Policy-Report-Only"]


@pytest.mark.django_db
def test_a_view_with_its_own_policy_keeps_it(rf):
    from csp.decorators import csp_update
    from django.http import HttpResponse

    from security.middleware import ContentSecurityPolicyMiddleware

    @csp_update({"img-src": ["https://pictures.example"]})
    def view(request):
        return HttpResponse("")

    request = rf.get("/somewhere/")
    response = ContentSecurityPolicyMiddleware(view)(request)
    assert "https://pictures.example" in directives(response)["img-src"]
    assert "'self'" in directives(response)["img-src"]


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


class TestViolationReports:
    url = "/csp-report/"

    def post(self, client, body, **extra):
        data = body if isinstance(body, (str, bytes)) else json.dumps(body)
        return client.post(self.url, data, content_type="application/csp-report", **extra)

    def test_the_policy_names_the_report_address(self, client, db):
        assert directives(client.get("/robots.txt"))["report-uri"] == self.url

    def test_a_report_uri_report_is_logged_on_one_line(self, client, db, caplog):
        report = {
            "document-uri": "https://blog.example.org/2026/11/a-post/",
            "effective-directive": "script-src-elem",
            "blocked-uri": "https://evil.example/x.js\nFAKE LOG LINE",
        }
        with caplog.at_level(logging.WARNING, logger="security.csp"):
            assert self.post(client, {"csp-report": report}).status_code == 204
        [record] = caplog.records
        message = record.getMessage()
        assert message == (
            "Blocked https://evil.example/x.js FAKE LOG LINE by script-src-elem on "
            "https://blog.example.org/2026/11/a-post/"
        )

    def test_a_reporting_api_batch_is_logged_report_by_report(self, client, db, caplog):
        batch = [
            {
                "type": "csp-violation",
                "body": {"blockedURL": "inline", "effectiveDirective": "style-src"},
            },
            {"type": "deprecation", "body": {"id": "something"}},
            {
                "type": "csp-violation",
                "body": {"blockedURL": "eval", "effectiveDirective": "script-src"},
            },
        ]
        with caplog.at_level(logging.WARNING, logger="security.csp"):
            response = client.post(
                self.url, json.dumps(batch), content_type="application/reports+json"
            )
        assert response.status_code == 204
        assert [r.getMessage() for r in caplog.records] == [
            "Blocked inline by style-src on -",
            "Blocked eval by script-src on -",
        ]

    @pytest.mark.parametrize(
        "body", ["", "not json", "[1, 2]", '{"other": 1}', '{"csp-report": "text"}', "null", "42"]
    )
    def test_what_is_not_a_report_gets_400(self, client, db, body, caplog):
        with caplog.at_level(logging.WARNING, logger="security.csp"):
            assert self.post(client, body).status_code == 400
        assert not [record for record in caplog.records if record.name == "security.csp"]

    def test_a_huge_report_gets_413(self, client, db):
        report = {"csp-report": {"blocked-uri": "x" * 20_000}}
        assert self.post(client, report).status_code == 413

    def test_only_post_is_allowed(self, client, db):
        assert client.get(self.url).status_code == 405

    def test_one_address_fills_the_log_with_at_most_thirty_reports_a_minute(
        self, client, db, caplog
    ):
        report = {"csp-report": {"blocked-uri": "inline", "effective-directive": "style-src"}}
        with caplog.at_level(logging.WARNING, logger="security.csp"):
            statuses = {self.post(client, report).status_code for _ in range(40)}
        assert statuses == {204}
        assert len(caplog.records) == 30
