"""What an import remembers: where each post, comment and author came from (so a second run
changes nothing), the old addresses that now redirect, and the imports started from the admin."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from blog.models import Author, Post
from comments.models import Comment


class Source(models.TextChoices):
    BLOGGER = "blogger", "Blogger"
    WORDPRESS = "wordpress", "WordPress"


class ImportedPost(models.Model):
    """A post or page brought in from another blog, by its id there."""

    post = models.OneToOneField(Post, on_delete=models.CASCADE, related_name="origin")
    source = models.CharField(max_length=10, choices=Source.choices)
    source_id = models.CharField(max_length=255)
    # Blogger's numeric post id, for its per-post comment feed address.
    short_id = models.CharField(max_length=40, blank=True, db_index=True)
    # What the file said last time (services.fingerprint): a run that finds it unchanged skips.
    fingerprint = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="one_post_per_source_id")
        ]

    def __str__(self):
        return f"{self.source}:{self.source_id}"


class ImportedComment(models.Model):
    """A comment brought in from another blog. `old_ref` is what its old address names it by:
    Blogger's `?showComment=` time stamp, WordPress's comment id (`?replytocom=`)."""

    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, related_name="origin")
    source = models.CharField(max_length=10, choices=Source.choices)
    source_id = models.CharField(max_length=255)
    old_ref = models.CharField(max_length=40, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"], name="one_comment_per_source_id"
            )
        ]
        indexes = [models.Index(fields=["old_ref"], name="imported_comment_ref_idx")]

    def __str__(self):
        return f"{self.source}:{self.source_id}"


class ImportedAuthor(models.Model):
    """A byline profile made for an author of another blog (Blogger profile, WordPress login)."""

    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="origins")
    source = models.CharField(max_length=10, choices=Source.choices)
    source_id = models.CharField(max_length=255)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="one_author_per_source_id")
        ]

    def __str__(self):
        return f"{self.source}:{self.source_id}"


class OldAddress(models.Model):
    """An address a post or page had on the old blog; a request for it is sent on for good."""

    class Leads(models.TextChoices):
        PAGE = "page", _("The post itself")
        COMMENTS_FEED = "comments", _("The post's comment feed")

    # The path without its trailing slash ("/2012/03/blog-post_14.html"), or a query that names
    # the post on the home page ("?p=123", "?page_id=7").
    address = models.CharField(_("old address"), max_length=500, unique=True)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="old_addresses")
    leads_to = models.CharField(max_length=8, choices=Leads.choices, default=Leads.PAGE)

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")

    def __str__(self):
        return self.address


class ImportJob(models.Model):
    """An import started from the admin; a worker runs it and writes its progress here."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Failed")

    source = models.CharField(_("from"), max_length=10, choices=Source.choices)
    file = models.FileField(_("export file"), upload_to="imports/")
    file_name = models.CharField(max_length=255, blank=True)
    # The language of the editor who started it: the summary is written in it.
    language = models.CharField(max_length=8, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    # {"created": n, "updated": n, "skipped": n, "failed": n, "images": n, "problems": [...]}
    summary = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        permissions = [("import_blog", _("Can import a blog from an export file"))]

    def __str__(self):
        return f"{self.get_source_display()} · {self.file_name}"

    @property
    def percent(self):
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)


def may_import(user):
    """Who may import a blog: superusers and editors (the `transfer.import_blog` permission),
    with access to the admin."""
    return user.is_active and user.is_staff and user.has_perm("transfer.import_blog")
