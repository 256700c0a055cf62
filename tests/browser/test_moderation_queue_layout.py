"""The comment moderation queue in the Arabic admin at 1280 px: every column fits without a
sideways scroll, and the status, held reason, reports and date never wrap."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.browser


def test_the_queue_fits_at_1280_px(page, context, live_server, django_user_model, make_comment):
    django_user_model.objects.create_superuser("boss", "boss@example.org", "boss-pass-123")
    for number in range(3):
        make_comment(f"Latin excerpt number {number}, with punctuation at the end!")
    make_comment("تعليق عربي طويل بعض الشيء عن الميناء والبحر والقوارب العائدة إلى الشاطئ")
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "ar", "url": live_server.url}]
    )
    page.goto("/admin/login/")
    page.fill("#id_username", "boss")
    page.fill("#id_password", "boss-pass-123")
    with page.expect_navigation():
        page.locator("input[type=submit]").click()
    page.goto("/admin/comments/comment/")

    results = page.locator("#result_list").evaluate(
        "t => [t.closest('.results').scrollWidth, t.closest('.results').clientWidth]"
    )
    assert results[0] <= results[1], "no sideways scroll"
    for column in ("status", "held_reason", "report_count", "created_column"):
        lines = page.locator(f"#result_list td.field-{column}").evaluate_all(
            """cells => cells.map(cell => {
                const range = document.createRange();
                range.selectNodeContents(cell);
                const line = parseFloat(getComputedStyle(cell).lineHeight);
                return Math.round(range.getBoundingClientRect().height / line);
            })"""
        )
        assert lines == [1] * 4, column
