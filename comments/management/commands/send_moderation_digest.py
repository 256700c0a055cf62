from django.core.management.base import BaseCommand

from comments.notifications import send_moderation_digest


class Command(BaseCommand):
    help = (
        "E-mail moderators the comments waiting for them (every held comment to those who "
        "moderate the whole blog, those on their own posts to bylined authors). Run it daily."
    )

    def handle(self, *args, **options):
        sent = send_moderation_digest()
        self.stdout.write(f"{sent} digest e-mail(s) sent.")
