"""Server time of a post page showing a 2,000-comment tree, and its SQL query count.

Builds a throwaway SQLite database, seeds one post with a realistic comment tree (threads of
every size, replies down to and past the deepest level, signed-in and guest commenters, edited,
removed, held and spam comments), then renders the page through Django's test client as a
guest (from the page cache, and rendered as it is for a guest holding a cookie), a signed-in
reader, the post's author and a moderator.

    .venv/bin/python bench/bench_comments.py [--comments 2000] [--runs 30]
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    return parser.parse_args()


def setup_django(database):
    os.environ["SQLITE_PATH"] = database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["STATIC_MANIFEST"] = "0"
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed_people():
    """The post's author (a signed-in writer with a byline), a moderator and forty signed-up
    readers."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from blog.models import Author
    from comments.models import CommentSettings

    rules = CommentSettings.load()
    rules.threads_per_page = 500  # the whole tree on one page: the worst case
    rules.save()
    users = get_user_model()
    writer = users.objects.create_user("writer", first_name="Salima", last_name="Benali")
    Author.objects.create(user=writer, display_name="Salima Benali")
    readers = [users.objects.create_user(f"reader{n}", first_name=f"Reader {n}") for n in range(40)]
    moderator = users.objects.create_user("moderator", first_name="Nadia")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    return writer, moderator, readers


def seed_post(title, count, rng, writer, readers):
    """A post with `count` comments: about one in eight starts a thread, the rest reply —
    mostly near the top of recent threads, sometimes down a long back-and-forth."""
    from django.utils import timezone

    from blog.models import Byline, Post
    from comments import services
    from comments.models import Comment

    post = Post.objects.create(
        title=title,
        body="<p>" + "Words worth discussing. " * 200 + "</p>",
        status=Post.Status.PUBLISHED,
        publish_at=timezone.now() - timedelta(days=40),
        language="en",
    )
    Byline.objects.create(post=post, author=writer.author_profile)

    sentences = (
        "La question mérite mieux que ça.",
        "Voir la source : https://example.org/source",
        "هذا رأي يستحق النقاش والتفكير.",
        "لا أوافق تماماً، لكن الفكرة مهمة.",
        "The point is fair but incomplete.",
        "Thank you for writing this.",
    )
    comments, threads = [], []
    for n in range(count):
        body = "\n\n".join(
            " ".join(rng.choice(sentences) for _ in range(rng.randint(1, 4)))
            for _ in range(rng.choice((1, 1, 1, 2, 3)))
        )
        target = None
        if threads and rng.random() > 0.12:
            # Recent threads are the lively ones; in a thread, most answers go to the top
            # comment or to someone near it, some go down a long back-and-forth.
            thread = threads[-rng.randint(1, min(len(threads), 12))]
            target = thread[min(len(thread) - 1, int(rng.paretovariate(1.2)) - 1)]
            if rng.random() < 0.25:
                target = thread[-1]
        who = rng.random()
        if who < 0.05:
            author_fields = {"user": writer}
        elif who < 0.45:
            author_fields = {"user": rng.choice(readers)}
        else:
            author_fields = {
                "guest_name": f"Guest {rng.randint(1, 300)}",
                "guest_website": "https://example.net/" if rng.random() < 0.2 else "",
                "guest_token": f"token-{n}",
            }
        comment = services.post_comment(post, body, reply_to=target, **author_fields)
        comments.append(comment)
        if target is None:
            threads.append([comment])
        else:
            next(thread for thread in threads if thread[0].pk == comment.thread_id).append(comment)

    start = timezone.now() - timedelta(days=30)
    step = timedelta(days=30) / count
    for n, comment in enumerate(comments):
        Comment.objects.filter(pk=comment.pk).update(
            created_at=start + step * n,
            edited_at=start + step * n + timedelta(minutes=3) if rng.random() < 0.05 else None,
        )
    for comment in rng.sample(comments, count // 30):
        services.remove_comment(comment, by_moderator=rng.random() < 0.3)
    # A few comments wait for a moderator, and a few were marked as spam.
    shown = [comment for comment in comments if comment.status == Comment.Status.APPROVED]
    for comment in rng.sample(shown, count // 40):
        Comment.objects.filter(pk=comment.pk).update(
            status=Comment.Status.PENDING, held_reason=Comment.HoldReason.LINKS
        )
    for comment in rng.sample(shown, count // 60):
        services.mark_spam(comment)
    return post


def measure(client, url, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        assert client.get(url).status_code == 200
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
    return statistics.median(times), p95, len(queries), len(response.content)


def main():
    args = parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup_django(str(Path(folder) / "bench.sqlite3"))
        from django.db import transaction
        from django.test import Client

        from comments.models import Comment

        rng = random.Random(args.seed)
        started = time.perf_counter()
        with transaction.atomic():
            writer, moderator, readers = seed_people()
            short = seed_post("A short exchange", 5, rng, writer, readers)
            post = seed_post("A long discussion", args.comments, rng, writer, readers)
        seconds = time.perf_counter() - started
        depths = list(Comment.objects.filter(post=post).values_list("depth", flat=True))
        mix = {depth: depths.count(depth) for depth in sorted(set(depths))}
        threads = Comment.objects.filter(post=post, depth=0).count()
        print(f"seeded {args.comments} comments in {threads} threads in {seconds:.1f} s")
        print("comments per depth: " + ", ".join(f"{d}: {n}" for d, n in mix.items()))

        print(f"post page, {args.runs} runs each (server time through the test client):")
        from comments.viewer import OWNER_COOKIE

        for label, user in (
            ("guest", None),
            ("guest, rendered", None),
            ("signed-in reader", readers[0]),
            ("post author", writer),
            ("moderator", moderator),
        ):
            for size, page in ((5, short), (args.comments, post)):
                client = Client()
                if user is not None:
                    client.force_login(user)
                if label == "guest, rendered":
                    # A guest cookie (here one that owns nothing) makes the page personal: it
                    # is rendered for this reader instead of coming from the page cache.
                    client.cookies[OWNER_COOKIE] = "owns-nothing"
                median, p95, queries, length = measure(client, page.get_absolute_url(), args.runs)
                print(
                    f"  {label:<17} {size:>5} comments   median {median:6.1f} ms   "
                    f"p95 {p95:6.1f} ms   {queries:>2} queries   {length / 1024:5.0f} KiB"
                )


if __name__ == "__main__":
    main()
