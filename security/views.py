"""The pages of the abuse defences: 429 "too many requests", with Retry-After, everywhere."""

import hashlib
import sys
from datetime import timedelta

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .addresses import client_address


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
