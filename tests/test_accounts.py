"""Reader accounts: sign up, sign in and out, password reset and change, and a closed admin."""

import datetime
import io
import re
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "Quiet-olive-harbour-42"
HOSTILE_NEXTS = [
    "https://evil.example/",
    "//evil.example/steal",
    "http://testserver.evil.example/",
    "javascript:alert(1)",
    "\\\\evil.example",
    "/\\evil.example",
]


class PageOutline(HTMLParser):
    """What these tests check on a page: the <html> attributes, the headings and the fields."""

    def __init__(self, html):
        super().__init__()
        self.html_attrs = {}
        self.h1_count = 0
        self.inputs = []
        self.label_targets = set()
        self.forms = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_attrs = attrs
        elif tag == "h1":
            self.h1_count += 1
        elif tag == "input":
            self.inputs.append(attrs)
        elif tag == "label" and attrs.get("for"):
            self.label_targets.add(attrs["for"])
        elif tag == "form":
            self.forms.append(attrs)

    def visible_inputs(self):
        """The page's own fields, without the header's search box."""
        return [
            field
            for field in self.inputs
            if field.get("type") not in {"hidden", "submit", "search"}
        ]


def outline(response):
    return PageOutline(response.content.decode())


def signup_data(**overrides):
    data = {
        "username": "salima",
        "email": "salima@example.org",
        "first_name": "Salima B.",
        "password1": GOOD_PASSWORD,
        "password2": GOOD_PASSWORD,
    }
    data.update(overrides)
    return data


@pytest.fixture
def a_reader(django_user_model):
    return django_user_model.objects.create_user(
        "nadia", "nadia@example.org", GOOD_PASSWORD, first_name="Nadia"
    )


def signed_in_user_id(client):
    return client.session.get(SESSION_KEY)


def errors_of(response, field):
    return response.context["form"].errors.get(field, [])


