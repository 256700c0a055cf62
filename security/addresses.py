"""The reader's network address, decided in one place for rate limits, bans, reports, view
counting, lock-outs and logs.

Behind a reverse proxy every request comes from the proxy, and the reader's address is in
`X-Forwarded-For`, which each proxy extends on the right. Only the entries our own proxies
appended can be believed: the reader can write anything to the left of them. So the address is
the right-most entry that is not one of `DJANGO_TRUSTED_PROXIES`, and only when the request
itself comes from a trusted proxy; with no trusted proxy configured the header is ignored.

Written with the standard `ipaddress` module rather than django-ipware: ipware matches trusted
proxies by text prefix (not networks) and by default picks the left-most, forgeable entry.
"""

import ipaddress
import logging
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(proxies):
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def trusted_networks():
    """The networks of the trusted proxies (settings.TRUSTED_PROXIES, parsed once)."""
    return _networks(tuple(settings.TRUSTED_PROXIES))


def _parse(text):
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    # An IPv4 client seen through an IPv6 socket is the same client.
    return getattr(address, "ipv4_mapped", None) or address


def _trusted(address, networks):
    return any(address in network for network in networks)


def client_address(request):
    """The reader's address as text, or "" when the request carries no usable address."""
    cached = getattr(request, "_client_address", None)
    if cached is not None:
        return cached
    peer = _parse(request.META.get("REMOTE_ADDR", ""))
    address = peer
    networks = trusted_networks()
    if peer is not None and networks and _trusted(peer, networks):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        for entry in reversed(forwarded.split(",")):
            hop = _parse(entry)
            if hop is None:
                # Garbage in the chain: nothing further left of it can be trusted either.
                break
            address = hop
            if not _trusted(hop, networks):
                break
    result = str(address) if address is not None else ""
    request._client_address = result
    return result


def axes_client_address(request):
    """django-axes' AXES_CLIENT_IP_CALLABLE: the same address as everywhere else."""
    return client_address(request) or None


class ClientAddressLogFilter(logging.Filter):
    """Adds `client` to log records: the reader's address for records about a request."""

    def filter(self, record):
        request = getattr(record, "request", None)
        record.client = client_address(request) if hasattr(request, "META") else "-"
        return True
