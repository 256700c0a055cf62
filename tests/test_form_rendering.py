"""The fast widget renderer writes exactly what Django's widget templates write."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from blog.formrender import FastWidgetRenderer
from comments.forms import CommentForm, EditForm, ReportForm

pytestmark = pytest.mark.django_db


class EveryWidget(forms.Form):
    text = forms.CharField(label='Name <"&>', max_length=10, help_text="help")
    email = forms.EmailField(required=False)
    url = forms.URLField(required=False, assume_scheme="https")
    number = forms.IntegerField(min_value=1, widget=forms.NumberInput(attrs={"data-x": 'a"b'}))
    hidden = forms.IntegerField(widget=forms.HiddenInput, required=False)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)
    flag = forms.BooleanField(required=False, widget=forms.CheckboxInput(attrs={"disabled": True}))
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "hidden": False}))
    safe = forms.CharField(initial=mark_safe("<b>kept</b>"), required=False)


def markup(form_class, *args, **kwargs):
    """The form's fields and labels drawn by both renderers."""
    drawn = []
    for renderer in (DjangoTemplates(), FastWidgetRenderer()):
        form = form_class(*args, renderer=renderer, **kwargs)
        drawn.append(
            [
                (str(field), field.label_tag(), field.label_tag(attrs={"class": "c"}))
                for field in form
            ]
        )
    return drawn


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"text": '<script>"x"</script>', "number": "0", "flag": "on", "body": "a & b\n\nc"},
        {"text": "", "number": "abc", "hidden": "7", "secret": "p<w", "body": ""},
    ],
)
def test_every_plain_widget_is_drawn_the_same(data):
    django_drawn, fast_drawn = markup(EveryWidget, data)
    assert fast_drawn == django_drawn


@pytest.mark.parametrize("user", [None, "reader"])
def test_the_comment_forms_are_drawn_the_same(user, a_reader):
    user = a_reader if user else None
    for data in (None, {"name": "Nour & <co>", "body": "« Bien »", "reply_to": "3"}):
        django_drawn, fast_drawn = markup(CommentForm, data, user=user, auto_id="reply-%s")
        assert fast_drawn == django_drawn
    assert markup(EditForm, {"body": "x"})[0] == markup(EditForm, {"body": "x"})[1]
    assert markup(ReportForm)[0] == markup(ReportForm)[1]
