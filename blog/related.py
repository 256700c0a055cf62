""" "Related posts": the published posts sharing the most labels with the one being read.

One query when not cached, none when cached. Each post's list is cached for as long as the
sidebar widgets; any change to posts, bylines or labels moves to a new generation of keys
(`forget_related`), so no list outlives the data it was read from.
"""

from django.core.cache import cache
from django.db.models import Count
from django.db.models.expressions import RawSQL

from .models import LabelledPost, Post
from .popular import ITEM_FIELDS, _items
from .widgets import WIDGET_SECONDS

RELATED_COUNT = 3
# How many of the newest posts of each of its labels are weighed against the post.
WINDOW = 200
GENERATION_KEY = "blog:related:generation"


def _generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = 1
        cache.add(GENERATION_KEY, generation, None)
    return generation


def forget_related():
    """Every cached list of related posts is stale from now on."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, 1, None)


def related_items(post, count=RELATED_COUNT):
    """Up to `count` published posts sharing labels with `post`: most labels in common first,
    then the newest, among the newest WINDOW posts of each of its labels."""
    label_ids = [label.pk for label in post.label_list]
    if not label_ids:
        return []
    key = f"blog:related:{_generation()}:{post.pk}"
    items = cache.get(key)
    if items is None:
        posts = related_candidates(post, label_ids).only(*ITEM_FIELDS)
        items = _items(posts[:count])
        cache.set(key, items, WIDGET_SECONDS)
    return items


def related_candidates(post, label_ids):
    """Published posts sharing labels with `post`, with the number they share (`shared`), best
    first. Only the newest WINDOW posts of each label are weighed, read from the label index:
    counting the shared labels of every post under a label of 30,000 would take half a second."""
    # One IN over the windows joined by UNION ALL: an OR of one IN per label makes PostgreSQL
    # filter the whole posts table by each list (Django will not join sliced querysets so).
    windows = [
        LabelledPost.objects.filter(tag=pk).listing("content_object")[:WINDOW].query
        for pk in label_ids
    ]
    compiled = [window.sql_with_params() for window in windows]
    recent = RawSQL(
        " UNION ALL ".join(
            f"SELECT * FROM ({sql}) recent_{n}" for n, (sql, _p) in enumerate(compiled)
        ),
        [param for _sql, params in compiled for param in params],
    )
    return (
        Post.objects.published()
        .filter(pk__in=recent, labels__in=label_ids)
        .exclude(pk=post.pk)
        .annotate(shared=Count("labels"))
        .order_by("-shared", "-publish_at", "-id")
    )
