"""Review before publishing, in the Arabic admin: a contributor writes a post and submits it for
review, cannot publish it even by forcing the form; an editor finds it waiting and publishes it."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.test import Client

from blog.models import Author, Post

pytestmark = pytest.mark.browser

# The groups' permissions, given directly: after a transactional test the migrated groups are
# not always back in the live server's database, permissions always are.
CONTRIBUTOR_PERMISSIONS = [
    "add_post", "change_post", "view_post", "view_author", "change_author", "add_label",
    "view_label", "add_byline", "change_byline", "delete_byline", "view_byline",
]  # fmt: skip
EDITOR_PERMISSIONS = [*CONTRIBUTOR_PERMISSIONS, "edit_any_post", "publish_post", "delete_post"]


def signed_in(context, live_server, user):
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [
            {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url},
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": "ar", "url": live_server.url},
        ]
    )
    return context.new_page()


def staff(django_user_model, username, codenames):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


class TestContributorSubmitsEditorPublishes:
    def test_submitted_refused_then_published(
        self, browser, context, live_server, django_user_model
    ):
        contributor = staff(django_user_model, "rania", CONTRIBUTOR_PERMISSIONS)
        Author.objects.create(user=contributor, display_name="رانيا التواتي")
        editor = staff(django_user_model, "salma", EDITOR_PERMISSIONS)

        # The contributor writes and submits.
        page = signed_in(context, live_server, contributor)
        page.goto("/admin/blog/post/add/")
        assert page.locator("html").get_attribute("dir") == "rtl"
        options = page.locator("#id_status option").evaluate_all(
            "options => options.map(option => option.value)"
        )
        assert options == ["draft", "pending"]
        assert page.locator("#id_publish_at_0").count() == 0
        page.fill("#id_title", "نوافير المدينة القديمة")
        page.locator(".field-body .ProseMirror[contenteditable=true]").click()
        page.keyboard.type("في كل حيّ من أحياء فاس نافورة يعرفها الجميع.")
        page.select_option("#id_status", "pending")
        page.locator("input[name=_continue]").first.click()
        page.wait_for_url("**/change/")
        post = Post.objects.get()
        assert post.status == Post.Status.PENDING

        # Forcing "published" into the form is refused by the server.
        page.evaluate(
            """() => {
                const select = document.getElementById("id_status");
                select.add(new Option("published", "published", true, true));
            }"""
        )
        page.locator("input[name=_continue]").first.click()
        page.wait_for_load_state()
        assert page.locator(".errornote").count() == 1
        assert page.locator(".field-status .errorlist").count() == 1
        assert Post.objects.get().status == Post.Status.PENDING
        assert page.context.request.get(post.get_absolute_url()).status == 404

        # The editor finds it waiting and publishes it.
        editor_context = browser.new_context(base_url=live_server.url)
        try:
            editor_page = signed_in(editor_context, live_server, editor)
            editor_page.goto("/admin/blog/post/")
            editor_page.locator(".object-tools a[href='?status=pending']").click()
            editor_page.wait_for_url("**status=pending")
            row = editor_page.locator("#result_list tbody tr")
            assert row.count() == 1
            assert "نوافير المدينة القديمة" in row.inner_text()
            row.locator("input.action-select").check()
            editor_page.select_option("select[name=action]", "publish_selected")
            editor_page.locator("button[name=index]").click()
            editor_page.wait_for_load_state()
            assert Post.objects.get().is_published
            editor_page.goto(Post.objects.get().get_absolute_url())
            assert editor_page.locator("h1").inner_text() == "نوافير المدينة القديمة"
        finally:
            editor_context.close()
