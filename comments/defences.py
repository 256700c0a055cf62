"""Defences against automated comments that need no third-party service: a signed timestamp
of when the form was shown, and a rate limit per network address and per account.

The honeypot field lives on the form (comments.forms); the word and link rules in
comments.policy.
"""

from django.core import signing
from django.utils import timezone

from security import ratelimit

STAMP_SALT = "comments.form-shown"


def form_stamp(now=None):
    """A signed note of when the form was shown, for its hidden field."""
    moment = (now or timezone.now()).timestamp()
    return signing.dumps(round(moment, 3), salt=STAMP_SALT, compress=False)


def seconds_since_shown(stamp, now=None):
    """Seconds since the form carrying `stamp` was shown, or None when the stamp is missing,
    forged or not a time."""
    try:
        shown = signing.loads(stamp or "", salt=STAMP_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(shown, (int, float)):
        return None
    return (now or timezone.now()).timestamp() - shown


def rate_keys(ip_hash, user=None):
    """The counters one submission counts against: its network address and its account."""
    keys = [f"ip:{ip_hash}"] if ip_hash else []
    if user is not None and user.is_authenticated:
        keys.append(f"user:{user.pk}")
    return keys


def over_rate_limit(keys, limit, period, now=None):
    """Count one comment against each key; the seconds to wait when any key has had `limit`
    comments in the last `period` seconds (a sliding window, see security.ratelimit), else None.
    """
    moment = None if now is None else now.timestamp()
    return ratelimit.take([f"comments:{key}" for key in keys], limit, period, now=moment)
