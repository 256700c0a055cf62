"""The default cache: diskcache's Django backend, with its connections kept between requests;
and a memo of values read once per request."""

from asgiref.local import Local
from diskcache import DjangoCache


class SharedDiskCache(DjangoCache):
    """A cache on SQLite files that every process on the machine shares, counting atomically.

    Django closes each cache when a request finishes; diskcache's backend then closes the SQLite
    connection of every shard, and the next request opens and sets them up again: that was most
    of a view beacon's time. Its connections are per thread and safe to keep, so they are.
    """

    def close(self, **kwargs):
        pass


# Values read once per request: the settings rows, asked for by the language middleware, the
# context processor, the views and several template tags of one page, each a cache read.
_request = Local()


class RequestMemoMiddleware:
    """Opens the memo of `once_per_request` for the request, and drops it afterwards."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _request.values = {}
        try:
            return self.get_response(request)
        finally:
            _request.values = None


def once_per_request(key, load):
    """`load()`, called once per request for `key`; outside a request, every time."""
    values = getattr(_request, "values", None)
    if values is None:
        return load()
    if key not in values:
        values[key] = load()
    return values[key]


def forget_for_request(key):
    """The value of `key` changed: the rest of this request reads it again."""
    values = getattr(_request, "values", None)
    if values:
        values.pop(key, None)
