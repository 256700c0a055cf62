"""Popular posts: the view beacon that counts readers, and the widget's cached list.

The post page itself writes nothing, so a cache or a proxy may serve it; once the page has
loaded, a small script (static/js/view-beacon.js) sends a POST to `blog:count-view`.
"""

import hashlib
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from security.addresses import client_address

from . import pagecache, services
from .models import Post
from .widgets import POPULAR_KEY, WIDGET_SECONDS

# User agents that announce a program rather than a reader: crawlers, link previewers,
# monitors, HTTP libraries and headless browsers.
BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|scrap|fetch|preview|archiver|monitor|uptime|pingdom|lighthouse|"
    r"headless|phantomjs|selenium|puppeteer|playwright|facebookexternalhit|embedly|whatsapp|"
    r"curl|wget|httpie|python|java/|go-http|okhttp|axios|node-fetch|libwww|httpclient|feed",
    re.IGNORECASE,
)
# What the pages in the cache show of the list, kept beyond the list's own cache entry.
SHOWN_KEY = "blog:popular:shown"
# Bigger ids than a 64-bit key holds cannot name a post.
MAX_POST_ID = 2**63 - 1


def is_bot(user_agent):
    """True for an empty user agent or one that names a crawler, a library or a headless browser."""
    return not user_agent.strip() or bool(BOT_USER_AGENT.search(user_agent))


def visitor_identity(request):
    """What tells one browser from another without a cookie: address, user agent and languages.

    Two readers behind one address with identical browsers count once a day: the error goes
    towards fewer views, never more.
    """
    meta = request.META
    return "|".join(
        (
            client_address(request),
            meta.get("HTTP_USER_AGENT", "")[:512],
            meta.get("HTTP_ACCEPT_LANGUAGE", "")[:128],
        )
    )


def is_cross_site(request):
    """True when the browser says the request comes from another site's page."""
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site is not None:
        return fetch_site not in ("same-origin", "none")
    origin = request.META.get("HTTP_ORIGIN")
    if not origin or origin == "null":
        return False
    return origin.partition("://")[2].lower() != request.get_host().lower()


def is_staff(request):
    """True for signed-in staff, who check their own blog rather than read it.

    Without a session cookie nobody is signed in, so most beacons skip the session lookup.
    """
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_staff


# Exempt from CSRF on purpose: sendBeacon cannot add the token header, and the post page must not
# carry a per-reader token so that caches can serve it. The endpoint acts for nobody: a forged
# beacon adds no more than a request any script can send, and both meet the same once-a-day
# rule. Beacons that browsers mark as coming from another site's page are ignored.
@csrf_exempt
@require_POST
def count_view_beacon(request, post_id):
    """Count one view of a published post: 204 whether counted or deliberately ignored.

    Ignored: bots, staff (who preview and check pages), requests from other sites, and a browser
    already counted today for this post. Unknown, draft and future posts are 404.
    """
    if post_id > MAX_POST_ID:
        return HttpResponse(status=404)
    ignored = (
        is_bot(request.META.get("HTTP_USER_AGENT", ""))
        or is_cross_site(request)
        or is_staff(request)
    )
    try:
        if ignored:
            Post.objects.published().only("pk").get(pk=post_id)
        else:
            # The same statement checks the post is published and counts the view.
            services.count_view(post_id, visitor_identity(request))
    except Post.DoesNotExist:
        return HttpResponse(status=404)
    except OperationalError:
        # The database is overloaded or locked for too long: say so rather than fail.
        return HttpResponse(status=503, headers={"Retry-After": "60"})
    return HttpResponse(status=204)


# What the widget reads of a post: everything PopularItem needs, not the HTML body.
ITEM_FIELDS = [
    "kind",
    "title",
    "slug",
    "publish_at",
    "language",
    "excerpt",
    "body_text",
    "featured_thumb",
]


@dataclass(frozen=True)
class PopularItem:
    """What the widget shows of one post, small enough to cache."""

    pk: int
    title: str
    url: str
    snippet: str
    thumbnail: str
    language: str
    direction: str


def _items(posts):
    return [
        PopularItem(
            pk=post.pk,
            title=post.title,
            url=post.get_absolute_url(),
            snippet=post.snippet(),
            thumbnail=post.featured_thumb.url if post.featured_thumb else "",
            language=post.language,
            direction=post.direction,
        )
        for post in posts
    ]


def _forget_pages_if_changed(items):
    """Cached pages show the list: when it comes out different, they are not served again."""
    shown = repr([(item.pk, item.title, item.url, item.snippet, item.thumbnail) for item in items])
    fingerprint = hashlib.md5(shown.encode()).hexdigest()
    before = cache.get(SHOWN_KEY)
    if before != fingerprint:
        cache.set(SHOWN_KEY, fingerprint, None)
        # Nothing to compare with (an empty cache): pages cached since show this very list.
        if before is not None:
            pagecache.forget_all_pages()


def popular_items(blog, exclude=None):
    """The widget's posts per the `blog` settings: most read in the window, then the newest.

    Cached for a few minutes; at most two queries when not cached. One post more than shown is
    kept so the post being read can be left out without a cache entry per post.
    """
    signature = (blog.popular_count, blog.popular_window_days, blog.popular_label_id)
    cached = cache.get(POPULAR_KEY)
    if cached is not None and cached[0] == signature:
        items = cached[1]
    else:
        wanted = blog.popular_count + 1
        posts = Post.objects.published()
        if blog.popular_label_id:
            posts = posts.labelled(blog.popular_label_id)
        items = _items(posts.popular(blog.popular_window_days).only(*ITEM_FIELDS)[:wanted])
        if len(items) < wanted:
            # Too few posts read yet: fill up with the newest ones.
            shown = [item.pk for item in items]
            newest = posts.exclude(pk__in=shown).order_by("-publish_at", "-id").only(*ITEM_FIELDS)
            items += _items(newest[: wanted - len(items)])
        cache.set(POPULAR_KEY, (signature, items), WIDGET_SECONDS)
        _forget_pages_if_changed(items)
    exclude_pk = getattr(exclude, "pk", None) if blog.popular_exclude_current else None
    return [item for item in items if item.pk != exclude_pk][: blog.popular_count]
