from django.core.management.base import BaseCommand

from blog.demo.loader import load_demo
from blog.models import Post


class Command(BaseCommand):
    help = (
        "Load the demo blog: about thirty posts in Arabic, French and English, an About page "
        "in each language, four authors, labels and drawn pictures. Only what is missing is "
        "added, so it is safe to run again; blog settings an editor has changed are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the blog already has at least one post.",
        )
        parser.add_argument(
            "--small-images",
            action="store_true",
            help="Draw thumbnail-sized pictures (much faster; for tests).",
        )

    def handle(self, *args, if_empty, small_images, **options):
        if if_empty and Post.objects.exists():
            self.stdout.write("The blog already has posts; demo content not loaded.")
            return
        report = load_demo(small_images=small_images)
        if not report.added_anything:
            self.stdout.write("The demo content is already there; nothing to add.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content loaded: {report.posts} posts, {report.authors} authors, "
                f"{report.labels} labels, {report.pages} pages"
                + (", blog title and tagline set." if report.blog_settings else ".")
            )
        )
