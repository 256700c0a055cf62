"""What the format readers hand to the writer: one shape for Blogger and WordPress alike."""

import re
from dataclasses import dataclass, field
from datetime import datetime
from datetime import timezone as dt_timezone
from html import unescape
from urllib.parse import urlsplit

from django.utils import timezone

KIND_POST = "post"
KIND_PAGE = "page"

# Statuses of an imported post, before the writer maps them to Post.Status.
DRAFT = "draft"
PUBLISHED = "published"

# Statuses of an imported comment (the values of comments.models.Comment.Status).
APPROVED = "approved"
PENDING = "pending"
SPAM = "spam"
REMOVED = "removed"


@dataclass
class AuthorRecord:
    source_id: str
    name: str
    login: str = ""
    email: str = ""


@dataclass
class CommentRecord:
    source_id: str
    body_html: str
    created_at: datetime
    status: str = APPROVED
    parent_id: str = ""
    author_name: str = ""
    author_email: str = ""
    author_url: str = ""
    # The key of the blog author who wrote it (the owner answering readers), if one did.
    author_key: str = ""
    removed_by_author: bool = False
    old_ref: str = ""


@dataclass
class PostRecord:
    source_id: str
    title: str
    body_html: str
    publish_at: datetime
    kind: str = KIND_POST
    status: str = PUBLISHED
    slug: str = ""
    excerpt: str = ""
    language: str = ""
    short_id: str = ""
    menu_order: int = 0
    labels: list = field(default_factory=list)
    authors: list = field(default_factory=list)
    # (address, leads_to) pairs: "/2012/03/blog-post_14.html", "?p=12", "/feeds/12/comments/default"
    old_addresses: list = field(default_factory=list)
    comments: list = field(default_factory=list)
    # Why some of its comments are left out ("pingback or trackback"), one reason per comment.
    skipped_comments: list = field(default_factory=list)


@dataclass
class Skipped:
    """An entry of the file that is deliberately not imported, and why."""

    reason: str
    kind: str = ""


@dataclass
class Broken:
    """An entry that could not be read; the summary lists it with the reason."""

    what: str
    reason: str
    kind: str = KIND_POST


def parse_date(value):
    """An aware datetime from ISO 8601 ("2012-03-14T10:00:00.001-07:00", "…Z") or WordPress's
    "2012-03-14 10:00:00" (taken as UTC); None when empty or WordPress's zero date."""
    value = (value or "").strip()
    if not value or value.startswith("0000"):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, dt_timezone.utc)
    return moment


def old_path(url):
    """The path (and for a bare `?p=` address, the query) an old link used, without the host
    and the trailing slash: what OldAddress stores."""
    if not url:
        return ""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    if not path and parts.query:
        return f"?{parts.query}"
    return path


_IMG_SRC = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']?(https?:)?//", re.IGNORECASE)


def count_remote_images(html):
    """How many images of a body live at another site's address (left where they are)."""
    return len(_IMG_SRC.findall(html or ""))


_TAG = re.compile(r"<[^>]+>")


def plain(html):
    return " ".join(unescape(_TAG.sub(" ", html or "")).split())
