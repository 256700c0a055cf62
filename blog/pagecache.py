"""Pages that are the same for every reader who is not signed in, and the post page kept in
Django's cache for them.

A request is *shared* when it carries none of the cookies that make a page personal: a session
(signed in, or messages waiting), the guest's comment ownership token, the remembered guest
details or queued messages. Whatever such a reader sees depends only on the address and the
language, so the post page is rendered once per address and language, kept gzipped and as is in
the cache (shared by every process: diskcache or Redis) and answered with the same bytes, ETag and
Last-Modified to everyone; a proxy or CDN may keep it `PUBLIC_CACHE_SECONDS`. The comment forms of
a shared page carry no CSRF token and no form timestamp: static/js/form-tokens.js fetches both from
`comments:form-tokens` when the reader starts using a form, and a submission that arrives without
them is shown again with a fresh form (comments.views.create).

Cached pages are found through two version stamps kept in the cache for good: one for the whole
site (any post, byline, label, author, the blog settings or the popular list changes) and one per
post (its comments change). A change writes a new stamp, so the old entries are never read again
and age out. A page is also kept no longer than the next scheduled post takes to appear.

A post page rendered for one reader (signed in, or with a cookie of their own) is mostly the same
as everyone's: the post itself, its neighbours, the sidebar. Those parts are kept too, with the same
version stamps and lifetime as whole pages (`part_key`, the `{% shared_part %}` tag), so only what
is the reader's own — the comments section, the account links — is drawn for each request.
"""

import gzip
import hashlib
import re
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date

SITE_VERSION = "page:site"
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def personal_cookies():
    """The cookies whose presence makes a page personal (see the module docstring)."""
    from comments.viewer import OWNER_COOKIE, REMEMBER_COOKIE

    return (settings.SESSION_COOKIE_NAME, OWNER_COOKIE, REMEMBER_COOKIE, "messages")


def is_shared(request):
    """True when this request gets the page every anonymous reader gets."""
    cookies = request.COOKIES
    return not any(name in cookies for name in personal_cookies())


def _post_version_key(slug):
    return f"page:post:{hashlib.md5(slug.encode()).hexdigest()}"


def forget_all_pages():
    """Something every page may show changed: no cached page is served again."""
    renew_stamp(SITE_VERSION)


def forget_post_page(slug):
    """The post's comments changed: its cached pages are not served again."""
    renew_stamp(_post_version_key(slug))


def _versions(*keys):
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            # First use, or evicted: start a version; `add` keeps another process's if it won.
            cache.add(key, secrets.token_hex(6), None)
            found[key] = cache.get(key)
    return [found[key] for key in keys]


def stamp(key):
    """The version stamp kept under `key` (started on first use): what is cached under it is
    never read again once `renew_stamp(key)` has given it a new value."""
    return _versions(key)[0]


def renew_stamp(key):
    cache.set(key, secrets.token_hex(6), None)


def _page_versions(request, slug):
    """The site's and the post's version stamps, read once per request (the page's key and
    each of its parts' keys are made of them)."""
    versions = getattr(request, "page_versions", None)
    if versions is None:
        versions = request.page_versions = ":".join(
            _versions(SITE_VERSION, _post_version_key(slug))
        )
    return versions


def post_page_key(request, slug):
    address = hashlib.md5(request.get_full_path().encode()).hexdigest()
    return f"page:{request.LANGUAGE_CODE}:{_page_versions(request, slug)}:{address}"


def keep_parts(request, post):
    """The page of `post` answering this request may keep its shared parts (see `part_key`)."""
    request.parts_of = post


def part_key(request, name):
    """The cache key of the part `name` of the post page this request shows, or None when the
    page keeps no part (`keep_parts`). The same for every reader in this language on this site
    (scheme and host: parts hold absolute addresses). The version stamps are read once per
    request, whatever the number of parts."""
    post = getattr(request, "parts_of", None)
    if post is None:
        return None
    versions = _page_versions(request, post.slug)
    site = hashlib.md5(f"{request.scheme}://{request.get_host()}".encode()).hexdigest()
    return f"part:{name}:{request.LANGUAGE_CODE}:{versions}:{site}:{post.pk}"


def page_seconds(request=None):
    """How long a page or part may be kept: not past the moment the next scheduled post appears,
    as the sidebars and the neighbouring posts' links change then without any write. Worked
    out once per request."""
    from .models import Post

    seconds = getattr(request, "page_seconds", None)
    if seconds is None:
        seconds = settings.PAGE_CACHE_SECONDS
        upcoming = Post.objects.next_publication()
        if upcoming is not None:
            seconds = min(seconds, max(1, int((upcoming - timezone.now()).total_seconds())))
        if request is not None:
            request.page_seconds = seconds
    return seconds


def _encoding(request):
    return "gzip" if _ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else ""


def cached_response(request, key):
    """The cached page for `key` as a response for this request, or None."""
    entry = cache.get(f"{key}:{_encoding(request)}")
    return None if entry is None else _response(*entry)


def keep(request, key, response, timeout):
    """Keep a freshly rendered shared page (200, no cookie set) and answer with the cached form,
    so the first reader gets the same bytes and headers as the next ones.

    It is kept twice, gzipped and as is, so that no reader's request decompresses it: browsers
    take the first, a few clients (some crawlers, feed readers, scripts) the second.
    """
    if response.status_code != 200 or response.cookies or response.streaming:
        return response
    body = response.content
    common = (f'W/"{hashlib.md5(body).hexdigest()}"', int(time.time()), response["Content-Type"])
    entries = {
        f"{key}:gzip": (gzip.compress(body, compresslevel=6, mtime=0), "gzip", *common),
        f"{key}:": (body, "", *common),
    }
    cache.set_many(entries, timeout)
    return _response(*entries[f"{key}:{_encoding(request)}"])


def _response(body, encoding, etag, modified, content_type):
    response = HttpResponse(body, content_type=content_type)
    if encoding:
        response["Content-Encoding"] = encoding
    patch_vary_headers(response, ["Accept-Encoding"])
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    return response
