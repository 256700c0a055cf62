"""Content-Security-Policy on every response, with the admin's own, slightly wider policy."""

import base64
import functools
import hashlib
import re

from csp.middleware import CSPMiddleware
from django.conf import settings
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


@functools.cache
def _admin_prefix():
    # Asked on every response; the admin's address does not change while the process runs.
    return reverse("admin:index")