class TestSignUp:
    url = reverse("accounts:signup")

    def test_a_new_reader_confirms_by_email_then_is_signed_in_and_sent_to_next(
        self, client, a_post
    ):
        next_url = a_post.get_absolute_url()
        response = client.post(f"{self.url}?next={quote(next_url)}", signup_data())
        assert response["Location"] == reverse("accounts:signup_sent")
        user = get_user_model().objects.get(username="salima")
        assert not user.is_active
        assert signed_in_user_id(client) is None
        [message] = mail.outbox
        assert message.to == ["salima@example.org"]

        response = confirm(client, message)
        assert response["Location"] == next_url
        user.refresh_from_db()
        assert user.is_active
        assert user.email == "salima@example.org"
        assert user.get_full_name() == "Salima B."
        assert user.check_password(GOOD_PASSWORD)
        assert str(user.pk) == signed_in_user_id(client)

    def test_the_link_works_once(self, client):
        client.post(self.url, signup_data())
        confirm(client, mail.outbox[0])
        again = Client().get(link_path(mail.outbox[0]))
        assert again.context["validlink"] is False

    def test_opening_the_link_confirms_nothing_until_the_button(self, client):
        client.post(self.url, signup_data())
        page = client.get(link_path(mail.outbox[0]))
        assert page.context["validlink"] is True
        assert not get_user_model().objects.get(username="salima").is_active

    def test_a_forged_link_confirms_nothing(self, client):
        client.post(self.url, signup_data())
        user = get_user_model().objects.get()
        path = link_path(mail.outbox[0]).rsplit("/", 2)[0] + "/forged-token/"
        assert client.post(path).status_code == 400
        user.refresh_from_db()
        assert not user.is_active

    def test_a_deactivated_account_is_not_brought_back_by_a_link(self, client, a_reader):
        a_reader.is_active = False
        a_reader.save()
        client.post(self.url, signup_data(email="nadia@example.org"))
        [message] = mail.outbox
        assert "/accounts/signup/confirm/" not in message.body
        assert not get_user_model().objects.get(pk=a_reader.pk).is_active

    def test_next_posted_with_the_form_is_honoured(self, client):
        client.post(self.url, signup_data(next="/search/?q=tlemcen"))
        assert confirm(client, mail.outbox[0])["Location"] == "/search/?q=tlemcen"

    def test_without_next_the_reader_lands_on_the_home_page(self, client):
        client.post(self.url, signup_data())
        assert confirm(client, mail.outbox[0])["Location"] == reverse("blog:home")

    def test_the_display_name_is_optional(self, client):
        client.post(self.url, signup_data(first_name=""))
        user = get_user_model().objects.get(username="salima")
        assert user.get_full_name() == ""

    def test_an_arabic_username_and_display_name_are_welcome(self, client):
        response = client.post(self.url, signup_data(username="سليمة", first_name="سليمة بن علي"))
        assert response.status_code == 302
        assert get_user_model().objects.get(username="سليمة").first_name == "سليمة بن علي"

    @pytest.mark.parametrize("hostile_next", HOSTILE_NEXTS)
    def test_a_next_to_another_host_is_ignored(self, client, hostile_next):
        response = client.post(f"{self.url}?next={quote(hostile_next)}", signup_data())
        assert response.status_code == 302
        assert "next" not in mail.outbox[0].body.split("/accounts/signup/confirm/")[1]
        assert confirm(client, mail.outbox[0])["Location"] == reverse("blog:home")

    @pytest.mark.parametrize("hostile_next", HOSTILE_NEXTS)
    def test_a_hostile_next_is_not_carried_in_the_form(self, client, hostile_next):
        response = client.get(f"{self.url}?next={quote(hostile_next)}")
        assert not [i for i in outline(response).inputs if i.get("name") == "next"]
        assert f'href="{reverse("accounts:login")}"' in response.content.decode()
        assert f'href="{reverse("accounts:login")}?' not in response.content.decode()

    def test_the_form_carries_a_safe_next_along(self, client):
        response = client.get(f"{self.url}?next=/2026/11/a-post/")
        hidden = [i for i in outline(response).inputs if i.get("name") == "next"]
        assert hidden == [{"type": "hidden", "name": "next", "value": "/2026/11/a-post/"}]

    def test_fields_have_labels_and_autocomplete(self, client):
        page = outline(client.get(self.url))
        fields = {field["name"]: field for field in page.visible_inputs()}
        assert set(fields) == {"username", "email", "first_name", "password1", "password2"}
        assert {name: field.get("autocomplete") for name, field in fields.items()} == {
            "username": "username",
            "email": "email",
            "first_name": "nickname",
            "password1": "new-password",
            "password2": "new-password",
        }
        assert {field["id"] for field in fields.values()} <= page.label_targets

    @pytest.mark.parametrize("taken", ["nadia", "NADIA"])
    def test_a_taken_username_answers_as_a_new_one_and_the_email_says_so(
        self, client, a_reader, taken
    ):
        response = client.post(self.url, signup_data(username=taken))
        assert response["Location"] == reverse("accounts:signup_sent")
        assert get_user_model().objects.count() == 1
        assert signed_in_user_id(client) is None
        [message] = mail.outbox
        assert message.to == ["salima@example.org"]
        # It names the username taken and links to the sign-up form, without a confirmation.
        assert taken in message.body and "http://testserver/accounts/signup/\n" in message.body
        assert "/accounts/signup/confirm/" not in message.body

    @pytest.mark.parametrize("taken", ["nadia@example.org", "Nadia@EXAMPLE.org"])
    def test_a_taken_email_answers_as_a_new_one_and_tells_its_owner(self, client, a_reader, taken):
        response = client.post(self.url, signup_data(email=taken))
        assert response["Location"] == reverse("accounts:signup_sent")
        assert get_user_model().objects.count() == 1
        [message] = mail.outbox
        assert message.to == ["nadia@example.org"]
        # Its owner is reminded of their username, the sign-in page and the password reset.
        assert "nadia" in message.body
        assert "/accounts/login/" in message.body and "/accounts/password-reset/" in message.body
        assert "/accounts/signup/confirm/" not in message.body

    def test_the_answers_are_the_same_page_whatever_exists(self, client, a_reader):
        pages = [
            client.post(self.url, data, follow=True).content
            for data in (
                signup_data(),
                signup_data(username="nadia", email="other@example.org"),
                signup_data(username="someone", email="nadia@example.org"),
            )
        ]
        assert pages[0] == pages[1] == pages[2]

    def test_signing_up_again_before_confirming_sends_a_fresh_link(self, client):
        client.post(self.url, signup_data())
        client.post(self.url, signup_data(username="salima2"))
        assert get_user_model().objects.count() == 1
        assert confirm(client, mail.outbox[1])["Location"] == reverse("blog:home")

    def test_a_sign_up_never_confirmed_frees_its_name_and_address_once_its_link_expires(
        self, client, a_reader, settings
    ):
        from accounts.models import PendingSignup

        client.post(self.url, signup_data())
        [expired_link] = mail.outbox
        nadia = a_reader
        nadia.is_active = False  # closed by an administrator: never deleted
        nadia.save()
        moment = timezone.now() - datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
        PendingSignup.objects.update(created_at=moment)

        client.post(self.url, signup_data(email="salima@example.net", password1="x"))  # refused
        assert get_user_model().objects.filter(username="salima").exists()
        client.post(self.url, signup_data(email="salima@example.net"))
        salima = get_user_model().objects.get(username="salima")
        assert salima.email == "salima@example.net" and not salima.is_active
        assert get_user_model().objects.filter(pk=nadia.pk).exists()
        assert confirm(client, mail.outbox[-1])["Location"] == reverse("blog:home")
        assert client.get(link_path(expired_link)).context["validlink"] is False

    def test_the_daily_command_forgets_expired_sign_ups_only(self, client, settings):
        from accounts.models import PendingSignup

        client.post(self.url, signup_data())
        client.post(self.url, signup_data(username="amine", email="amine@example.org"))
        moment = timezone.now() - datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
        PendingSignup.objects.filter(user__username="salima").update(created_at=moment)
        output = io.StringIO()
        call_command("forget_unconfirmed_accounts", stdout=output)
        assert "Deleted 1 unconfirmed accounts" in output.getvalue()
        assert list(get_user_model().objects.values_list("username", flat=True)) == ["amine"]

    def test_mismatched_passwords_are_refused(self, client):
        response = client.post(self.url, signup_data(password2=GOOD_PASSWORD + "x"))
        assert response.status_code == 200
        assert errors_of(response, "password2")
        assert not get_user_model().objects.exists()

    @pytest.mark.parametrize(
        "weak", ["short1", "password123", "83920174659", "salima2026", "Salima B."]
    )
    def test_weak_passwords_are_refused(self, client, weak):
        response = client.post(self.url, signup_data(password1=weak, password2=weak))
        assert response.status_code == 200
        assert errors_of(response, "password2")
        assert not get_user_model().objects.exists()

    def test_an_error_is_shown_next_to_its_field_and_typed_values_are_kept(self, client):
        response = client.post(self.url, signup_data(email="not an email"))
        html = response.content.decode()
        assert 'id="id_email_error"' in html
        assert 'aria-invalid="true"' in html
        assert 'value="salima"' in html
        assert GOOD_PASSWORD not in html

    @pytest.mark.parametrize(
        "field, value",
        [
            ("username", "sal ima"),
            ("username", "<script>alert(1)</script>"),
            ("username", "s" * 151),
            ("username", "sal\x00ima"),
            ("email", "salima@"),
            ("email", "a" * 250 + "@example.org"),
            ("first_name", "Salima\u202egnp.exe"),
            ("first_name", "x" * 151),
            ("first_name", "Sal\x00ima"),
        ],
    )
    def test_hostile_values_get_a_form_error(self, client, field, value):
        response = client.post(self.url, signup_data(**{field: value}))
        assert response.status_code == 200
        assert errors_of(response, field)
        assert not get_user_model().objects.exists()

    def test_a_zero_width_joiner_in_a_display_name_is_allowed(self, client):
        response = client.post(self.url, signup_data(first_name="می\u200cخواهم"))
        assert response.status_code == 302

    def test_privilege_fields_in_the_post_are_ignored(self, client):
        client.post(self.url, signup_data(is_staff="on", is_superuser="on", groups="1"))
        user = get_user_model().objects.get(username="salima")
        assert not user.is_staff
        assert not user.is_superuser
        assert not user.groups.exists()

    def test_a_signed_in_reader_is_sent_home(self, client, a_reader):
        client.force_login(a_reader)
        response = client.get(self.url)
        assert response.status_code == 302
        assert response["Location"] == reverse("blog:home")
        assert client.post(self.url, signup_data())["Location"] == reverse("blog:home")
        assert get_user_model().objects.count() == 1

    def test_signing_up_without_a_csrf_token_is_refused(self, a_reader):
        client = Client(enforce_csrf_checks=True)
        response = client.post(self.url, signup_data())
        assert response.status_code == 403
        assert get_user_model().objects.count() == 1


