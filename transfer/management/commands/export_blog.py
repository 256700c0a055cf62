from django.core.management.base import BaseCommand

from transfer.export import export_blog


class Command(BaseCommand):
    help = (
        "Write the whole blog to a WordPress export file (WXR 1.2): posts, pages, labels, "
        "authors, comment threads with their statuses, media addresses."
    )

    def add_arguments(self, parser):
        parser.add_argument("out", help="the file to write (- for standard output)")
        parser.add_argument("--media", metavar="DIR", help="also copy the media files into DIR")

    def handle(self, *args, **options):
        if options["out"] == "-":
            exporter = export_blog(self.stdout, options["media"])
        else:
            with open(options["out"], "w", encoding="utf-8") as out:
                exporter = export_blog(out, options["media"])
            self.stderr.write(f"Wrote {options['out']}")
        if options["media"]:
            self.stderr.write(f"Copied {len(exporter.media)} media files to {options['media']}")
