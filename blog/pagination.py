"""Pages of long lists of posts that cost the same on page 1 and page 5,000.

A list is given as a queryset of post ids in list order (`Post.objects.published().listing()`,
`LabelledPost.objects.filter(tag=…).listing("content_object")`, …), which the database answers
from one index without reading the posts: skipping to a far page stays cheap. Only the posts of
the page asked for are then read, with their bylines and labels.

Counting a list ("Page 3 of 9,712", "1,204 posts found") still walks its whole index range, which
grows with the blog, so each list's count is kept in the cache under a name given by the view
(`count_key`), read again only after something changed: a version stamp, which every write to
posts, labels and bylines moves (blog.widgets.forget_sidebar_widgets), is part of the key, and a
count is no longer used once the next scheduled post has appeared, which changes lists without
any write.
"""

import datetime

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Min, Subquery
from django.utils import timezone
from django.utils.functional import cached_property

from . import pagecache
from .models import Post

COUNT_SECONDS = 60 * 60
COUNTS_VERSION = "blog:counts"
# How far back "the next scheduled post" is looked for: one whose time came while the list was
# being counted has been counted, or not, and the count is then read again at once.
_MARGIN = datetime.timedelta(minutes=1)


def forget_list_counts():
    """Posts, labels or bylines changed: every list is counted again."""
    pagecache.renew_stamp(COUNTS_VERSION)


def listing_count(listing, name):
    """The number of rows of `listing` (a list's queryset), from the cache when it is there."""
    key = f"blog:count:{pagecache.stamp(COUNTS_VERSION)}:{name}"
    entry = cache.get(key)
    now = timezone.now()
    if entry is not None and (entry[1] is None or entry[1] > now):
        return entry[0]
    # When the count goes stale, asked in the same query (the subquery is read once).
    upcoming = Post.objects.publications_after(now - _MARGIN)[:1]
    found = listing.order_by().aggregate(count=Count("*"), upcoming=Min(Subquery(upcoming)))
    if found["count"]:
        # An empty list says nothing of when the next post appears; it costs nothing to count.
        cache.set(key, (found["count"], found["upcoming"]), COUNT_SECONDS)
    return found["count"]


class PostPaginator(Paginator):
    # How the posts of a page are read.
    posts = Post.objects.with_bylines().with_comment_counts()

    def __init__(self, object_list, per_page, *args, count_key=None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        if self.count_key is None:
            return super().count
        return listing_count(self.object_list, self.count_key)

    def read(self, ids):
        """The posts of a page, from their ids in list order."""
        return self.posts.in_order(ids)

    def _get_page(self, ids, number, paginator):
        return super()._get_page(self.read(ids), number, paginator)
