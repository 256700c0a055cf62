"""WordPress eXtended RSS (WXR 1.0, 1.1, 1.2), read into records.

The channel lists the authors (`wp:author`) before the items; each item is a post, a page, an
attachment or something else (`wp:post_type`) and carries its comments (`wp:comment`, threaded
by `wp:comment_parent`, moderated by `wp:comment_approved`: 1, 0, spam, trash). Categories and
tags (`<category domain="category|post_tag">`) both become labels.
"""

import re
from urllib.parse import unquote

from django.conf import settings
from django.utils.translation import gettext as _

from blog.text import guess_language

from . import records as r
from .bodies import wordpress_paragraphs
from .xmlstream import ImportRefused, children, root_tag, text

CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
WXR_NAMESPACE = re.compile(r"http://wordpress\.org/export/1\.\d/")
WXR_VERSIONS = ("1.0", "1.1", "1.2")
POST_STATUSES = {"publish": r.PUBLISHED, "future": r.PUBLISHED}
DRAFT_STATUSES = {"draft", "pending", "private", "auto-draft"}
COMMENT_STATUSES = {"1": r.APPROVED, "0": r.PENDING, "spam": r.SPAM}
# What our own export adds in post meta: the other bylines, the post's language.
COAUTHORS_KEY = "_midad_coauthors"
LANGUAGE_KEY = "_midad_language"
# WordPress's default category, which every uncategorised post carries: not a real label.
DEFAULT_CATEGORY = "uncategorized"


def _namespaces(found):
    """The WXR namespaces the file declares, whatever its version."""
    versions = [uri for uri in found.values() if WXR_NAMESPACE.fullmatch(uri)]
    wp = versions[0] if versions else "http://wordpress.org/export/1.2/"
    return {"wp": wp, "excerpt": f"{wp}excerpt/", "content": CONTENT, "dc": DC}


