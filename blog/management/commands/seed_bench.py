from django.core.management.base import BaseCommand, CommandError

from blog.demo.generator import seed as seed_blog


class Command(BaseCommand):
    help = (
        "Add a big generated blog for benchmarks: Arabic, French and English posts made of the "
        "demo's sentences, with labels, bylines and threaded comments, written in bulk. "
        "Adds to what the database holds; run it on a database meant for measuring."
    )

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, default=1000, help="Posts to add (1000).")
        parser.add_argument(
            "--comments", type=int, default=10000, help="Comments to add, over the posts (10000)."
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed (same seed, same blog)."
        )

    def handle(self, *args, posts, comments, seed, **options):
        if posts < 0 or comments < 0:
            raise CommandError("--posts and --comments must be zero or more.")
        if comments and not posts:
            raise CommandError("Comments need posts: give --posts too.")
        self.stdout.write(f"Writing {posts} posts and {comments} comments…")
        report = seed_blog(posts, comments, seed=seed, log=self.stdout.write)
        statuses = ", ".join(f"{count} {status}" for status, count in report.posts.most_common())
        languages = ", ".join(f"{count} {code}" for code, count in report.languages.most_common())
        comment_statuses = ", ".join(
            f"{count} {status}" for status, count in report.comments.most_common()
        )
        busiest, busiest_count = report.busiest_post
        label, label_count = report.biggest_label
        self.stdout.write(
            self.style.SUCCESS(f"Made in {report.seconds:.0f} s:")
            + f"\n  posts: {sum(report.posts.values())} ({statuses}; {languages})"
            + f"\n  bylines: {report.bylines} (new authors: {report.authors})"
            + f"\n  labels on posts: {report.labelled} (new labels: {report.labels}; "
            + f"most used: {label} on {label_count} posts)"
            + f"\n  comments: {sum(report.comments.values())} ({comment_statuses}) in "
            + f"{report.threads} threads, {report.deepest + 1} levels deep; "
            + f"most on one post: {busiest_count} (post {busiest})"
            + f"\n  new reader accounts: {report.readers}"
        )
