"""Every e-mail in its recipient's language: a reader's account remembers the language they
signed up in (then the one they last chose), a guest's comment the language it was written
in; reply notifications, author announcements and the digest follow them."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from accounts.models import Preferences, remember_language
from comments import notifications
from tests.test_accounts import GOOD_PASSWORD, signup_data


def speaking(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def comment(client, post, language, **data):
    return speaking(client, language).post(reverse("comments:create", args=[post.pk]), data)


def test_signing_up_in_french_remembers_french(client, db):
    speaking(client, "fr").post(reverse("accounts:signup"), signup_data())
    assert Preferences.objects.get(user__username="salima").language == "fr"


def test_choosing_a_language_while_signed_in_is_remembered(client, a_reader):
    client.force_login(a_reader)
    client.get(reverse("choose-language", args=["ar"]) + "?next=/")
    assert Preferences.objects.get(user=a_reader).language == "ar"


def test_a_guest_gets_replies_in_the_language_they_commented_in(
    client, a_post, django_capture_on_commit_callbacks
):
    comment(
        client, a_post, "fr", name="Louise", email="louise@example.org", body="Salut", notify="on"
    )
    first = a_post.comments.get()
    assert first.language == "fr"
    client.cookies.clear()
    with django_capture_on_commit_callbacks(execute=True):
        comment(client, a_post, "ar", name="كريم", body="أهلًا", reply_to=first.pk)
    [message] = [m for m in mail.outbox if m.to == ["louise@example.org"]]
    assert message.subject.startswith("كريم a répondu à votre commentaire")
    assert "/comments/stop-replies/" in message.body


def test_a_reader_gets_replies_in_their_accounts_language(
    client, a_post, django_user_model, django_capture_on_commit_callbacks
):
    reader = django_user_model.objects.create_user("nadia", "nadia@example.org", GOOD_PASSWORD)
    remember_language(reader, "ar")
    client.force_login(reader)
    comment(client, a_post, "en", body="Hello", notify="on")
    first = a_post.comments.get()
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        comment(client, a_post, "fr", name="Omar", body="Bonjour", reply_to=first.pk)
    [message] = [m for m in mail.outbox if m.to == ["nadia@example.org"]]
    assert message.subject.startswith("ردّ Omar على تعليقك")


@pytest.mark.parametrize(("language", "expected"), [(None, "en"), ("fr", "fr")])
def test_the_language_to_write_in(a_reader, make_comment, language, expected, settings):
    from blog.models import BlogSettings

    blog = BlogSettings.load()
    blog.language = "en"
    blog.save()
    if language:
        remember_language(a_reader, language)
    assert notifications.language_for(a_reader) == expected
