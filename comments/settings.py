"""The comments' own settings, edited in the admin: one row, read through `load()`."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from blog.models import CommentModeration, CommentPolicy
from blog.models.settings import SettingsRow


def without_inherit(choices):
    """The members of a per-post choice that the blog itself can choose."""
    return [(value, label) for value, label in choices.choices if value != choices.INHERIT]


class CommentSettings(SettingsRow):
    """Who may comment, how threads read, and the moderation and spam rules, blog-wide. A post
    may choose its own policy and moderation level (`Post.comment_policy`,
    `Post.comment_moderation`); "as the blog says" there means the values here."""

    class ThreadOrder(models.TextChoices):
        OLDEST = "oldest", _("Oldest first")
        NEWEST = "newest", _("Newest first")

    policy = models.CharField(
        _("who may comment"),
        max_length=16,
        choices=without_inherit(CommentPolicy),
        default=CommentPolicy.ANYONE,
    )
    close_after_days = models.PositiveIntegerField(
        _("close comments after (days)"),
        null=True,
        blank=True,
        help_text=_("Leave empty to keep comments open for ever."),
    )
    max_depth = models.PositiveSmallIntegerField(
        _("deepest reply level"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    threads_per_page = models.PositiveSmallIntegerField(
        _("comment threads per page"),
        default=50,
        validators=[MinValueValidator(5), MaxValueValidator(500)],
    )
    thread_order = models.CharField(
        _("comment order"), max_length=8, choices=ThreadOrder.choices, default=ThreadOrder.OLDEST
    )
    edit_minutes = models.PositiveSmallIntegerField(
        _("minutes a commenter may edit"),
        default=15,
        validators=[MaxValueValidator(24 * 60)],
    )

    # Moderation and spam defences
    moderation = models.CharField(
        _("moderation"),
        max_length=16,
        choices=without_inherit(CommentModeration),
        default=CommentModeration.PUBLISH,
    )
    max_links = models.PositiveSmallIntegerField(
        _("hold comments with more links than"),
        null=True,
        blank=True,
        default=2,
        validators=[MaxValueValidator(100)],
        help_text=_("Leave empty to never hold a comment for its links."),
    )
    hold_words = models.TextField(
        _("hold comments containing"),
        blank=True,
        help_text=_(
            "Words or phrases, one per line. Case, accents and Arabic vowel marks and "
            "tatweel are ignored."
        ),
    )
    reject_words = models.TextField(
        _("refuse comments containing"),
        blank=True,
        help_text=_(
            "Words or phrases, one per line; the commenter is asked to rephrase. Case, accents "
            "and Arabic vowel marks and tatweel are ignored."
        ),
    )
    min_seconds = models.PositiveSmallIntegerField(
        _("seconds between showing the form and sending it"),
        default=0,
        validators=[MaxValueValidator(600)],
        help_text=_("Refuses comments sent faster than a person types. 0 turns the check off."),
    )
    rate_limit = models.PositiveSmallIntegerField(
        _("comments per address or account"),
        null=True,
        blank=True,
        default=5,
        validators=[MinValueValidator(1)],
        help_text=_("How many comments one address or account may send in the period below."),
    )
    rate_seconds = models.PositiveIntegerField(
        _("rate limit period (seconds)"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60 * 60)],
    )
    confirm_guest_email = models.BooleanField(
        _("guests confirm their email address"),
        default=False,
        help_text=_(
            "Guests must give an email address; their comment waits until they follow the "
            "link sent to it."
        ),
    )
    reports_to_hide = models.PositiveSmallIntegerField(
        _("reports that hide a comment"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("After this many readers report a comment, it waits for a moderator."),
    )

    CACHE_KEY = "comments:settings"

    class Meta:
        verbose_name = _("comment settings")
        verbose_name_plural = _("comment settings")

    def __str__(self):
        return str(_("Comment settings"))
