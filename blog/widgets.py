"""Sidebar widgets' data: read through a queryset method once, then served from the cache."""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils.translation import get_language

from .models import Label, LabelledPost, Page, Post
from .pagecache import forget_all_pages

# The popular-posts list (blog.popular) is dropped with the others.
POPULAR_KEY = "blog:popular"
MENU_KEY = "blog:menu"
# The archive and labels widgets are also kept drawn, once per language.
DRAWN = ("blog:archive", "blog:labels")
WIDGET_KEYS = (
    "blog:archive",
    "blog:labels",
    POPULAR_KEY,
    MENU_KEY,
    *(f"{name}:html:{code}" for name in DRAWN for code, _name in settings.LANGUAGES),
)
WIDGET_SECONDS = 300


def drawn(name, template, context):
    """The widget `name` drawn with `template` in the current language, from the cache when
    it is there: the same sidebar is on every page, and drawing it cost more than reading it.
    `context` is a function giving the template's context."""
    key = f"{name}:html:{get_language()}"
    html = cache.get(key)
    if html is None:
        html = render_to_string(template, context())
        cache.set(key, html, WIDGET_SECONDS)
    return html


def forget_sidebar_widgets():
    """Every page shows the sidebar, so cached pages go with it, and the counts of the lists
    (called after every write to posts, labels and bylines)."""
    from .pagination import forget_list_counts
    from .related import forget_related

    cache.delete_many(WIDGET_KEYS)
    forget_related()
    forget_list_counts()
    forget_all_pages()


def archive_months():
    """[(year, [(month datetime, count), …], year count)], newest first, for the archive widget."""
    years = cache.get("blog:archive")
    if years is None:
        by_year = {}
        for month, count in Post.objects.published().month_counts():
            by_year.setdefault(month.year, []).append((month, count))
        years = [(year, months, sum(c for _m, c in months)) for year, months in by_year.items()]
        cache.set("blog:archive", years, WIDGET_SECONDS)
    return years


def labels_in_use():
    """Labels of published posts with their post counts, most used first."""
    labels = cache.get("blog:labels")
    if labels is None:
        # Counted on the label index alone (LabelledPost.listed_at), never on the posts.
        counts = dict(
            LabelledPost.objects.listed()
            .order_by()
            .values("tag")
            .annotate(n=Count("*"))
            .values_list("tag", "n")
        )
        labels = list(Label.objects.filter(pk__in=counts))
        for label in labels:
            label.post_count = counts[label.pk]
        labels = sorted(labels, key=lambda label: (-label.post_count, label.name))[:40]
        cache.set("blog:labels", labels, WIDGET_SECONDS)
    return labels


@dataclass(frozen=True)
class MenuItem:
    """One page in the site menu, small enough to cache."""

    title: str
    url: str
    language: str
    direction: str


def menu_items(language):
    """The site menu's pages in the order editors set: those written in `language` (the reader's)
    when there are any, otherwise all of them, so a blog with one About page always shows it."""
    items = cache.get(MENU_KEY)
    if items is None:
        items = [
            MenuItem(page.title, page.get_absolute_url(), page.language, page.direction)
            for page in Page.objects.in_menu().only("kind", "title", "slug", "language")
        ]
        cache.set(MENU_KEY, items, WIDGET_SECONDS)
    return [item for item in items if item.language == language] or items
