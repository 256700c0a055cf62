"""The pages of the abuse defences: 429 "too many requests", with Retry-After, everywhere."""

import hashlib
import json
import logging
import sys
from datetime import timedelta

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import ratelimit
from .addresses import client_address

csp_logger = logging.getLogger("security.csp")
# A browser sends one report per blocked resource; a page can block dozens at once.
CSP_REPORT_MAX_BYTES = 16 * 1024
CSP_REPORTS_PER_MINUTE = 30


def wait_message(wait):
    """'Try again in N minutes (at 14:05).', in the reader's language."""
    retry_at = timezone.localtime() + timedelta(seconds=wait)
    if wait < 120:
        text = ngettext(
            "Please try again in %(count)d second (at %(time)s).",
            "Please try again in %(count)d seconds (at %(time)s).",
            wait,
        ) % {"count": wait, "time": retry_at.strftime("%H:%M:%S")}
    else:
        minutes = -(-wait // 60)
        text = ngettext(
            "Please try again in %(count)d minute (at %(time)s).",
            "Please try again in %(count)d minutes (at %(time)s).",
            minutes,
        ) % {"count": minutes, "time": retry_at.strftime("%H:%M")}
    return text


def too_many_requests(request, wait, reason, template="429.html", context=None):
    """429 with Retry-After: why the request was refused and when to try again."""
    page = {"reason": reason, "retry": wait_message(wait), **(context or {})}
    response = render(request, template, page, status=429)
    response["Retry-After"] = str(wait)
    return response


def signin_locked_out(request, original_response=None, credentials=None):
    """django-axes' AXES_LOCKOUT_CALLABLE: the account or the address failed too often."""
    wait = int(settings.AXES_COOLOFF_TIME.total_seconds())
    reason = _(
        "Too many failed sign-in attempts for this account or from your network address. "
        "For your safety, signing in is paused."
    )
    return too_many_requests(request, wait, reason)


def throttle_keys(request, *, email="", scope):
    """The counters one account request counts against: its address and its target e-mail."""
    keys = [f"{scope}:ip:{client_address(request)}"]
    if email:
        # Hashed: typed text of any length and alphabet never becomes a cache key as it is.
        digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
        keys.append(f"{scope}:email:{digest}")
    return keys


def server_error(request):
    """handler500: a database that is down or restarting is a 503 the client may retry, not a
    500. Renders without touching the database (no blog settings, no session)."""
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        response = render_plain(request, "503.html", status=503)
        response["Retry-After"] = "30"
        return response
    return render_plain(request, "500.html", status=500)


def render_plain(request, template_name, status):
    return HttpResponse(loader.get_template(template_name).render({}, None), status=status)


@csrf_exempt
@require_POST
def csp_report(request):
    """Where browsers report what the Content-Security-Policy blocked (the policy's report-uri
    and report-to): each report is logged to `security.csp`, at most CSP_REPORTS_PER_MINUTE per
    network address. Answers 204, or 400/413 to what is not a report."""
    if int(request.META.get("CONTENT_LENGTH") or 0) > CSP_REPORT_MAX_BYTES:
        return HttpResponse(status=413)
    try:
        reports = _csp_reports(json.loads(request.body))
    except (ValueError, TypeError, AttributeError, KeyError):
        return HttpResponseBadRequest("Not a CSP violation report.", content_type="text/plain")
    address = client_address(request)
    for report in reports:
        if ratelimit.take([f"csp:{address}"], CSP_REPORTS_PER_MINUTE, 60) is not None:
            break
        csp_logger.warning(
            "Blocked %s by %s on %s",
            _report_field(report, "blocked-uri", "blockedURL"),
            _report_field(report, "effective-directive", "effectiveDirective"),
            _report_field(report, "document-uri", "documentURL"),
        )
    return HttpResponse(status=204)


def _csp_reports(data):
    """The violation reports in a report-uri body ({"csp-report": {…}}) or a Reporting API
    batch ([{"type": "csp-violation", "body": {…}}, …])."""
    if isinstance(data, dict):
        reports = [data["csp-report"]]
    else:
        reports = [item["body"] for item in data if item.get("type") == "csp-violation"]
    if not all(isinstance(report, dict) for report in reports):
        raise TypeError("a report is an object")
    return reports


def _report_field(report, *names):
    """A report's field, by its report-uri or its Reporting API name, cut short and on one
    line: the values come from the browser and end up in the log."""
    value = next((report[name] for name in names if name in report), "")
    return " ".join(str(value).split())[:300] or "-"