class TestSignInAndOut:
    login_url = reverse("accounts:login")
    logout_url = reverse("accounts:logout")

    def test_signing_in_returns_the_reader_to_next(self, client, a_reader):
        response = client.post(
            f"{self.login_url}?next=/search/", {"username": "nadia", "password": GOOD_PASSWORD}
        )
        assert response.status_code == 302
        assert response["Location"] == "/search/"
        assert signed_in_user_id(client) == str(a_reader.pk)

    def test_signing_in_without_next_lands_on_the_home_page(self, client, a_reader):
        response = client.post(self.login_url, {"username": "nadia", "password": GOOD_PASSWORD})
        assert response["Location"] == reverse("blog:home")

    @pytest.mark.parametrize("hostile_next", HOSTILE_NEXTS)
    def test_a_next_to_another_host_is_ignored(self, client, a_reader, hostile_next):
        response = client.post(
            self.login_url,
            {"username": "nadia", "password": GOOD_PASSWORD, "next": hostile_next},
        )
        assert response["Location"] == reverse("blog:home")

    def test_a_wrong_password_shows_an_error_and_signs_nobody_in(self, client, a_reader):
        response = client.post(self.login_url, {"username": "nadia", "password": "wrong-one-9"})
        assert response.status_code == 200
        assert response.context["form"].non_field_errors()
        assert 'class="form-errors" role="alert"' in response.content.decode()
        assert signed_in_user_id(client) is None

    def test_an_inactive_reader_cannot_sign_in(self, client, a_reader):
        a_reader.is_active = False
        a_reader.save()
        client.post(self.login_url, {"username": "nadia", "password": GOOD_PASSWORD})
        assert signed_in_user_id(client) is None

    def test_the_sign_in_form_has_labels_and_autocomplete(self, client):
        page = outline(client.get(self.login_url))
        fields = {field["name"]: field for field in page.visible_inputs()}
        assert fields["username"]["autocomplete"] == "username"
        assert fields["password"]["autocomplete"] == "current-password"
        assert {field["id"] for field in fields.values()} <= page.label_targets

    def test_sign_out_by_get_is_refused(self, client, a_reader):
        client.force_login(a_reader)
        response = client.get(self.logout_url)
        assert response.status_code == 405
        assert signed_in_user_id(client) == str(a_reader.pk)

    def test_sign_out_by_post_signs_out_and_goes_home(self, client, a_reader):
        client.force_login(a_reader)
        response = client.post(self.logout_url)
        assert response.status_code == 302
        assert response["Location"] == reverse("blog:home")
        assert signed_in_user_id(client) is None

    def test_sign_out_returns_to_a_safe_next_only(self, client, a_reader):
        client.force_login(a_reader)
        assert client.post(self.logout_url, {"next": "/search/"})["Location"] == "/search/"
        client.force_login(a_reader)
        response = client.post(self.logout_url, {"next": "https://evil.example/"})
        assert response["Location"] == reverse("blog:home")

    def test_sign_out_without_a_csrf_token_is_refused(self, a_reader):
        client = Client(enforce_csrf_checks=True)
        client.force_login(a_reader)
        response = client.post(self.logout_url)
        assert response.status_code == 403
        assert signed_in_user_id(client) == str(a_reader.pk)


