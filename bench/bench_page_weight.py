"""Page weight of a post with two body pictures and a featured image, on a phone and a desktop.

Builds a throwaway SQLite blog (temporary folder: database, uploads, collected static files),
writes a post whose two body pictures and featured image are 2400 px photographs (drawn with
Pillow, with grain so they compress like photographs), serves it with gunicorn on a free port of
127.0.0.1, and opens the post in Debian's chromium at 375 px (device pixel ratio 2) and 1280 px
(ratio 1), scrolled to the end so lazy pictures load too. Prints the bytes transferred (headers
and bodies as sent, compressed when the server compressed them), by kind and in total, and the
width in pixels of every picture the browser loaded.

    .venv/bin/python bench/bench_page_weight.py
"""

import io
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from loadgen import gunicorn  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CHROMIUM = "/usr/bin/chromium"
VIEWPORTS = [
    ("phone 375 px (ratio 2)", {"width": 375, "height": 740}, 2),
    ("phone 375 px (ratio 1)", {"width": 375, "height": 740}, 1),
    ("desktop 1280 px", {"width": 1280, "height": 900}, 1),
]


def photograph(seed, size=(2400, 1600)):
    """A JPEG that weighs what a photograph does: a demo drawing with grain on top."""
    from PIL import Image

    from blog.demo.images import featured_image

    drawing = Image.open(io.BytesIO(featured_image("waves", "sea", seed=seed, size=size)))
    # Texture at two scales, as leaves, stones and water give a photograph.
    coarse = Image.effect_noise((size[0] // 4, size[1] // 4), 60).resize(size, Image.BICUBIC)
    fine = Image.effect_noise(size, 50)
    grain = Image.merge("RGB", [coarse, fine, Image.blend(coarse, fine, 0.5)])
    picture = Image.blend(drawing.convert("RGB"), grain, 0.3)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def child_prepare():
    """Migrate, collect static files, write the post; print its address as JSON."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.core.management import call_command

    from blog.models import Author, BlogSettings, BodyImage, Byline, Post

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    BlogSettings.load()
    user = get_user_model().objects.create_user("bench", is_staff=True)
    first, second = (
        BodyImage.store(io.BytesIO(photograph(seed)), uploaded_by=user) for seed in (1, 2)
    )
    paragraph = "<p>" + "كلمات تملأ الفقرة وتشبه نصًّا حقيقيًّا في تدوينة طويلة. " * 12 + "</p>"
    post = Post(
        title="يوم في الميناء",
        language="ar",
        status=Post.Status.PUBLISHED,
        featured_image_alt="قوارب",
        body=(
            paragraph * 2
            + f'<figure><img src="{first.src}" alt="الرصيف">'
            + "<figcaption>الرصيف</figcaption></figure>"
            + paragraph * 3
            + f'<figure><img src="{second.src}" alt="السوق"></figure>'
            + paragraph * 2
        ),
    )
    post.featured_image = ContentFile(photograph(3), name="boats.jpg")
    post.save()
    Byline.objects.create(post=post, author=Author.objects.create(display_name="Bench"))
    # What the same pictures weigh at their largest: what a page without srcset would send.
    largest = [first.url(max(first.widths)), second.url(max(second.widths))]
    largest_bytes = (
        sum(default_storage.size(url.removeprefix(settings.MEDIA_URL)) for url in largest)
        + post.featured_large.size
    )
    print(json.dumps({"url": post.get_absolute_url(), "largest_bytes": largest_bytes}))


def kind(response):
    content_type = response.headers.get("content-type", "")
    for name in ("html", "css", "javascript", "image", "font"):
        if name in content_type:
            return name
    return "other"


def measure(browser, port, url, viewport, ratio):
    from PIL import Image

    context = browser.new_context(
        viewport=viewport, device_scale_factor=ratio, is_mobile=viewport["width"] < 600
    )
    page = context.new_page()
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))
    page.goto(f"http://127.0.0.1:{port}{url}", wait_until="networkidle")
    # Read to the end a screen at a time, so every lazy picture comes near enough to load.
    height = page.evaluate("document.documentElement.scrollHeight")
    for top in range(0, height, viewport["height"] // 2):
        page.evaluate(f"window.scrollTo(0, {top})")
        page.wait_for_timeout(100)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    by_kind = defaultdict(int)
    widths = []
    for request in responses:
        sizes = request.sizes()
        response = request.response()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        by_kind[kind(response)] += size
        if "/media/" in request.url:
            with Image.open(io.BytesIO(response.body())) as image:
                widths.append(image.width)
    context.close()
    return dict(by_kind), sorted(widths), len(responses)


def main():
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="midad-weight-") as folder:
        env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings",
            DJANGO_DEBUG="0",
            DJANGO_LOG_LEVEL="WARNING",
            PYTHONPATH=str(ROOT),
            SQLITE_PATH=str(Path(folder) / "weight.sqlite3"),
            MEDIA_ROOT=str(Path(folder) / "media"),
            STATIC_ROOT=str(Path(folder) / "static"),
            SERVE_MEDIA="1",
        )
        prepared = subprocess.run(
            [PYTHON, __file__, "--child"], cwd=ROOT, env=env, capture_output=True, text=True
        )
        if prepared.returncode:
            sys.exit(f"preparing the blog failed:\n{prepared.stderr}")
        prepared = json.loads(prepared.stdout.strip().splitlines()[-1])
        url = prepared["url"]
        print(
            "the three pictures at their largest (1600, 1600 and 1200 px) weigh "
            f"{prepared['largest_bytes'] / 1024:.1f} KiB"
        )
        with gunicorn(env, workers=1, threads=4) as (port, _pid), sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            for label, viewport, ratio in VIEWPORTS:
                by_kind, widths, requests = measure(browser, port, url, viewport, ratio)
                total = sum(by_kind.values())
                parts = ", ".join(
                    f"{name} {size / 1024:.1f}" for name, size in sorted(by_kind.items())
                )
                print(f"{label}: {total / 1024:.1f} KiB in {requests} requests ({parts} KiB)")
                print(f"  pictures loaded, widths in px: {widths}")
            browser.close()


if __name__ == "__main__":
    if sys.argv[1:] == ["--child"]:
        child_prepare()
    else:
        main()
