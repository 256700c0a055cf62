from django.core.management.base import BaseCommand, CommandError

from blog.backups import BackupError, read_manifest, restore


class Command(BaseCommand):
    help = (
        "Replace the database and the uploaded media with those of a backup folder made by "
        "`backup`, then check every table holds the rows the backup counted."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="A folder made by `manage.py backup`.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask before replacing the current data."
        )

    def handle(self, *args, folder, yes, **options):
        try:
            manifest = read_manifest(folder)
            if (
                not yes
                and input(
                    f"Replace this site's database and media with the backup of "
                    f"{manifest['created']}? Type 'yes': "
                )
                != "yes"
            ):
                raise CommandError("Nothing restored.")
            rows = restore(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        tables, total = len(rows), sum(rows.values())
        self.stdout.write(f"Restored {total} rows in {tables} tables and the media.")