class TestHeaderAccountArea:
    def test_visitors_get_links_that_come_back_to_the_page(self, client, a_post):
        html = client.get(a_post.get_absolute_url()).content.decode()
        here = quote(a_post.get_absolute_url())
        assert f'href="{reverse("accounts:login")}?next={here}"' in html
        assert f'href="{reverse("accounts:signup")}?next={here}"' in html
        assert reverse("accounts:logout") not in html

    def test_readers_see_their_name_and_a_sign_out_form(self, client, a_reader):
        client.force_login(a_reader)
        html = client.get("/search/?q=olive").content.decode()
        assert '<span class="account-nav__name" dir="auto">Nadia</span>' in html
        form = re.search(r'<form class="account-nav__sign-out".*?</form>', html, re.S).group()
        assert 'method="post"' in form
        assert f'action="{reverse("accounts:logout")}"' in form
        assert 'name="csrfmiddlewaretoken"' in form
        assert 'name="next" value="/search/?q=olive"' in form
        assert reverse("accounts:login") not in html

    def test_a_reader_without_a_display_name_is_shown_by_username(self, client, a_reader):
        a_reader.first_name = ""
        a_reader.save()
        client.force_login(a_reader)
        html = client.get("/").content.decode()
        assert '<span class="account-nav__name" dir="auto">nadia</span>' in html

    def test_on_account_pages_the_links_keep_the_way_back(self, client, a_post):
        next_url = a_post.get_absolute_url()
        html = client.get(f"{reverse('accounts:login')}?next={quote(next_url)}").content.decode()
        assert f"{reverse('accounts:signup')}?next={quote(next_url)}" in html
        assert f"{reverse('accounts:login')}?next={quote(reverse('accounts:login'))}" not in html

    def test_the_display_name_is_escaped(self, client, a_reader):
        a_reader.first_name = "<b>Nadia</b>"
        a_reader.save()
        client.force_login(a_reader)
        html = client.get("/").content.decode()
        assert "&lt;b&gt;Nadia&lt;/b&gt;" in html
        assert "<b>Nadia</b>" not in html


