"""A keyboard reader comments on an Arabic post: sends the form with a mistake and is led to it,
posts, hears that the comment is published and lands on it, replies inline, and deletes their
reply after confirming in the dialog. No mouse anywhere."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from comments.models import Comment

pytestmark = pytest.mark.browser

ACTIVE = """() => {
  const element = document.activeElement;
  return {
    id: element.id,
    summary: element.hasAttribute("data-error-summary"),
    card: element.classList.contains("comment__card"),
    item: element.closest("li.comment") ? element.closest("li.comment").id : null,
    inView: (() => {
      const box = element.getBoundingClientRect();
      return box.top >= 0 && box.top < window.innerHeight;
    })(),
  };
}"""


@pytest.fixture
def arabic_reader(page, context, live_server):
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "ar", "url": live_server.url}]
    )
    return page


@pytest.fixture
def a_long_post(make_post):
    body = "".join(f"<p>فقرة {n} من مقال طويل عن الميناء والبحر والقوارب.</p>" for n in range(60))
    return make_post("مقال طويل", language="ar", body=body)


def active(page):
    return page.evaluate(ACTIVE)


def press_on(locator, key="Enter"):
    locator.focus()
    locator.page.keyboard.press(key)


def send(locator):
    """Enter on a submit button, waiting for the page that answers."""
    with locator.page.expect_navigation():
        press_on(locator)


def test_sending_with_a_mistake_leads_to_the_error_summary(arabic_reader, a_long_post):
    page = arabic_reader
    page.goto(a_long_post.get_absolute_url())
    form = page.locator("#comment-form form")
    form.locator("textarea[name=body]").focus()
    page.keyboard.type("كلام بلا اسم")
    send(form.locator("button[type=submit]"))

    focused = active(page)
    assert focused["summary"] and focused["inView"], "the summary is focused and on screen"
    summary = page.locator("[data-error-summary]")
    assert "الاسم" in summary.inner_text()
    name = page.locator("#comment-form input[name=name]")
    assert name.get_attribute("aria-invalid") == "true"
    described = name.get_attribute("aria-describedby").split()
    assert any(page.locator(f"#{ref}").inner_text().strip() for ref in described)
    assert page.locator("#comment-form textarea[name=body]").input_value() == "كلام بلا اسم"

    # The summary's link takes the reader to the field.
    press_on(summary.locator("a").first)
    assert active(page)["id"] == name.get_attribute("id")


def test_post_reply_and_delete_with_the_keyboard(arabic_reader, a_long_post):
    page = arabic_reader
    page.goto(a_long_post.get_absolute_url())
    form = page.locator("#comment-form form")
    form.locator("input[name=name]").focus()
    page.keyboard.type("سليمة")
    form.locator("textarea[name=body]").focus()
    page.keyboard.type("تعليق من لوحة المفاتيح")
    send(form.locator("button[type=submit]"))

    first = Comment.objects.get(body="تعليق من لوحة المفاتيح")
    page.wait_for_url(re.compile(rf"#c{first.pk}$"))
    notice = page.locator("[data-posted-notice]")
    assert notice.get_attribute("role") == "status"
    expect(notice).to_contain_text("نُشر")
    expect(page.locator(f"#c{first.pk} .comment__card").first).to_be_focused()
    assert active(page)["item"] == f"c{first.pk}"
    top = page.evaluate(f"document.getElementById('c{first.pk}').getBoundingClientRect().top")
    assert top >= 16, "the permalink leaves room above the comment"

    # Reply inline: Enter on «رد» opens the form under the comment with the focus in it.
    reply_link = page.locator(f"#c{first.pk} a[data-reply-to]")
    assert reply_link.inner_text() == "رد"
    press_on(reply_link)
    reply_form = page.locator(f"#c{first.pk} .comment-form-area--reply form")
    # The first field left empty takes the focus: the name, as this guest was not remembered.
    assert page.evaluate("document.activeElement.name") == "name"
    page.keyboard.type("كريم")
    reply_form.locator("textarea[name=body]").focus()
    page.keyboard.type("رد من لوحة المفاتيح")
    send(reply_form.locator("button[type=submit]"))
    reply = Comment.objects.get(body="رد من لوحة المفاتيح")
    page.wait_for_url(re.compile(rf"#c{reply.pk}$"))
    # The page moves the focus to the new reply once it is drawn; a key pressed before that
    # would go to the link and then lose its focus to the reply. (Waits are expect()'s: the
    # page's CSP forbids the eval that wait_for_function polls with.)
    expect(page.locator(f"#c{reply.pk} .comment__card").first).to_be_focused()

    # Delete the reply: the dialog asks first, Escape keeps it, Delete removes it.
    delete_link = page.locator(f"#c{reply.pk} a[data-delete]")
    press_on(delete_link)
    dialog = page.locator("#comment-delete-dialog")
    dialog.wait_for(state="visible")
    assert dialog.is_visible()
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-delete')")
    page.keyboard.press("Enter")
    send(dialog.locator("button[type=submit]"))
    expect(page.locator(f"#c{reply.pk} .comment__body")).to_have_count(0)
    reply.refresh_from_db()
    assert reply.status == Comment.Status.REMOVED


def test_switching_language_with_the_keyboard(arabic_reader, a_long_post):
    page = arabic_reader
    page.goto(a_long_post.get_absolute_url())
    with page.expect_navigation():
        press_on(page.locator(".language-switcher a[hreflang=fr]"))
    assert (page.locator("html").get_attribute("lang"), page.url) == (
        "fr",
        page.url.split("#")[0],
    )
    assert page.url.endswith(a_long_post.get_absolute_url())
    assert page.locator("html").get_attribute("dir") == "ltr"
