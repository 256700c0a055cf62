import datetime
import hashlib
import re

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.dateformat import format as format_date
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.generic import ListView

from accounts.models import remember_language

from . import pagecache, search
from .models import Author, BlogSettings, Byline, Label, LabelledPost, Page, Post, bidi_isolate
from .pagination import PostPaginator

SEARCH_MAX_LENGTH = 200
SNIPPET_LENGTH = 220
# PostgreSQL refuses NUL in a query, and no reader types control characters on purpose.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


class PublishedPostsView(ListView):
    """A paginated list of published posts, newest first; subclasses list other posts.

    `listing()` gives the ids of the posts in list order, read from an index; the paginator
    reads only the posts of the page shown (see blog.pagination).
    """

    template_name = "blog/post_list.html"
    context_object_name = "posts"
    paginator_class = PostPaginator

    def get_paginate_by(self, queryset):
        return BlogSettings.load().posts_per_page

    def get_queryset(self):
        return self.listing()

    def listing(self):
        return self.narrow(Post.objects.published()).listing()

    def narrow(self, posts):
        return posts

    def count_key(self):
        """The list's name for the cache that keeps its count (see blog.pagination)."""
        return "posts"

    def get_paginator(self, *args, **kwargs):
        return super().get_paginator(*args, count_key=self.count_key(), **kwargs)

    def heading(self):
        return ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=self.heading(), **kwargs)


class HomeView(PublishedPostsView):
    template_name = "blog/home.html"


class LabelView(PublishedPostsView):
    template_name = "blog/label.html"

    def listing(self):
        self.label = get_object_or_404(Label, slug=self.kwargs["slug"])
        return LabelledPost.objects.filter(tag=self.label).listing("content_object")

    def count_key(self):
        return f"label:{self.label.pk}"

    def heading(self):
        return _("Posts labelled “%(label)s”") % {"label": bidi_isolate(self.label.name)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(label=self.label, **kwargs)


class AuthorView(PublishedPostsView):
    template_name = "blog/author.html"

    def listing(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return Byline.objects.filter(author=self.author).listing("post")

    def count_key(self):
        return f"author:{self.author.pk}"

    def heading(self):
        return self.author.display_name

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


class YearArchiveView(PublishedPostsView):
    def narrow(self, posts):
        return posts.in_year(self.kwargs["year"])

    def count_key(self):
        return f"year:{self.kwargs['year']}"

    def heading(self):
        return _("Posts from %(year)s") % {"year": self.kwargs["year"]}


class MonthArchiveView(PublishedPostsView):
    def narrow(self, posts):
        return posts.in_month(self.kwargs["year"], self.kwargs["month"])

    def count_key(self):
        return f"month:{self.kwargs['year']}-{self.kwargs['month']}"

    def heading(self):
        month = datetime.date(self.kwargs["year"], self.kwargs["month"], 1)
        return _("Posts from %(month)s") % {"month": format_date(month, "F Y")}


class SearchView(PublishedPostsView):
    template_name = "blog/search.html"

    def get(self, request, *args, **kwargs):
        query = _CONTROL_CHARACTERS.sub("", request.GET.get("q", ""))
        self.query = " ".join(query.split())[:SEARCH_MAX_LENGTH]
        self.terms = search.parse(self.query)
        return super().get(request, *args, **kwargs)

    def listing(self):
        # Ranked on the search entries alone, who may see a post included (blog.search).
        return search.ranked_listing(self.query)

    def count_key(self):
        # The terms, not the words typed: "Réparation" and "reparation" find the same posts.
        return "search:" + hashlib.md5(repr(self.terms).encode()).hexdigest()

    def heading(self):
        if self.query:
            return _("Search results for “%(query)s”") % {"query": bidi_isolate(self.query)}
        return _("Search")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(query=self.query, **kwargs)
        for post in context["posts"]:
            post.marked_title = search.highlight(post.title, self.terms)
            post.marked_snippet = search.highlight(
                post.excerpt or post.body_text, self.terms, SNIPPET_LENGTH
            )
        # Words were typed, but all of them too common (or signs only) to look for.
        context["nothing_to_find"] = bool(self.query) and not self.terms
        return context


def post_detail(request, year, month, slug):
    """A post page: from the page cache for readers who are not signed in (blog.pagecache)."""
    if request.method not in ("GET", "HEAD") or not pagecache.is_shared(request):
        return _render_post(request, year, month, slug)
    request.shared_page = True
    key = pagecache.post_page_key(request, slug)
    response = pagecache.cached_response(request, key)
    if response is None:
        response = _render_post(request, year, month, slug)
        response = pagecache.keep(request, key, response, pagecache.page_seconds(request))
    return response


def _render_post(request, year, month, slug):
    # Bylines and labels are read when drawn (Post.byline_authors, Post.label_list).
    post = get_object_or_404(Post.objects.published(), slug=slug)
    published = timezone.localtime(post.publish_at)
    if (published.year, published.month) != (year, month):
        return redirect(post, permanent=True)
    pagecache.keep_parts(request, post)
    return render(request, "blog/post_detail.html", {"post": post})


def page_detail(request, slug):
    page = get_object_or_404(Page.objects.published(), slug=slug)
    return render(request, "blog/page_detail.html", {"post": page})


def detail_template(post):
    return "blog/page_detail.html" if post.is_page else "blog/post_detail.html"


@staff_member_required
def post_preview(request, pk):
    """Any post or page, draft or scheduled, in the public design, for the staff who may edit it."""
    post = get_object_or_404(Post.objects.editable_by(request.user).with_bylines(), pk=pk)
    response = render(request, detail_template(post), {"post": post, "preview": True})
    response["X-Robots-Tag"] = "noindex"
    add_never_cache_headers(response)
    return response


@require_GET
def choose_language(request, code):
    """Remember the reader's language in a cookie and go back to where they were."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    # A signed-in reader's e-mails follow the language they read the site in.
    remember_language(request.user, code)
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=365 * 24 * 60 * 60,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
    return response


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the real icon."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


def robots_txt(request):
    return render(
        request,
        "robots.txt",
        {"sitemap_url": request.build_absolute_uri("/sitemap.xml")},
        content_type="text/plain; charset=utf-8",
    )
