"""Server time of every reader page on the 30-post demo blog and on a generated big blog.

For each engine (SQLite file under var/bench/; PostgreSQL when BENCH_DATABASE_URL or
DATABASE_URL is set, in databases named after its own: midad_x gives midad_x_demo and
midad_x_big), builds two databases: the demo blog (seed_demo, plus comments on one post)
and the demo blog with `seed_bench --posts N --comments M` added (kept between runs; --reseed
builds it again). Each page is requested through Django's test client, warm (three requests
first), and the median of --runs requests is printed beside its time on the demo blog, with
the ratio and whether it meets the targets (within 2× of the demo, under 50 ms). Each database
has a cache of its own (var/bench/cache-…), so no page or widget of one is served on the other;
the post page is measured as rendered (its cached copy and its related posts dropped before each
request, as for a post nobody has read lately) and as served from the page cache. A big database
kept from an earlier run is migrated (and analysed) when the code has new migrations.

    .venv/bin/python bench/bench_scale.py [--posts 100000] [--comments 1000000] [--runs 15]
        [--engines sqlite,postgresql] [--reseed]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DIR = ROOT / "var" / "bench"
DEMO_COMMENTS = 40


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--reseed", action="store_true")
    # Internal: one measurement run in a child process.
    parser.add_argument("--child", choices=["build", "migrate", "measure"])
    parser.add_argument("--database")
    parser.add_argument("--big", action="store_true")
    return parser.parse_args()


def setup_django(database):
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    name = database.rpartition("/")[2].removesuffix(".sqlite3")
    os.environ["CACHE_DIR"] = str(BENCH_DIR / f"cache-{name}")
    os.environ["STATIC_MANIFEST"] = "0"
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    os.environ.pop("REDIS_URL", None)
    if database.startswith("postgres"):
        os.environ["DATABASE_URL"] = database
    else:
        os.environ.pop("DATABASE_URL", None)
        os.environ["SQLITE_PATH"] = database
    import django

    django.setup()


def build(args):
    """Migrate, load the demo blog with comments on one post, and for --big the generated one."""
    setup_django(args.database)
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection

    cache.clear()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--small-images", verbosity=0)
    demo_comments()
    if args.big:
        call_command("seed_bench", "--posts", str(args.posts), "--comments", str(args.comments))
    with connection.cursor() as cursor:
        # Fresh statistics, as a database that has been running a while has them.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def migrate(args):
    """Bring a kept big database up to the code's migrations; fresh statistics if any ran."""
    setup_django(args.database)
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    cache.clear()
    executor = MigrationExecutor(connection)
    if not executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def demo_comments():
    """Threaded comments on the newest demo post, so both blogs have a post with comments."""
    import random
    from collections import Counter

    from django.db import transaction
    from django.utils import timezone

    from blog.demo.generator import _thread_comments, build_corpus, insert_rows
    from blog.models import Post
    from comments.models import Comment

    post = Post.objects.published().first()
    if Comment.objects.filter(post=post).exists():
        return
    rng = random.Random(3)
    rows = []

    class Tally:
        comments, threads, deepest, busiest_post = Counter(), 0, 0, (None, 0)

    next_id = (Comment.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    _thread_comments(
        rows,
        post.pk,
        DEMO_COMMENTS,
        next_id,
        post.publish_at,
        timezone.now(),
        build_corpus(rng)[post.language],
        [None],
        rng,
        Tally(),
    )
    for row in rows:
        row.setdefault("guest_name", "Reader")
        row.pop("user_id", None)
    with transaction.atomic():
        insert_rows(Comment, rows)


def pages():
    """{name: url} of every reader page, chosen the same way on both blogs."""
    from django.db.models import Count
    from django.urls import reverse

    from blog.models import Author, Label, Post
    from comments.models import Comment

    posts = Post.objects.published()
    newest = posts.first()
    label = Label.objects.get(name="كتب") if Label.objects.filter(name="كتب").exists() else None
    label = label or Label.objects.annotate(n=Count("labelled_posts")).order_by("-n").first()
    author = Author.objects.order_by("pk").first()
    year = newest.publish_at.year
    # The post with the number of comments closest to the demo's commented post.
    counted = (
        Comment.objects.filter(status="approved")
        .values("post")
        .annotate(n=Count("pk"))
        .filter(n__gte=DEMO_COMMENTS, n__lte=DEMO_COMMENTS * 2)
        .order_by("n")
        .values_list("post", flat=True)[:1]
    )
    commented = Post.objects.get(pk=counted[0]) if counted else newest
    per_page = 10
    last_home = max(1, (posts.count() + per_page - 1) // per_page)
    return {
        "home": "/",
        "home, page 500 (or last)": f"/?page={min(500, last_home)}",
        "label": reverse("blog:label", args=[label.slug]),
        "author": reverse("blog:author", args=[author.slug]),
        "year archive": reverse("blog:year", args=[year]),
        "month archive": reverse("blog:month", args=[year, newest.publish_at.month]),
        "search (Arabic)": reverse("blog:search") + "?q=خرائط",
        "search (Latin)": reverse("blog:search") + "?q=réparation",
        "post with comments": commented.get_absolute_url(),
        "post (from the page cache)": commented.get_absolute_url() + "#cached",
        "sitemap index": "/sitemap.xml",
        "sitemap page (first)": "/sitemap-posts.xml?p=1",
        "sitemap page (last)": "/sitemap-posts.xml?p=" + str(max(1, (posts.count() + 999) // 1000)),
        "feed rss": reverse("blog:feed-rss"),
        "feed atom": reverse("blog:feed-atom"),
        "label feed": reverse("blog:label-feed-rss", args=[label.slug]),
        "author feed": reverse("blog:author-feed-atom", args=[author.slug]),
        "comments feed": reverse("comments:feed-rss"),
        "post comments feed": reverse("comments:post-feed-atom", args=[commented.pk]),
    }


def measure(args):
    setup_django(args.database)
    from django.core.signals import request_started
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    # Each request would empty the query log that the count reads.
    request_started.disconnect(reset_queries)

    from blog.models import Post
    from blog.pagecache import forget_post_page
    from blog.related import forget_related
    from comments.models import Comment

    client = Client()
    results = {"_size": {"posts": Post.objects.count(), "comments": Comment.objects.count()}}
    for name, url in pages().items():
        url, _hash, cached = url.partition("#")
        slug = unquote(url.rstrip("/").rpartition("/")[2])

        def prepare(rendered=name == "post with comments", slug=slug):
            # The post page as rendered: its kept copy and its related posts forgotten.
            if rendered:
                forget_post_page(slug)
                forget_related()

        for _ in range(3):
            prepare()
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        times = []
        for _ in range(args.runs):
            prepare()
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        prepare()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        results[name] = {
            "ms": statistics.median(times),
            "queries": len(queries),
            "items": listed_items(response),
            "url": url,
        }
    print(json.dumps(results))


# What one entry of a page looks like: a post card, a feed item, a sitemap address, a comment.
ITEM_MARKS = (
    '<article class="post-summary',
    '<li class="comment"',
    "<item>",
    "<entry",
    "<url>",
    "<sitemap>",
)


def listed_items(response):
    """How many entries the page lists: a list of 3 posts and one of 10 do not cost the same,
    whatever the size of the blog."""
    body = response.content.decode(errors="replace")
    return max(body.count(mark) for mark in ITEM_MARKS)


def child(mode, database, args, big=False):
    command = [sys.executable, __file__, "--child", mode, "--database", database]
    command += ["--posts", str(args.posts), "--comments", str(args.comments)]
    command += ["--runs", str(args.runs)] + (["--big"] if big else [])
    output = subprocess.run(command, check=True, capture_output=mode == "measure", text=True)
    return json.loads(output.stdout.strip().splitlines()[-1]) if mode == "measure" else None


def postgres_names(base, args):
    """The names of the demo and big databases, after the database of `base` (midad_NAME gives
    midad_NAME_demo and midad_NAME_big), so that people measuring on one server keep apart."""
    stem = base.rpartition("/")[2].split("?")[0] or "midad"
    default_size = (args.posts, args.comments) == (100_000, 1_000_000)
    big = f"{stem}_big" if default_size else f"{stem}_big_{args.posts}_{args.comments}"
    return f"{stem}_demo", big


def postgres_database(base, name):
    """A PostgreSQL URL for database `name` on the server of `base`, created if missing."""
    import psycopg

    head, _slash, _db = base.rpartition("/")
    with psycopg.connect(base, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')
    return f"{head}/{name}"


def drop_postgres(base, name):
    import psycopg

    with psycopg.connect(base, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')


def main():
    args = parse_args()
    if args.child == "build":
        return build(args)
    if args.child == "migrate":
        return migrate(args)
    if args.child == "measure":
        return measure(args)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    big_tag = f"{args.posts}-{args.comments}"
    for engine in args.engines.split(","):
        if engine == "sqlite":
            small = str(BENCH_DIR / "demo.sqlite3")
            big = str(BENCH_DIR / f"big-{big_tag}.sqlite3")
            for path in [small] + ([big] if args.reseed else []):
                for suffix in ("", "-wal", "-shm"):
                    Path(path + suffix).unlink(missing_ok=True)
            big_exists = Path(big).exists()
        else:
            base = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL")
            if not base:
                print("== postgresql: set BENCH_DATABASE_URL (or DATABASE_URL) to measure it")
                continue
            small_name, big_name = postgres_names(base, args)
            drop_postgres(base, small_name)
            if args.reseed:
                drop_postgres(base, big_name)
            small = postgres_database(base, small_name)
            import psycopg

            with psycopg.connect(base, autocommit=True) as connection:
                found = connection.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s", [big_name]
                ).fetchone()
            big = postgres_database(base, big_name)
            big_exists = found is not None
        started = time.perf_counter()
        child("build", small, args)
        if not big_exists:
            print(f"== {engine}: generating {args.posts} posts and {args.comments} comments…")
            child("build", big, args, big=True)
        else:
            child("migrate", big, args)
        print(f"== {engine}: databases ready in {time.perf_counter() - started:.0f} s")
        before, after = child("measure", small, args), child("measure", big, args)
        size = after.pop("_size")
        before.pop("_size")
        print(
            f"\n{engine}: median of {args.runs} warm requests, server time through the test "
            f"client; demo blog (30 posts) → {size['posts']} posts, {size['comments']} comments"
        )
        print(
            f"  {'page':<26} {'30 posts':>10} {'big':>10} {'ratio':>6} {'queries':>9} "
            f"{'items':>9}  targets"
        )
        for name, small_result in before.items():
            big_result = after[name]
            ratio = big_result["ms"] / small_result["ms"]
            met = "ok" if ratio <= 2 and big_result["ms"] < 50 else "MISSED"
            print(
                f"  {name:<26} {small_result['ms']:8.1f}ms {big_result['ms']:8.1f}ms "
                f"{ratio:5.2f}× {small_result['queries']:>4}/{big_result['queries']:<4} "
                f"{small_result['items']:>4}/{big_result['items']:<4}  {met}"
            )


if __name__ == "__main__":
    main()
