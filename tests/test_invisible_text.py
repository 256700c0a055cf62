"""Names with hidden characters and bodies that show nothing are refused with a form error."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from blog.models import Author
from blog.text import has_hidden_characters, is_blank
from comments.models import Comment
from tests.admin_forms import author_form_data

INVISIBLE_ONLY = [
    "\u200b",
    "\u200b\u200c\u200d",
    "\u2800\u2800",
    "\u3164",
    "\u115f\u1160",
    "\ufeff ",
    "\u202e\u202c",
    "\u00a0\u2003",
    "\u2066\u2069\u061c",
]
HIDDEN_INSIDE = [
    "Sal\u200bima",
    "Admin\u202e",
    "\u202eSalima",
    "Ali\u2066ce",
    "Karim\u200f",
    "A\u200db",
    "\u200cسليمة",
    "Mo\u2800na",
]
REAL_NAMES = ["Salima Benali", "سليمة بن علي", "می\u200cخواهم", "Zoë O’Brien", "李小龍"]


@pytest.mark.parametrize("text", INVISIBLE_ONLY)
def test_text_of_invisible_characters_is_blank(text):
    assert is_blank(text)


@pytest.mark.parametrize("text", HIDDEN_INSIDE)
def test_hidden_characters_inside_a_name_are_found(text):
    assert has_hidden_characters(text)


@pytest.mark.parametrize("text", REAL_NAMES)
def test_real_names_pass(text):
    assert not is_blank(text) and not has_hidden_characters(text)


def comment(client, post, **fields):
    data = {"name": "Salima", "body": "Très juste.", **fields}
    return client.post(reverse("comments:create", kwargs={"post_id": post.pk}), data)


def field_errors(response, field):
    return [error.code for error in response.context["form"].errors.as_data().get(field, [])]


@pytest.mark.django_db
class TestCommentForm:
    @pytest.mark.parametrize("name", INVISIBLE_ONLY + HIDDEN_INSIDE)
    def test_a_guest_name_of_or_with_hidden_characters_is_a_form_error(self, client, a_post, name):
        response = comment(client, a_post, name=name)
        assert response.status_code == 400
        assert field_errors(response, "name")
        assert not Comment.objects.exists()

    @pytest.mark.parametrize("body", INVISIBLE_ONLY)
    def test_a_body_of_invisible_characters_is_a_form_error(self, client, a_post, body):
        response = comment(client, a_post, body=body)
        assert response.status_code == 400
        assert field_errors(response, "body")
        assert not Comment.objects.exists()

    @pytest.mark.parametrize("name", REAL_NAMES)
    def test_real_names_are_published(self, client, a_post, name):
        assert comment(client, a_post, name=name).status_code == 302
        assert Comment.objects.get().guest_name == name


@pytest.mark.django_db
class TestSignupForm:
    @pytest.mark.parametrize("name", INVISIBLE_ONLY[:4] + HIDDEN_INSIDE)
    def test_a_display_name_with_hidden_characters_is_a_form_error(self, client, name):
        response = client.post(
            reverse("accounts:signup"),
            {
                "username": "salima",
                "email": "salima@example.org",
                "first_name": name,
                "password1": "a-long-pass-phrase-42",
                "password2": "a-long-pass-phrase-42",
            },
        )
        assert field_errors(response, "first_name")
        assert not get_user_model().objects.exists()


@pytest.mark.django_db
class TestAuthorProfile:
    @pytest.mark.parametrize("name", ["\u200b\u200b", "Karim\u202e", "\u3164"])
    def test_a_display_name_with_hidden_characters_is_a_form_error(self, client, an_editor, name):
        client.force_login(an_editor)
        response = client.post(
            reverse("admin:blog_author_add"), author_form_data(display_name=name, slug="k")
        )
        assert response.status_code == 200
        assert "display_name" in response.context["adminform"].form.errors
        assert not Author.objects.exists()
