"""In-process render time of the pages a reader gets rendered for them, on the demo blog.

Anonymous readers get the post page from the page cache (blog.pagecache); a signed-in reader, or
a guest whose details are remembered (a personal cookie), gets it rendered each time. This times
that rendered path with Django's test client in this process (no server, no network): the home
page, a label page and a post page with no comment, for a guest with a personal cookie and for a
signed-in reader. The blog is the demo blog (`seed_demo`) in a throwaway folder (SQLite database,
cache, collected static files with the production manifest), warm: each page is fetched a few
times before the timed runs. Both the wall-clock time and the CPU time of this process are given
(median and p95, in ms): on a shared machine the CPU time is the steadier of the two.

The post page keeps the parts every reader shares in the cache (blog.pagecache.part_key); the
last row draws them each time, as for the first reader after any change to the blog.

    .venv/bin/python bench/bench_render.py [--runs 300] [--json] [--profile PAGE]

--json prints one JSON line instead of the table (for bench/report.py); --profile PAGE prints
the functions PAGE spends its time in (cProfile) instead of timing every page.
"""

import argparse
import io
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WARM_RUNS = 5


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300, help="timed requests per page")
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    parser.add_argument("--profile", metavar="PAGE", help="profile one page (see the table)")
    return parser.parse_args()


def setup(folder):
    """Django against a fresh demo blog in `folder`."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="0",
        STATIC_MANIFEST="1",
        SQLITE_PATH=str(Path(folder) / "render.sqlite3"),
        CACHE_DIR=str(Path(folder) / "cache"),
        STATIC_ROOT=str(Path(folder) / "static"),
        MEDIA_ROOT=str(Path(folder) / "media"),
        DJANGO_SECRET_KEY_FILE=str(Path(folder) / "secret_key"),
    )
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--no-input", verbosity=0)
    call_command("seed_demo", "--small-images", stdout=io.StringIO())


def pages():
    """(name, address, client) for each timed page."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db.models import Count
    from django.test import Client

    from blog.models import Label, Post
    from blog.pagecache import forget_all_pages

    quiet = Post.objects.published().annotate(n=Count("comments")).filter(n=0)
    post = quiet.order_by("-publish_at").first()
    label = Label.objects.annotate(n=Count("labelled_posts")).order_by("-n").first()
    guest = Client()
    guest.cookies["midad_guest"] = "bench"  # remembered details: a page of one's own
    reader = Client()
    reader.force_login(get_user_model().objects.create_user("bench-reader", password="x" * 20))
    for client in (guest, reader):
        # The blog's own language (Arabic on the demo blog), as a first visit reads it.
        client.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
    return [
        ("home, guest with a cookie", "/", guest, None),
        ("label, guest with a cookie", label.get_absolute_url(), guest, None),
        ("post, no comment, guest with a cookie", post.get_absolute_url(), guest, None),
        ("post, no comment, signed-in reader", post.get_absolute_url(), reader, None),
        # A new site version stamp before each request: no kept part is found.
        ("post, signed-in reader, parts drawn", post.get_absolute_url(), reader, forget_all_pages),
    ]


def percentile(samples, share):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def timed(client, url, runs, before=None):
    """Median and p95 of wall-clock and CPU time per request (ms), and the page's queries;
    `before()`, when given, runs before each request, outside the time."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    before = before or (lambda: None)
    for _ in range(WARM_RUNS):
        before()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        assert "Cache-Control" in response and "private" in response["Cache-Control"], url
    wall, cpu = [], []
    for _ in range(runs):
        before()
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
    before()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return {
        "median": statistics.median(wall),
        "p95": percentile(wall, 0.95),
        "cpu_median": statistics.median(cpu),
        "cpu_p95": percentile(cpu, 0.95),
        "queries": len(queries),
    }


def render_times(runs=300):
    """Time every page on a throwaway demo blog; a list of rows (see `timed`)."""
    with tempfile.TemporaryDirectory(prefix="midad-render-") as folder:
        setup(folder)
        return [
            {"page": name, "url": url, **timed(client, url, runs, before)}
            for name, url, client, before in pages()
        ]


def table(rows):
    head = f"{'page':42} {'median':>7} {'p95':>7} {'cpu':>7} {'cpu p95':>8} {'queries':>8}"
    lines = [head, "-" * len(head)]
    for row in rows:
        lines.append(
            f"{row['page']:42} {row['median']:7.2f} {row['p95']:7.2f} "
            f"{row['cpu_median']:7.2f} {row['cpu_p95']:8.2f} {row['queries']:8d}"
        )
    lines.append("(ms per request, in-process; cpu: time.process_time of this process)")
    return "\n".join(lines)


def profile(name, runs):
    import cProfile
    import pstats

    with tempfile.TemporaryDirectory(prefix="midad-render-") as folder:
        setup(folder)
        chosen = [page for page in pages() if page[0].startswith(name)]
        if not chosen:
            sys.exit(f"no page named {name!r}")
        _name, url, client, before = chosen[0]
        before = before or (lambda: None)
        for _ in range(WARM_RUNS):
            before()
            client.get(url)
        profiler = cProfile.Profile()
        for _ in range(runs):
            before()
            profiler.enable()
            client.get(url)
            profiler.disable()
        stats = pstats.Stats(profiler).strip_dirs().sort_stats("cumulative")
        stats.print_stats(60)
        stats.sort_stats("tottime").print_stats(40)


def main():
    args = parse_args()
    if args.profile:
        profile(args.profile, args.runs)
        return
    rows = render_times(args.runs)
    print(json.dumps({"render": rows}) if args.json else table(rows))


if __name__ == "__main__":
    main()
