"""Posts, their labels and their ordered bylines."""

import datetime
import unicodedata
from typing import NamedTuple
from urllib.parse import quote

from django.conf import settings
from django.db import connections, models, transaction
from django.db.models import (
    Case,
    Count,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from config.reverse import reverse

from ..body_images import render_body_images
from ..headings import TOC_MIN_HEADINGS, anchor_headings, table_of_contents
from ..images import (
    BODY_IMAGE_SIZES,
    RenditionsMixin,
    original_post_image_path,
    validate_image,
)
from ..sanitize import clean_post_body, html_to_text
from ..text import (
    LANGUAGE_CHOICES,
    french_spacing,
    reading_minutes,
    text_direction,
    unique_slug,
)
from .authors import Author
from .counters import PostDailyViews, PostViewTotal, view_window_start, views_in_window
from .images import BodyImage, discard_unused_body_images


def _prefetch(name):
    """How a post's bylines (with their authors) or labels are read with it."""
    if name == "bylines":
        return Prefetch("bylines", queryset=Byline.objects.select_related("author"))
    return name


class CommentPolicy(models.TextChoices):
    """Who may comment: a post's choice, or the blog's (comments.CommentSettings) when it
    inherits."""

    INHERIT = "inherit", _("As the blog settings say")
    ANYONE = "anyone", _("Anyone, including guests")
    SIGNED_IN = "signed_in", _("Signed-in readers only")
    CLOSED = "closed", _("Nobody (comments closed)")


class CommentModeration(models.TextChoices):
    """When a new comment is published: a post's choice, or the blog's when it inherits."""

    INHERIT = "inherit", _("As the blog settings say")
    PUBLISH = "publish", _("Publish comments at once")
    HOLD_FIRST = "hold_first", _("Hold comments from first-time commenters")
    HOLD_ALL = "hold_all", _("Hold every comment for a moderator")


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
    "Figure": True,
    "Caption": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "TextStyle": True,
    "TextAlign": {"types": ["heading", "paragraph"]},
    "History": True,
    "HTML": True,
    "Fullscreen": True,
    "BodyImages": True,
    "AdminLanguage": True,
}


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


# Before any post: the lower end of a BETWEEN that only needs an upper one.
EARLIEST = datetime.datetime(1, 1, 2, tzinfo=datetime.timezone.utc)


class ListingQuerySet(models.QuerySet):
    """Rows that list posts (labels on posts, bylines, search entries), each carrying its post's
    `listed_at`, so that a page of a long list is read from one index without the posts."""

    def listed(self):
        """Rows of posts readers may see: the twin of `Post.objects.published()`."""
        return self.filter(listed_at__lte=timezone.now())

    def listing(self, post_field):
        """Ids of the posts readers may see, newest first, as lists show them."""
        return (
            self.listed()
            .order_by("-listed_at", f"-{post_field}")
            .values_list(post_field, flat=True)
        )


class LabelledPost(TaggedItemBase):
    tag = models.ForeignKey(Label, on_delete=models.CASCADE, related_name="labelled_posts")
    content_object = models.ForeignKey("blog.Post", on_delete=models.CASCADE)
    # The post's `listed_at`, copied here by Post.save and blog.services.
    listed_at = models.DateTimeField(null=True, editable=False)

    objects = ListingQuerySet.as_manager()

    class Meta:
        unique_together = [("content_object", "tag")]
        indexes = [
            models.Index(fields=["tag", "listed_at", "content_object"], name="label_listing_idx")
        ]

    def save(self, *args, **kwargs):
        self.listed_at = self.content_object.listed_at
        super().save(*args, **kwargs)


def may_publish(user):
    """Whether `user` may publish and schedule (editors and authors); contributors may only
    submit their posts for review. The admin's form, actions and services all ask this."""
    return user.has_perm("blog.publish_post")


