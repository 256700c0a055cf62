from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PendingSignup(models.Model):
    """An account waiting for its owner to confirm their e-mail address (inactive until then).

    Kept apart from `is_active`, which an administrator also clears to close an account: a
    confirmation link must never reopen one.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_signup"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("account awaiting confirmation")
        verbose_name_plural = _("accounts awaiting confirmation")

    def __str__(self):
        return str(self.user)


class Preferences(models.Model):
    """What a reader's account remembers beyond Django's user: the language e-mails to them
    are written in (the one they signed up in, then the last one they chose on the site)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferences"
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("reader preferences")
        verbose_name_plural = _("reader preferences")

    def __str__(self):
        return f"{self.user} ({self.language})"


def remember_language(user, language):
    """Keep `language` as the one to write to `user` in (one row per account)."""
    if user.is_authenticated and language in dict(settings.LANGUAGES):
        Preferences.objects.update_or_create(user=user, defaults={"language": language})


def language_of(user):
    """The language an account asked to be written to in, or "" when it never said."""
    if user is None or not user.pk:
        return ""
    return Preferences.objects.filter(user=user).values_list("language", flat=True).first() or ""


def display_name(user):
    """The name shown for an account: its byline name, else its full name, else its username."""
    profile = getattr(user, "author_profile", None)
    if profile is not None:
        return profile.display_name
    return user.get_full_name() or user.get_username()


def mailable_holders_of(permission):
    """Active accounts with an e-mail address that hold `permission` ("app_label.codename")
    themselves, through a group, or as superusers."""
    app_label, codename = permission.split(".")
    granted = Permission.objects.get(content_type__app_label=app_label, codename=codename)
    return (
        get_user_model()
        .objects.filter(
            Q(is_superuser=True) | Q(user_permissions=granted) | Q(groups__permissions=granted),
            is_active=True,
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
