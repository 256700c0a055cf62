"""Blog-wide settings, edited in the admin."""

from django.conf import settings
from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from ..text import LANGUAGE_CHOICES, text_direction


class BlogSettings(models.Model):
    """Blog-wide settings edited in the admin; one row, read through `BlogSettings.load()`."""

    class CommentPolicy(models.TextChoices):
        ANYONE = "anyone", _("Anyone, including guests")
        SIGNED_IN = "signed_in", _("Signed-in readers only")
        CLOSED = "closed", _("Nobody (comments closed)")

    class ThreadOrder(models.TextChoices):
        OLDEST = "oldest", _("Oldest first")
        NEWEST = "newest", _("Newest first")

    class Moderation(models.TextChoices):
        PUBLISH = "publish", _("Publish comments at once")
        HOLD_FIRST = "hold_first", _("Hold comments from first-time commenters")
        HOLD_ALL = "hold_all", _("Hold every comment for a moderator")

    title = models.CharField(_("title"), max_length=120, default="مداد")
    tagline = models.CharField(_("tagline"), max_length=250, blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=LANGUAGE_CHOICES,
        default=settings.BLOG_LANGUAGE,
        help_text=_("The language of the blog's interface for readers who have not chosen one."),
    )
    posts_per_page = models.PositiveSmallIntegerField(
        _("posts per page"), default=10, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    # Comments
    comment_policy = models.CharField(
        _("who may comment"),
        max_length=16,
        choices=CommentPolicy.choices,
        default=CommentPolicy.ANYONE,
    )
    close_comments_after_days = models.PositiveIntegerField(
        _("close comments after (days)"),
        null=True,
        blank=True,
        help_text=_("Leave empty to keep comments open for ever."),
    )
    comment_max_depth = models.PositiveSmallIntegerField(
        _("deepest reply level"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    comment_threads_per_page = models.PositiveSmallIntegerField(
        _("comment threads per page"),
        default=50,
        validators=[MinValueValidator(5), MaxValueValidator(500)],
    )
    comment_thread_order = models.CharField(
        _("comment order"), max_length=8, choices=ThreadOrder.choices, default=ThreadOrder.OLDEST
    )
    comment_edit_minutes = models.PositiveSmallIntegerField(
        _("minutes a commenter may edit"),
        default=15,
        validators=[MaxValueValidator(24 * 60)],
    )

    # Comment moderation and spam defences
    comment_moderation = models.CharField(
        _("moderation"), max_length=16, choices=Moderation.choices, default=Moderation.PUBLISH
    )
    comment_max_links = models.PositiveSmallIntegerField(
        _("hold comments with more links than"),
        null=True,
        blank=True,
        default=2,
        validators=[MaxValueValidator(100)],
        help_text=_("Leave empty to never hold a comment for its links."),
    )
    comment_hold_words = models.TextField(
        _("hold comments containing"),
        blank=True,
        help_text=_(
            "Words or phrases, one per line. Case, accents and Arabic vowel marks and "
            "tatweel are ignored."
        ),
    )
    comment_reject_words = models.TextField(
        _("refuse comments containing"),
        blank=True,
        help_text=_(
            "Words or phrases, one per line; the commenter is asked to rephrase. Case, accents "
            "and Arabic vowel marks and tatweel are ignored."
        ),
    )
    comment_min_seconds = models.PositiveSmallIntegerField(
        _("seconds between showing the form and sending it"),
        default=0,
        validators=[MaxValueValidator(600)],
        help_text=_("Refuses comments sent faster than a person types. 0 turns the check off."),
    )
    comment_rate_limit = models.PositiveSmallIntegerField(
        _("comments per address or account"),
        null=True,
        blank=True,
        default=5,
        validators=[MinValueValidator(1)],
        help_text=_("How many comments one address or account may send in the period below."),
    )
    comment_rate_seconds = models.PositiveIntegerField(
        _("rate limit period (seconds)"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60 * 60)],
    )
    comment_confirm_guest_email = models.BooleanField(
        _("guests confirm their email address"),
        default=False,
        help_text=_(
            "Guests must give an email address; their comment waits until they follow the "
            "link sent to it."
        ),
    )
    comment_reports_to_hide = models.PositiveSmallIntegerField(
        _("reports that hide a comment"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("After this many readers report a comment, it waits for a moderator."),
    )

    # Popular-posts widget
    popular_count = models.PositiveSmallIntegerField(
        _("popular posts shown"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    popular_window_days = models.PositiveIntegerField(
        _("popular over the last (days)"),
        null=True,
        blank=True,
        default=30,
        help_text=_("7 or 30 as on Blogger, any other number of days, or empty for all time."),
    )
    popular_label = models.ForeignKey(
        "blog.Label",
        verbose_name=_("only posts with the label"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    popular_show_snippet = models.BooleanField(_("show snippets"), default=True)
    popular_show_thumbnail = models.BooleanField(_("show thumbnails"), default=True)
    popular_exclude_current = models.BooleanField(_("leave out the post being read"), default=True)

    CACHE_KEY = "blog:settings"

    class Meta:
        verbose_name = _("blog settings")
        verbose_name_plural = _("blog settings")

    def __str__(self):
        return str(_("Blog settings"))

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        # Now, for the rest of this transaction, and again once it commits: a request that
        # read the old row meanwhile may have cached it.
        cache.delete(self.CACHE_KEY)
        transaction.on_commit(lambda: cache.delete(self.CACHE_KEY))

    @classmethod
    def load(cls):
        settings_row = cache.get(cls.CACHE_KEY)
        if settings_row is None:
            settings_row, _created = cls.objects.get_or_create(pk=1)
            cache.set(cls.CACHE_KEY, settings_row, 300)
        return settings_row

    @property
    def direction(self):
        return text_direction(self.language)
