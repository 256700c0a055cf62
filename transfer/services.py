"""The writes of an import: one post (or page) with its authors, labels, old addresses and
comments, in one transaction, idempotent on the ids the old blog gave them."""

import hashlib
import json

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from blog.models import Author, Byline, Page, Post
from blog.sanitize import comment_text_from_html
from blog.text import unique_slug
from comments import services as comment_services
from comments.models import Comment, CommentSettings

from . import records as r
from .models import ImportedAuthor, ImportedComment, ImportedPost, OldAddress

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


def _valid_url(value):
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return ""
    return value if len(value) <= 200 else ""


def _valid_email(value):
    try:
        validate_email(value)
    except ValidationError:
        return ""
    return value


def author_for(record, source, known_authors=None):
    """The byline profile of an author of the old blog, made (with an account that has no
    password, so their comments get the author badge) the first time they are met.
    `known_authors` ({source id: Author}) spares the lookups of a long import."""
    if known_authors is not None and record.source_id in known_authors:
        return known_authors[record.source_id]
    author = _find_or_make_author(record, source)
    if known_authors is not None:
        known_authors[record.source_id] = author
    return author


def _find_or_make_author(record, source):
    known = (
        ImportedAuthor.objects.select_related("author")
        .filter(source=source, source_id=record.source_id)
        .first()
    )
    if known is not None:
        return known.author
    User = get_user_model()
    user = User.objects.filter(username=record.login).first() if record.login else None
    author = Author.objects.filter(user=user).first() if user is not None else None
    if author is None:
        if user is None:
            base = slugify(record.login or record.name, allow_unicode=True)[:120] or "author"
            username, n = base, 2
            while User.objects.filter(username=username).exists():
                username, n = f"{base}-{n}", n + 1
            user = User(username=username, email=_valid_email(record.email))
            user.set_unusable_password()
            user.save()
        author = Author.objects.create(user=user, display_name=record.name[:120] or user.username)
    ImportedAuthor.objects.create(author=author, source=source, source_id=record.source_id)
    return author


def _post_model(kind):
    """The model that stores `kind` ("post" or "page")."""
    return Page if kind == r.KIND_PAGE else Post


def _fields(record):
    status = Post.Status.DRAFT if record.status == r.DRAFT else Post.Status.PUBLISHED
    return {
        "title": (record.title or _("(untitled)"))[:200],
        "body": record.body_html,
        "excerpt": record.excerpt,
        "status": status,
        "publish_at": record.publish_at,
        "language": record.language,
    }


def fingerprint(record):
    """A digest of what the file says about a post: a second run compares it, not the stored
    post, which saving reshapes (sanitised body, French spacing in titles…)."""
    said = [
        record.kind,
        record.title,
        record.body_html,
        record.excerpt,
        record.status,
        record.publish_at.isoformat(),
        record.language,
        record.menu_order,
        sorted(set(record.labels)),
    ]
    return hashlib.sha256(json.dumps(said, ensure_ascii=False).encode()).hexdigest()


