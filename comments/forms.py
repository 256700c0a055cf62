from urllib.parse import urlsplit

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import display_name
from blog.sanitize import clean_comment_text
from blog.text import is_blank, validate_name

from . import defences
from .models import BODY_MAX_LENGTH, NAME_MAX_LENGTH, Ban, CommentSettings, Report

# The honeypot: a field people never see (off-screen, hidden from assistive technology, out of
# the tab order) and that browsers do not fill in, so only robots send it with a value.
HONEYPOT = "fax"


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
        if is_blank(clean_comment_text(value)):
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return value


class CommentForm(forms.Form):
    """A comment or a reply. Guests give a name (and optionally an e-mail and a website);
    signed-in readers only write."""

    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX_LENGTH,
        validators=[validate_name],
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
    notify = forms.BooleanField(
        label=_("Email me when someone replies to my comment."), required=False
    )
    reply_to = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    # Written by hand in includes/form.html, always empty, out of the tab order.
    fax = forms.CharField(label=_("Leave this field empty"), required=False)

    GUEST_FIELDS = ("name", "email", "website", "remember")

    def __init__(self, *args, user=None, rules=None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.rules = rules or CommentSettings.load()
        self.signed_in = user is not None and user.is_authenticated
        if self.signed_in:
            self.signed_in_as = display_name(user)
            for name in self.GUEST_FIELDS:
                del self.fields[name]
            if not user.email:
                del self.fields["notify"]
        else:
            self.fields["name"].widget.attrs.update({"autocomplete": "name", "dir": "auto"})
            self.fields["email"].widget.attrs["autocomplete"] = "email"
            self.fields["website"].widget.attrs["autocomplete"] = "url"
            if self.rules.confirm_guest_email:
                email = self.fields["email"]
                email.required = True
                email.label = _("Email")
                email.help_text = _(
                    "Never shown on the site. We send you a link to confirm it before your "
                    "comment is published."
                )
                email.error_messages["required"] = _(
                    "Give your email address: your comment is published once you confirm it."
                )

    def clean(self):
        data = super().clean()
        if self.data.get(HONEYPOT):
            raise forms.ValidationError(
                _("This comment was sent by a program, not a person, so it was not published."),
                code="honeypot",
            )
        minimum = self.rules.min_seconds
        if minimum:
            elapsed = defences.seconds_since_shown(self.data.get("shown_at"))
            if elapsed is None:
                raise forms.ValidationError(
                    _("This form could not be checked. Please send your comment again."),
                    code="stamp",
                )
            if elapsed < minimum:
                raise forms.ValidationError(
                    _("That was quick! Please read your comment over, then send it again."),
                    code="too_fast",
                )
        if data.get("notify") and not self.signed_in and not data.get("email"):
            self.add_error("email", _("Give your email address to be told about replies."))
        return data

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


DURATIONS = [
    ("1", _("One day")),
    ("7", _("One week")),
    ("30", _("One month")),
    ("365", _("One year")),
    ("forever", _("For good")),
]


class BanForm(forms.Form):
    """What to ban of a comment's author, for how long, and why."""

    kinds = forms.MultipleChoiceField(
        label=_("Ban"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose what to ban.")},
    )
    duration = forms.ChoiceField(
        label=_("For how long"),
        choices=DURATIONS,
        initial="7",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how long the ban lasts.")},
    )
    reason = forms.CharField(
        label=_("Reason (for the moderation log)"), max_length=500, required=False
    )

    KIND_LABELS = {
        Ban.Kind.ACCOUNT: _("Their account"),
        Ban.Kind.EMAIL: _("Their email address"),
        Ban.Kind.ADDRESS: _("Their network address (kept hashed)"),
    }

    def __init__(self, *args, kinds=(), **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["kinds"].choices = [(kind, self.KIND_LABELS[kind]) for kind in kinds]
        self.fields["kinds"].initial = list(kinds[:1])

    @property
    def days(self):
        value = self.cleaned_data["duration"]
        return None if value == "forever" else int(value)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with this comment?"),
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what is wrong with the comment.")},
    )
    note = forms.CharField(
        label=_("Details (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
