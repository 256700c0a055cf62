from django import template

from blog.models import bidi_isolate as isolate
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
