"""The pages of the abuse defences: 429 "too many requests", with Retry-After, everywhere."""

from datetime import timedelta

from django.conf import settings
from django.shortcuts import render
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
        keys.append(f"{scope}:email:{email.strip().lower()}")
    return keys
