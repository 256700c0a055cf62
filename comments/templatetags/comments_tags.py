from django import template
from django.middleware.csrf import get_token
from django.utils.html import format_html

from blog.models import bidi_isolate as isolate
from comments.defences import form_stamp
from comments.section import comment_section as build_section

register = template.Library()


@register.simple_tag(takes_context=True)
def comment_section(context, post):
    """`{% comment_section post as section %}`: the threads, page and forms of the section.

    A view that re-shows the page after a failed submission puts the bound form in the
    context as `comment_form`, so the reader sees the errors and keeps the text.
    """
    return build_section(context["request"], post, form=context.get("comment_form"))


@register.filter
def bidi_isolate(text):
    """`{{ name|bidi_isolate }}`: a name or title of unknown direction, isolated so that the
    sentence around it keeps its order (see blog.models.bidi_isolate)."""
    return isolate(text)


@register.simple_tag(takes_context=True)
def form_tokens(context, stamp=False):
    """`{% form_tokens %}`: the hidden CSRF token of a comments-section form, and with
    `stamp=True` the signed time the form was shown (comments.defences).

    On a page every anonymous reader shares (blog.pagecache) both are left empty, so the page
    stays the same bytes for everyone: static/js/form-tokens.js fills them in when the reader
    starts using a form.
    """
    request = context["request"]
    shared = getattr(request, "shared_page", False)
    # The page's one masked token, as {% csrf_token %} prints it in every form of a page.
    token = "" if shared else context.get("csrf_token") or get_token(request)
    html = format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)
    if stamp:
        if not shared and not hasattr(request, "form_stamp"):
            request.form_stamp = form_stamp()  # the forms of one page are shown together
        html += format_html(
            '<input type="hidden" name="shown_at" value="{}">',
            "" if shared else request.form_stamp,
        )
    return html
