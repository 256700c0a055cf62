"""Blog-wide settings, edited in the admin."""

from django.conf import settings
from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from config.cache import forget_for_request, once_per_request

from ..text import LANGUAGE_CHOICES, text_direction


class SettingsRow(models.Model):
    """A table of one row (pk 1) of settings edited in the admin, read through `load()` from
    the cache under `CACHE_KEY`, once per request (config.cache.once_per_request)."""

    CACHE_KEY = None

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        # Now, for the rest of this transaction, and again once it commits: a request that
        # read the old row meanwhile may have cached it.
        cache.delete(self.CACHE_KEY)
        forget_for_request(self.CACHE_KEY)
        transaction.on_commit(lambda: cache.delete(self.CACHE_KEY))

    @classmethod
    def load(cls):
        return once_per_request(cls.CACHE_KEY, cls._load)

    @classmethod
    def _load(cls):
        settings_row = cache.get(cls.CACHE_KEY)
        if settings_row is None:
            settings_row, _created = cls.objects.get_or_create(pk=1)
            cache.set(cls.CACHE_KEY, settings_row, 300)
        return settings_row


class BlogSettings(SettingsRow):
    """Blog-wide settings edited in the admin; one row, read through `BlogSettings.load()`.
    The comments keep their own (comments.CommentSettings)."""

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

    @property
    def direction(self):
        return text_direction(self.language)
