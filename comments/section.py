"""The comments section of a post page: one page of threads, ready for one flat template loop.

One query reads the rows of a page of threads in display order, as plain tuples (model
instances cost more than the rest of the page). Everything a template would otherwise work out
per comment — whether it is shown, who may reply, edit or delete, the author badge, the URLs,
the times, where nested lists open and close — is decided here in one pass, for one reader.
"""

import math
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from blog.models import Author, BlogSettings

from .forms import CommentForm
from .models import Comment
from .rendering import escaped_labels, render_comment
from .viewer import Viewer, remembered_guest

PAGE_PARAMETER = "cpage"
RELATIVE_UNITS = (
    (60 * 60 * 24 * 365, lambda n: ngettext("%(count)s year ago", "%(count)s years ago", n)),
    (60 * 60 * 24 * 30, lambda n: ngettext("%(count)s month ago", "%(count)s months ago", n)),
    (60 * 60 * 24 * 7, lambda n: ngettext("%(count)s week ago", "%(count)s weeks ago", n)),
    (60 * 60 * 24, lambda n: ngettext("%(count)s day ago", "%(count)s days ago", n)),
    (60 * 60, lambda n: ngettext("%(count)s hour ago", "%(count)s hours ago", n)),
    (60, lambda n: ngettext("%(count)s minute ago", "%(count)s minutes ago", n)),
)


class CommentRow:
    """A comment as the page shows it: the columns of the display query, then what `prepare`
    decides for the reader."""

    FIELDS = (
        "id",
        "parent_id",
        "in_reply_to_id",
        "depth",
        "status",
        "removed_by",
        "user_id",
        "guest_name",
        "guest_website",
        "guest_token_hash",
        "body",
        "body_html",
        "created_at",
        "edited_at",
        "user__username",
        "user__first_name",
        "user__last_name",
        "user__author_profile__display_name",
        "user__author_profile__avatar_small",
    )
    APPROVED = Comment.Status.APPROVED.value
    __slots__ = (
        *(field.replace("__", "_") for field in FIELDS),
        "name",
        "initials",
        "avatar_url",
        "website",
        "is_tombstone",
        "tombstone",
        "is_post_author",
        "iso",
        "absolute",
        "relative",
        "edited_absolute",
        "answers",
        "reply_url",
        "reply_label",
        "edit_url",
        "delete_url",
        "delete_label",
        "opens_replies",
        "closes",
    )

    def __init__(self, values):
        (
            self.id,
            self.parent_id,
            self.in_reply_to_id,
            self.depth,
            self.status,
            self.removed_by,
            self.user_id,
            self.guest_name,
            self.guest_website,
            self.guest_token_hash,
            self.body,
            self.body_html,
            self.created_at,
            self.edited_at,
            self.user_username,
            self.user_first_name,
            self.user_last_name,
            self.user_author_profile_display_name,
            self.user_author_profile_avatar_small,
        ) = values
        if self.user_id is None:
            self.name = self.guest_name or _("Anonymous")
            self.website = self.guest_website
        else:
            full_name = f"{self.user_first_name} {self.user_last_name}".strip()
            self.name = self.user_author_profile_display_name or full_name or self.user_username
            self.website = ""
        self.answers = None

    def excerpt(self, words=8):
        """The first words of the body, for "in reply to …"."""
        parts = self.body.split(None, words)
        return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


class ThreadPage:
    """One page of top-level threads."""

    def __init__(self, number, thread_count, per_page):
        self.num_pages = max(1, math.ceil(thread_count / per_page))
        self.number = min(max(1, number), self.num_pages)
        self.per_page = per_page
        self.offset = (self.number - 1) * per_page

    has_other_pages = property(lambda self: self.num_pages > 1)
    has_previous = property(lambda self: self.number > 1)
    has_next = property(lambda self: self.number < self.num_pages)
    previous_page_number = property(lambda self: self.number - 1)
    next_page_number = property(lambda self: self.number + 1)


