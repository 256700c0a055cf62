"""The shared body of `import_blogger` and `import_wordpress`."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from .importing import reader_for, run_import
from .xmlstream import ImportRefused


class ImportCommand(BaseCommand):
    source = ""

    def add_arguments(self, parser):
        parser.add_argument("file", help="the export file")
        parser.add_argument(
            "--no-progress", action="store_true", help="print no progress bar (for logs)"
        )

    def handle(self, *args, **options):
        reader = reader_for(self.source, options["file"])
        bar = None

        def progress(done, total):
            nonlocal bar
            if bar is None:
                bar = tqdm(total=total, unit="entry", file=self.stderr._out, dynamic_ncols=True)
            bar.update(done - bar.n)

        try:
            report = run_import(reader, None if options["no_progress"] else progress)
        except (ImportRefused, OSError) as error:
            raise CommandError(str(error).splitlines()[0]) from error
        finally:
            if bar is not None:
                bar.close()
        for line in report.lines():
            self.stdout.write(line)
