"""The comments section of a post page: the count, one page of threads, the forms.

One query reads the rows of a page of threads in display order, as plain tuples (model
instances cost more than the rest of the page); comments.rendering writes them for the reader.
"""

import math

from django.urls import reverse
from django.utils.translation import gettext as _

from blog.models import CommentPolicy
from blog.sanitize import html_to_text

from . import access
from .forms import CommentForm, ReportForm
from .models import Comment, CommentSettings
from .rendering import ThreadRenderer
from .viewer import Viewer, remembered_guest, sign_in_url

PAGE_PARAMETER = "cpage"


class CommentRow:
    """A comment as the page shows it: the columns of the display query and the name shown."""

    FIELDS = (
        "id",
        "parent_id",
        "in_reply_to_id",
        "depth",
        "status",
        "removed_by",
        "user_id",
        "held_reason",
        "guest_name",
        "guest_website",
        "guest_token_hash",
        "body_html",
        "created_at",
        "edited_at",
        "user__username",
        "user__first_name",
        "user__last_name",
        "user__author_profile__display_name",
        "user__author_profile__avatar_small",
    )
    __slots__ = (*(field.replace("__", "_") for field in FIELDS), "name", "website")

    def __init__(self, values):
        (
            self.id,
            self.parent_id,
            self.in_reply_to_id,
            self.depth,
            self.status,
            self.removed_by,
            self.user_id,
            self.held_reason,
            self.guest_name,
            self.guest_website,
            self.guest_token_hash,
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

    def excerpt(self, words=8):
        """The first words of the body, for "in reply to …"."""
        parts = html_to_text(self.body_html).split(None, words)
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


def comment_section(request, post, form=None):
    """Everything the comments section of `post`'s page shows, for this request's reader."""
    rules = CommentSettings.load()
    viewer = Viewer(request, post, rules)
    seen = viewer.seen
    counts = Comment.objects.thread_counts(post, seen)
    page = ThreadPage(requested_page(request), counts["threads"], rules.threads_per_page)
    newest_first = rules.thread_order == CommentSettings.ThreadOrder.NEWEST
    threads = []
    # No thread the reader sees: nothing to read, and no tombstone either (a tombstone only
    # stands above a comment the reader sees).
    if counts["threads"]:
        rows = [
            CommentRow(values)
            for values in Comment.objects.page_of_threads(
                post, page.offset, page.per_page, newest_first, seen
            ).values_list(*CommentRow.FIELDS)
        ]
        threads = ThreadRenderer(viewer, post).threads(rows)

    reply_form = None
    if viewer.may_comment:
        remembered = remembered_guest(request)
        form = form or CommentForm(user=request.user, initial=remembered, rules=rules)
        reply_form = CommentForm(
            user=request.user, initial=remembered, auto_id="reply-%s", rules=rules
        )
    next_url = f"{post.get_absolute_url()}#comments"
    return {
        "CommentPolicy": CommentPolicy,
        "post": post,
        "count": counts["comments"],
        "page": page,
        "threads": threads,
        "viewer": viewer,
        "form": form,
        "reply_form": reply_form,
        "action": reverse("comments:create", kwargs={"post_id": post.pk}),
        "next": next_url,
        "login_url": sign_in_url(post),
        "moderation": moderation_controls(post, viewer) if viewer.is_moderator else None,
        # For the report dialog that script opens; without script, each comment's Report
        # link leads to the report page.
        "report_form": (
            ReportForm(auto_id="report-%s") if threads and not viewer.is_moderator else None
        ),
        "feeds": {
            "atom": reverse("comments:post-feed-atom", kwargs={"post_id": post.pk}),
            "rss": reverse("comments:post-feed-rss", kwargs={"post_id": post.pk}),
        },
    }


def moderation_controls(post, viewer):
    """The post-wide control of the post's moderators: close its comments, or reopen them."""
    closed = post.comments_off
    name = "comments:reopen" if closed else "comments:close"
    return {"closed": closed, "toggle": reverse(name, kwargs={"post_id": post.pk})}


def comment_location(comment, rules=None, viewer=None):
    """The address where `comment` is read: its post, the page of threads holding it, the anchor.

    A comment the reader does not see (removed, with no shown replies; someone else's held
    comment) leads to the post's comments. Without a `viewer`, the page is the one every
    reader sees.
    """
    rules = rules or CommentSettings.load()
    post_url = comment.post.get_absolute_url()
    if not access.is_shown(comment, viewer or access.Reader()):
        return f"{post_url}#comments"
    newest_first = rules.thread_order == CommentSettings.ThreadOrder.NEWEST
    seen = viewer.seen if viewer is not None else None
    before = Comment.objects.threads_before(comment, newest_first, seen)
    number = before // rules.threads_per_page + 1
    query = f"?{PAGE_PARAMETER}={number}" if number > 1 else ""
    return f"{post_url}{query}#c{comment.pk}"