class WordPressReader:
    """Reads a WXR file: `count()` checks it and counts its items, then iterating gives
    PostRecord, Skipped and Broken items."""

    source = "wordpress"

    def __init__(self, path, default_language):
        self.path = str(path)
        self.default_language = default_language
        self.total = 0
        self.site = ""
        self.orphans = 0

    def count(self):
        if root_tag(self.path) != "rss":
            raise ImportRefused(_("This is not a WordPress export (an RSS <rss> was expected)."))
        version = ""
        for _root, found, element in children(self.path, 2):
            if element.tag == "item":
                self.total += 1
            elif element.tag == f"{{{_namespaces(found)['wp']}}}wxr_version":
                version = (element.text or "").strip()
        if version not in WXR_VERSIONS:
            raise ImportRefused(
                _("This is not a WordPress export (WXR 1.0, 1.1 or 1.2): version “%(v)s”.")
                % {"v": version or "?"}
            )
        return self.total

    def __iter__(self):
        authors = {}
        author_ids = {}
        for _root, found, element in children(self.path, 2):
            ns = _namespaces(found)
            tag = element.tag
            if tag == f"{{{ns['wp']}}}author":
                login = text(element, "wp:author_login", ns)
                record = r.AuthorRecord(
                    source_id=f"login:{login}",
                    name=text(element, "wp:author_display_name", ns) or login,
                    login=login,
                    email=text(element, "wp:author_email", ns),
                )
                authors[login] = record
                author_ids[text(element, "wp:author_id", ns)] = record
            elif tag in (f"{{{ns['wp']}}}base_site_url", f"{{{ns['wp']}}}base_blog_url"):
                self.site = self.site or (element.text or "").strip().rstrip("/")
            elif tag == "language":
                # The blog's language ("fr-FR"): the guess for posts too short to tell.
                code = (element.text or "").strip().split("-")[0].lower()
                if code in {code for code, _name in settings.LANGUAGES}:
                    self.default_language = code
            elif tag == "item":
                yield self._item(element, ns, authors, author_ids)

    def _item(self, item, ns, authors, author_ids):
        post_type = text(item, "wp:post_type", ns) or "post"
        title = text(item, "title")
        if post_type == "attachment":
            return r.Skipped(_("WordPress attachment (the file stays at its address)"))
        if post_type not in ("post", "page"):
            return r.Skipped(_("WordPress item that is neither a post nor a page"))
        kind = r.KIND_POST if post_type == "post" else r.KIND_PAGE
        status = text(item, "wp:status", ns)
        if status == "trash":
            return r.Skipped(_("in WordPress's trash"), kind)
        post_id = text(item, "wp:post_id", ns)
        publish_at = r.parse_date(text(item, "wp:post_date_gmt", ns)) or r.parse_date(
            text(item, "wp:post_date", ns)
        )
        if not post_id or publish_at is None:
            return r.Broken(title or post_id, _("no post id or no date"), kind)
        body = wordpress_paragraphs(text(item, "content:encoded", ns))
        addresses = []
        link = r.old_path(text(item, "link"))
        if link:
            addresses.append((unquote(link), "page"))
            if not link.startswith("?"):
                addresses.append((unquote(link) + "/feed", "comments"))
        query = "page_id" if kind == r.KIND_PAGE else "p"
        addresses.append((f"?{query}={post_id}", "page"))
        if kind == r.KIND_PAGE:
            addresses.append((f"?p={post_id}", "page"))
        login = text(item, "dc:creator", ns)
        author = authors.get(login) or (
            r.AuthorRecord(source_id=f"login:{login}", name=login, login=login) if login else None
        )
        meta = {
            text(entry, "wp:meta_key", ns): text(entry, "wp:meta_value", ns)
            for entry in item.findall("wp:postmeta", ns)
        }
        bylines = [author] if author else []
        for login in meta.get(COAUTHORS_KEY, "").split():
            bylines.append(authors.get(login) or r.AuthorRecord(f"login:{login}", login, login))
        language = meta.get(LANGUAGE_KEY, "")
        if language not in {code for code, _name in settings.LANGUAGES}:
            language = self._language(title, body)
        skipped = []
        labels = [
            (category.text or "").strip()
            for category in item.findall("category")
            if category.get("domain") in ("category", "post_tag")
            and category.get("nicename") != DEFAULT_CATEGORY
            and (category.text or "").strip()
        ]
        return r.PostRecord(
            source_id=f"{self.site}|{post_id}",
            short_id=post_id,
            kind=kind,
            title=title,
            body_html=body,
            publish_at=publish_at,
            status=POST_STATUSES.get(status, r.DRAFT),
            slug=unquote(text(item, "wp:post_name", ns)),
            excerpt=r.plain(text(item, "excerpt:encoded", ns)),
            language=language,
            menu_order=int(text(item, "wp:menu_order", ns) or 0) if kind == r.KIND_PAGE else 0,
            labels=labels,
            authors=bylines,
            old_addresses=addresses,
            comments=self._comments(item, ns, author_ids, skipped),
            skipped_comments=skipped,
        )

    def _comments(self, item, ns, author_ids, skipped):
        found = []
        for comment in item.findall("wp:comment", ns):
            if text(comment, "wp:comment_type", ns) in ("pingback", "trackback"):
                skipped.append(_("pingback or trackback"))
                continue
            approved = text(comment, "wp:comment_approved", ns)
            comment_id = text(comment, "wp:comment_id", ns)
            parent = text(comment, "wp:comment_parent", ns)
            user = author_ids.get(text(comment, "wp:comment_user_id", ns))
            found.append(
                r.CommentRecord(
                    source_id=f"{self.site}|comment|{comment_id}",
                    # WordPress keeps comments as typed: newlines, perhaps a few tags.
                    body_html=text(comment, "wp:comment_content", ns),
                    created_at=r.parse_date(text(comment, "wp:comment_date_gmt", ns))
                    or r.parse_date(text(comment, "wp:comment_date", ns)),
                    status=COMMENT_STATUSES.get(approved, r.REMOVED),
                    parent_id="" if parent in ("", "0") else f"{self.site}|comment|{parent}",
                    author_name=text(comment, "wp:comment_author", ns),
                    author_email=text(comment, "wp:comment_author_email", ns),
                    author_url=text(comment, "wp:comment_author_url", ns),
                    author_key=user.source_id if user else "",
                    old_ref=comment_id,
                )
            )
        return found

    def _language(self, title, body):
        return guess_language(f"{title} {r.plain(body)}", self.default_language)
