"""Hostile text through every field the comment list prints — name, website, body, the excerpt
of the comment answered, the labels that carry a name — comes out as text, never as markup:
read back from the parsed page, each value is exactly what was typed."""

import pytest
from django.contrib.auth.models import Group

from comments import services
from comments.models import Comment
from tests.helpers import set_comments
from tests.markup import parse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

# Quotes to leave an attribute, tags to open, an event handler, an entity, format braces.
NAME = '"><script>x()</script><b onclick=y>&amp;{id}'
WEBSITE = 'https://example.org/"><script>x()</script>?a=1&b={id}'
BODY = "<script>alert(1)</script> <img src=x onerror=alert(2)> &amp; {body} \" ' end"


@pytest.fixture
def hostile_thread(a_post, make_comment):
    """A hostile guest's comment and their reply to it at the deepest level, a reader's answer
    stored beside that reply (so it quotes it), and a held comment of the hostile guest."""
    set_comments(max_depth=1)
    hostile = {"guest_name": NAME, "guest_website": WEBSITE, "guest_token": "hostile"}
    first = make_comment(BODY, **hostile)
    level1 = make_comment(BODY + " again", reply_to=first, **hostile)
    beside = make_comment("An answer", reply_to=level1, guest_name="Omar")
    held = make_comment(BODY + " held", hold_reason=Comment.HoldReason.WORDS, **hostile)
    return first, beside, held


def moderator(django_user_model):
    user = django_user_model.objects.create_user("nadia")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def assert_inert(tree):
    """No script, no event handler, no javascript: address anywhere in the comments."""
    section = tree.find(id="comments")
    assert section is not None
    for element in section.iter():
        assert element.tag not in {"script", "b"}, element
        assert element.tag != "img" or element.has_class("avatar"), element
        assert not any(name.startswith("on") for name in element.attrs), element
        assert not element.attrs.get("href", "").lower().startswith("javascript:")


@pytest.mark.parametrize("reader", ["guest", "owner", "moderator"])
def test_every_printed_field_reads_back_as_typed(
    client, as_guest, django_user_model, hostile_thread, reader
):
    first, beside, held = hostile_thread
    if reader == "owner":
        as_guest(client, "hostile")
    elif reader == "moderator":
        client.force_login(moderator(django_user_model))

    tree = parse(client.get(first.post.get_absolute_url()))

    assert_inert(tree)
    card = tree.find("li", id=f"c{first.pk}")
    author = card.find("span", class_="comment__author")
    assert author.text == " ".join(NAME.split())
    link = author.find("a")
    assert link.attrs["href"] == WEBSITE
    assert link.attrs["rel"] == "nofollow ugc noopener"
    assert card.find("div", class_="comment__body").text == " ".join(BODY.split())

    # The reply stored beside the comment it answers quotes the first words of that comment.
    context = tree.find("li", id=f"c{beside.pk}").find("p", class_="comment__context")
    assert context.find("a").text == " ".join(NAME.split())
    assert context.find("q").text == " ".join(BODY.split()[:8]) + "…"

    labels = [
        element.attrs["aria-label"] for element in card.iter() if "aria-label" in element.attrs
    ]
    held_item = tree.find("li", id=f"c{held.pk}")
    assert (held_item is None) is (reader == "guest")
    assert f"Reply to {NAME}" in labels
    if reader == "guest":
        assert f"Report comment by {NAME}" in labels
    else:
        assert f"Delete comment by {NAME}" in labels
    if reader == "moderator":
        assert f"Mark spam: comment by {NAME}" in labels
        assert f"Ban commenter {NAME}" in labels
        approve = held_item.find("button")
        assert approve.attrs["aria-label"] == f"Approve comment by {NAME}"
        marker = held_item.find("p", class_="comment__held")
        assert marker.text == "Awaiting moderation — Contains a held word"
    if reader != "guest":
        held_body = held_item.find("div", class_="comment__body")
        assert held_body.text == " ".join((BODY + " held").split())


def test_a_hostile_display_name_of_an_account(client, a_post, make_author, django_user_model):
    user = django_user_model.objects.create_user("karim")
    make_author(NAME, user=user)
    services.post_comment(a_post, "Signed words", user=user)

    tree = parse(client.get(a_post.get_absolute_url()))

    assert_inert(tree)
    card = tree.find("li", class_="comment")
    author = card.find("span", class_="comment__author")
    assert author.text == " ".join(NAME.split()) and author.find("a") is None
    assert card.find("span", class_="avatar--initials").text == '"O'
