"""Readers comment in a real browser: post, edit, reply, delete their own reply and see the
tombstone — with JavaScript (inline reply form, delete dialog) and without (plain pages), in
English and in Arabic."""

import re

import pytest
from django.conf import settings
from django.test import Client

from comments.models import Comment

pytestmark = pytest.mark.browser

JOURNEYS = [
    pytest.param(("en", True), id="english-javascript"),
    pytest.param(("en", False), id="english-no-javascript"),
    pytest.param(("ar", True), id="arabic-javascript"),
    pytest.param(("ar", False), id="arabic-no-javascript"),
]


@pytest.fixture
def journey(request):
    """(language, JavaScript on?) for the test's browser."""
    return request.param


@pytest.fixture
def browser_context_args(journey):
    _language, javascript = journey
    return {"viewport": {"width": 1100, "height": 900}, "java_script_enabled": javascript}


@pytest.fixture
def reader_page(page, context, live_server, journey):
    language, _javascript = journey
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    return page


def comment_item(page, comment):
    return page.locator(f"li#c{comment.pk}")


def own_card(page, comment):
    """The comment's own card, not those of its replies."""
    return page.locator(f"li#c{comment.pk} > article.comment__card")


def write(form, body, name=None):
    if name is not None:
        form.locator("input[name=name]").fill(name)
    form.locator("textarea[name=body]").fill(body)
    form.locator("button[type=submit]").click()


def posted(page, before, body):
    """The comment the form just sent: once the browser has left `before` for a comment's
    anchor (so the server has answered), the stored comment it names, holding `body`."""
    page.wait_for_url(lambda url: url != before and re.search(r"#c\d+$", url) is not None)
    comment = Comment.objects.get(pk=int(re.search(r"#c(\d+)$", page.url).group(1)))
    assert comment.body == body
    return comment


@pytest.mark.parametrize("journey", JOURNEYS, indirect=True)
class TestReaderCommentsRepliesAndDeletes:
    def test_post_edit_reply_and_delete_a_reply(self, reader_page, a_post, journey):
        language, javascript = journey
        page = reader_page
        page.goto(a_post.get_absolute_url())
        expected_dir = "rtl" if language == "ar" else "ltr"
        assert page.locator("html").get_attribute("dir") == expected_dir

        # Post a comment with the form under the post.
        before = page.url
        write(page.locator("#comment-form form"), "My first thought.", name="Salima")
        if not javascript:
            # The cached page's form has no token without script: nothing is published, the
            # text comes back in a form that has one.
            page.locator("#comment-form .form-errors").wait_for()
            assert not Comment.objects.exists()
            page.locator("#comment-form form button[type=submit]").click()
        first = posted(page, before, "My first thought.")
        assert own_card(page, first).locator(".comment__body").inner_text() == "My first thought."
        assert own_card(page, first).locator(".comment__body").get_attribute("dir") == "auto"

        # Edit it while nobody has answered.
        own_card(page, first).locator("a[href$='/edit/']").click()
        page.wait_for_url(re.compile(r"/edit/$"))
        page.locator("textarea[name=body]").fill("My first thought, better put.")
        page.locator("form.comment-form button[type=submit]").click()
        page.wait_for_url(re.compile(rf"#c{first.pk}$"))
        card = own_card(page, first)
        assert card.locator(".comment__body").inner_text() == "My first thought, better put."
        assert card.locator(".comment__edited").count() == 1

        # Reply to it, then answer the reply.
        reply = self.reply_to(page, first, "A reply I will regret.", javascript)
        answer = self.reply_to(page, reply, "An answer to the reply.", javascript)
        assert (reply.parent_id, answer.parent_id) == (first.pk, reply.pk)
        assert comment_item(page, first).locator(f"li#c{reply.pk}").count() == 1
        self.assert_indented(page, first, reply, language)

        # Delete the reply: it becomes a tombstone and the answer stays.
        delete = own_card(page, reply).locator("a[data-delete]")
        if language == "en":
            assert delete.get_attribute("aria-label") == "Delete comment by Salima"
        delete.click()
        if javascript:
            dialog = page.locator("#comment-delete-dialog")
            assert dialog.evaluate("element => element.open")
            dialog.locator("button[type=submit]").click()
        else:
            page.wait_for_url(re.compile(r"/delete/$"))
            page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        tombstone = comment_item(page, reply).locator(":scope > .comment__tombstone")
        tombstone.wait_for()
        if language == "en":
            assert tombstone.inner_text() == "This comment has been removed by its author."
        assert own_card(page, reply).count() == 0
        assert own_card(page, answer).locator(".comment__body").inner_text() == (
            "An answer to the reply."
        )
        assert Comment.objects.get(pk=reply.pk).status == Comment.Status.REMOVED

    def reply_to(self, page, comment, body, javascript):
        """Answer `comment` the way this browser can: inline with JavaScript, else on the
        reply page. Returns the stored reply."""
        link = own_card(page, comment).locator("a[data-reply-to]")
        link.click()
        if javascript:
            form = comment_item(page, comment).locator(".comment-form-area--reply form")
            assert form.evaluate("form => form.contains(document.activeElement)")
            # Cancel gives focus back to the Reply link; open the form again.
            form.locator("[data-cancel-reply]").click()
            assert form.count() == 0
            assert link.evaluate("link => link === document.activeElement")
            link.click()
        else:
            page.wait_for_url(re.compile(r"/reply/$"))
            form = page.locator("main form.comment-form")
        before = page.url
        write(form, body, name="Salima")
        return posted(page, before, body)

    def assert_indented(self, page, parent, reply, language):
        """Replies are indented from the start of the line: the left in English, the right in
        Arabic."""
        outer = own_card(page, parent).bounding_box()
        inner = own_card(page, reply).bounding_box()
        if language == "ar":
            assert inner["x"] + inner["width"] < outer["x"] + outer["width"] - 10
            assert abs(inner["x"] - outer["x"]) < 2
        else:
            assert inner["x"] > outer["x"] + 10
            assert abs(inner["x"] + inner["width"] - outer["x"] - outer["width"]) < 2


class TestSignedInReader:
    @pytest.fixture
    def journey(self):
        return ("en", True)

    def test_comments_without_a_name_and_deletes_a_comment_that_then_disappears(
        self, reader_page, context, live_server, a_post, a_reader
    ):
        client = Client()
        client.force_login(a_reader)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )
        page = reader_page
        page.goto(a_post.get_absolute_url())
        form = page.locator("#comment-form form")
        assert form.locator("input[name=name]").count() == 0
        assert "Commenting as Amina Saidi." in form.inner_text()

        before = page.url
        write(form, "Signed in and saying so.")
        comment = posted(page, before, "Signed in and saying so.")

        own_card(page, comment).locator("a[data-delete]").click()
        page.locator("#comment-delete-dialog button[data-dialog-close]").click()
        assert (
            own_card(page, comment)
            .locator("a[data-delete]")
            .evaluate("link => link === document.activeElement")
        )
        own_card(page, comment).locator("a[data-delete]").click()
        page.locator("#comment-delete-dialog button[type=submit]").click()
        page.wait_for_url(re.compile(r"#comments$"))
        assert comment_item(page, comment).count() == 0
        assert Comment.objects.get(pk=comment.pk).removed_by == Comment.RemovedBy.AUTHOR
