"""An editor writes an About page in the Arabic admin; readers find it in the site menu and at
/p/<slug>/."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.test import Client

from blog.models import Page

pytestmark = pytest.mark.browser

PAGE_PERMISSIONS = ["add_page", "change_page", "view_page"]


@pytest.fixture
def editor_page(page, context, live_server, django_user_model):
    """An editor's browser, signed in, reading Arabic. Permissions are given directly: after a
    transactional test the migrated groups are not always back, permissions always are."""
    editor = django_user_model.objects.create_user("salma", "salma@example.org", is_staff=True)
    editor.user_permissions.add(*Permission.objects.filter(codename__in=PAGE_PERMISSIONS))
    client = Client()
    client.force_login(editor)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [
            {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url},
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": "ar", "url": live_server.url},
        ]
    )
    return page


class TestEditorWritesAnAboutPage:
    def test_written_in_the_admin_shown_in_the_menu_and_at_its_address(self, editor_page):
        page = editor_page
        page.goto("/admin/blog/page/add/")
        assert page.locator("html").get_attribute("dir") == "rtl"
        page.fill("#id_title", "من نحن")
        editor = page.locator(".field-body .ProseMirror[contenteditable=true]")
        editor.click()
        page.keyboard.type("مدونة يكتبها أصدقاء من مدن كثيرة.")
        page.select_option("#id_status", "published")
        page.fill("#id_menu_order", "1")
        page.locator("input[name=_save]").first.click()
        page.wait_for_url("**/admin/blog/page/")

        stored = Page.objects.get()
        assert stored.slug == "من-نحن"
        assert "مدونة يكتبها أصدقاء" in stored.body

        page.goto("/")
        link = page.locator("ul.site-menu a", has_text="من نحن")
        link.click()
        page.wait_for_url("**/p/**")
        assert page.evaluate("decodeURIComponent(location.pathname)") == "/p/من-نحن/"
        assert page.locator("h1").inner_text() == "من نحن"
        article = page.locator("article")
        assert (article.get_attribute("lang"), article.get_attribute("dir")) == ("ar", "rtl")
        assert "مدونة يكتبها أصدقاء" in article.inner_text()
        assert page.locator("ul.site-menu a[aria-current=page]").inner_text() == "من نحن"
        assert page.locator("#comments").count() == 0
