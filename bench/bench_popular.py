"""View beacons per second through gunicorn, and the popular-posts widget's render time.

For SQLite, and for PostgreSQL when DATABASE_URL is set or --postgres URL is given: builds a
throwaway database (a temporary file; a new database on the PostgreSQL server, dropped at the
end), seeds posts with a year of daily views, times the widget rendered with a cold and a warm
cache, then starts gunicorn on a free port of 127.0.0.1 as `make run` does and sends beacons from
--concurrency keep-alive clients (bench/loadgen.py), every request from a distinct reader, until
--requests are answered or --seconds pass. Finally it checks that the counters grew by exactly
the number of views the server accepted.

    .venv/bin/python bench/bench_popular.py [--requests 4000] [--seconds 20] [--concurrency 16]
        [--workers CORES] [--threads 4] [--postgres URL] [--sqlite-only]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import loadgen  # noqa: E402

PYTHON = sys.executable
POSTS = 300
DAYS_OF_HISTORY = 365
WIDGET_RUNS = 300


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=4000, help="beacons per database")
    parser.add_argument("--seconds", type=float, default=20, help="time limit per database")
    parser.add_argument("--concurrency", type=int, default=16, help="keep-alive clients")
    parser.add_argument("--workers", type=int, default=loadgen.WORKERS, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=loadgen.THREADS, help="threads per worker")
    parser.add_argument("--postgres", metavar="URL", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--sqlite-only", action="store_true", help="skip PostgreSQL")
    parser.add_argument("--child", choices=["prepare", "count"], help=argparse.SUPPRESS)
    return parser.parse_args(argv)


# The child process: Django set up against the throwaway database named in the environment.


def child_prepare():
    """Migrate, seed posts and views, time the widget; print what the parent needs as JSON."""
    import datetime
    import random

    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.template import Context, Template
    from django.utils import timezone

    from blog.models import BlogSettings, Post, PostDailyViews
    from blog.widgets import POPULAR_KEY

    call_command("migrate", verbosity=0)
    rng = random.Random(5)
    now = timezone.now()
    words = [
        "le",
        "vent",
        "souffle",
        "sur",
        "la",
        "ville",
        "الريح",
        "تهب",
        "على",
        "المدينة",
        "wind",
    ]
    posts = Post.objects.bulk_create(
        Post(
            title=f"Post {n}",
            slug=f"post-{n}",
            body_text=" ".join(rng.choice(words) for _ in range(400)),
            status=Post.Status.PUBLISHED,
            publish_at=now - datetime.timedelta(days=n),
            language=rng.choice(["ar", "fr", "en"]),
            featured_thumb=f"posts/renditions/post-{n}-w320.webp",
        )
        for n in range(POSTS)
    )
    today = timezone.localdate()
    PostDailyViews.objects.bulk_create(
        (
            PostDailyViews(
                post=post, day=today - datetime.timedelta(days=day), views=rng.randint(1, 60)
            )
            for post in posts
            for day in range(1, DAYS_OF_HISTORY, 3)
        ),
        batch_size=2000,
    )
    blog = BlogSettings.load()
    blog.popular_count = 10
    blog.popular_window_days = 30
    blog.popular_show_snippet = blog.popular_show_thumbnail = True
    blog.save()
    BlogSettings.load()

    template = Template("{% load blog_tags %}{% popular_posts post %}")
    context = Context({"post": posts[0]})

    def timings(cold):
        samples = []
        for _ in range(WIDGET_RUNS):
            if cold:
                cache.delete(POPULAR_KEY)
            started = time.perf_counter()
            template.render(context)
            samples.append((time.perf_counter() - started) * 1000)
        return samples

    cold, warm = timings(cold=True), timings(cold=False)
    print(
        json.dumps(
            {
                "post_ids": [post.pk for post in posts],
                "views_before": count_views(),
                "daily_rows": PostDailyViews.objects.count(),
                "widget_cold_ms": summary(cold),
                "widget_warm_ms": summary(warm),
            }
        )
    )


def count_views():
    from django.db.models import Sum

    from blog.models import PostDailyViews

    return PostDailyViews.objects.aggregate(total=Sum("views"))["total"] or 0


def child_count():
    import django

    django.setup()
    print(json.dumps({"views": count_views()}))


# The parent process: databases, gunicorn and the clients (bench/loadgen.py).


def summary(samples):
    ordered = sorted(samples)
    return {
        "median": statistics.median(ordered),
        "p95": ordered[int(len(ordered) * 0.95) - 1],
    }


def run_child(mode, env, *args, script=__file__, timeout=None):
    """`script --child mode args` in a fresh process with `env`; its last output line, as JSON."""
    result = subprocess.run(
        [PYTHON, script, "--child", mode, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode:
        sys.exit(f"bench child {mode!r} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def base_env():
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        STATIC_MANIFEST="0",
        DJANGO_DEBUG="0",
        DJANGO_LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
        # The beacon needs no collected static files; WhiteNoise would warn about the folder.
        PYTHONWARNINGS="ignore:No directory at",
    )
    return env


@contextmanager
def sqlite_database():
    with tempfile.TemporaryDirectory(prefix="midad-bench-") as folder:
        env = base_env()
        env["SQLITE_PATH"] = str(Path(folder) / "bench.sqlite3")
        # A cache of its own for each database, so that no setting or widget of another run
        # is read back (the beacons' readers are distinct in each run anyway).
        env["CACHE_DIR"] = str(Path(folder) / "cache")
        yield env


@contextmanager
def postgres_database(server_url):
    """A new database on the server of `server_url`, dropped afterwards."""
    import psycopg

    name = f"midad_bench_{os.getpid()}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        with tempfile.TemporaryDirectory(prefix="midad-bench-cache-") as cache:
            env = base_env()
            env["DATABASE_URL"] = urlunsplit(urlsplit(server_url)._replace(path=f"/{name}"))
            env["CACHE_DIR"] = cache
            yield env
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def bench(label, database, args):
    print(f"== {label}")
    with database as env:
        prepared = run_child("prepare", env)
        print(
            f"seeded {len(prepared['post_ids'])} posts, {prepared['daily_rows']} daily rows, "
            f"{prepared['views_before']} views"
        )
        with loadgen.gunicorn(env, args.workers, args.threads) as (port, _pid):
            sent = loadgen.fire_beacons(
                port, prepared["post_ids"], args.requests, args.seconds, args.concurrency
            )
        counted = run_child("count", env)["views"] - prepared["views_before"]
    latency = sent.latency()
    print(
        f"beacons: {sent.answered} in {sent.seconds:.1f} s = {sent.rate():.0f} requests/s "
        f"(concurrency {args.concurrency}; gunicorn {args.workers} workers x {args.threads} "
        "threads)"
    )
    print(f"  latency median {latency['median']:.1f} ms, p95 {latency['p95']:.1f} ms")
    print(f"  statuses {dict(sorted(sent.statuses.items()))}; views counted {counted}")
    cold, warm = prepared["widget_cold_ms"], prepared["widget_warm_ms"]
    print(
        f"widget (10 posts, 30-day window): uncached median {cold['median']:.2f} ms "
        f"(p95 {cold['p95']:.2f}), cached median {warm['median']:.3f} ms (p95 {warm['p95']:.3f})"
    )
    if counted != sent.statuses.get(204, 0):
        sys.exit(f"counted {counted} views for {sent.statuses.get(204, 0)} accepted beacons")


def main():
    args = parse_args()
    if args.child == "prepare":
        return child_prepare()
    if args.child == "count":
        return child_count()
    bench("SQLite (file, WAL)", sqlite_database(), args)
    if args.postgres and not args.sqlite_only:
        bench("PostgreSQL", postgres_database(args.postgres), args)
    elif not args.sqlite_only:
        print("== PostgreSQL: skipped (set DATABASE_URL or pass --postgres URL)")


if __name__ == "__main__":
    main()
