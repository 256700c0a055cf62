import datetime
import unicodedata

from django.conf import settings
from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from .images import RenditionsMixin, validate_image
from .sanitize import clean_post_body, html_to_text

LANGUAGE_CHOICES = settings.LANGUAGES
RTL_LANGUAGES = {"ar", "fa", "he", "ur"}
# Punctuation a snippet does not end on before its "…" (Latin and Arabic).
SNIPPET_TRAILING = " ,;:.!?-–—،؛۔"

EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False},
    "Image": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "TextStyle": True,
    "TextAlign": {"types": ["heading", "paragraph"]},
    "History": True,
    "HTML": True,
    "Fullscreen": True,
}


def text_direction(language_code):
    return "rtl" if (language_code or "").split("-")[0] in RTL_LANGUAGES else "ltr"


def bidi_isolate(text):
    """Wrap text of unknown direction (an Arabic label in a French sentence) in Unicode isolates,
    so quotes and punctuation around it stay where the sentence puts them."""
    return f"\u2068{text}\u2069"


def unique_slug(model, text, instance_pk=None, max_length=200):
    """A Unicode slug for `text` that no other row of `model` uses ("title", "title-2", …)."""
    base = slugify(text, allow_unicode=True)[: max_length - 4].strip("-") or "post"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exclude(pk=instance_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


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
        cache.delete(self.CACHE_KEY)

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


class AuthorQuerySet(models.QuerySet):
    def for_user(self, user):
        """The user's byline profile, created from their name on first use."""
        author = self.filter(user=user).first()
        if author is None:
            author = self.create(user=user, display_name=user.get_full_name() or user.username)
        return author


class Author(RenditionsMixin, models.Model):
    """A byline profile; linked to a user account when the author signs in to write."""

    rendition_source = "avatar"
    renditions = {"avatar_small": (96, 96)}

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
    )
    display_name = models.CharField(_("display name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True, allow_unicode=True)
    bio = models.TextField(_("biography"), blank=True)
    avatar = models.ImageField(
        _("avatar"), upload_to="avatars/", blank=True, validators=[validate_image]
    )
    avatar_small = models.ImageField(upload_to="avatars/renditions/", blank=True, editable=False)

    objects = AuthorQuerySet.as_manager()

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Author, self.display_name, self.pk, max_length=140)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("blog:author", kwargs={"slug": self.slug})

    @property
    def initials(self):
        return "".join(word[0] for word in self.display_name.split()[:2]).upper()


class Label(TagBase):
    """A label (tag) with a Unicode slug, as Blogger calls them."""

    name = models.CharField(_("name"), unique=True, max_length=100)
    slug = models.SlugField(_("slug"), unique=True, max_length=100, allow_unicode=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("label")
        verbose_name_plural = _("labels")

    def get_absolute_url(self):
        return reverse("blog:label", kwargs={"slug": self.slug})

    def slugify(self, tag, i=None):
        """A Unicode slug, never empty (a name of punctuation alone gives "label"), with room
        left for the "_1", "_2"… that taggit appends when two names give the same slug."""
        room = self._meta.get_field("slug").max_length - 8
        slug = slugify(tag, allow_unicode=True)[:room].strip("-_") or "label"
        return slug if i is None else f"{slug}_{i}"


class LabelledPost(TaggedItemBase):
    tag = models.ForeignKey(Label, on_delete=models.CASCADE, related_name="labelled_posts")
    content_object = models.ForeignKey("blog.Post", on_delete=models.CASCADE)

    class Meta:
        unique_together = [("content_object", "tag")]


class PostQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: the one definition used by every public page, feed and widget."""
        return self.filter(
            status__in=[Post.Status.SCHEDULED, Post.Status.PUBLISHED],
            publish_at__lte=timezone.now(),
        )

    def with_bylines(self):
        return self.prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("author")),
            "labels",
        )

    def by_author(self, author):
        return self.filter(bylines__author=author)

    def labelled(self, label):
        return self.filter(labels=label)

    def in_year(self, year):
        return self.filter(publish_at__year=year)

    def in_month(self, year, month):
        return self.filter(publish_at__year=year, publish_at__month=month)

    def search(self, query):
        """Posts whose title, excerpt or text contains every word of the query."""
        condition = Q()
        for word in query.split()[:10]:
            condition &= (
                Q(title__icontains=word) | Q(excerpt__icontains=word) | Q(body_text__icontains=word)
            )
        return self.filter(condition)

    def editable_by(self, user):
        """Posts a staff user may edit: all for editors, their own bylines for authors."""
        if user.has_perm("blog.edit_any_post"):
            return self
        return self.filter(bylines__author__user=user).distinct()

    def month_counts(self):
        """[(month as aware datetime, number of posts)], newest first, for the archive widget."""
        rows = (
            self.annotate(month=TruncMonth("publish_at"))
            .order_by()
            .values("month")
            .annotate(count=Count("id"))
            .order_by("-month")
        )
        return [(row["month"], row["count"]) for row in rows]

    def with_views(self, days=None, name="view_count"):
        """Annotate `name` with the views of the last `days` days (today included), or all time."""
        return self.annotate(**{name: views_in_window(days)})

    def with_view_counts(self):
        """`views_7d`, `views_30d` and `views_all` on each post, for the admin."""
        return (
            self.with_views(7, "views_7d").with_views(30, "views_30d").with_views(None, "views_all")
        )

    def popular(self, days=None):
        """Posts read in the last `days` days (all time when None), most read first."""
        start = view_window_start(days)
        daily = PostDailyViews.objects.all()
        if start is not None:
            daily = daily.filter(day__gte=start)
        # Sum the views of the posts read in the window only, not of every post.
        read = Q(pk__in=daily.values("post"))
        if start is None:
            read |= Q(pk__in=PostViewTotal.objects.values("post"))
        return self.filter(read).with_views(days).order_by("-view_count", "-publish_at", "-id")


class Post(RenditionsMixin, models.Model):
    rendition_source = "featured_image"
    renditions = {"featured_large": (1200, None), "featured_thumb": (320, 200)}

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")

    class CommentPolicy(models.TextChoices):
        INHERIT = "inherit", _("As the blog settings say")
        ANYONE = "anyone", _("Anyone, including guests")
        SIGNED_IN = "signed_in", _("Signed-in readers only")
        CLOSED = "closed", _("Nobody (comments closed)")

    class CommentModeration(models.TextChoices):
        INHERIT = "inherit", _("As the blog settings say")
        PUBLISH = "publish", _("Publish comments at once")
        HOLD_FIRST = "hold_first", _("Hold comments from first-time commenters")
        HOLD_ALL = "hold_all", _("Hold every comment for a moderator")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        allow_unicode=True,
        help_text=_("The last part of the post's address. Letters of any alphabet are welcome."),
    )
    body = ProseEditorField(
        _("body"), config={"extensions": EDITOR_EXTENSIONS}, sanitize=clean_post_body, blank=True
    )
    body_text = models.TextField(editable=False, blank=True)
    excerpt = models.TextField(
        _("excerpt"),
        blank=True,
        help_text=_(
            "A sentence or two for lists, feeds and search engines. Empty: taken from the body."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(_("publish at"), default=timezone.now, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    language = models.CharField(
        _("language of the post"),
        max_length=8,
        choices=LANGUAGE_CHOICES,
        default=settings.BLOG_LANGUAGE,
    )
    featured_image = models.ImageField(
        _("featured image"), upload_to="posts/%Y/%m/", blank=True, validators=[validate_image]
    )
    featured_image_alt = models.CharField(
        _("featured image description"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    featured_large = models.ImageField(upload_to="posts/renditions/", blank=True, editable=False)
    featured_thumb = models.ImageField(upload_to="posts/renditions/", blank=True, editable=False)
    authors = models.ManyToManyField(
        Author, through="Byline", related_name="posts", verbose_name=_("authors")
    )
    labels = TaggableManager(
        verbose_name=_("labels"),
        through=LabelledPost,
        blank=True,
        help_text=_("Separate labels with commas (, or ،)."),
    )
    comment_policy = models.CharField(
        _("who may comment"),
        max_length=16,
        choices=CommentPolicy.choices,
        default=CommentPolicy.INHERIT,
    )
    comment_moderation = models.CharField(
        _("comment moderation"),
        max_length=16,
        choices=CommentModeration.choices,
        default=CommentModeration.INHERIT,
    )

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-id"]
        get_latest_by = "publish_at"
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        permissions = [("edit_any_post", _("Can edit posts of any author"))]
        indexes = [models.Index(fields=["status", "publish_at"], name="post_visible_idx")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Post, self.title, self.pk)
        self.body = clean_post_body(self.body)
        self.body_text = html_to_text(self.body)
        if self.status == self.Status.PUBLISHED and self.publish_at > timezone.now():
            self.status = self.Status.SCHEDULED
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        local = timezone.localtime(self.publish_at)
        return reverse(
            "blog:post", kwargs={"year": local.year, "month": local.month, "slug": self.slug}
        )

    # Reading

    @property
    def direction(self):
        return text_direction(self.language)

    @property
    def language_name(self):
        return get_language_info(self.language)["name_local"]

    @property
    def is_published(self):
        return self.status != self.Status.DRAFT and self.publish_at <= timezone.now()

    @property
    def public_status(self):
        """The status a reader would see: a scheduled post whose time has come is published."""
        if self.status == self.Status.SCHEDULED and self.is_published:
            return self.Status.PUBLISHED
        return self.Status(self.status)

    @property
    def summary(self):
        """The editor's excerpt, or the first words of the body."""
        return self.excerpt or Truncator(self.body_text.replace("\n\n", " ")).chars(300)

    def snippet(self, length=150):
        """The excerpt or the body as one line of plain text, cut between words and ending with "…".

        A single word longer than `length` (a bare URL) is cut inside, but never between a letter
        and its combining marks (Arabic vowel signs).
        """
        source = self.excerpt or self.body_text
        # Only the start matters; the margin leaves room for runs of spaces and blank lines.
        text = " ".join(source[: length * 4].split())
        if len(text) <= length:
            return text if len(source) <= length * 4 else text + "…"
        cut = text[:length]
        if text[length] != " ":
            cut = cut.rpartition(" ")[0] or cut
        while len(cut) > 1 and unicodedata.combining(text[len(cut)]):
            cut = cut[:-1]
        return cut.rstrip(SNIPPET_TRAILING) + "…"

    @property
    def byline_authors(self):
        """Authors in byline order (uses the prefetch from `with_bylines()`)."""
        return [byline.author for byline in self.bylines.all()]

    def get_previous_published(self):
        return (
            Post.objects.published()
            .filter(
                Q(publish_at__lt=self.publish_at) | Q(publish_at=self.publish_at, id__lt=self.id)
            )
            .order_by("-publish_at", "-id")
            .only("title", "slug", "publish_at", "language")
            .first()
        )

    def get_next_published(self):
        return (
            Post.objects.published()
            .filter(
                Q(publish_at__gt=self.publish_at) | Q(publish_at=self.publish_at, id__gt=self.id)
            )
            .order_by("publish_at", "id")
            .only("title", "slug", "publish_at", "language")
            .first()
        )


class Byline(models.Model):
    """One author of a post, in the order the byline names them."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(
        Author, on_delete=models.PROTECT, related_name="bylines", verbose_name=_("author")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["post", "author"], name="one_byline_per_author")
        ]
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")

    def __str__(self):
        return self.author.display_name


def view_window_start(days, today=None):
    """The first day of a window of `days` days that ends today; None means all time.

    "The last 7 days" are today and the six days before it, in the site's time zone: a view
    7 days and 1 second ago is out. No days, 0, or more days than the calendar holds mean all time.
    """
    if not days:
        return None
    today = today or timezone.localdate()
    if days > (today - datetime.date.min).days:
        return None
    return today - datetime.timedelta(days=days - 1)


def views_in_window(days=None):
    """An expression for the views of the outer post in a window (see `view_window_start`)."""
    start = view_window_start(days)
    daily = PostDailyViews.objects.filter(post=OuterRef("pk"))
    if start is not None:
        daily = daily.filter(day__gte=start)
    total = daily.order_by().values("post").annotate(total=Sum("views")).values("total")
    views = Coalesce(Subquery(total), 0, output_field=models.BigIntegerField())
    if start is None:
        folded = PostViewTotal.objects.filter(post=OuterRef("pk")).values("views")
        views += Coalesce(Subquery(folded), 0, output_field=models.BigIntegerField())
    return views


class PostDailyViews(models.Model):
    """How many readers opened a post on one day (site time zone), as the view beacon counts."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="daily_views", verbose_name=_("post")
    )
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "day"], name="one_views_row_per_post_and_day")
        ]
        indexes = [models.Index(fields=["day"], name="post_daily_views_day_idx")]
        verbose_name = _("daily views")
        verbose_name_plural = _("daily views")

    def __str__(self):
        return f"{self.post_id} · {self.day}: {self.views}"


class PostViewTotal(models.Model):
    """Views of days older than the retention period, folded into one number per post.

    A post's all-time count is this plus its remaining daily rows; `fold_post_views` moves
    daily rows here. Kept apart from Post so that saving a post in the admin can never write
    back a stale total.
    """

    post = models.OneToOneField(
        Post,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="view_total",
        verbose_name=_("post"),
    )
    views = models.PositiveBigIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("folded views")
        verbose_name_plural = _("folded views")

    def __str__(self):
        return f"{self.post_id}: {self.views}"
