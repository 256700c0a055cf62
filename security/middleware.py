"""Content-Security-Policy on every response, with the admin's own, slightly wider policy."""

import base64
import functools
import hashlib
import re

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import reverse

_SCRIPT_BODY = re.compile(r"<script[^>]*>(.*)</script>", re.DOTALL)


def _importmap_hash():
    """The CSP hash of the import map the rich-text editor renders: the admin's only inline
    <script>, a JSON map of module names to same-origin files, allowed by its exact hash."""
    from django_prose_editor.widgets import importmap

    body = _SCRIPT_BODY.search(str(importmap)).group(1)
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    return f"'sha256-{digest}'"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, giving pages under the admin CSP_ADMIN_DIRECTIVES instead.

    The public site runs no inline script or style at all. In the admin, Django's widgets and the
    rich-text editor set `style` attributes, so styles may be inline there, and the editor's
    import map is allowed by its hash; scripts are otherwise same-origin files, never `eval`.
    """

    def process_response(self, request, response):
        """The public site's responses all carry the settings' one policy: its header is built
        once per process (building it for each response was a tenth of a view beacon's work).
        The admin, a nonce, a view's own policy and DEBUG go the library's way."""
        if settings.DEBUG or self._in_admin(request) or _own_policy(request, response):
            return super().process_response(request, response)
        for header, report_only in ((HEADER, False), (HEADER_REPORT_ONLY, True)):
            value, excluded = _site_policy(report_only)
            exempt = getattr(response, "_csp_exempt_ro" if report_only else "_csp_exempt", False)
            wanted = value and not exempt and not request.path_info.startswith(excluded)
            if wanted and header not in response:
                response[header] = value
        # As the library does: a nonce asked for after the header was written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and self._in_admin(request):
            directives = dict(settings.CSP_ADMIN_DIRECTIVES)
            directives["script-src"] = [*directives["script-src"], _importmap_hash()]
            parts.config = directives
        return parts

    @staticmethod
    def _in_admin(request):
        return request.path_info.startswith(_admin_prefix())


def _own_policy(request, response):
    """True when the response or the request asks for something else than the settings' policy:
    a view's own (csp decorators) or a nonce."""
    if getattr(request, "_csp_nonce", None) is not None:
        return True
    return any(
        getattr(response, f"_csp_{kind}{suffix}", None) is not None
        for kind in ("config", "update", "replace")
        for suffix in ("", "_ro")
    )


@functools.cache
def _site_policy(report_only):
    """The settings' policy header (report-only or enforced) and the prefixes it excludes."""
    name = "CONTENT_SECURITY_POLICY_REPORT_ONLY" if report_only else "CONTENT_SECURITY_POLICY"
    excluded = tuple((getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES") or ())
    return build_policy(report_only=report_only), excluded


@receiver(setting_changed)
def _forget_site_policy(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _site_policy.cache_clear()


@functools.cache
def _admin_prefix():
    # Asked on every response; the admin's address does not change while the process runs.
    return reverse("admin:index")
