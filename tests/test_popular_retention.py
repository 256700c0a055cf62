"""Folding old daily counts into all-time totals: exact, repeatable, and refused when harmful."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from blog import services
from blog.models import BlogSettings, Post, PostDailyViews, PostViewTotal


def counts(days):
    return dict(Post.objects.with_views(days).values_list("title", "view_count"))


@pytest.fixture
def two_years_of_views(make_post):
    """Two posts read every third day for 700 days, and a third never read."""
    today = timezone.localdate()
    posts = [make_post("Essay"), make_post("Letter"), make_post("Unread")]
    PostDailyViews.objects.bulk_create(
        PostDailyViews(post=post, day=today - datetime.timedelta(days=days), views=n + days % 7 + 1)
        for n, post in enumerate(posts[:2])
        for days in range(0, 700, 3)
    )
    return posts


def fold(*args):
    output = io.StringIO()
    call_command("fold_post_views", *args, stdout=output)
    return output.getvalue()


@pytest.mark.django_db
class TestFold:
    def test_keeps_every_total_exact(self, two_years_of_views):
        before = {days: counts(days) for days in (7, 30, 365, 400, None)}
        rows_before = PostDailyViews.objects.count()

        output = fold("--keep-days", "400")

        assert {days: counts(days) for days in (7, 30, 365, 400, None)} == before
        oldest_kept = timezone.localdate() - datetime.timedelta(days=399)
        assert not PostDailyViews.objects.filter(day__lt=oldest_kept).exists()
        assert PostDailyViews.objects.filter(day=oldest_kept).count() == 2
        folded_rows = rows_before - PostDailyViews.objects.count()
        folded_views = sum(PostViewTotal.objects.values_list("views", flat=True))
        assert folded_rows == 2 * len(range(402, 700, 3))
        assert (
            output
            == f"Folded {folded_views} views from {folded_rows} daily rows older than 400 days.\n"
        )
        assert not PostViewTotal.objects.filter(post__title="Unread").exists()

    def test_running_again_changes_nothing(self, two_years_of_views):
        fold("--keep-days", "400")
        totals = dict(PostViewTotal.objects.values_list("post_id", "views"))
        rows = list(PostDailyViews.objects.order_by("pk").values_list("pk", "views"))

        assert fold("--keep-days", "400") == (
            "Folded 0 views from 0 daily rows older than 400 days.\n"
        )
        assert dict(PostViewTotal.objects.values_list("post_id", "views")) == totals
        assert list(PostDailyViews.objects.order_by("pk").values_list("pk", "views")) == rows

    def test_later_runs_add_to_the_folded_totals(self, two_years_of_views, time_machine):
        all_time = counts(None)
        fold("--keep-days", "400")

        time_machine.move_to(timezone.now() + datetime.timedelta(days=100))
        fold("--keep-days", "400")

        assert counts(None) == all_time
        # 100 days later, the days kept are those that were 0 to 299 days old before.
        assert PostDailyViews.objects.count() == 2 * len(range(0, 300, 3))

    def test_small_batches_fold_the_same_totals(self, two_years_of_views):
        all_time = counts(None)

        rows, views = services.fold_daily_views(40, batch_size=7)

        assert counts(None) == all_time
        assert views == sum(PostViewTotal.objects.values_list("views", flat=True))
        assert rows == 2 * len(range(40, 700, 3))

    def test_views_counted_after_folding_still_count(self, two_years_of_views):
        essay = two_years_of_views[0]
        all_time = counts(None)["Essay"]
        fold("--keep-days", "30")

        assert services.count_view(essay.pk, "a new reader")

        assert counts(None)["Essay"] == all_time + 1

    def test_deleting_a_post_deletes_its_counts(self, two_years_of_views):
        fold("--keep-days", "30")

        two_years_of_views[0].delete()

        assert not PostViewTotal.objects.filter(post_id=two_years_of_views[0].pk).exists()
        assert not PostDailyViews.objects.filter(post_id=two_years_of_views[0].pk).exists()

    def test_the_default_keeps_400_days(self, two_years_of_views):
        assert fold().endswith("older than 400 days.\n")


@pytest.mark.django_db
class TestRefused:
    @pytest.mark.parametrize("keep_days", ["29", "1", "0", "-5"])
    def test_fewer_days_than_the_admin_reads(self, two_years_of_views, keep_days):
        rows = PostDailyViews.objects.count()

        with pytest.raises(CommandError, match="at least 30"):
            fold("--keep-days", keep_days)

        assert PostDailyViews.objects.count() == rows
        assert not PostViewTotal.objects.exists()

    def test_fewer_days_than_the_widget_reads(self, two_years_of_views):
        blog = BlogSettings.load()
        blog.popular_window_days = 90
        blog.save()

        with pytest.raises(CommandError, match="at least 90"):
            fold("--keep-days", "60")
        fold("--keep-days", "90")

    @pytest.mark.parametrize("keep_days", ["many", "4.5", ""])
    def test_not_a_number(self, db, keep_days):
        with pytest.raises(CommandError, match="invalid int value"):
            fold("--keep-days", keep_days)
