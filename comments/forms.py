from urllib.parse import urlsplit

from django import forms
from django.utils.translation import gettext_lazy as _

from blog.sanitize import clean_comment_text

from .models import BODY_MAX_LENGTH, NAME_MAX_LENGTH, display_name


class BodyField(forms.CharField):
    widget = forms.Textarea

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Comment"))
        kwargs.setdefault("max_length", BODY_MAX_LENGTH)
        # Bodies keep their inner whitespace (paragraphs); the sanitiser trims the ends.
        kwargs.setdefault("strip", False)
        kwargs.setdefault(
            "error_messages", {"required": _("Write something before sending your comment.")}
        )
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"rows": 6, "dir": "auto"})
        return attrs

    def clean(self, value):
        value = super().clean(value)
        if not clean_comment_text(value):
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return value


class CommentForm(forms.Form):
    """A comment or a reply. Guests give a name (and optionally an e-mail and a website);
    signed-in readers only write."""

    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX_LENGTH,
        error_messages={"required": _("Tell us the name to show with your comment.")},
    )
    email = forms.EmailField(
        label=_("Email (optional)"),
        max_length=254,
        required=False,
        help_text=_("Never shown on the site."),
    )
    website = forms.URLField(
        label=_("Website (optional)"), required=False, max_length=200, assume_scheme="https"
    )
    body = BodyField()
    remember = forms.BooleanField(
        label=_(
            "Remember my name, email and website in a cookie on this device for my next comment."
        ),
        required=False,
    )
    reply_to = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    GUEST_FIELDS = ("name", "email", "website", "remember")

    def __init__(self, *args, user=None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.signed_in = user is not None and user.is_authenticated
        if self.signed_in:
            self.signed_in_as = display_name(user)
            for name in self.GUEST_FIELDS:
                del self.fields[name]
        else:
            self.fields["name"].widget.attrs.update({"autocomplete": "name", "dir": "auto"})
            self.fields["email"].widget.attrs["autocomplete"] = "email"
            self.fields["website"].widget.attrs["autocomplete"] = "url"

    def clean_name(self):
        name = clean_comment_text(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(self.fields["name"].error_messages["required"])
        return name

    def clean_website(self):
        website = self.cleaned_data["website"]
        if website and urlsplit(website).scheme not in {"http", "https"}:
            raise forms.ValidationError(
                _("Give a web address that starts with https:// or http://.")
            )
        return website


class EditForm(forms.Form):
    body = BodyField()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
