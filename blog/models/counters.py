"""View counts of posts, as the view beacon records them (see blog/popular.py)."""

import datetime

from django.db import models
from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
        "blog.Post", on_delete=models.CASCADE, related_name="daily_views", verbose_name=_("post")
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
        "blog.Post",
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
