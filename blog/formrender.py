"""A form renderer that writes the plain widgets in Python, byte for byte as Django's templates do.

Django renders every field through templates (input.html including attrs.html, the label through
label.html): on a post page, whose two comment forms hold a dozen fields, that was a quarter of
the render time. Text-like inputs, hidden inputs, checkboxes, text areas and labels are simple
enough to write here; every other template (radio lists, selects, error lists, the admin's
widgets) still goes through Django's template engine.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape

_INPUTS = {
    f"django/forms/widgets/{kind}.html"
    for kind in ("input", "text", "email", "url", "number", "hidden", "checkbox", "password")
}


def _text(value):
    """`value|stringformat:'s'` as the templates print it, escaped unless already safe."""
    return conditional_escape(value if isinstance(value, str) else f"{value}")


def _attrs(attrs):
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(context):
    widget = context["widget"]
    value = widget["value"]
    shown = "" if value is None else f' value="{_text(value)}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'
    )


def _textarea(context):
    widget = context["widget"]
    value = conditional_escape(widget["value"]) if widget["value"] else ""
    return (
        f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{value}</textarea>"
    )


def _label(context):
    label = conditional_escape(context["label"])
    if not context["use_tag"]:
        return label
    tag = conditional_escape(context["tag"])
    return f"<{tag}{_attrs(context['attrs'] or {})}>{label}</{tag}>"


class FastWidgetRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name in _INPUTS:
            return _input(context)
        if template_name == "django/forms/widgets/textarea.html":
            return _textarea(context)
        if template_name == "django/forms/label.html":
            return _label(context)
        return super().render(template_name, context, request)
