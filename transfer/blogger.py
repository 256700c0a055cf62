"""Blogger's two export formats, read into records.

- The classic "Back up content" file: an Atom feed whose entries say what they are with a
  `kind#…` category (post, page, comment, settings, template); drafts carry
  `<app:control><app:draft>yes</app:draft>`; labels are the other categories; a comment names
  its post with `<thr:in-reply-to ref=…>` and the comment it answers with a
  `<link rel="related" href="…/comments/default/ID">`; a removed comment carries the
  `blogger.contentRemoved` extended property.
- The Takeout `feed.atom`: the same Atom entries described by the `blogger:` namespace
  (`blogger:type` POST / PAGE / COMMENT, `blogger:status` LIVE / DRAFT / SCHEDULED /
  SOFT_TRASHED / PENDING / SPAM…, `blogger:parent` for a comment's post, `blogger:inReplyTo`
  for the comment it answers, `blogger:filename` for the post's old address).

Comments may come anywhere in the file, before their post or before the comment they answer.
A first pass checks the whole file (so a broken or hostile one imports nothing), counts the
posts and sets the comments aside in a temporary SQLite file keyed by post; the second pass
hands each post over with its comments, so memory stays flat.
"""

import json
import os
import re
import sqlite3
import tempfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from django.utils.translation import gettext as _

from blog.text import guess_language

from . import records as r
from .bodies import blogger_paragraphs
from .xmlstream import ImportRefused, children, root_tag, text

ATOM = "http://www.w3.org/2005/Atom"
NS = {
    "a": ATOM,
    "app": "http://purl.org/atom/app#",
    "app2007": "http://www.w3.org/2007/app",
    "thr": "http://purl.org/syndication/thread/1.0",
    "gd": "http://schemas.google.com/g/2005",
    "b": "http://schemas.google.com/blogger/2018",
}
KIND_SCHEME = "http://schemas.google.com/g/2005#kind"
KIND_PREFIX = "http://schemas.google.com/blogger/2008/kind#"
ENTRY = f"{{{ATOM}}}entry"

# Blogger's address for a post whose title has no Latin letters: "blog-post.html",
# "blog-post_14.html" ("/p/blog-page.html" for a page). They get a slug from their title.
GENERIC_SLUG = re.compile(r"^blog-(post|page)(_\d+)?$")
_SHORT_ID = re.compile(r"(?:post|page|comment)-(\w+)$")
_RELATED_ID = re.compile(r"/comments/default/(\w+)")
ANONYMOUS_NAMES = {"anonymous", "anonyme", "مجهول", "غير معرف"}
NO_EMAIL = "noreply@blogger.com"


def short_id(source_id):
    found = _SHORT_ID.search(source_id or "")
    return found.group(1) if found else (source_id or "")


def _kind(entry):
    """post, page, comment, settings, template… (both formats), or ""."""
    kind = text(entry, "b:type", NS).lower()
    if kind:
        return kind
    for category in entry.findall("a:category", NS):
        if category.get("scheme") == KIND_SCHEME:
            return category.get("term", "").removeprefix(KIND_PREFIX)
    return ""


def _link(entry, rel, type_=None):
    for link in entry.findall("a:link", NS):
        if link.get("rel") == rel and (type_ is None or link.get("type") == type_):
            return link.get("href", "")
    return ""


def _is_draft(entry):
    return any(
        text(entry, path, NS).lower() == "yes"
        for path in ("app:control/app:draft", "app2007:control/app2007:draft")
    )


def _author(entry):
    """(key, name, is_anonymous, url) of the entry's author. The key is the Blogger profile
    address, else the name: the same person's posts and comments share it."""
    author = entry.find("a:author", NS)
    if author is None:
        return "", "", True, ""
    name = text(author, "a:name", NS)
    uri = text(author, "a:uri", NS)
    anonymous = (
        text(author, "b:type", NS).upper() == "ANONYMOUS"
        or (not uri and name.lower() in ANONYMOUS_NAMES)
        or not name
    )
    return (uri or f"name:{name}"), name, anonymous, uri


def _comment(entry):
    """(post source id, CommentRecord as a dict) of a comment entry."""
    post_id = text(entry, "b:parent", NS)
    reply = entry.find("thr:in-reply-to", NS)
    if not post_id and reply is not None:
        post_id = reply.get("ref", "")
    parent = text(entry, "b:inReplyTo", NS)
    if not parent:
        related = _RELATED_ID.search(_link(entry, "related"))
        parent = related.group(1) if related else ""
    source_id = text(entry, "a:id", NS)
    published = r.parse_date(text(entry, "a:published", NS))
    alternate = _link(entry, "alternate")
    old_ref = parse_qs(urlsplit(alternate).query).get("showComment", [""])[0]
    if not old_ref and published is not None:
        old_ref = str(int(published.timestamp() * 1000))
    properties = {
        prop.get("name"): prop.get("value") for prop in entry.findall("gd:extendedProperty", NS)
    }
    body = text(entry, "a:content", NS)
    status = text(entry, "b:status", NS).upper()
    removed = properties.get("blogger.contentRemoved") == "true" or status in {
        "DELETED",
        "SOFT_TRASHED",
        "TRASHED",
        "EMPTIED",
        "REMOVED",
    }
    if removed:
        state = r.REMOVED
    elif status in {"SPAM", "SPAMMED"}:
        state = r.SPAM
    elif status in {"PENDING", "DRAFT"} or _is_draft(entry):
        state = r.PENDING
    else:
        state = r.APPROVED
    key, name, anonymous, uri = _author(entry)
    email = text(entry, "a:author/a:email", NS)
    record = {
        "source_id": source_id,
        "body_html": body,
        "created_at": published.isoformat() if published else "",
        "status": state,
        "parent_id": short_id(parent),
        "author_name": "" if anonymous else name,
        "author_email": "" if email == NO_EMAIL else email,
        "author_url": "" if anonymous else uri,
        "author_key": "" if anonymous else key,
        "removed_by_author": removed and "author" in body.lower(),
        "old_ref": old_ref,
    }
    return post_id, record


