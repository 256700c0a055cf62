from django.core.management.base import BaseCommand

from accounts.services import forget_unconfirmed_accounts


class Command(BaseCommand):
    help = (
        "Delete the reader accounts never confirmed whose confirmation links have expired "
        "(PASSWORD_RESET_TIMEOUT), freeing their usernames and e-mail addresses."
    )

    def handle(self, *args, **options):
        count = forget_unconfirmed_accounts()
        self.stdout.write(f"Deleted {count} unconfirmed accounts whose links had expired.")
