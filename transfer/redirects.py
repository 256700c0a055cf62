"""Where an address of the old blog leads now: its posts and pages (with the comment a link
pointed at), its feeds and its label pages. Every answer is a permanent redirect."""

import re
from urllib.parse import unquote

from django.urls import reverse
from django.utils.text import slugify

from blog.models import Label
from comments.section import comment_location

from .models import ImportedComment, OldAddress

# WordPress splits long comment threads into /comment-page-N/ of the post's address.
_COMMENT_PAGE = re.compile(r"/comment-page-\d+$")


def _label(name=None, slug=None):
    if slug is not None:
        slug = unquote(slug)
        found = Label.objects.filter(slug=slug).first()
        found = found or Label.objects.filter(name__iexact=slug.replace("-", " ")).first()
        # WordPress's slugs are ASCII ("poesie" for "Poésie"): compare with each name folded.
        return found or next(
            (label for label in Label.objects.only("name", "slug") if slugify(label.name) == slug),
            None,
        )
    return Label.objects.filter(name__iexact=unquote(name)).first()


def _label_url(label, feed=False):
    if label is None:
        return None
    if feed:
        return reverse("blog:label-feed-rss", kwargs={"slug": label.slug})
    return label.get_absolute_url()


def _feed(request, atom, rss):
    return reverse(rss if request.GET.get("alt") == "rss" else atom)


# (pattern of the old path, where it leads); the blog-wide addresses both platforms had.
BLOG_ADDRESSES = [
    (re.compile(r"^/feeds/posts/(default|summary|full)$"),
     lambda request, m: _feed(request, "blog:feed-atom", "blog:feed-rss")),
    (re.compile(r"^/feeds/comments/(default|summary|full)$"),
     lambda request, m: _feed(request, "comments:feed-atom", "comments:feed-rss")),
    (re.compile(r"^/feeds/posts/(?:default|summary)/-/(?P<name>[^/]+)$"),
     lambda request, m: _label_url(_label(name=m["name"]), feed=True)),
    (re.compile(r"^/(?:feed|feed/rss2?|feed/rdf|rss|rss\.xml|atom\.xml)$"),
     lambda request, m: reverse("blog:feed-rss")),
    (re.compile(r"^/feed/atom$"), lambda request, m: reverse("blog:feed-atom")),
    (re.compile(r"^/comments/feed$"), lambda request, m: reverse("comments:feed-rss")),
    (re.compile(r"^/comments/feed/atom$"), lambda request, m: reverse("comments:feed-atom")),
    (re.compile(r"^/search/label/(?P<name>[^/]+)$"),
     lambda request, m: _label_url(_label(name=m["name"]))),
    (re.compile(r"^/(?:category|tag)/(?:[^/]+/)*(?P<slug>[^/]+)/feed$"),
     lambda request, m: _label_url(_label(slug=m["slug"]), feed=True)),
    (re.compile(r"^/(?:category|tag)/(?:[^/]+/)*(?P<slug>[^/]+)$"),
     lambda request, m: _label_url(_label(slug=m["slug"]))),
]  # fmt: skip


def _post_target(old, request):
    post = old.post
    if not post.is_published:
        return None
    if old.leads_to == OldAddress.Leads.COMMENTS_FEED:
        return reverse("comments:post-feed-rss", kwargs={"post_id": post.pk})
    ref = request.GET.get("showComment") or request.GET.get("replytocom")
    if ref:
        origin = (
            ImportedComment.objects.select_related("comment__post")
            .filter(comment__post=post, old_ref=ref[:40])
            .first()
        )
        if origin is not None:
            return comment_location(origin.comment)
    return post.get_absolute_url()


def home_query_target(request):
    """Where WordPress's `/?p=123` and `/?page_id=7` lead, or None."""
    for key in ("p", "page_id"):
        value = request.GET.get(key, "")
        if value.isdigit():
            old = OldAddress.objects.select_related("post").filter(address=f"?{key}={value}")
            old = old.first()
            return _post_target(old, request) if old is not None else None
    return None


def old_address_target(request):
    """Where an address unknown to this site leads, when the old blog had it; else None."""
    path = request.path.rstrip("/")
    if not path:
        return home_query_target(request)
    page_path = _COMMENT_PAGE.sub("", path)
    old = OldAddress.objects.select_related("post").filter(address=page_path).first()
    if old is not None:
        return _post_target(old, request)
    for pattern, target in BLOG_ADDRESSES:
        match = pattern.match(path)
        if match:
            return target(request, match)
    return None
