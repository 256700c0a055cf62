from django.conf import settings
from django.db import models
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