class CommentShelf:
    """Comments set aside on disk until their post comes, keyed by the post's source id."""

    def __init__(self):
        handle, self.name = tempfile.mkstemp(suffix=".sqlite3")
        os.close(handle)
        self.db = sqlite3.connect(self.name)
        self.db.execute("CREATE TABLE c (post TEXT, body TEXT)")

    def put(self, post_id, record):
        self.db.execute("INSERT INTO c VALUES (?, ?)", (post_id, json.dumps(record)))

    def done_writing(self):
        self.db.execute("CREATE INDEX c_post ON c (post)")
        self.db.commit()

    def take(self, post_id):
        rows = self.db.execute("SELECT body FROM c WHERE post = ? ORDER BY rowid", (post_id,))
        found = []
        for (body,) in rows:
            data = json.loads(body)
            data["created_at"] = r.parse_date(data["created_at"])
            found.append(r.CommentRecord(**data))
        self.db.execute("DELETE FROM c WHERE post = ?", (post_id,))
        return found

    def left_over(self):
        return self.db.execute("SELECT COUNT(*) FROM c").fetchone()[0]

    def close(self):
        self.db.close()
        Path(self.name).unlink(missing_ok=True)


class BloggerReader:
    """Reads a Blogger export: `count()` checks the file and counts its entries, then
    iterating gives PostRecord, Skipped and Broken items."""

    source = "blogger"

    def __init__(self, path, default_language):
        self.path = str(path)
        self.default_language = default_language
        self.shelf = None
        self.total = 0
        self.orphans = 0

    def count(self):
        if root_tag(self.path) != f"{{{ATOM}}}feed":
            raise ImportRefused(_("This is not a Blogger export (an Atom <feed> was expected)."))
        self.shelf = CommentShelf()
        for _root, _ns, element in children(self.path, 1):
            if element.tag != ENTRY:
                continue
            if _kind(element) == "comment":
                self.shelf.put(*_comment(element))
            else:
                self.total += 1
        self.shelf.done_writing()
        return self.total

    def __iter__(self):
        if self.shelf is None:
            self.count()
        try:
            for _root, _ns, element in children(self.path, 1):
                if element.tag != ENTRY:
                    continue
                kind = _kind(element)
                if kind == "comment":
                    continue
                yield self._item(kind, element)
            self.orphans = self.shelf.left_over()
        finally:
            self.shelf.close()

    def _item(self, kind, entry):
        if kind == "settings":
            return r.Skipped(_("Blogger settings entry (not content)"))
        if kind in ("template", "layout"):
            return r.Skipped(_("Blogger template entry (not content)"))
        if kind not in ("post", "page"):
            return r.Skipped(_("Blogger entry of an unknown kind"))
        source_id = text(entry, "a:id", NS)
        title = text(entry, "a:title", NS)
        status = text(entry, "b:status", NS).upper()
        trashed = text(entry, "b:trashed", NS)
        if status in {"SOFT_TRASHED", "DELETED", "TRASHED"} or trashed:
            self.shelf.take(source_id)
            return r.Skipped(_("in Blogger's trash"), kind)
        publish_at = r.parse_date(text(entry, "a:published", NS)) or r.parse_date(
            text(entry, "a:updated", NS)
        )
        if not source_id or publish_at is None:
            return r.Broken(title or source_id, _("no id or no date"), kind)
        body = blogger_paragraphs(text(entry, "a:content", NS))
        address = text(entry, "b:filename", NS) or r.old_path(_link(entry, "alternate"))
        address = r.old_path(address)
        slug = address.rsplit("/", 1)[-1].removesuffix(".html") if address else ""
        if GENERIC_SLUG.match(slug):
            slug = ""
        short = short_id(source_id)
        addresses = []
        if address:
            addresses.append((address, "page"))
        if kind == "post" and short:
            addresses.append((f"/feeds/{short}/comments/default", "comments"))
        key, name, _anonymous, _uri = _author(entry)
        authors = [r.AuthorRecord(source_id=key, name=name)] if name else []
        labels = [
            category.get("term", "").strip()
            for category in entry.findall("a:category", NS)
            if category.get("scheme") != KIND_SCHEME and category.get("term", "").strip()
        ]
        draft = status == "DRAFT" or _is_draft(entry)
        return r.PostRecord(
            source_id=source_id,
            short_id=short,
            kind=kind,
            title=title,
            body_html=body,
            publish_at=publish_at,
            status=r.DRAFT if draft else r.PUBLISHED,
            slug=slug,
            excerpt=text(entry, "b:metaDescription", NS),
            language=self._language(title, body),
            labels=labels,
            authors=authors,
            old_addresses=addresses,
            comments=self.shelf.take(source_id),
        )

    def _language(self, title, body):
        return guess_language(f"{title} {r.plain(body)}", self.default_language)