def link_path(message):
    """The path (and query) of the link an e-mail holds."""
    link = urlsplit(re.search(r"https?://\S+", message.body).group())
    return f"{link.path}?{link.query}" if link.query else link.path


def confirm(client, message):
    """Open the sign-up confirmation link and press its button, as a reader would."""
    page = client.get(link_path(message))
    assert page.context["validlink"] is True
    data = {"next": page.context["next"]} if page.context["next"] else {}
    return client.post(link_path(message), data)


def reset_link_path(message):
    link = re.search(r"https?://\S+", message.body).group()
    return urlsplit(link).path


def open_reset_link(client, message):
    """Follow the e-mailed link as a reader would; return the page that asks for the password."""
    return client.get(reset_link_path(message), follow=True)


def new_passwords(password):
    return {"new_password1": password, "new_password2": password}


class TestPasswordReset:
    url = reverse("accounts:password_reset")
    new_password = "Fresh-cedar-window-77"

    def test_one_email_whose_link_sets_a_new_password(self, client, a_reader):
        response = client.post(self.url, {"email": "nadia@example.org"})
        assert response["Location"] == reverse("accounts:password_reset_done")
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["nadia@example.org"]
        assert "\n" not in message.subject
        assert "nadia" in message.body

        form_page = open_reset_link(client, message)
        assert form_page.context["validlink"] is True
        set_password_url = form_page.redirect_chain[-1][0]
        response = client.post(set_password_url, new_passwords(self.new_password))
        assert response["Location"] == reverse("accounts:password_reset_complete")
        a_reader.refresh_from_db()
        assert a_reader.check_password(self.new_password)
        assert not a_reader.check_password(GOOD_PASSWORD)

    def test_the_link_works_only_once(self, client, a_reader):
        client.post(self.url, {"email": "nadia@example.org"})
        set_password_url = open_reset_link(client, mail.outbox[0]).redirect_chain[-1][0]
        client.post(set_password_url, new_passwords(self.new_password))
        again = open_reset_link(Client(), mail.outbox[0])
        assert again.status_code == 200
        assert again.context["validlink"] is False

    def test_the_email_names_the_blog_and_links_to_this_site(self, client, a_reader):
        from blog.models import BlogSettings

        blog = BlogSettings.load()
        blog.title = "Olive Notes"
        blog.save()
        client.post(self.url, {"email": "nadia@example.org"})
        message = mail.outbox[0]
        assert "Olive Notes" in message.subject
        assert "Olive Notes" in message.body
        assert "http://testserver/accounts/reset/" in message.body

    def test_an_unknown_address_sends_nothing_and_reveals_nothing(self, client, a_reader):
        response = client.post(self.url, {"email": "nobody@example.org"})
        assert response["Location"] == reverse("accounts:password_reset_done")
        assert mail.outbox == []

    def test_a_weak_new_password_is_refused(self, client, a_reader):
        client.post(self.url, {"email": "nadia@example.org"})
        set_password_url = open_reset_link(client, mail.outbox[0]).redirect_chain[-1][0]
        response = client.post(set_password_url, new_passwords("12345678"))
        assert response.status_code == 200
        assert response.context["form"].errors["new_password2"]
        a_reader.refresh_from_db()
        assert a_reader.check_password(GOOD_PASSWORD)

    @pytest.mark.parametrize(
        "uidb64, token",
        [("MQ", "bad-token"), ("not-base64!", "abc-def"), ("OTk5OTk5", "cx3bde-0123456789abcdef")],
    )
    def test_a_bad_link_shows_the_invalid_link_page(self, client, a_reader, uidb64, token):
        client.cookies["django_language"] = "en"
        response = client.get(
            reverse("accounts:password_reset_confirm", args=[uidb64, token]), follow=True
        )
        assert response.status_code == 200
        assert response.context["validlink"] is False
        html = response.content.decode()
        assert "This password reset link is invalid" in html
        assert "new_password1" not in html
        assert outline(response).h1_count == 1

    def test_posting_to_a_bad_link_changes_nothing(self, client, a_reader):
        response = client.post(
            reverse("accounts:password_reset_confirm", args=["MQ", "set-password"]),
            new_passwords(self.new_password),
        )
        assert response.status_code == 200
        a_reader.refresh_from_db()
        assert a_reader.check_password(GOOD_PASSWORD)