def requested_page(request):
    try:
        return int(request.GET.get(PAGE_PARAMETER, 1))
    except (TypeError, ValueError):
        return 1


class Clock:
    """Relative and absolute times in the active language, for one page.

    Formatting a date the Django way costs tens of microseconds, so each distinct phrase and
    each day is formatted once per page; the clock time needs no translation.
    """

    def __init__(self, now=None):
        self.now = now or timezone.now()
        self.zone = timezone.get_current_timezone()
        self.phrases, self.days = {}, {}
        self.pattern = _("%(date)s, %(time)s")

    def relative(self, moment):
        """ "3 hours ago", "2 days ago", or "just now"."""
        seconds = max(0, int((self.now - moment).total_seconds()))
        for size, phrase in RELATIVE_UNITS:
            if seconds >= size:
                count = seconds // size
                key = (size, count)
                if key not in self.phrases:
                    self.phrases[key] = phrase(count) % {"count": count}
                return self.phrases[key]
        return _("just now")

    def absolute(self, moment):
        """The local date in the language's own format and the time on a 24-hour clock."""
        local = moment.astimezone(self.zone)
        day = local.date()
        if day not in self.days:
            self.days[day] = date_format(day, "DATE_FORMAT")
        return self.pattern % {"date": self.days[day], "time": f"{local:%H:%M}"}


def initials(name):
    return "".join(word[0] for word in name.split()[:2]).upper() or "?"


def _url_maker(name):
    """A fast `pk -> URL` for a named comment URL: reverse() once, then string formatting."""
    sentinel = 918273645
    head, tail = reverse(name, kwargs={"pk": sentinel}).split(str(sentinel))
    return lambda pk: f"{head}{pk}{tail}"


def shown_rows(rows):
    """The rows a page shows, in order: approved comments, and removed ones that still have a
    shown reply (as tombstones). A removed comment without shown replies disappears."""
    needed, shown = set(), []
    for row in reversed(rows):
        if row.status == CommentRow.APPROVED or row.id in needed:
            shown.append(row)
            needed.add(row.parent_id)
            needed.add(row.in_reply_to_id)
    shown.reverse()
    return shown


def prepare(rows, viewer, post):
    """The shown rows, each decorated with what the page prints for this reader."""
    now = timezone.now()
    edit_until = now - timedelta(minutes=viewer.blog.comment_edit_minutes)
    by_id = {row.id: row for row in rows}
    answered = {
        row.in_reply_to_id
        for row in rows
        if row.status not in (Comment.Status.REMOVED, Comment.Status.SPAM)
    }
    post_authors = {author.user_id for author in post.byline_authors if author.user_id}
    reply_url, edit_url, delete_url = map(
        _url_maker, ("comments:reply", "comments:edit", "comments:delete")
    )
    reply_label, delete_label = _("Reply to %(name)s"), _("Delete comment by %(name)s")
    removed_by_author = _("This comment has been removed by its author.")
    removed_by_moderator = _("This comment has been removed by a moderator.")
    clock = Clock(now)
    signed_in_id = viewer.user.pk if viewer.signed_in else None
    avatar_storage = Author._meta.get_field("avatar_small").storage

    shown = shown_rows(rows)
    for index, row in enumerate(shown):
        following = shown[index + 1].depth if index + 1 < len(shown) else 0
        row.opens_replies = following > row.depth
        row.closes = max(0, row.depth - following)
        row.reply_url = row.edit_url = row.delete_url = ""
        row.is_tombstone = row.status != CommentRow.APPROVED
        if row.is_tombstone:
            row.tombstone = (
                removed_by_author
                if row.removed_by == Comment.RemovedBy.AUTHOR
                else removed_by_moderator
            )
            continue
        name = row.name
        row.initials = initials(name)
        avatar = row.user_author_profile_avatar_small
        row.avatar_url = avatar_storage.url(avatar) if avatar else ""
        row.is_post_author = row.user_id in post_authors
        row.iso = row.created_at.isoformat()
        row.absolute = clock.absolute(row.created_at)
        row.relative = clock.relative(row.created_at)
        row.edited_absolute = clock.absolute(row.edited_at) if row.edited_at else ""
        if row.in_reply_to_id is not None and row.in_reply_to_id != row.parent_id:
            row.answers = by_id.get(row.in_reply_to_id)
        if row.user_id is None:
            owner = bool(viewer.token_hash) and row.guest_token_hash == viewer.token_hash
        else:
            owner = row.user_id == signed_in_id
        pk = row.id
        if viewer.may_comment:
            row.reply_url = reply_url(pk)
            row.reply_label = reply_label % {"name": name}
        if owner and row.created_at > edit_until and pk not in answered:
            row.edit_url = edit_url(pk)
        if owner or viewer.is_moderator:
            row.delete_url = delete_url(pk)
            row.delete_label = delete_label % {"name": name}
    return shown


