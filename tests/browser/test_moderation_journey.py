"""A moderator in a real browser: removes a reply on the post page, sees the tombstone,
restores the reply from the admin's moderation queue, and finds it back on the page — with
JavaScript (the delete dialog) and without (the confirmation page)."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.test import Client

from comments import services
from comments.models import Comment, ModerationLog

pytestmark = pytest.mark.browser

MODERATOR_PERMISSIONS = ["moderate_comments", "view_comment", "delete_comment"]


@pytest.fixture
def javascript(request):
    return request.param


@pytest.fixture
def browser_context_args(javascript):
    return {"viewport": {"width": 1100, "height": 900}, "java_script_enabled": javascript}


@pytest.fixture
def moderator(context, django_user_model):
    """A staff account with the Moderators group's permissions, given directly: after a
    transactional test, the migrated groups are not always back in the live server's database,
    while permissions are recreated after every flush."""
    user = django_user_model.objects.create_user("nadia", "nadia@example.org", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=MODERATOR_PERMISSIONS))
    return user


@pytest.fixture
def moderator_page(page, context, live_server, moderator):
    """The moderator's browser, signed in, reading English."""
    client = Client()
    client.force_login(moderator)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [
            {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url},
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url},
        ]
    )
    return page


@pytest.mark.parametrize(
    "javascript", [True, False], ids=["javascript", "no-javascript"], indirect=True
)
class TestModeratorRemovesAndRestoresAReply:
    def test_remove_on_the_page_restore_in_the_admin(
        self, moderator_page, moderator, a_post, javascript
    ):
        page = moderator_page
        question = services.post_comment(a_post, "Is the market open?", guest_name="Salima")
        reply = services.post_comment(
            a_post, "Buy cheap watches here", reply_to=question, guest_name="Omar"
        )
        page.goto(a_post.get_absolute_url())
        card = page.locator(f"li#c{reply.pk} > article.comment__card")
        assert card.locator(".comment__body").inner_text() == "Buy cheap watches here"

        # Remove the reply on the page.
        delete = card.locator("a[data-delete]")
        assert delete.get_attribute("aria-label") == "Delete comment by Omar"
        delete.click()
        if javascript:
            dialog = page.locator("#comment-delete-dialog")
            assert dialog.evaluate("element => element.open")
            dialog.locator("button[type=submit]").click()
        else:
            page.wait_for_url(re.compile(r"/delete/$"))
            assert "you are removing someone else's comment" in page.locator("main").inner_text()
            page.locator("main form button[type=submit]").click()
        page.wait_for_url(re.compile(rf"#c{reply.pk}$"))

        # The moderator sees the tombstone, with a way to undo it.
        item = page.locator(f"li#c{reply.pk}")
        tombstone = item.locator(":scope > .comment__tombstone")
        assert tombstone.inner_text() == "This comment has been removed by a moderator."
        assert item.locator("button", has_text="Restore").get_attribute("aria-label") == (
            "Restore comment by Omar"
        )
        assert page.locator(f"li#c{reply.pk} .comment__body").count() == 0
        assert Comment.objects.get(pk=reply.pk).status == Comment.Status.REMOVED

        # Restore it from the admin's moderation queue.
        page.goto("/admin/comments/comment/?status__exact=removed")
        page.locator(f"input[name=_selected_action][value='{reply.pk}']").check()
        page.locator("select[name=action]").select_option("restore")
        page.locator("button[name=index]").click()
        page.wait_for_load_state()
        assert "Restored 1 comment." in page.locator(".messagelist").inner_text()

        # The reply is back on the page, exactly as it was.
        page.goto(a_post.get_absolute_url())
        card = page.locator(f"li#c{reply.pk} > article.comment__card")
        assert card.locator(".comment__body").inner_text() == "Buy cheap watches here"
        assert page.locator(f"li#c{question.pk} li#c{reply.pk}").count() == 1
        assert list(
            ModerationLog.objects.filter(comment=reply)
            .order_by("id")
            .values_list("action", "actor")
        ) == [("remove", moderator.pk), ("restore", moderator.pk)]


class TestReaderReportsAComment:
    @pytest.fixture
    def javascript(self):
        return True

    def test_report_in_the_dialog(self, page, context, live_server, a_post):
        context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
        )
        rude = services.post_comment(a_post, "Something rude", guest_name="Omar")
        page.goto(a_post.get_absolute_url())
        link = page.locator(f"li#c{rude.pk} a[data-report]")
        assert link.get_attribute("aria-label") == "Report comment by Omar"

        link.click()
        dialog = page.locator("#comment-report-dialog")
        assert dialog.evaluate("element => element.open")
        dialog.locator("[data-dialog-close]").click()
        assert link.evaluate("element => element === document.activeElement")

        link.click()
        dialog.get_by_label("Insults, harassment or hate").check()
        dialog.locator("textarea[name=note]").fill("Aimed at another reader")
        dialog.locator("button[type=submit]").click()
        page.wait_for_url(re.compile(r"/report/$"))
        assert (
            "A moderator will read the comment you reported." in page.locator("main").inner_text()
        )
        report = rude.reports.get()
        assert (report.reason, report.note) == ("abuse", "Aimed at another reader")
