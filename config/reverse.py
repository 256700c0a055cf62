"""`reverse()` and the `{% url %}` tag, remembered.

A page asks for the same addresses again and again (the home page made 68 `reverse()` calls, each
a walk through the URL patterns), and an address depends only on the URLconf, the script prefix
(SCRIPT_NAME), the current application namespace and the arguments: the site's URLs are the same
in every language (no `i18n_patterns`, no translated routes). So each such combination is worked
out once per process. The `{% url %}` tag here replaces Django's in every template (the TEMPLATES
`builtins` option) and behaves as Django's does, `as var` included.
"""

from functools import lru_cache

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url_tag
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse
from django.utils.html import conditional_escape

register = template.Library()


@lru_cache(maxsize=8192)
def _reversed(urlconf, root, prefix, viewname, args, kwargs, current_app):
    # `root` and `prefix` are part of the key only: reverse() reads them itself.
    return django_reverse(
        viewname, urlconf=urlconf, args=args, kwargs=dict(kwargs), current_app=current_app
    )


def _plain(values):
    return all(type(value) in (str, int) for value in values)


def reverse(viewname, args=None, kwargs=None, current_app=None):
    """django.urls.reverse, from the memo when it was worked out before with the same URLconf,
    script prefix and arguments. Arguments other than strings and numbers (a model, a lazy
    string) are left to Django each time."""
    args, kwargs = args or (), kwargs or {}
    if not (_plain(args) and _plain(kwargs.values()) and isinstance(viewname, str)):
        return django_reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)
    return _reversed(
        get_urlconf(),
        settings.ROOT_URLCONF,
        get_script_prefix(),
        viewname,
        tuple(args),
        tuple(sorted(kwargs.items())),
        current_app,
    )


@receiver(setting_changed)
def _urlconf_changed(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _reversed.cache_clear()


class RememberedURLNode(URLNode):
    def render(self, context):
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {key: value.resolve(context) for key, value in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    """Django's `{% url %}`, with its addresses remembered (see the module docstring)."""
    node = django_url_tag(parser, token)
    return RememberedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