@transaction.atomic
def save_post(record, source, known_authors=None):
    """Create or bring up to date the post of `record`, with its comments. Returns
    (outcome, post, comment counts) where outcome is created, updated or unchanged and the
    counts are {"created", "skipped", "failed", "problems": skip reasons, "failures": reasons}."""
    origin = (
        ImportedPost.objects.select_related("post")
        .filter(source=source, source_id=record.source_id)
        .first()
    )
    fields = _fields(record)
    digest = fingerprint(record)
    if origin is not None:
        post = origin.post
        outcome = UNCHANGED
        if origin.fingerprint != digest:
            for name, value in fields.items():
                setattr(post, name, value)
            post.save()
            post.labels.set(record.labels)
            origin.fingerprint = digest
            origin.save(update_fields=["fingerprint"])
            outcome = UPDATED
    else:
        model = _post_model(record.kind)
        post = model(**fields, slug=unique_slug(Post, record.slug or record.title or "post"))
        if record.kind == r.KIND_PAGE:
            post.menu_order = record.menu_order
        post.save()
        authors = [author_for(a, source, known_authors) for a in record.authors]
        Byline.objects.bulk_create(
            Byline(post=post, author=author, order=order)
            for order, author in enumerate(dict.fromkeys(authors))
        )
        if record.labels:
            post.labels.set(record.labels)
        ImportedPost.objects.create(
            post=post,
            source=source,
            source_id=record.source_id,
            short_id=record.short_id,
            fingerprint=digest,
        )
        outcome = CREATED
    # An address another post already took keeps leading there.
    OldAddress.objects.bulk_create(
        (
            OldAddress(address=address[:500], post=post, leads_to=leads_to)
            for address, leads_to in record.old_addresses
        ),
        ignore_conflicts=True,
    )
    counts = save_comments(post, record, source)
    return outcome, post, counts


def _in_thread_order(comments):
    """The comments with every answered comment before its answers (a file may list a reply
    first), else in date order."""
    by_key = {}
    for comment in comments:
        by_key[comment.source_id] = comment
        by_key.setdefault(comment.source_id.rsplit("-", 1)[-1], comment)
    placed, ordered = set(), []

    def place(comment, seen=()):
        if comment.source_id in placed or comment.source_id in seen:
            return
        parent = by_key.get(comment.parent_id)
        if parent is not None and parent is not comment:
            place(parent, (*seen, comment.source_id))
        placed.add(comment.source_id)
        ordered.append(comment)

    for comment in sorted(comments, key=lambda c: (c.created_at is None, c.created_at or 0)):
        place(comment)
    return ordered, by_key


def save_comments(post, record, source):
    """Import the comments of `record` not imported before, threads kept; the blog authors'
    own comments are tied to their accounts (the author badge)."""
    counts = {"created": 0, "skipped": 0, "failed": 0, "problems": [], "failures": []}
    for reason in record.skipped_comments:
        counts["skipped"] += 1
        counts["problems"].append(reason)
    if not record.comments:
        return counts
    ordered, by_key = _in_thread_order(record.comments)
    max_depth = CommentSettings.load().max_depth
    known = dict(
        ImportedComment.objects.filter(
            source=source, source_id__in=[c.source_id for c in ordered]
        ).values_list("source_id", "comment_id")
    )
    stored = {
        pk: comment
        for pk, comment in Comment.objects.in_bulk(list(known.values())).items()
        if comment.post_id == post.pk
    }
    saved = {source_id: stored.get(pk) for source_id, pk in known.items()}
    authors = {
        origin.source_id: origin.author.user
        for origin in ImportedAuthor.objects.select_related("author__user").filter(
            source=source, source_id__in={c.author_key for c in ordered if c.author_key}
        )
    }
    origins = []
    for item in ordered:
        if item.source_id in saved:
            counts["skipped"] += 1
            counts["problems"].append(_("already imported"))
            continue
        if item.created_at is None:
            counts["failed"] += 1
            counts["failures"].append(_("a comment without a date"))
            continue
        parent = by_key.get(item.parent_id)
        reply_to = saved.get(parent.source_id) if parent is not None else None
        user = authors.get(item.author_key)
        comment = comment_services.import_comment(
            post,
            comment_text_from_html(item.body_html),
            created_at=item.created_at,
            status=item.status,
            reply_to=reply_to,
            user=user,
            guest_name=item.author_name,
            guest_email=_valid_email(item.author_email),
            guest_website=_valid_url(item.author_url),
            removed_by_author=item.removed_by_author,
            max_depth=max_depth,
        )
        origins.append(
            ImportedComment(
                comment=comment, source=source, source_id=item.source_id, old_ref=item.old_ref[:40]
            )
        )
        saved[item.source_id] = comment
        counts["created"] += 1
    ImportedComment.objects.bulk_create(origins)
    return counts
