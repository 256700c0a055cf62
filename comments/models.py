from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from accounts.models import display_name
from blog.models import CommentPolicy, Post

from .settings import CommentSettings

BODY_MAX_LENGTH = 5000
NAME_MAX_LENGTH = 60
# Each level of a comment's path is its id, zero-padded so that text order is tree order.
PATH_STEP = 10


def comment_access(post, rules=None):
    """Who may comment on `post` now, as a `CommentPolicy`: the post's own rule,
    else the blog's (nobody, for a page: its comments are off unless it opens them); nobody
    before publication or once the blog's time limit has passed."""
    rules = rules or CommentSettings.load()
    closed = CommentPolicy.CLOSED
    if not post.is_published:
        return closed
    rule = post.comment_policy
    if rule == CommentPolicy.INHERIT:
        rule = closed if post.is_page else rules.policy
    days = rules.close_after_days
    if days is not None and timezone.now() >= post.publish_at + timedelta(days=days):
        return closed
    return CommentPolicy(rule)


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def held(self):
        return self.filter(status=Comment.Status.PENDING)

    def of_published_posts(self):
        # Asked of each comment in turn (EXISTS), so the newest comments are found without
        # first listing every visible post, as `post IN (…)` does on SQLite.
        return self.filter(Exists(Post.objects.visible().filter(pk=OuterRef("post_id"))))

    def thread_counts(self, post, seen=None):
        """{"comments": approved comments, "threads": threads holding at least one comment
        the reader sees (`seen`, from `seen_by`; approved ones when None)}."""
        seen = Q(status=Comment.Status.APPROVED) if seen is None else seen
        return self.filter(post=post).aggregate(
            comments=Count("id", filter=Q(status=Comment.Status.APPROVED)),
            threads=Count("thread_id", filter=seen or None, distinct=True),
        )

    def page_of_threads(self, post, offset, limit, newest_first=False, seen=None):
        """Every comment (removed ones too, for tombstones) of one page of threads, in display
        order, in one query. Threads count when they hold a comment the reader sees."""
        seen = Q(status=Comment.Status.APPROVED) if seen is None else seen
        thread_order = "-thread_id" if newest_first else "thread_id"
        thread_ids = (
            self.filter(seen, post=post)
            .order_by(thread_order)
            .values("thread_id")
            .distinct()[offset : offset + limit]
        )
        return self.filter(post=post, thread_id__in=thread_ids).order_by(thread_order, "path")

    def threads_before(self, comment, newest_first=False, seen=None):
        """How many threads the reader sees come before `comment`'s thread."""
        seen = Q(status=Comment.Status.APPROVED) if seen is None else seen
        thread = comment.thread_id
        earlier = Q(thread_id__gt=thread) if newest_first else Q(thread_id__lt=thread)
        return (
            self.filter(earlier, seen, post_id=comment.post_id)
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

    class HoldReason(models.TextChoices):
        FIRST_COMMENT = "first", _("First comment of this commenter")
        HOLD_ALL = "all", _("Every comment is held")
        LINKS = "links", _("Too many links")
        WORDS = "words", _("Contains a held word")
        REPORTED = "reported", _("Reported by readers")
        UNCONFIRMED = "unconfirmed", _("Email address not confirmed yet")
        BANNED = "banned", _("The commenter is banned")

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
    # The guest followed the link sent to `guest_email`: only then does the address vouch for
    # them (comments.access).
    guest_email_confirmed = models.BooleanField(_("email confirmed"), default=False)

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
    held_reason = models.CharField(
        _("held because"), max_length=12, choices=HoldReason.choices, blank=True
    )
    report_count = models.PositiveIntegerField(_("reports"), default=0)
    # Reports that count towards hiding the comment (comments.access.report_counts), since
    # a moderator last approved it.
    counted_reports = models.PositiveIntegerField(default=0, editable=False)
    notify_replies = models.BooleanField(_("email the commenter about replies"), default=False)
    # The language the commenter read the site in: e-mails to a guest are written in it.
    language = models.CharField(_("language"), max_length=8, blank=True, editable=False)

    created_at = models.DateTimeField(_("posted at"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    # Set the first time the comment is shown to readers; announcements go out then, once.
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
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
            models.Index(fields=["status", "created_at"], name="comment_queue_idx"),
            # A post's comment feed: its newest approved comments, without walking the others.
            models.Index(fields=["post", "status", "created_at"], name="comment_feed_idx"),
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
    def author_email(self):
        """Where the commenter can be written to: the account's address, else the guest's."""
        return self.user.email if self.user_id else self.guest_email

    def excerpt(self, words=8):
        """The first words of the body, for "in reply to …" and the admin."""
        return Truncator(" ".join(self.body.split())).words(words, truncate="…")


class Report(models.Model):
    """One reader's report that a comment breaks the rules. A reader reports a comment once:
    an account once, a guest once per address and once per browser."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        ABUSE = "abuse", _("Insults, harassment or hate")
        PRIVATE = "private", _("Shares someone's private information")
        OTHER = "other", _("Something else")

    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), on_delete=models.CASCADE, related_name="reports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    token_hash = models.CharField(max_length=64, blank=True, editable=False)
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    note = models.CharField(_("details"), max_length=500, blank=True)
    counts = models.BooleanField(
        _("counts towards hiding"),
        default=True,
        help_text=_("Reports by new accounts and unconfirmed guests are kept but do not count."),
    )
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "user"],
                condition=Q(user__isnull=False),
                name="one_report_per_account",
            ),
            models.UniqueConstraint(
                fields=["comment", "token_hash"],
                condition=Q(user__isnull=True) & ~Q(token_hash=""),
                name="one_report_per_guest_browser",
            ),
            models.UniqueConstraint(
                fields=["comment", "ip_hash"],
                condition=Q(user__isnull=True) & ~Q(ip_hash=""),
                name="one_report_per_guest_address",
            ),
        ]

    def __str__(self):
        return f"{self.get_reason_display()} · {self.comment_id}"


class BanQuerySet(models.QuerySet):
    def active(self, now=None):
        """Bans in force: not lifted, and for good or not yet expired."""
        now = now or timezone.now()
        return self.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now), lifted_at=None)

    def matching(self, *, user=None, email="", ip_hash=""):
        """Bans that name this account, this e-mail address (any case) or this address."""
        condition = Q(pk__in=[])
        if user is not None and user.is_authenticated:
            condition |= Q(kind=Ban.Kind.ACCOUNT, user=user)
            email = email or user.email
        if email:
            condition |= Q(kind=Ban.Kind.EMAIL, email__iexact=email.strip())
        if ip_hash:
            condition |= Q(kind=Ban.Kind.ADDRESS, ip_hash=ip_hash)
        return self.filter(condition)


class Ban(models.Model):
    """A commenter who may not comment: an account, an e-mail address or a (hashed) network
    address, for a period or for good. Existing comments are left as they are."""

    class Kind(models.TextChoices):
        ACCOUNT = "account", _("Account")
        EMAIL = "email", _("Email address")
        ADDRESS = "address", _("Network address")

    kind = models.CharField(_("what is banned"), max_length=8, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comment_bans",
    )
    email = models.EmailField(_("email"), blank=True)
    ip_hash = models.CharField(_("network address (hashed)"), max_length=64, blank=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    comment = models.ForeignKey(
        Comment,
        verbose_name=_("because of the comment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("banned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("banned at"), default=timezone.now)
    expires_at = models.DateTimeField(
        _("until"), null=True, blank=True, help_text=_("Empty: for good.")
    )
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)

    objects = BanQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ban")
        verbose_name_plural = _("bans")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="account", user__isnull=False)
                    | (Q(kind="email") & ~Q(email=""))
                    | (Q(kind="address") & ~Q(ip_hash=""))
                ),
                name="ban_names_what_it_bans",
            )
        ]

    def __str__(self):
        if self.kind == self.Kind.ACCOUNT:
            return str(self.user)
        if self.kind == self.Kind.EMAIL:
            return self.email
        return str(_("network address %(hash)s…") % {"hash": self.ip_hash[:10]})

    def is_active(self, now=None):
        now = now or timezone.now()
        return self.lifted_at is None and (self.expires_at is None or self.expires_at > now)


class ModerationLog(models.Model):
    """Who did what to which comment, when and why. Written by the services, never edited."""

    class Action(models.TextChoices):
        APPROVE = "approve", _("Approved")
        SPAM = "spam", _("Marked as spam")
        REMOVE = "remove", _("Removed")
        RESTORE = "restore", _("Restored")
        DELETE = "delete", _("Deleted for ever")
        HIDE_REPORTED = "reported", _("Hidden after reports")
        BAN = "ban", _("Banned the commenter")
        LIFT_BAN = "lift_ban", _("Lifted a ban")
        CLOSE = "close", _("Closed comments on the post")
        REOPEN = "reopen", _("Reopened comments on the post")

    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    comment = models.ForeignKey(
        Comment,
        verbose_name=_("comment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderation_log",
    )
    post = models.ForeignKey(
        Post,
        verbose_name=_("post"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # What the comment said and who wrote it, kept when the comment is deleted for ever.
    comment_excerpt = models.CharField(_("comment"), max_length=200, blank=True)
    comment_author = models.CharField(_("commenter"), max_length=NAME_MAX_LENGTH, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when the site acted by itself."),
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")

    def __str__(self):
        return f"{self.get_action_display()} · {self.comment_excerpt}"
