from django.core.management.base import BaseCommand, CommandError

from blog.models import BlogSettings
from blog.services import fold_daily_views

DEFAULT_KEEP_DAYS = 400
# The admin's post list shows views over the last 30 days; those days must stay daily.
SHORTEST_KEEP_DAYS = 30


class Command(BaseCommand):
    help = (
        "Fold daily view counts older than --keep-days into each post's all-time total, "
        "so the counter table stays small. Safe to run repeatedly (e.g. daily from cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep-days",
            type=int,
            default=DEFAULT_KEEP_DAYS,
            help=f"Days of daily counts to keep, today included (default {DEFAULT_KEEP_DAYS}).",
        )

    def handle(self, *args, keep_days, **options):
        widget_days = BlogSettings.load().popular_window_days or 0
        needed = max(SHORTEST_KEEP_DAYS, widget_days)
        if keep_days < needed:
            raise CommandError(
                f"--keep-days must be at least {needed}: the admin's last 30 days and the "
                "popular-posts widget's period are read from the daily counts."
            )
        rows, views = fold_daily_views(keep_days)
        self.stdout.write(
            f"Folded {views} views from {rows} daily rows older than {keep_days} days."
        )
