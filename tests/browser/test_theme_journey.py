"""Dark mode: the page follows the system's colour scheme; a keyboard reader pins the other
one with the theme switch, and the choice holds on the next page without a flash of the old
theme. Focus rings and field borders keep 3:1 against the page in both schemes."""

import pytest

pytestmark = pytest.mark.browser

# Record the theme at the moment <body> appears, before anything is painted.
FIRST_PAINT_THEME = """
new MutationObserver((changes, observer) => {
  if (!document.body) return;
  window.themeAtFirstPaint = document.documentElement.getAttribute("data-theme");
  window.backgroundAtFirstPaint = getComputedStyle(document.documentElement).colorScheme;
  observer.disconnect();
}).observe(document, {childList: true, subtree: true});
"""

CONTRAST_OF = """([first, second]) => {
  const rgb = (value) => value.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => {
    const [r, g, b] = c.map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [x, y] = [lum(rgb(first)), lum(rgb(second))].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}"""


def page_background(page):
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def is_dark(page):
    return page.evaluate(CONTRAST_OF, [page_background(page), "rgb(0, 0, 0)"]) < 3


def test_the_page_follows_the_system_colour_scheme(page, a_post):
    page.goto(a_post.get_absolute_url())
    page.emulate_media(color_scheme="light")
    assert not is_dark(page)
    page.emulate_media(color_scheme="dark")
    assert is_dark(page)


def test_a_keyboard_reader_switches_theme_and_the_choice_holds_without_a_flash(page, a_post):
    page.emulate_media(color_scheme="light")
    page.add_init_script(script=FIRST_PAINT_THEME)
    page.goto(a_post.get_absolute_url())
    switch = page.locator("[data-theme-switch]")
    assert switch.get_attribute("aria-pressed") == "false"
    switch.focus()
    page.keyboard.press("Enter")
    assert switch.get_attribute("aria-pressed") == "true"
    assert page.locator("html").get_attribute("data-theme") == "dark"
    assert is_dark(page)

    page.goto("/")
    assert page.evaluate("window.themeAtFirstPaint") == "dark"
    assert is_dark(page)
    page.locator("[data-theme-switch]").press("Space")
    page.reload()
    assert page.evaluate("window.themeAtFirstPaint") == "light"
    assert not is_dark(page)


class TestWithoutScript:
    @pytest.fixture
    def browser_context_args(self):
        return {"java_script_enabled": False}

    def test_there_is_no_dead_switch(self, page, a_post):
        page.goto(a_post.get_absolute_url())
        assert page.locator("[data-theme-switch]").count() == 1
        assert not page.locator("[data-theme-switch]").is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focus_ring_and_field_borders_reach_three_to_one(page, a_post, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(a_post.get_absolute_url())
    background = page_background(page)
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the blog's title link, on the header's card
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
    header = page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )
    assert page.evaluate(CONTRAST_OF, [ring, header]) >= 3
    assert page.evaluate(CONTRAST_OF, [ring, background]) >= 3
    for field in ("#site-search", "textarea[name=body]"):
        border, fill = page.evaluate(
            "s => { const c = getComputedStyle(document.querySelector(s));"
            " return [c.borderTopColor, c.backgroundColor]; }",
            field,
        )
        card = page.evaluate(
            "s => getComputedStyle(document.querySelector(s)"
            ".closest('.site-header, .comment-form-area')).backgroundColor",
            field,
        )
        assert page.evaluate(CONTRAST_OF, [border, fill]) >= 3, field
        assert page.evaluate(CONTRAST_OF, [border, card]) >= 3, field
