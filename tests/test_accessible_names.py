"""Every control whose accessible name differs from its visible text begins with that text
(WCAG 2.5.3, label in name): a reader who says "Reply" to voice control reaches the Reply link,
in Arabic, French and English, as a guest and as a moderator."""

import pytest
from django.conf import settings

from comments import services
from tests.markup import parse


@pytest.fixture
def a_discussion(make_comment, a_post):
    first = make_comment("كلام أول", guest_name="سليمة", guest_token="first")
    make_comment("A reply.", reply_to=first, guest_name="Omar", guest_token="second")
    held = make_comment("Held words", guest_name="Yacine", guest_token="third")
    held.status = held.Status.PENDING
    held.save(update_fields=["status"])
    gone = make_comment("Gone", guest_name="Nadia", guest_token="fourth")
    services.remove_comment(gone, by_moderator=True)
    return a_post


def text_of(element):
    return "".join(
        child if isinstance(child, str) else text_of(child) for child in element.children
    ).strip()


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
@pytest.mark.parametrize("role", ["guest", "moderator"])
def test_accessible_names_begin_with_the_visible_word(
    client, django_user_model, a_discussion, language, role
):
    if role == "moderator":
        client.force_login(django_user_model.objects.create_superuser("mod", "m@example.org", "x"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    document = parse(client.get(a_discussion.get_absolute_url()))
    named = [
        element
        for actions in document.find_all(class_="comment__actions")
        for element in actions.iter()
        if "aria-label" in element.attrs
    ]
    assert len(named) >= (8 if role == "moderator" else 3)
    for element in named:
        visible = text_of(element)
        assert visible and element.attrs["aria-label"].startswith(visible), element
