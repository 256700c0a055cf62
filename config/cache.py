"""The default cache: diskcache's Django backend, with its connections kept between requests."""

from diskcache import DjangoCache


class SharedDiskCache(DjangoCache):
    """A cache on SQLite files that every process on the machine shares, counting atomically.

    Django closes each cache when a request finishes; diskcache's backend then closes the SQLite
    connection of every shard, and the next request opens and sets them up again: that was most
    of a view beacon's time. Its connections are per thread and safe to keep, so they are.
    """

    def close(self, **kwargs):
        pass
