"""Every public page type, in Arabic, French and English, light and dark: no serious or critical
axe-core violation, and every visible text node at WCAG AA contrast (our own check, since axe
leaves Arabic text out of its contrast rule).

Each page is loaded once per language; the colour scheme is switched in place with
`emulate_media`. axe-core comes from package-lock.json (`make test` runs `npm ci`).
"""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CONTRAST = Path(__file__).with_name("contrast.js").read_text()
SERIOUS = {"serious", "critical"}
LANGUAGES = ["ar", "fr", "en"]
SCHEMES = ["light", "dark"]


def axe_source():
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (make test does) to install axe-core")
    return AXE.read_text()


@pytest.fixture
def browser_context_args():
    return {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def a_blog(make_post, make_author, make_comment):
    """An Arabic blog with enough of everything for every page type to show its parts."""
    from blog.models import BlogSettings, Label, Page

    blog = BlogSettings.load()
    blog.title = "مداد الصباح"
    blog.tagline = "مدونة عن المدن والبحر والكتب"
    blog.language = "ar"
    blog.posts_per_page = 3
    blog.save()
    writer = make_author("سليمة بن علي", bio="كاتبة من وهران.")
    sea = Label.objects.create(name="البحر")
    books = Label.objects.create(name="livres")
    start = timezone.now() - datetime.timedelta(days=40)
    posts = [
        make_post(
            f"Un matin à Oran, numéro {number} ?" if number % 2 else f"صباح في وهران {number}",
            language="fr" if number % 2 else "ar",
            authors=[writer],
            labels=[sea, books] if number % 2 else [sea],
            publish_at=start + datetime.timedelta(days=number * 3),
            body="<h2>الميناء</h2><p>امتلأ الميناء بالقوارب العائدة من البحر، "
            'وكان <a href="https://example.org/">الضوء</a> ذهبيًا.</p>',
        )
        for number in range(7)
    ]
    post = posts[-1]
    first = make_comment("تعليق أول عن الميناء، وفيه رابط https://example.org/?x=1&y=2", post=post)
    reply = make_comment("رد على التعليق الأول.", post=post, reply_to=first, guest_name="كريم")
    make_comment("A reply in English, deeper.", post=post, reply_to=reply, guest_name="Anna")
    make_comment("Un commentaire en français ?", post=post, guest_name="Louise")
    about = Page.objects.create(
        title="عن المدونة",
        language="ar",
        status=Page.Status.PUBLISHED,
        publish_at=start,
        body="<p>مدونة يكتبها أصدقاء من وهران.</p>",
    )
    return {"post": post, "comment": first, "label": sea, "author": writer, "page": about}


def page_types(data):
    post, comment = data["post"], data["comment"]
    published = post.publish_at
    return {
        "home": "/",
        "home page 2": "/?page=2",
        "post with discussion": post.get_absolute_url(),
        "reply page": f"/comments/{comment.pk}/reply/",
        "report page": f"/comments/{comment.pk}/report/",
        "label": data["label"].get_absolute_url(),
        "author": data["author"].get_absolute_url(),
        "year archive": f"/{published:%Y}/",
        "month archive": f"/{published:%Y/%m}/",
        "search with results": "/search/?q=وهران",
        "search without results": "/search/?q=nothing-matches-this",
        "404": "/no-such-page/",
        "sign-in": "/accounts/login/",
        "sign-up": "/accounts/signup/",
        "password reset": "/accounts/password-reset/",
        "static page": data["page"].get_absolute_url(),
    }


def audit(page, scheme):
    """Serious and critical axe violations plus contrast failures on the page as shown."""
    page.emulate_media(color_scheme=scheme)
    # In light mode every rule runs; the dark scheme changes colours only, so only those rules.
    options = {"resultTypes": ["violations"]}
    if scheme == "dark":
        options["runOnly"] = {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}
    violations = page.evaluate("options => axe.run(document, options)", options)["violations"]
    found = [
        f"axe {v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:4])
        for v in violations
        if v["impact"] in SERIOUS
    ]
    found += [
        f"contrast {f['ratio']}:1 < {f['needed']}:1 {f['color']} on {f['background']} "
        f"at {f['selector']} «{f['text']}»"
        for f in page.evaluate(CONTRAST)
    ]
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_passes_axe_and_contrast(page, context, live_server, a_blog, language):
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    context.add_init_script(script=axe_source())
    problems = {}
    for name, url in page_types(a_blog).items():
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == language, name
        for scheme in SCHEMES:
            found = audit(page, scheme)
            if found:
                problems[f"{name} [{language}, {scheme}]"] = found
    report = "\n".join(f"{where}:\n  " + "\n  ".join(found) for where, found in problems.items())
    assert not problems, f"\n{report}"
