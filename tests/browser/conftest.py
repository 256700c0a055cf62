"""Browser journeys: one Chromium for the whole run, a fresh page per test on the live server.

Fixtures, from the widest to the narrowest:
- `browser`: Debian's Chromium driven by Playwright's sync API, started once per session.
- `browser_context_args`: keyword arguments for each test's browser context; override it in a
  module or class to change the locale, the viewport, the user agent…
- `context`: a fresh browser context (cookies, storage) whose `base_url` is the live server, so
  `page.goto(post.get_absolute_url())` works.
- `page`: a page in that context.
- `csp_violations`: what the browser refused under the Content-Security-Policy; every test in
  this folder fails when anything was refused (the console tells each violation).

A test using `page` runs against pytest-django's `live_server`, in a transactional database
whose migrated data (the Editors and Authors groups) is restored after it, so the fixtures of
tests/conftest.py (`make_post`, `an_editor`…) work as they do elsewhere.
Every test in this folder carries the `browser` marker: `pytest -m "not browser"` skips them.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the database calls made by
# fixtures and by the live server stay synchronous, which Django would otherwise refuse.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

sync_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TIMEOUT_MS = 10_000
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    playwright = sync_api.sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture
def browser_context_args():
    return {"viewport": {"width": 1280, "height": 800}}


# Chromium reports each refusal on the console: "Refused to execute inline script because it
# violates the following Content Security Policy directive…", and the same for styles, images,
# frames, form targets, eval.
CSP_CONSOLE_MARK = "Content Security Policy"


@pytest.fixture
def csp_violations():
    return []


@pytest.fixture
def context(
    browser, browser_context_args, live_server, django_db_serialized_rollback, csp_violations
):
    context = browser.new_context(base_url=live_server.url, **browser_context_args)
    context.set_default_timeout(TIMEOUT_MS)
    context.on("console", lambda message: _note_csp_violation(message, csp_violations))
    yield context
    context.close()
    assert not csp_violations, "The page broke its Content-Security-Policy:\n" + "\n".join(
        csp_violations
    )


def _note_csp_violation(message, violations):
    if CSP_CONSOLE_MARK in message.text:
        violations.append(f"{message.location.get('url', '')}: {message.text}")


@pytest.fixture
def page(context):
    return context.new_page()