class PostQuerySet(models.QuerySet):
    def visible(self):
        """What readers may see, posts and pages alike: the one status-and-date rule. Its twin
        for the rows that list posts is `Post.listed_at` (see ListingQuerySet)."""
        return self.filter(status__in=READABLE_STATUSES, publish_at__lte=timezone.now())

    def publications_after(self, moment):
        """The times at which posts and pages become visible to readers after `moment`, soonest
        first (a queryset of `publish_at` values)."""
        return (
            self.filter(status__in=READABLE_STATUSES, publish_at__gt=moment)
            .order_by("publish_at")
            .values_list("publish_at", flat=True)
        )

    def next_publication(self):
        """When the next scheduled post or page becomes visible to readers, or None."""
        return self.publications_after(timezone.now()).first()

    def published(self):
        """Visible rows of this model's kind: posts for `Post.objects` (every list, feed, sitemap
        section, search and widget of posts), pages for `Page.objects`."""
        return self.visible().filter(kind=self.model.default_kind)

    def published_sql(self, alias):
        """The SQL twin of `published()`, for a statement the ORM takes longer to build than the
        database to run (the view beacon's UPDATE): a condition on the post table named `alias`
        and its parameters. tests/test_popular_counting.py keeps the two in step."""
        ops = connections[self.db].ops
        column = lambda name: f"{alias}.{ops.quote_name(name)}"  # noqa: E731
        statuses = ", ".join(["%s"] * len(READABLE_STATUSES))
        condition = (
            f"{column('status')} IN ({statuses}) AND {column('publish_at')} <= %s"
            f" AND {column('kind')} = %s"
        )
        now = ops.adapt_datetimefield_value(timezone.now())
        return condition, [*READABLE_STATUSES, now, self.model.default_kind]

    def older_than(self, post):
        """Rows listed after `post` (older, or as old with a smaller id), nearest first."""
        # The plain range beside the OR bounds the index scan: without it the scan starts at
        # the newest row and filters its way down to `post`. A BETWEEN, as SQLite takes the
        # first upper bound it is given (`publish_at <= now` of published()) over a later `<=`.
        return self.filter(
            Q(publish_at__lt=post.publish_at) | Q(publish_at=post.publish_at, id__lt=post.id),
            publish_at__range=(EARLIEST, post.publish_at),
        ).order_by("-publish_at", "-id")

    def newer_than(self, post):
        """Rows listed before `post` (newer, or as new with a larger id), nearest first."""
        return self.filter(
            Q(publish_at__gt=post.publish_at) | Q(publish_at=post.publish_at, id__gt=post.id),
            publish_at__gte=post.publish_at,
        ).order_by("publish_at", "id")

    def posts(self):
        return self.filter(kind=Post.Kind.POST)

    def pages(self):
        return self.filter(kind=Post.Kind.PAGE)

    def in_menu(self):
        """Published pages the site menu lists, in the order editors gave them."""
        return (
            self.visible().pages().filter(show_in_menu=True).order_by("menu_order", "title", "id")
        )

    def with_bylines(self):
        return self.prefetch_related(*(_prefetch(name) for name in ("bylines", "labels")))

    def with_comment_counts(self):
        """`comment_count` on each post: the approved comments readers see, counted inside the
        list's own query (a subquery, so joins made by other filters cannot multiply it)."""
        # Comments build on posts, so they are imported when asked for, not at load time.
        from comments.models import Comment

        approved = (
            Comment.objects.approved()
            .filter(post=OuterRef("pk"))
            .order_by()
            .values("post")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(comment_count=Coalesce(Subquery(approved), 0))

    def by_author(self, author):
        return self.filter(bylines__author=author)

    def labelled(self, label):
        return self.filter(labels=label)

    def in_year(self, year):
        return self.filter(publish_at__year=year)

    def in_month(self, year, month):
        # A range of the site's time, which the date index answers (no per-row month function).
        # BETWEEN, not >= and <: SQLite would walk the index from `publish_at <= now`, the
        # first upper bound it is given, down to the month.
        start = timezone.make_aware(datetime.datetime(year, month, 1))
        following = timezone.make_aware(datetime.datetime(year + month // 12, month % 12 + 1, 1))
        return self.filter(
            publish_at__range=(start, following - datetime.timedelta(microseconds=1))
        )

    def search(self, query):
        """Published posts matching a reader's query (words, "quoted phrases", prefix*), best
        first: matches in the title, then in the excerpt, then elsewhere, newest first within
        each. Folding and engines are in blog.search."""
        from ..search import search_posts

        return search_posts(self, query)

    def listing(self):
        """Ids of these posts in list order (for pages of a long list: see blog.pagination)."""
        return self.values_list("pk", flat=True)

    def in_order(self, ids):
        """These posts with the given ids, as a list in the order of `ids`."""
        ids = list(ids)
        found = self.in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]

    def sync_listing(self):
        """Copy each post's `listed_at` to the rows that list it (labels, bylines, search
        entries), after a write that bypassed `Post.save` (a queryset update)."""
        listed = Case(
            When(Post.listed_condition(), then=F("publish_at")),
            default=None,
            output_field=models.DateTimeField(),
        )
        ids = list(self.values_list("pk", flat=True))
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            value = Subquery(
                Post.objects.filter(pk=OuterRef("post_id")).annotate(v=listed).values("v")
            )
            Byline.objects.filter(post__in=chunk).update(listed_at=value)
            SearchEntry.objects.filter(post__in=chunk).update(listed_at=value)
            LabelledPost.objects.filter(content_object__in=chunk).update(
                listed_at=Subquery(
                    Post.objects.filter(pk=OuterRef("content_object_id"))
                    .annotate(v=listed)
                    .values("v")
                )
            )

    def editable_by(self, user):
        """Posts a staff user may edit: all for editors; their own bylines for authors; their
        own drafts and posts waiting for review for contributors. `Post.is_editable_by` is the
        same rule for one post."""
        if user.has_perm("blog.edit_any_post"):
            return self
        own = self.filter(pk__in=Byline.objects.filter(author__user=user).values("post"))
        if may_publish(user):
            return own
        return own.filter(status__in=UNPUBLISHED_STATUSES)

    def pending_review(self):
        return self.filter(status=Post.Status.PENDING)

    def month_counts(self):
        """[(month as aware datetime, number of posts)], newest first, for the archive widget.

        A range count per month between the first and the last post, each answered by the date
        index, sent as one UNION ALL: grouping by a month computed for every post would read
        them all.
        """
        # Each end read from the index (MIN and MAX beside other conditions walk all of it).
        ends = self.order_by().values(
            first=Subquery(self.order_by("publish_at").values("publish_at")[:1]),
            last=Subquery(self.order_by("-publish_at").values("publish_at")[:1]),
        )
        bounds = next(iter(ends[:1]), None)
        if bounds is None:
            return []
        first, last = (timezone.localtime(bounds[key]) for key in ("first", "last"))
        months, year, month = [], last.year, last.month
        while (year, month) >= (first.year, first.month):
            months.append((year, month))
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        counts = {}
        # SQLite joins at most 500 SELECTs in one compound query.
        for start in range(0, len(months), 400):
            parts = [
                self.in_month(year, month)
                .order_by()
                .values(month=Value(year * 100 + month))
                .annotate(count=Count("pk"))
                .values_list("month", "count")
                for year, month in months[start : start + 400]
            ]
            counts.update(parts[0].union(*parts[1:], all=True))
        return [
            (timezone.make_aware(datetime.datetime(key // 100, key % 100, 1)), counts[key])
            for key in sorted(counts, reverse=True)
            if counts[key]
        ]

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


# What reverse() leaves unquoted in an address (django.urls.resolvers).
URL_SAFE = RFC3986_SUBDELIMS + "/~:@"


class Post(RenditionsMixin, models.Model):
    rendition_source = "featured_image"
    # The large one first: its size is kept for the width and height attributes.
    renditions = {
        "featured_large": (1200, None),
        "featured_medium": (960, None),
        "featured_small": (480, None),
        "featured_thumb": (320, 200),
        "featured_thumb_wide": (640, 400),
    }
    rendition_size = ("featured_width", "featured_height")
    # How wide the featured image is drawn on the post page, and on a card.
    featured_sizes = BODY_IMAGE_SIZES
    thumb_sizes = "(max-width: 36rem) calc(100vw - 2rem), 10rem"

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING = "pending", _("Pending review")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")

    class Kind(models.TextChoices):
        POST = "post", _("Post")
        PAGE = "page", _("Page")

    CommentPolicy = CommentPolicy
    CommentModeration = CommentModeration

    kind = models.CharField(
        _("kind"), max_length=4, choices=Kind.choices, default=Kind.POST, editable=False
    )
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
    # Computed on save from the body: [[level, id, text], …] of its h2–h4, and reading time.
    headings = models.JSONField(default=list, editable=False, blank=True)
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)
    excerpt = models.TextField(
        _("excerpt"),
        blank=True,
        help_text=_(
            "A sentence or two for lists, feeds and search engines. Empty: taken from the body."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(_("publish at"), default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    language = models.CharField(
        _("language of the post"),
        max_length=8,
        choices=LANGUAGE_CHOICES,
        default=settings.BLOG_LANGUAGE,
    )
    featured_image = models.ImageField(
        _("featured image"),
        upload_to=original_post_image_path,
        blank=True,
        validators=[validate_image],
    )
    featured_image_alt = models.CharField(
        _("featured image description"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    featured_large = models.ImageField(upload_to="posts/renditions/", blank=True, editable=False)
    featured_medium = models.ImageField(upload_to="posts/renditions/", blank=True, editable=False)
    featured_small = models.ImageField(upload_to="posts/renditions/", blank=True, editable=False)
    featured_thumb = models.ImageField(upload_to="posts/renditions/", blank=True, editable=False)
    featured_thumb_wide = models.ImageField(
        upload_to="posts/renditions/", blank=True, editable=False
    )
    featured_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    featured_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    body_images = models.ManyToManyField(
        BodyImage, blank=True, editable=False, related_name="posts"
    )
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

    show_in_menu = models.BooleanField(
        _("show in the site menu"),
        default=True,
        help_text=_("Pages only: list this page in the menu at the top of every page."),
    )
    menu_order = models.PositiveSmallIntegerField(
        _("menu position"),
        default=0,
        help_text=_("Pages only: smaller numbers come first in the site menu."),
    )

    # Every row, posts and pages: slugs are unique across both, and comments point here.
    objects = PostQuerySet.as_manager()
    default_kind = Kind.POST

    class Meta:
        ordering = ["-publish_at", "-id"]
        get_latest_by = "publish_at"
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        permissions = [
            ("edit_any_post", _("Can edit posts of any author")),
            ("publish_post", _("Can publish and schedule posts")),
        ]
        # Lists of published posts read their order and their count from this index alone. No
        # index starts with the status: SQLite would choose it for `status IN (…)` and then sort
        # every published post.
        indexes = [
            models.Index(fields=["publish_at", "id", "status", "kind"], name="post_listing_idx"),
            # The few pages (site menu, sitemap) among 100,000 posts, in menu order.
            models.Index(
                fields=["menu_order", "title", "id"],
                condition=Q(kind="page"),
                name="page_menu_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.language == "fr":
            self.title = french_spacing(self.title)
        if not self.slug:
            self.slug = unique_slug(Post, self.title, self.pk)
        self.body = clean_post_body(self.body)
        images = list(BodyImage.objects.in_html(self.body))
        self.body = render_body_images(
            self.body, {image.key: image for image in images}, first_eager=not self.featured_image
        )
        self.body, self.headings = anchor_headings(self.body)
        self.body_text = html_to_text(self.body)
        self.reading_minutes = reading_minutes(self.body_text, self.language)
        if self.status == self.Status.PUBLISHED and self.publish_at > timezone.now():
            self.status = self.Status.SCHEDULED
        super().save(*args, **kwargs)
        from ..search import index_posts

        # The rows that list the post, and its search entry, follow it in the same transaction.
        Byline.objects.filter(post=self).update(listed_at=self.listed_at)
        LabelledPost.objects.filter(content_object=self).update(listed_at=self.listed_at)
        index_posts([self])
        self._link_body_images(images)

    def get_absolute_url(self):
        if self.is_page:
            return reverse("blog:page", kwargs={"slug": self.slug})
        return self.address(self.slug, self.publish_at)

    @staticmethod
    def address(slug, publish_at):
        """The address of the post with `slug` published at `publish_at`: `get_absolute_url`'s
        rule, for rows read without their model (the sitemap). The month's address is worked out
        once (config.reverse remembers it) and the slug quoted as reverse() would: a sitemap
        page lists a thousand posts, each reversed once otherwise."""
        local = timezone.localtime(publish_at)
        month = reverse("blog:post", kwargs={"year": local.year, "month": local.month, "slug": "-"})
        return f"{month[:-2]}{quote(slug, safe=URL_SAFE)}/"

    def _link_body_images(self, images):
        """Record which uploaded pictures the body shows; those it no longer shows lose their
        files once the change is committed, unless another post shows them."""
        shown = {image.pk for image in images}
        dropped = set(self.body_images.values_list("pk", flat=True)) - shown
        self.body_images.set(images)
        if dropped:
            transaction.on_commit(lambda: discard_unused_body_images(dropped))

    # Reading

    @property
    def is_page(self):
        return self.kind == self.Kind.PAGE

    def is_editable_by(self, user):
        """The rule of `PostQuerySet.editable_by`, for one post."""
        if user.has_perm("blog.edit_any_post"):
            return True
        if not self.bylines.filter(author__user=user).exists():
            return False
        return may_publish(user) or self.status in UNPUBLISHED_STATUSES

    @property
    def comments_off(self):
        """The post's own rule closes comments: "closed", or "inherit" on a page, whose comments
        are off unless it opens them."""
        policy = self.comment_policy
        return policy == self.CommentPolicy.CLOSED or (
            self.is_page and policy == self.CommentPolicy.INHERIT
        )

    @property
    def table_of_contents(self):
        """Nested headings for the post page, when there are enough of them to need one."""
        if len(self.headings) < TOC_MIN_HEADINGS:
            return []
        return table_of_contents(self.headings)

    @property
    def listed_at(self):
        """When the post enters the lists readers see (None: never, as a draft or a page):
        stored on the rows that list posts, where `listed_at <= now` says what
        `Post.objects.published()` says. `Post.listed_condition()` is its SQL side."""
        listed = self.status in READABLE_STATUSES and self.kind == self.Kind.POST
        return self.publish_at if listed else None

    @classmethod
    def listed_condition(cls):
        """The posts whose `listed_at` is their publication time (the others have none)."""
        return Q(status__in=READABLE_STATUSES, kind=cls.Kind.POST)

    @property
    def direction(self):
        return text_direction(self.language)

    @property
    def featured_src(self):
        """The featured image's fallback address: the medium rendition (older posts: large)."""
        return (self.featured_medium or self.featured_large).url

    @property
    def featured_srcset(self):
        """The featured image's renditions for `srcset`, each width listed once."""
        if not self.featured_width:
            return ""
        candidates = {}
        for name in ("featured_small", "featured_medium", "featured_large"):
            rendition = getattr(self, name)
            width = min(self.renditions[name][0], self.featured_width)
            if rendition and width not in candidates:
                candidates[width] = rendition.url
        return ", ".join(f"{url} {width}w" for width, url in sorted(candidates.items()))

    @property
    def thumb_srcset(self):
        """The card picture at one and two times its width, for `srcset`."""
        if not (self.featured_thumb and self.featured_thumb_wide):
            return ""
        return f"{self.featured_thumb.url} 320w, {self.featured_thumb_wide.url} 640w"

    @property
    def is_published(self):
        return self.status in READABLE_STATUSES and self.publish_at <= timezone.now()

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
        """Authors in byline order (from the prefetch of `with_bylines()`, or read once now)."""
        self._read_once("bylines")
        return [byline.author for byline in self.bylines.all()]

    @property
    def label_list(self):
        """The post's labels (from the prefetch of `with_bylines()`, or read once now)."""
        self._read_once("labels")
        return list(self.labels.all())

    def _read_once(self, name):
        # A post page reads its bylines and labels only when it draws them: most of the page
        # may come from the cache (blog.pagecache.part_key).
        if name not in getattr(self, "_prefetched_objects_cache", {}):
            prefetch_related_objects([self], _prefetch(name))

    def published_neighbours(self):
        """The next newer and the next older published post (either may be None), found in
        one query: each side is an index lookup in a subquery."""
        published = Post.objects.published()
        older = published.older_than(self)
        newer = published.newer_than(self)
        found = Post.objects.filter(
            Q(pk=Subquery(older.values("pk")[:1])) | Q(pk=Subquery(newer.values("pk")[:1]))
        ).only("kind", "title", "slug", "publish_at", "language")
        sides = {"newer": None, "older": None}
        for post in found:
            side = "newer" if (post.publish_at, post.pk) > (self.publish_at, self.pk) else "older"
            sides[side] = post
        return Neighbours(**sides)


class Neighbours(NamedTuple):
    newer: "Post | None"
    older: "Post | None"


# Statuses readers may see once `publish_at` has come, and those a contributor may still edit.
READABLE_STATUSES = (Post.Status.SCHEDULED, Post.Status.PUBLISHED)
UNPUBLISHED_STATUSES = (Post.Status.DRAFT, Post.Status.PENDING)


class PageManager(models.Manager.from_queryset(PostQuerySet)):
    def get_queryset(self):
        return super().get_queryset().pages()


class Page(Post):
    """A static page (About, Contact): a Post row of kind "page", outside every list of posts.

    Same editor, language, status and preview as posts, served at /p/<slug>/, listed in the site
    menu. Comments stay off unless the page's own policy opens them (`comments.comment_access`).
    """

    objects = PageManager()
    default_kind = Post.Kind.PAGE

    class Meta:
        proxy = True
        ordering = ["menu_order", "title", "id"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def save(self, *args, **kwargs):
        self.kind = self.Kind.PAGE
        super().save(*args, **kwargs)


class Byline(models.Model):
    """One author of a post, in the order the byline names them."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(
        Author, on_delete=models.PROTECT, related_name="bylines", verbose_name=_("author")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # The post's `listed_at`, copied here by Post.save and blog.services.
    listed_at = models.DateTimeField(null=True, editable=False)

    objects = ListingQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["post", "author"], name="one_byline_per_author")
        ]
        indexes = [models.Index(fields=["author", "listed_at", "post"], name="byline_listing_idx")]
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")

    def __str__(self):
        return self.author.display_name

    def save(self, *args, **kwargs):
        self.listed_at = self.post.listed_at
        super().save(*args, **kwargs)


class SearchEntry(models.Model):
    """A post as search finds it: its `listed_at` (see Post.listed_at) beside the words of its
    title, excerpt and text, which blog.search keeps in the engine's own structure (an FTS5
    table on SQLite, tsvector columns of this table on PostgreSQL)."""

    post = models.OneToOneField(
        Post, on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    listed_at = models.DateTimeField(null=True)

    objects = ListingQuerySet.as_manager()

    def __str__(self):
        return str(self.post_id)
