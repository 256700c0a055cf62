"""The whole blog as a WordPress eXtended RSS file (WXR 1.2): what WordPress's importer reads,
and our own `import_wordpress` too. Posts and pages with their bylines, labels (as tags),
threaded comments with their statuses, and the addresses of the media files.

Written as it is read, post by post, so a large blog does not sit in memory.
"""

import shutil
from datetime import timezone as dt_timezone
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from blog.models import Author, BlogSettings, Byline, Label, Post
from comments.models import Comment

WXR_VERSION = "1.2"
NAMESPACES = {
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": "http://wordpress.org/export/1.2/",
}
COMMENT_APPROVED = {
    Comment.Status.APPROVED: "1",
    Comment.Status.PENDING: "0",
    Comment.Status.SPAM: "spam",
    Comment.Status.REMOVED: "trash",
}
# Bylines after the first: WXR has one author per post, this meta key keeps the others.
COAUTHORS_KEY = "_midad_coauthors"
LANGUAGE_KEY = "_midad_language"
# Attachment items (featured images) take ids above every post's: WordPress renumbers both.
ATTACHMENT_IDS = 1_000_000_000


def cdata(value):
    """`value` as a CDATA section, its own "]]>" split so it cannot close the section early."""
    return "<![CDATA[" + str(value or "").replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _escape(value):
    return (
        ("" if value is None else str(value))
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    ).replace('"', "&quot;")


def _date(moment):
    local = timezone.localtime(moment)
    return local.strftime("%Y-%m-%d %H:%M:%S")


