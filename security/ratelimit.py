"""Rate limits in sliding windows, kept in the cache (Redis when REDIS_URL is set).

Each key keeps one counter per fixed window of `period` seconds; a new request is weighed
against the current window's count plus the previous window's count scaled by how much of the
previous window still lies within the last `period` seconds. That approximates a true sliding
window with two counters per key, where fixed windows let a burst through on each side of a
boundary (twice the limit in a moment). Counters are `incr`ed atomically, so concurrent
requests on several servers are all counted.
"""

import contextlib
import math
import time

from django.core.cache import cache


def _counter(key, period, window):
    return f"rate:{key}:{period}:{window}"


def _incr(counter, period):
    cache.add(counter, 0, timeout=2 * period + 1)
    try:
        return cache.incr(counter)
    except ValueError:
        # The counter expired between add and incr: this request starts it again.
        cache.add(counter, 1, timeout=2 * period + 1)
        return 1


def _wait(previous, current, elapsed, limit, period):
    """Seconds until one more request fits, with no other request in between."""
    room = limit - 1
    if current > room:
        # Only once this window is the previous one, and has slid far enough out.
        return (period - elapsed) + period * (1 - room / current)
    return period * (1 - (room - current) / previous) - elapsed


def take(keys, limit, period, now=None):
    """Count one request against every key in `keys`, or none of them when any key has had
    `limit` requests in the last `period` seconds: then return the seconds to wait (≥ 1).
    Returns None when the request is allowed (or when there is no limit)."""
    if not limit or not keys:
        return None
    moment = time.time() if now is None else now
    window = int(moment // period)
    elapsed = moment - window * period
    weight = 1 - elapsed / period
    counted, wait = [], 0
    for key in keys:
        counter = _counter(key, period, window)
        current = _incr(counter, period)
        counted.append(counter)
        previous = cache.get(_counter(key, period, window - 1), 0)
        if previous * weight + current > limit:
            wait = max(wait, _wait(previous, current - 1, elapsed, limit, period))
    if not wait:
        return None
    # A refused request uses none of the allowance.
    for counter in counted:
        # Gone already (expired): nothing to give back.
        with contextlib.suppress(ValueError):
            cache.decr(counter)
    return max(1, math.ceil(wait))
