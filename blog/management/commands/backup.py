from django.core.management.base import BaseCommand, CommandError

from blog.backups import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite online backup, or pg_dump for PostgreSQL) and the "
        "uploaded media into a new folder, by default var/backups/midad-<time>/."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="The folder to create (must not exist yet).")

    def handle(self, *args, output=None, **options):
        try:
            folder = backup(output)
        except (BackupError, FileExistsError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(folder))
