"""Sign-up by e-mail confirmation, written so that the answer never tells whether a username or
an e-mail address already has an account: every valid request gets the same "check your e-mail"
page, and what differs goes, by e-mail, only to the owner of the address."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlencode, urlsafe_base64_encode

from blog.models import BlogSettings

from .models import PendingSignup, remember_language


class SignupTokenGenerator(PasswordResetTokenGenerator):
    """Confirmation links: void once the account is active (or signed in, or its password set)."""

    key_salt = "accounts.services.SignupTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


signup_tokens = SignupTokenGenerator()


def is_pending(user):
    """An account whose owner has not yet confirmed their e-mail address."""
    return PendingSignup.objects.filter(user=user).exists()


def forget_unconfirmed_accounts():
    """Delete the accounts never confirmed whose confirmation links have expired, freeing their
    usernames and addresses. Returns how many were deleted."""
    expired = timezone.now() - datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
    abandoned = get_user_model().objects.filter(
        is_active=False, pending_signup__created_at__lt=expired
    )
    deleted, by_model = abandoned.delete()
    return by_model.get(get_user_model()._meta.label, 0)


@transaction.atomic
def confirm_account(user):
    """Open a pending account; False when it was not (or no longer) waiting."""
    deleted, _ = PendingSignup.objects.filter(user=user).delete()
    if not deleted:
        return False
    user.is_active = True
    user.save(update_fields=["is_active"])
    return True


def request_account(request, data, next_url=""):
    """Create an account waiting for confirmation, or tell the address's owner why not.

    Exactly one e-mail goes to `data["email"]`: the confirmation link; or, when the address
    already has an account, a reminder to sign in (a fresh link if it was never confirmed); or,
    when the username is taken, a request to choose another.
    """
    # A name or an address held by a sign-up nobody confirmed in time is free again.
    forget_unconfirmed_accounts()
    users = get_user_model().objects
    email, username = data["email"], data["username"]
    owner = users.filter(email__iexact=email).first()
    if owner is not None:
        if is_pending(owner):
            _send(request, owner.email, "confirm", user=owner, next_url=next_url)
        else:
            _send(request, owner.email, "exists", user=owner)
        return
    try:
        with transaction.atomic():
            if users.filter(username__iexact=username).exists():
                raise IntegrityError("username taken")
            user = users.create_user(
                username,
                email,
                data["password1"],
                first_name=data.get("first_name", ""),
                is_active=False,
            )
            PendingSignup.objects.create(user=user)
            # E-mails to the reader, this one included, speak the language they signed up in.
            remember_language(user, getattr(request, "LANGUAGE_CODE", ""))
    except IntegrityError:
        _send(request, email, "taken", username=username)
        return
    _send(request, email, "confirm", user=user, next_url=next_url)


def confirmation_path(user, next_url=""):
    path = reverse(
        "accounts:signup_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": signup_tokens.make_token(user),
        },
    )
    return f"{path}?{urlencode({'next': next_url})}" if next_url else path


def _send(request, address, kind, user=None, username="", next_url=""):
    context = {
        "blog_title": BlogSettings.load().title,
        "site": request.build_absolute_uri("/").rstrip("/"),
        "user": user,
        "username": username or (user.get_username() if user else ""),
    }
    if kind == "confirm":
        context["link"] = context["site"] + confirmation_path(user, next_url)
    subject = render_to_string(f"registration/signup_{kind}_subject.txt", context)
    body = render_to_string(f"registration/signup_{kind}_email.txt", context)
    send_mail(" ".join(subject.split()), body, None, [address])