class TestPasswordChange:
    url = reverse("accounts:password_change")

    def test_visitors_are_sent_to_sign_in_first(self, client):
        response = client.get(self.url)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('accounts:login')}?next={quote(self.url)}"

    def test_a_reader_changes_their_password_and_stays_signed_in(self, client, a_reader):
        client.force_login(a_reader)
        new = "Fresh-cedar-window-77"
        response = client.post(
            self.url,
            {"old_password": GOOD_PASSWORD, "new_password1": new, "new_password2": new},
        )
        assert response["Location"] == reverse("accounts:password_change_done")
        a_reader.refresh_from_db()
        assert a_reader.check_password(new)
        assert client.get(reverse("accounts:password_change_done")).status_code == 200

    def test_a_wrong_old_password_changes_nothing(self, client, a_reader):
        client.force_login(a_reader)
        response = client.post(
            self.url, {"old_password": "guess-1234", "new_password1": "x", "new_password2": "x"}
        )
        assert response.status_code == 200
        assert response.context["form"].errors["old_password"]
        a_reader.refresh_from_db()
        assert a_reader.check_password(GOOD_PASSWORD)

    def test_the_admin_keeps_its_own_password_change_page(self, client, an_editor):
        client.force_login(an_editor)
        response = client.get(reverse("admin:password_change"))
        assert response.status_code == 200
        names = [template.name for template in response.templates]
        assert "registration/password_change_form.html" in names
        assert "registration/base_account.html" not in names
        assert "admin/base_site.html" in names


class TestAdminStaysClosed:
    def test_a_new_reader_is_sent_to_the_admin_sign_in(self, client):
        client.post(reverse("accounts:signup"), signup_data())
        confirm(client, mail.outbox[0])
        assert signed_in_user_id(client)
        for url in (reverse("admin:index"), reverse("admin:blog_post_changelist")):
            response = client.get(url)
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("admin:login"))

    def test_the_admin_sign_in_refuses_a_reader(self, client, a_reader):
        response = client.post(
            reverse("admin:login"),
            {"username": "nadia", "password": GOOD_PASSWORD, "next": reverse("admin:index")},
        )
        assert response.status_code == 200
        assert response.context["form"].errors
        assert signed_in_user_id(client) is None

    def test_staff_only_previews_stay_closed(self, client, a_reader, a_post):
        client.force_login(a_reader)
        response = client.get(reverse("blog:preview", args=[a_post.pk]))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


ACCOUNT_PAGES = [
    ("accounts:login", None, False),
    ("accounts:signup", None, False),
    ("accounts:signup_sent", None, False),
    ("accounts:signup_confirm", ["MQ", "bad-token"], False),
    ("accounts:password_reset", None, False),
    ("accounts:password_reset_done", None, False),
    ("accounts:password_reset_confirm", ["MQ", "bad-token"], False),
    ("accounts:password_reset_complete", None, False),
    ("accounts:password_change", None, True),
    ("accounts:password_change_done", None, True),
]


@pytest.mark.parametrize("language, direction", [("ar", "rtl"), ("fr", "ltr"), ("en", "ltr")])
@pytest.mark.parametrize("name, args, signed_in", ACCOUNT_PAGES)
def test_account_pages_render_in_each_language(
    client, settings, a_reader, language, direction, name, args, signed_in
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    if signed_in:
        client.force_login(a_reader)
    response = client.get(reverse(name, args=args), follow=True)
    assert response.status_code == 200
    page = outline(response)
    assert page.html_attrs["lang"] == language
    assert page.html_attrs["dir"] == direction
    assert page.h1_count == 1
    assert {field["id"] for field in page.visible_inputs()} <= page.label_targets
    for form in page.forms:
        assert form["method"] in {"get", "post"}
    assert '<meta name="robots" content="noindex">' in response.content.decode()