def section_labels():
    return {
        "author": pgettext("comment badge", "Author"),
        "edited": _("(edited)"),
        "in_reply_to": _("in reply to"),
        "in_reply_to_removed": _("in reply to a comment that has been removed"),
        "reply": _("Reply"),
        "edit": _("Edit"),
        "edit_yours": _("Edit your comment"),
        "delete": _("Delete"),
    }


def comment_section(request, post, form=None):
    """Everything the comments section of `post`'s page shows, for this request's reader."""
    blog = BlogSettings.load()
    viewer = Viewer(request, post, blog)
    counts = Comment.objects.thread_counts(post)
    page = ThreadPage(requested_page(request), counts["threads"], blog.comment_threads_per_page)
    newest_first = blog.comment_thread_order == BlogSettings.ThreadOrder.NEWEST
    rows = [
        CommentRow(values)
        for values in Comment.objects.page_of_threads(
            post, page.offset, page.per_page, newest_first
        ).values_list(*CommentRow.FIELDS)
    ]
    labels = escaped_labels(section_labels())
    comments = [render_comment(row, labels) for row in prepare(rows, viewer, post)]

    reply_form = None
    if viewer.may_comment:
        remembered = remembered_guest(request)
        form = form or CommentForm(user=request.user, initial=remembered)
        reply_form = CommentForm(user=request.user, initial=remembered, auto_id="reply-%s")
    next_url = f"{post.get_absolute_url()}#comments"
    return {
        "post": post,
        "count": counts["comments"],
        "page": page,
        "comments": comments,
        "viewer": viewer,
        "form": form,
        "reply_form": reply_form,
        "action": reverse("comments:create", kwargs={"post_id": post.pk}),
        "next": next_url,
        "login_url": f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': next_url})}",
        "feeds": {
            "atom": reverse("comments:post-feed-atom", kwargs={"post_id": post.pk}),
            "rss": reverse("comments:post-feed-rss", kwargs={"post_id": post.pk}),
        },
    }


def comment_location(comment, blog=None):
    """The address where `comment` is read: its post, the page of threads holding it, the anchor.

    A comment no longer shown (removed, with no shown replies) leads to the post's comments.
    """
    blog = blog or BlogSettings.load()
    post_url = comment.post.get_absolute_url()
    if not is_shown(comment):
        return f"{post_url}#comments"
    newest_first = blog.comment_thread_order == BlogSettings.ThreadOrder.NEWEST
    before = Comment.objects.threads_before(comment, newest_first)
    number = before // blog.comment_threads_per_page + 1
    query = f"?{PAGE_PARAMETER}={number}" if number > 1 else ""
    return f"{post_url}{query}#c{comment.pk}"


def is_shown(comment):
    """Whether the post page shows `comment`, as itself or as a tombstone over shown replies."""
    if comment.status == Comment.Status.APPROVED:
        return True
    return (
        Comment.objects.approved()
        .filter(post_id=comment.post_id, path__startswith=comment.path)
        .exclude(pk=comment.pk)
        .exists()
        or Comment.objects.approved().filter(in_reply_to=comment).exists()
    )
