import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from blog.models import BodyImage, discard_unused_body_images

DEFAULT_HOURS = 48


class Command(BaseCommand):
    help = (
        "Delete pictures uploaded into a post editor that no post shows, once they are older "
        "than --hours (the post was never saved, or the picture was taken out before saving)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            type=int,
            default=DEFAULT_HOURS,
            help=f"Keep unused uploads younger than this, for editors still writing "
            f"(default {DEFAULT_HOURS}).",
        )

    def handle(self, *args, hours, **options):
        cutoff = timezone.now() - datetime.timedelta(hours=max(hours, 1))
        abandoned = list(
            BodyImage.objects.unused().filter(created_at__lt=cutoff).values_list("pk", flat=True)
        )
        discard_unused_body_images(abandoned)
        self.stdout.write(f"Deleted {len(abandoned)} unused pictures older than {hours} hours.")
