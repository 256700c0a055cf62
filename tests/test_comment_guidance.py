"""Forms that guide: a comment sent with mistakes comes back with a summary that opens the form,
each error tied to its field; a comment sent well is confirmed; refusals speak the reader's
language."""

import pytest
from django.conf import settings
from django.urls import reverse

from comments import services
from tests.markup import parse


def send(client, post, language="en", **data):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.post(reverse("comments:create", args=[post.pk]), data, follow=True)


def test_errors_are_summed_up_at_the_top_of_the_form_and_tied_to_their_fields(client, a_post):
    response = send(client, a_post, name="", body="")
    assert response.status_code == 400
    form = parse(response).find("div", id="comment-form").find("form")
    summary = form.find("div", class_="comment-form__summary")
    order = list(form.iter())
    assert order.index(summary) < order.index(form.find("div", class_="field")), "first"
    assert "autofocus" in summary.attrs and summary.attrs["tabindex"] == "-1"
    assert [link.attrs["href"] for link in summary.find_all("a")] == ["#id_name", "#id_body"]
    for name in ("name", "body"):
        field = form.find(id=f"id_{name}")
        assert field.attrs["aria-invalid"] == "true"
        assert f"id_{name}_error" in field.attrs["aria-describedby"].split()
        assert form.find(id=f"id_{name}_error").text


def test_a_published_comment_is_confirmed_in_a_status_message(client, a_post):
    response = send(client, a_post, "fr", name="Louise", body="Bien vu.")
    notice = parse(response).find("div", class_="comments__notice")
    assert notice.attrs["role"] == "status"
    assert notice.text == "Merci, votre commentaire est publié."


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ar", "حُذف التعليق الذي كنت ترد عليه"), ("fr", "Le commentaire auquel vous répondiez")],
)
def test_a_reply_to_a_removed_comment_is_explained_in_the_readers_language(
    client, a_post, make_comment, language, expected
):
    gone = make_comment()
    services.remove_comment(gone, by_moderator=True)
    response = send(client, a_post, language, name="Omar", body="Réponse", reply_to=gone.pk)
    assert expected in parse(response).find("div", class_="comment-form__summary").text


def test_a_ban_is_explained_in_arabic(client, a_post, make_comment):
    comment = make_comment(ip="127.0.0.1")
    services.ban_commenter(comment, services.ban_kinds_for(comment))
    response = send(client, a_post, "ar", name="سليمة", body="نص")
    assert response.status_code == 403
    assert "لا يمكنك التعليق على هذه المدونة حاليًا" in response.content.decode()
