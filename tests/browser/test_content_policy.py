"""The Content-Security-Policy in a real browser: the check every journey runs catches a
refused inline script, and the admin's rich-text editor works under the admin's policy."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.test import Client

from blog.models import Post

pytestmark = pytest.mark.browser


class TestTheCheckEveryJourneyRuns:
    def test_an_inline_script_is_refused_and_reported(self, page, a_post, csp_violations):
        page.goto(a_post.get_absolute_url())
        page.evaluate(
            """() => {
                const script = document.createElement("script");
                script.textContent = "document.body.dataset.injected = 'yes'";
                document.body.append(script);
            }"""
        )
        page.wait_for_timeout(200)
        assert page.evaluate("document.body.dataset.injected") is None
        assert any("script-src" in violation for violation in csp_violations)
        # Seen and checked: the fixture's own check at the end must not fail this test.
        csp_violations.clear()

    def test_a_reading_journey_breaks_nothing(self, page, a_post, make_comment):
        make_comment("A first comment.")
        page.goto(a_post.get_absolute_url())
        page.get_by_role("heading", name=a_post.title).wait_for()
        page.goto("/")
        page.goto("/search/?q=day")


@pytest.fixture
def editor_page(page, context, live_server, django_user_model):
    """An editor's browser, signed in, reading English."""
    user = django_user_model.objects.create_user("hind", "hind@example.org", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="blog"))
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [
            {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url},
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url},
        ]
    )
    return page


def test_the_rich_text_editor_writes_a_post_under_the_admin_policy(editor_page, an_author):
    page = editor_page
    page.goto("/admin/blog/post/add/")
    page.fill("#id_title", "Written under the policy")
    editor = page.locator(".ProseMirror >> visible=true").first
    editor.click()
    page.keyboard.type("A paragraph typed in the editor.")
    page.get_by_role("button", name="Save", exact=True).first.click()
    page.wait_for_url("**/admin/blog/post/**")
    post = Post.objects.get(title="Written under the policy")
    assert "A paragraph typed in the editor." in post.body
