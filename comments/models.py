from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from blog.models import BlogSettings, Post

BODY_MAX_LENGTH = 5000
NAME_MAX_LENGTH = 60
# Each level of a comment's path is its id, zero-padded so that text order is tree order.
PATH_STEP = 10


def comment_access(post, blog=None):
    """Who may comment on `post` now, as a `BlogSettings.CommentPolicy`: the post's own rule,
    else the blog's; nobody before publication or once the blog's time limit has passed."""
    blog = blog or BlogSettings.load()
    closed = BlogSettings.CommentPolicy.CLOSED
    if not post.is_published:
        return closed
    rule = post.comment_policy
    if rule == Post.CommentPolicy.INHERIT:
        rule = blog.comment_policy
    days = blog.close_comments_after_days
    if days is not None and timezone.now() >= post.publish_at + timedelta(days=days):
        return closed
    return BlogSettings.CommentPolicy(rule)


def may_moderate(user, post):
    """Whether `user` may moderate the comments of `post`: superusers, holders of
    `comments.moderate_comments`, and the post's own bylined authors.

    Uses the bylines prefetched by `Post.objects.with_bylines()` when they are there.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or any(author.user_id == user.pk for author in post.byline_authors):
        return True
    return user.has_perm("comments.moderate_comments")


def display_name(user):
    """The name shown for an account: its byline name, else its full name, else its username."""
    profile = getattr(user, "author_profile", None)
    if profile is not None:
        return profile.display_name
    return user.get_full_name() or user.get_username()


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def of_published_posts(self):
        return self.filter(post__in=Post.objects.published())

    def thread_counts(self, post):
        """{"comments": approved comments, "threads": threads holding at least one of them}."""
        return self.filter(post=post).aggregate(
            comments=Count("id", filter=Q(status=Comment.Status.APPROVED)),
            threads=Count("thread_id", filter=Q(status=Comment.Status.APPROVED), distinct=True),
        )

    def page_of_threads(self, post, offset, limit, newest_first=False):
        """Every comment (removed ones too, for tombstones) of one page of threads, in display
        order, in one query. Threads are counted only when they hold an approved comment."""
        thread_order = "-thread_id" if newest_first else "thread_id"
        thread_ids = (
            self.filter(post=post, status=Comment.Status.APPROVED)
            .order_by(thread_order)
            .values("thread_id")
            .distinct()[offset : offset + limit]
        )
        return self.filter(post=post, thread_id__in=thread_ids).order_by(thread_order, "path")

    def threads_before(self, comment, newest_first=False):
        """How many threads with an approved comment come before `comment`'s thread."""
        thread = comment.thread_id
        earlier = Q(thread_id__gt=thread) if newest_first else Q(thread_id__lt=thread)
        return (
            self.filter(earlier, post_id=comment.post_id, status=Comment.Status.APPROVED)
            .values("thread_id")
            .distinct()
            .count()
        )


class Comment(models.Model):
    """A reader's comment on a post, placed in a thread.

    `thread` is the top-level comment (itself for a top-level one), `depth` counts levels below
    it, and `path` — the ids from the thread's root down to this comment, zero-padded — sorts a
    thread in reading order. `in_reply_to` is the comment the reader answered; it differs from
    `parent` when the answer was stored at the deepest level allowed. The services module keeps
    these fields consistent; nothing else writes them.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        REMOVED = "removed", _("Removed")

    class RemovedBy(models.TextChoices):
        AUTHOR = "author", _("Its author")
        MODERATOR = "moderator", _("A moderator")

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    thread = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    depth = models.PositiveSmallIntegerField(_("depth"), default=0)
    path = models.CharField(max_length=255, blank=True, editable=False)
    in_reply_to = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replies",
    )

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    guest_name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH, blank=True)
    guest_email = models.EmailField(_("email"), blank=True)
    guest_website = models.URLField(_("website"), max_length=200, blank=True)

    body = models.TextField(_("comment"))
    body_html = models.TextField(editable=False)

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.APPROVED
    )
    status_before_removal = models.CharField(
        max_length=10, choices=Status.choices, blank=True, editable=False
    )
    removed_by = models.CharField(
        _("removed by"), max_length=10, choices=RemovedBy.choices, blank=True
    )
    removed_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("removed by (account)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)

    created_at = models.DateTimeField(_("posted at"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    guest_token_hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        permissions = [("moderate_comments", _("Can moderate the comments of every post"))]
        indexes = [
            models.Index(fields=["post", "thread", "path"], name="comment_display_idx"),
            models.Index(fields=["post", "status", "thread"], name="comment_threads_idx"),
        ]

    def __str__(self):
        return Truncator(self.body).chars(60)

    def get_absolute_url(self):
        return reverse("comments:permalink", kwargs={"pk": self.pk})

    @staticmethod
    def path_step(pk):
        return f"{pk:0{PATH_STEP}d}"

    @property
    def author_name(self):
        if self.user_id is None:
            return self.guest_name or str(_("Anonymous"))
        return display_name(self.user)

    @property
    def website(self):
        return "" if self.user_id else self.guest_website

    @property
    def is_removed(self):
        return self.status == self.Status.REMOVED

    def excerpt(self, words=8):
        """The first words of the body, for "in reply to …" and the admin."""
        return Truncator(" ".join(self.body.split())).words(words, truncate="…")
