"""An editor in the Arabic admin puts two pictures into a post (one with the picture button and a
caption, one dropped onto the text), describes them, adds a featured image and publishes; readers
on a desktop and on a phone get the responsive pictures, the phone nothing wider than it needs,
and no served picture carries the GPS position the photos were taken with."""

import base64
import io
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.test import Client
from PIL import ExifTags, Image

from blog.models import BodyImage, Post
from tests.test_body_images import photo_with_gps

pytestmark = pytest.mark.browser

EDITOR_PERMISSIONS = [
    f"{action}_{model}"
    for model in ("post", "author", "label", "byline")
    for action in ("add", "change", "view")
] + ["edit_any_post", "publish_post"]


@pytest.fixture
def browser_context_args():
    return {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def editor(django_user_model):
    """An editor's permissions, given directly: after a transactional test the migrated groups
    are not always back in the live server's database, while permissions are recreated."""
    user = django_user_model.objects.create_user("hind", "hind@example.org", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=EDITOR_PERMISSIONS))
    return user


def signed_in(context, live_server, user, language):
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [
            {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url},
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
        ]
    )


def gps_of(content):
    with Image.open(io.BytesIO(content)) as image:
        return image.getexif().get_ifd(ExifTags.IFD.GPSInfo)


def drop_picture(page, content, name):
    """Drop a picture file onto the editor's text, as a file dragged from the desktop."""
    page.locator(".ProseMirror[contenteditable]").evaluate(
        """(editor, [data, name]) => {
            const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0))
            const transfer = new DataTransfer()
            transfer.items.add(new File([bytes], name, { type: "image/jpeg" }))
            const box = editor.lastElementChild.getBoundingClientRect()
            editor.dispatchEvent(new DragEvent("drop", {
                dataTransfer: transfer, bubbles: true, cancelable: true,
                clientX: box.left + 5, clientY: box.bottom - 2,
            }))
        }""",
        [base64.b64encode(content).decode(), name],
    )


def describe(page, alt, caption=None):
    dialog = page.locator("dialog.prose-editor-dialog[open]")
    dialog.wait_for()
    dialog.locator("input[name=alt]").fill(alt)
    if caption is not None:
        dialog.locator("input[name=caption]").fill(caption)
    dialog.locator("button[type=submit]").click()
    dialog.wait_for(state="detached")


def pictures_seen(page):
    """Scroll every picture of the page into view, wait until each has loaded, and return the
    addresses the browser chose for them."""
    images = page.locator("main img")
    for index in range(images.count()):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        # decode() settles once the picture is loaded (no polling: the CSP forbids its eval).
        assert image.evaluate("image => image.decode().then(() => image.naturalWidth)") > 0
    return images.evaluate_all("images => images.map((image) => image.currentSrc)")


def pixel_width(response):
    with Image.open(io.BytesIO(response.body())) as image:
        return image.width


def media_responses(context):
    """Every upload the context's pages load, by address, as they arrive."""
    loaded = {}
    context.on(
        "response",
        lambda response: "/media/" in response.url and loaded.setdefault(response.url, response),
    )
    return loaded


def test_an_editor_puts_two_pictures_in_a_post(page, context, browser, live_server, editor):
    signed_in(context, live_server, editor, "ar")
    page.goto("/admin/blog/post/add/")

    # The editor speaks Arabic: toolbar tooltips and the picture button.
    toolbar = page.locator(".prose-menubar")
    assert toolbar.locator("[data-name=bold]").get_attribute("title") == "غامق"
    assert toolbar.locator("[data-name=figure]").get_attribute("title") == "إدراج صورة"

    page.fill("#id_title", "صور من الميناء")
    page.locator(".ProseMirror[contenteditable]").click()
    page.keyboard.type("وصلنا إلى الميناء مع الفجر.")

    # The first picture: the picture button, a description and a caption.
    with page.expect_file_chooser() as chooser:
        toolbar.locator("[data-name=figure]").click()
    chooser.value.set_files(
        {"name": "quay.jpg", "mimeType": "image/jpeg", "buffer": photo_with_gps((2000, 1300))}
    )
    dialog = page.locator("dialog.prose-editor-dialog[open]")
    dialog.wait_for()
    assert dialog.locator("h3").inner_text() == "صِف الصورة"
    assert dialog.locator("button[value=cancel]").inner_text() == "إلغاء"
    # A description is required: submitting without one keeps the dialog open.
    dialog.locator("button[type=submit]").click()
    assert dialog.is_visible()
    describe(page, "رصيف الميناء عند الفجر", caption="الرصيف في الصباح الباكر")

    # The second picture, dropped onto the text; no caption.
    page.keyboard.press("End")
    page.keyboard.type(" ثم مشينا إلى السوق.")
    drop_picture(page, photo_with_gps((1700, 1100)), "market.jpg")
    describe(page, "سوق السمك", caption="")

    # A featured image too, and publish.
    page.set_input_files(
        "#id_featured_image",
        {"name": "boats.jpg", "mimeType": "image/jpeg", "buffer": photo_with_gps((1600, 1000))},
    )
    page.fill("#id_featured_image_alt", "قوارب الصيد")
    page.select_option("#id_status", "published")
    # Saving re-encodes the featured image at five sizes: give a busy machine time.
    with page.expect_navigation(timeout=30_000):
        page.locator("input[name=_save]").last.click(no_wait_after=True)
    assert page.locator(".errorlist").all_inner_texts() == []
    assert re.search(r"/admin/blog/post/$", page.url)

    post = Post.objects.get()
    assert post.body_images.count() == 2 == BodyImage.objects.count()

    # A reader on a desktop: both pictures with srcset, alt, width, height; the caption.
    reader = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    on_desktop = media_responses(reader)
    desktop = reader.new_page()
    desktop.goto(post.get_absolute_url())
    body_images = desktop.locator(".post__body img")
    assert body_images.count() == 2
    for index, alt in enumerate(["رصيف الميناء عند الفجر", "سوق السمك"]):
        image = body_images.nth(index)
        assert image.get_attribute("alt") == alt
        assert " 480w, " in image.get_attribute("srcset")
        assert image.get_attribute("sizes")
        assert int(image.get_attribute("width")) > 0 and int(image.get_attribute("height")) > 0
    assert body_images.nth(1).get_attribute("loading") == "lazy"
    figcaption = desktop.locator(".post__body figure figcaption")
    assert figcaption.all_inner_texts() == ["الرصيف في الصباح الباكر"]
    chosen = pictures_seen(desktop)
    assert len(chosen) == 3
    assert [pixel_width(on_desktop[src]) for src in chosen] == [960, 960, 960]

    # A reader on a phone (375 px wide, twice as many device pixels) loads nothing wider than
    # 1000 px: neither the body pictures nor the featured image.
    phone = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 375, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
    )
    on_phone = media_responses(phone)
    mobile = phone.new_page()
    mobile.goto(post.get_absolute_url())
    assert len(pictures_seen(mobile)) == 3
    assert len(on_phone) >= 3
    assert max(pixel_width(response) for response in on_phone.values()) <= 1000

    # Whatever was served carries no GPS position; the featured image's original is not served
    # at all, and what is stored of it carries none either.
    for response in [*on_desktop.values(), *on_phone.values()]:
        assert response.ok and not gps_of(response.body()), response.url
    # (The live server's own media handler serves every file: ask the site itself.)
    assert Client().get(post.featured_image.url).status_code == 404
    with post.featured_image.open("rb") as original:
        assert not gps_of(original.read())
    reader.close()
    phone.close()
