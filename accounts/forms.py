from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from blog.text import validate_name

from . import services


class SignupForm(UserCreationForm):
    """A reader's account: username, email, optional display name, password twice.

    The display name is kept in `User.first_name`, so `user.get_full_name()` returns it.
    Readers never become staff here: the form has no field that could say so.
    """

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("Used only to reset your password; never shown to other readers."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email", "first_name")
        labels = {"first_name": _("Display name")}
        help_texts = {
            "first_name": _("Shown beside your comments. Leave it empty to use your username."),
        }
        widgets = {"first_name": forms.TextInput(attrs={"autocomplete": "nickname"})}

    def clean_username(self):
        # Whether the name is taken is told by e-mail only (accounts.services), never here.
        return self.cleaned_data["username"]

    def clean_email(self):
        return get_user_model().objects.normalize_email(self.cleaned_data["email"])

    def validate_unique(self):
        """Uniqueness is checked by accounts.services.request_account, out of sight."""

    def save(self, request, next_url):
        """Ask for the account. The service creates it, or tells the owner of a name or
        address already taken by e-mail, so this page never reveals which."""
        return services.request_account(request, self.cleaned_data, next_url)

    def clean_first_name(self):
        name = self.cleaned_data["first_name"]
        if name:
            validate_name(name)
        return name