def _gmt(moment):
    return moment.astimezone(dt_timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def login_of(author):
    """The login an author is exported under: their account's, else their slug."""
    return author.user.username if author.user_id else author.slug


def _kind(post):
    return getattr(post, "kind", "post")


def _media_url(field_file):
    return f"{settings.SITE_URL}{field_file.url}" if field_file else ""


class Exporter:
    def __init__(self, out, media_dir=None):
        self.out = out
        self.media_dir = Path(media_dir) if media_dir else None
        self.media = []

    def write(self, text):
        self.out.write(text)

    def element(self, name, value, raw=False, indent="\t\t"):
        self.write(f"{indent}<{name}>{value if raw else _escape(value)}</{name}>\n")

    def run(self):
        blog = BlogSettings.load()
        self.write('<?xml version="1.0" encoding="UTF-8" ?>\n')
        spaces = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())
        self.write(f'<rss version="2.0" {spaces}>\n<channel>\n')
        self.element("title", blog.title, indent="\t")
        self.element("link", settings.SITE_URL, indent="\t")
        self.element("description", blog.tagline, indent="\t")
        self.element("pubDate", format_datetime(timezone.now()), indent="\t")
        self.element("language", blog.language, indent="\t")
        self.element("wp:wxr_version", WXR_VERSION, indent="\t")
        self.element("wp:base_site_url", settings.SITE_URL, indent="\t")
        self.element("wp:base_blog_url", settings.SITE_URL, indent="\t")
        for author in Author.objects.select_related("user").order_by("pk"):
            self.author(author)
        for label in Label.objects.order_by("name"):
            self.write(
                f"\t<wp:tag><wp:term_id>{label.pk}</wp:term_id>"
                f"<wp:tag_slug>{cdata(quote(label.slug))}</wp:tag_slug>"
                f"<wp:tag_name>{cdata(label.name)}</wp:tag_name></wp:tag>\n"
            )
        posts = (
            Post.objects.order_by("pk")
            .prefetch_related(
                Prefetch("bylines", queryset=Byline.objects.select_related("author__user")),
                "labels",
                Prefetch(
                    "comments",
                    queryset=Comment.objects.select_related("user__author_profile").order_by(
                        "path"
                    ),
                ),
            )
            .iterator(chunk_size=200)
        )
        for post in posts:
            self.item(post)
        self.write("</channel>\n</rss>\n")
        self.copy_media()

    def author(self, author):
        first, _space, last = author.display_name.partition(" ")
        self.write("\t<wp:author>")
        self.write(f"<wp:author_id>{author.pk}</wp:author_id>")
        self.write(f"<wp:author_login>{cdata(login_of(author))}</wp:author_login>")
        self.write(
            f"<wp:author_email>{cdata(author.user.email if author.user_id else '')}"
            "</wp:author_email>"
        )
        self.write(f"<wp:author_display_name>{cdata(author.display_name)}</wp:author_display_name>")
        self.write(f"<wp:author_first_name>{cdata(first)}</wp:author_first_name>")
        self.write(f"<wp:author_last_name>{cdata(last)}</wp:author_last_name>")
        self.write("</wp:author>\n")
        if author.avatar:
            self.media.append(author.avatar.name)

    def item(self, post):
        kind = _kind(post)
        bylines = [byline.author for byline in post.bylines.all()]
        status = {"draft": "draft", "scheduled": "future", "published": "publish"}[
            post.public_status
        ]
        self.write("\t<item>\n")
        self.element("title", post.title)
        self.element("link", f"{settings.SITE_URL}{post.get_absolute_url()}")
        self.element("pubDate", format_datetime(post.publish_at))
        self.element("dc:creator", cdata(login_of(bylines[0]) if bylines else ""), raw=True)
        self.write(f'\t\t<guid isPermaLink="false">{settings.SITE_URL}/?p={post.pk}</guid>\n')
        self.element("description", "")
        self.element("content:encoded", cdata(post.body), raw=True)
        self.element("excerpt:encoded", cdata(post.excerpt), raw=True)
        self.element("wp:post_id", post.pk)
        self.element("wp:post_date", cdata(_date(post.publish_at)), raw=True)
        self.element("wp:post_date_gmt", cdata(_gmt(post.publish_at)), raw=True)
        self.element("wp:post_modified", cdata(_date(post.updated_at)), raw=True)
        self.element("wp:post_modified_gmt", cdata(_gmt(post.updated_at)), raw=True)
        closed = post.comment_policy == Post.CommentPolicy.CLOSED
        self.element("wp:comment_status", cdata("closed" if closed else "open"), raw=True)
        self.element("wp:ping_status", cdata("closed"), raw=True)
        self.element("wp:post_name", cdata(quote(post.slug, safe="-_").lower()), raw=True)
        self.element("wp:status", cdata(status), raw=True)
        self.element("wp:post_parent", 0)
        self.element("wp:menu_order", getattr(post, "menu_order", 0) or 0)
        self.element("wp:post_type", cdata(kind), raw=True)
        self.element("wp:post_password", cdata(""), raw=True)
        self.element("wp:is_sticky", 0)
        for label in post.labels.all():
            self.write(
                f'\t\t<category domain="post_tag" nicename="{_escape(quote(label.slug))}">'
                f"{cdata(label.name)}</category>\n"
            )
        self.meta(LANGUAGE_KEY, post.language)
        if len(bylines) > 1:
            self.meta(COAUTHORS_KEY, " ".join(login_of(author) for author in bylines[1:]))
        if post.featured_image:
            self.meta("_thumbnail_id", ATTACHMENT_IDS + post.pk)
            self.media.append(post.featured_image.name)
        for comment in post.comments.all():
            self.comment(comment)
        self.write("\t</item>\n")
        if post.featured_image:
            self.attachment(post)

    def attachment(self, post):
        """The featured image as WordPress describes an upload: an attachment item whose file
        WordPress's importer fetches from its address and sets as the post's thumbnail."""
        image = post.featured_image
        name = Path(image.name).stem
        self.write("\t<item>\n")
        self.element("title", post.featured_image_alt or name)
        self.element("link", _media_url(image))
        self.element("wp:post_id", ATTACHMENT_IDS + post.pk)
        self.element("wp:post_date_gmt", cdata(_gmt(post.publish_at)), raw=True)
        self.element("wp:post_name", cdata(quote(name, safe="-_").lower()), raw=True)
        self.element("wp:status", cdata("inherit"), raw=True)
        self.element("wp:post_parent", post.pk)
        self.element("wp:post_type", cdata("attachment"), raw=True)
        self.element("wp:attachment_url", cdata(_media_url(image)), raw=True)
        self.meta("_wp_attachment_image_alt", post.featured_image_alt)
        self.write("\t</item>\n")

    def meta(self, key, value):
        self.write(
            f"\t\t<wp:postmeta><wp:meta_key>{cdata(key)}</wp:meta_key>"
            f"<wp:meta_value>{cdata(value)}</wp:meta_value></wp:postmeta>\n"
        )

    def comment(self, comment):
        # The comment answered, even when the answer was stored beside it at the deepest level.
        parent = comment.in_reply_to_id or comment.parent_id or 0
        user = comment.user
        self.write("\t\t<wp:comment>\n")
        self.element("wp:comment_id", comment.pk, indent="\t\t\t")
        name = comment.guest_name if user is None else ""
        if user is not None:
            profile = getattr(user, "author_profile", None)
            name = profile.display_name if profile else (user.get_full_name() or user.username)
        self.element("wp:comment_author", cdata(name), raw=True, indent="\t\t\t")
        email = user.email if user is not None else comment.guest_email
        self.element("wp:comment_author_email", cdata(email), raw=True, indent="\t\t\t")
        self.element("wp:comment_author_url", comment.guest_website, indent="\t\t\t")
        self.element("wp:comment_author_IP", cdata(""), raw=True, indent="\t\t\t")
        self.element("wp:comment_date", cdata(_date(comment.created_at)), raw=True, indent="\t\t\t")
        self.element(
            "wp:comment_date_gmt", cdata(_gmt(comment.created_at)), raw=True, indent="\t\t\t"
        )
        self.element("wp:comment_content", cdata(comment.body), raw=True, indent="\t\t\t")
        approved = COMMENT_APPROVED[comment.status]
        self.element("wp:comment_approved", cdata(approved), raw=True, indent="\t\t\t")
        self.element("wp:comment_type", cdata("comment"), raw=True, indent="\t\t\t")
        self.element("wp:comment_parent", parent, indent="\t\t\t")
        author = getattr(user, "author_profile", None) if user is not None else None
        self.element("wp:comment_user_id", author.pk if author else 0, indent="\t\t\t")
        self.write("\t\t</wp:comment>\n")

    def copy_media(self):
        """Copy the media files the export names into `media_dir`, keeping their paths."""
        if self.media_dir is None:
            return
        root = Path(settings.MEDIA_ROOT).resolve()
        for name in self.media:
            source = (root / name).resolve()
            if root not in source.parents or not source.is_file():
                continue
            target = self.media_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def export_blog(out, media_dir=None):
    """Write the whole blog to the text stream `out`; copy its media files to `media_dir`."""
    exporter = Exporter(out, media_dir)
    exporter.run()
    return exporter
