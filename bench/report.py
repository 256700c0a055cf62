"""`make bench`: the site's benchmarks in one table, with var/bench/results.json and a chart of
the post page's render time against its number of comments (var/bench/comments.svg).

- Post pages with 5, 50, 500 and 2,000 threaded comments for an anonymous guest (served from the
  page cache), a guest with a page of their own (rendered), a signed-in reader and a moderator:
  median and p95 server time through Django's test client, SQL queries, size.
- Every reader page type on the 30-post demo blog and, when `manage.py seed_bench` exists, on a
  generated 100,000-post blog (built once into var/bench/ and reused): rendered, not cached.
- The popular-posts widget uncached and cached, and view beacons per second through gunicorn on
  SQLite and PostgreSQL (bench/bench_popular.py).
- Requests per second through gunicorn (one worker per core) for a cached anonymous post page
  next to a trivial fixed-response Django view (bench/urls.py), and through nginx running
  deploy/nginx.conf next to nginx serving the same page as a static file; peak memory of each
  gunicorn worker.

Everything runs on 127.0.0.1 in throwaway databases (SQLite files in a temporary folder, and a
temporary database on the PostgreSQL server of DATABASE_URL or --postgres).

    .venv/bin/python bench/report.py [--seconds 6] [--big-posts 100000] [--big-comments 1000000]
                                     [--postgres URL] [--quick]
"""

import argparse
import json
import os
import platform
import re
import selectors
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import bench_popular  # noqa: E402

OUT = ROOT / "var" / "bench"
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
SIZES = (5, 50, 500, 2000)
ROLES = ("guest, cached", "guest, own page", "signed-in reader", "moderator")
PERSONAL = "midad_guest=bench"  # any personal cookie: the page is rendered, not cached


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=6, help="per throughput measurement")
    parser.add_argument("--runs", type=int, default=20, help="page renders per measurement")
    parser.add_argument("--big-posts", type=int, default=100_000)
    parser.add_argument("--big-comments", type=int, default=1_000_000)
    parser.add_argument("--postgres", metavar="URL", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--quick", action="store_true", help="fewer runs, no big blog")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    return parser.parse_args()


# Children: Django set up against the database named in the environment; JSON on stdout.


def timed(client, url, runs, **headers):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        response = client.get(url, headers=headers)
        assert response.status_code == 200, (url, response.status_code)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url, headers=headers)
        samples.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    samples.sort()
    return {
        "median": statistics.median(samples),
        "p95": samples[min(len(samples) - 1, round(0.95 * len(samples)) - 1)],
        "queries": len(queries),
        "kib": len(response.content) / 1024,
    }


def child_comments(runs):
    import random

    import django

    django.setup()
    import bench_comments
    from django.core.management import call_command
    from django.db import transaction
    from django.test import Client

    call_command("migrate", verbosity=0)
    rng = random.Random(7)
    with transaction.atomic():
        writer, moderator, readers = bench_comments.seed_people()
        posts = {
            size: bench_comments.seed_post(f"{size} comments", size, rng, writer, readers)
            for size in SIZES
        }
    rows = []
    for size, post in posts.items():
        for role in ROLES:
            client = Client()
            if role == "guest, own page":
                client.cookies["midad_guest"] = "bench"
            elif role == "signed-in reader":
                client.force_login(readers[0])
            elif role == "moderator":
                client.force_login(moderator)
            result = timed(client, post.get_absolute_url(), runs if size < 2000 else runs // 2)
            rows.append({"comments": size, "role": role, **result})
    return rows


def page_urls():
    """One address of each reader page type, chosen from what the database holds."""
    from django.db.models import Count
    from django.urls import reverse

    from blog.models import Author, BlogSettings, Label, Post
    from comments.models import Comment

    published = Post.objects.published()
    per_page = BlogSettings.load().posts_per_page
    pages = max(1, published.count() // per_page)
    newest = published.order_by("-publish_at").first()
    label = Label.objects.annotate(n=Count("labelled_posts")).order_by("-n").first()
    author = Author.objects.annotate(n=Count("bylines")).order_by("-n").first()
    talked = (
        Comment.objects.values("post").annotate(n=Count("id")).order_by("-n").first() or {}
    ).get("post")
    post = published.filter(pk=talked).first() or newest
    local = newest.publish_at
    return {
        "home": "/",
        f"home, page {min(pages, 500)}": f"/?page={min(pages, 500)}",
        "label": label.get_absolute_url(),
        "author": author.get_absolute_url(),
        "year archive": f"/{local.year}/",
        "month archive": f"/{local.year}/{local.month:02d}/",
        "search, Arabic": "/search/?q=" + "خرائط",
        "search, Latin": "/search/?q=ville",
        "post with its comments": post.get_absolute_url(),
        "sitemap": "/sitemap.xml",
        "feed, posts (Atom)": reverse("blog:feed-atom"),
        "feed, label (RSS)": reverse("blog:label-feed-rss", kwargs={"slug": label.slug}),
        "feed, author (Atom)": reverse("blog:author-feed-atom", kwargs={"slug": author.slug}),
        "feed, post comments": reverse("comments:post-feed-atom", kwargs={"post_id": post.pk}),
    }


def child_pages(runs):
    import django

    django.setup()
    from django.test import Client

    from blog.models import Post

    client = Client(HTTP_COOKIE=PERSONAL)
    client.cookies["midad_guest"] = "bench"
    rows = []
    for name, url in page_urls().items():
        response = client.get(url)
        if response.status_code in (301, 302):
            url = response["Location"]
        rows.append({"page": name, "url": url, **timed(client, url, runs)})
    return {"posts": Post.objects.published().count(), "rows": rows}


def child_demo():
    import django

    django.setup()
    from django.core.management import call_command

    from blog.models import Post

    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--if-empty", verbosity=0)
    post = Post.objects.published().order_by("-publish_at").first()
    return {"post": post.get_absolute_url()}


CHILDREN = {"comments": child_comments, "pages": child_pages, "demo": child_demo}


# The parent: databases, servers, load.


def base_env(**extra):
    env = bench_popular.base_env()
    env.update(extra)
    return env


def run_child(mode, env, *args, timeout=900):
    result = subprocess.run(
        [PYTHON, __file__, "--child", mode, *args],
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


def _load(job):
    """One client process: `connections` keep-alive connections sending `request` until the
    deadline, reconnecting when the server closes one; returns (responses by status, bytes)."""
    port, request, seconds, connections = job
    selector = selectors.DefaultSelector()
    statuses, received = Counter(), 0
    deadline = time.monotonic() + seconds

    def connect():
        sock = socket.create_connection(("127.0.0.1", port))
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.sendall(request)
        sock.setblocking(False)
        selector.register(sock, selectors.EVENT_READ, bytearray())

    def drop(sock):
        selector.unregister(sock)
        sock.close()
        if time.monotonic() < deadline:
            connect()

    for _ in range(connections):
        connect()
    while selector.get_map():
        for key, _mask in selector.select(timeout=5):
            sock, buffer = key.fileobj, key.data
            try:
                chunk = sock.recv(1 << 18)
            except BlockingIOError:
                continue
            except ConnectionError:
                chunk = b""
            if not chunk:
                statuses["reconnected"] += 1
                drop(sock)
                continue
            buffer += chunk
            received += len(chunk)
            while (end := buffer.find(b"\r\n\r\n")) >= 0:
                head = bytes(buffer[:end]).lower()
                match = re.search(rb"\r\ncontent-length:\s*(\d+)", head)
                length = int(match.group(1)) if match else 0
                if len(buffer) < end + 4 + length:
                    break
                statuses[int(head[9:12])] += 1
                del buffer[: end + 4 + length]
                if b"\r\nconnection: close" in head or time.monotonic() >= deadline:
                    selector.unregister(sock)
                    sock.close()
                    if time.monotonic() < deadline:
                        connect()
                    break
                sock.setblocking(True)
                sock.sendall(request)
                sock.setblocking(False)
    return statuses, received


def hammer(port, path, seconds, processes=2, connections=8, headers=""):
    """Requests per second for GET `path` from `processes` × `connections` clients."""
    request = (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: midad-bench\r\n"
        f"Accept: text/html\r\n{headers}\r\n"
    ).encode()
    started = time.perf_counter()
    with ProcessPoolExecutor(processes) as pool:
        results = list(pool.map(_load, [(port, request, seconds, connections)] * processes))
    elapsed = time.perf_counter() - started
    statuses = sum((result[0] for result in results), Counter())
    ok = statuses.get(200, 0)
    return {
        "rps": ok / elapsed,
        "statuses": {str(key): value for key, value in statuses.items()},
        "kib_per_response": sum(result[1] for result in results) / max(1, ok) / 1024,
    }


def wait_for(port, path="/robots.txt", server=None):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
                sock.sendall(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
                if sock.recv(12).startswith(b"HTTP/1."):
                    return
        except OSError:
            pass
        if server is not None and server.poll() is not None:
            break
        time.sleep(0.2)
    sys.exit(f"server on port {port} did not start")


def fetch(port, path, headers=""):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n{headers}\r\n".encode())
        data = b""
        while chunk := sock.recv(1 << 16):
            data += chunk
    head, _sep, body = data.partition(b"\r\n\r\n")
    return head.decode("latin-1"), body


@contextmanager
def gunicorn(env, workers, threads):
    port = bench_popular.free_port()
    server = subprocess.Popen(
        [
            GUNICORN,
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(threads),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for(port, server=server)
        yield port, server.pid
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def worker_peak_memory(master_pid):
    """Peak resident memory (VmHWM, MiB) of each worker process of a gunicorn master."""
    peaks = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s*{master_pid}$", text, re.M):
            match = re.search(r"^VmHWM:\s*(\d+) kB", text, re.M)
            if match:
                peaks.append(int(match.group(1)) / 1024)
    return sorted(peaks)


def nginx_config(folder, upstream_port, port, static_dir):
    """deploy/nginx.conf inside a minimal main configuration, on 127.0.0.1:`port`."""
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    site = site.replace("/var/cache/nginx/midad", str(folder / "cache"))
    site = site.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream_port};")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
    site = site.replace(
        "    location /media/ {",
        f"    location /bench-static/ {{\n        alias {static_dir}/;\n    }}\n\n"
        "    location /media/ {",
    )
    user = f"user {os.environ.get('USER', 'root')};" if os.geteuid() == 0 else ""
    return f"""{user}
worker_processes auto;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    keepalive_requests 1000000;
    default_type application/octet-stream;
    types {{ text/html html; }}
    client_body_temp_path {folder}/client;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
{site}
}}
"""


@contextmanager
def nginx(upstream_port, page_body):
    folder = Path(tempfile.mkdtemp(prefix="nginx-", dir=OUT))
    static_dir = folder / "static"
    static_dir.mkdir()
    (static_dir / "post.html").write_bytes(page_body)
    port = bench_popular.free_port()
    config = folder / "nginx.conf"
    config.write_text(nginx_config(folder, upstream_port, port, static_dir))
    server = subprocess.Popen(
        ["nginx", "-p", str(folder), "-c", str(config), "-g", "daemon off;"],
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(port, "/bench-static/post.html", server)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=15)
        shutil.rmtree(folder, ignore_errors=True)


def throughput(env, post_url, seconds):
    cores = os.cpu_count() or 2
    gzip_header = "Accept-Encoding: gzip\r\n"
    with gunicorn(env, cores, 4) as (port, master):
        for _ in range(3):
            fetch(port, post_url, gzip_header)
            fetch(port, post_url)
        head, body = fetch(port, post_url)
        fixed = hammer(port, "/bench/fixed/", seconds)
        cached = hammer(port, post_url, seconds)
        cached_gzip = hammer(port, post_url, seconds, headers=gzip_header)
        with nginx(port, body) as proxy:
            for _ in range(3):
                proxy_head, _body = fetch(proxy, post_url)
            static = hammer(proxy, "/bench-static/post.html", seconds)
            proxied = hammer(proxy, post_url, seconds)
        memory = worker_peak_memory(master)
    return {
        "gunicorn_workers": cores,
        "fixed_view": fixed,
        "cached_post": cached,
        "cached_post_gzip": cached_gzip,
        "nginx_static": static,
        "nginx_cached_post": proxied,
        "nginx_cache_status": re.search(r"X-Cache-Status: (\w+)", proxy_head).group(1),
        "django_cache_headers": [
            line for line in head.splitlines() if line.split(":")[0] in ("Cache-Control", "ETag")
        ],
        "worker_peak_mib": memory,
    }


def beacons(label, database, args):
    with database as env:
        prepared = bench_popular.run_child("prepare", env)
        workers = os.cpu_count() or 2
        with bench_popular.gunicorn(env, workers, 8) as port:
            statuses, latencies, elapsed = bench_popular.fire(
                port, prepared["post_ids"], 3000 if args.quick else 6000, 15, 16
            )
        counted = bench_popular.run_child("count", env)["views"] - prepared["views_before"]
    sent = sum(statuses.values())
    return {
        "database": label,
        "rps": sent / elapsed,
        "statuses": {str(key): value for key, value in statuses.items()},
        "counted_exactly": counted == statuses.get(204, 0),
        "latency": bench_popular.summary(latencies),
        "widget_cold_ms": prepared["widget_cold_ms"],
        "widget_warm_ms": prepared["widget_warm_ms"],
    }


def big_blog(args, folder):
    """The generated 100,000-post blog, built once into var/bench/ (None if no generator)."""
    if args.quick:
        return None, "skipped (--quick)"
    commands = ROOT / "blog" / "management" / "commands"
    if not any(path.stem == "seed_bench" for path in commands.glob("*.py")):
        return None, "no seed_bench command yet"
    path = OUT / f"big-{args.big_posts}-{args.big_comments}.sqlite3"
    env = base_env(SQLITE_PATH=str(path), CACHE_DIR=str(folder / "cache-big"))
    if not path.exists():
        building = path.with_suffix(".building")
        env["SQLITE_PATH"] = str(building)
        started = time.perf_counter()
        for command in (
            ["migrate", "--no-input", "--verbosity", "0"],
            ["seed_bench", "--posts", str(args.big_posts), "--comments", str(args.big_comments)],
        ):
            subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True)
        building.rename(path)
        env["SQLITE_PATH"] = str(path)
        print(f"built {path.name} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return env, ""


# The table.


def fmt(value, digits=1):
    return "—" if value is None else f"{value:,.{digits}f}"


def table(results):
    lines = []
    add = lines.append
    add(f"Midad benchmark · {results['when']} · {results['machine']}")
    add("")
    add("Post page by comment count (test client, server time)")
    add(f"  {'comments':>8}  {'reader':<18}{'median ms':>10}{'p95 ms':>9}{'queries':>9}{'KiB':>8}")
    for row in results["comments"]:
        add(
            f"  {row['comments']:>8}  {row['role']:<18}{fmt(row['median']):>10}"
            f"{fmt(row['p95']):>9}{row['queries']:>9}{fmt(row['kib'], 0):>8}"
        )
    for sizes in results["pages"]:
        add("")
        add(f"Reader pages, {sizes['posts']:,} posts (rendered, not from the page cache)")
        add(f"  {'page':<26}{'median ms':>10}{'p95 ms':>9}{'queries':>9}{'KiB':>8}")
        for row in sizes["rows"]:
            add(
                f"  {row['page']:<26}{fmt(row['median']):>10}{fmt(row['p95']):>9}"
                f"{row['queries']:>9}{fmt(row['kib'], 0):>8}"
            )
    if results.get("big_note"):
        add("")
        add(f"Reader pages, {results['big_posts']:,} posts: {results['big_note']}")
    add("")
    add("Popular widget (10 posts, 30-day window, a year of daily views)")
    for run in results["beacons"][:1]:
        cold, warm = run["widget_cold_ms"], run["widget_warm_ms"]
        add(f"  uncached  median {fmt(cold['median'], 2)} ms   p95 {fmt(cold['p95'], 2)} ms")
        add(f"  cached    median {fmt(warm['median'], 3)} ms   p95 {fmt(warm['p95'], 3)} ms")
    add("")
    add("View beacons through gunicorn (16 clients, one worker per core)")
    for run in results["beacons"]:
        target = "   target ≥ 1,000/s" if run["database"] == "PostgreSQL" else ""
        add(
            f"  {run['database']:<12}{fmt(run['rps'], 0):>8} /s   p95 {fmt(run['latency']['p95'])}"
            f" ms   counted exactly: {'yes' if run['counted_exactly'] else 'NO'}{target}"
        )
    speed = results["throughput"]
    fixed, cached = speed["fixed_view"]["rps"], speed["cached_post"]["rps"]
    static, proxied = speed["nginx_static"]["rps"], speed["nginx_cached_post"]["rps"]
    add("")
    workers = speed["gunicorn_workers"]
    add(f"Requests per second (16 keep-alive clients; gunicorn {workers} workers)")
    add(f"  gunicorn  fixed-response Django view        {fmt(fixed, 0):>9}")
    add(
        f"  gunicorn  cached anonymous post page       {fmt(cached, 0):>9}"
        f"   {cached / fixed:.0%} of the fixed view (target ≥ 70%)"
    )
    packed = speed["cached_post_gzip"]["rps"]
    add(f"  gunicorn  the same, gzip accepted          {fmt(packed, 0):>9}")
    add(f"  nginx     static file (the page's bytes)   {fmt(static, 0):>9}")
    add(
        f"  nginx     cached post page ({speed['nginx_cache_status']})        {fmt(proxied, 0):>9}"
        f"   {proxied / static:.0%} of the static file (target ≥ 50%)"
    )
    add("")
    peaks = ", ".join(f"{peak:.0f}" for peak in speed["worker_peak_mib"])
    add(f"Peak memory per gunicorn worker (VmHWM): {peaks} MiB")
    return "\n".join(lines)


def chart(rows, path):
    """Median render time against comment count, one line per reader, as a small SVG."""
    width, height, left, bottom, top, right = 640, 360, 60, 40, 30, 170
    colours = ["#1f6f8b", "#c0392b", "#2e8540", "#8e44ad"]
    peak = max(row["median"] for row in rows) * 1.1
    import math

    def x(size):
        low, high = math.log10(SIZES[0]), math.log10(SIZES[-1])
        return left + (math.log10(size) - low) / (high - low) * (width - left - right)

    def y(ms):
        return height - bottom - ms / peak * (height - bottom - top)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{left}" y="18" font-size="14">'
        "Post page render time (median, ms) by number of comments</text>",
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" '
        f'stroke="black"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="black"/>',
    ]
    for size in SIZES:
        parts.append(
            f'<text x="{x(size):.0f}" y="{height - bottom + 16}" text-anchor="middle">{size}</text>'
        )
    for step in range(5):
        ms = peak * step / 4
        parts.append(
            f'<text x="{left - 6}" y="{y(ms) + 4:.0f}" text-anchor="end">{ms:.0f}</text>'
            f'<line x1="{left}" y1="{y(ms):.0f}" x2="{width - right}" y2="{y(ms):.0f}" '
            f'stroke="#ddd"/>'
        )
    for index, role in enumerate(ROLES):
        points = [(x(r["comments"]), y(r["median"])) for r in rows if r["role"] == role]
        colour = colours[index % len(colours)]
        path_points = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        parts.append(
            f'<polyline points="{path_points}" fill="none" stroke="{colour}" stroke-width="2"/>'
        )
        parts += [
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}"/>' for px, py in points
        ]
        legend_y = top + 20 * index + 10
        parts.append(
            f'<rect x="{width - right + 15}" y="{legend_y - 9}" width="12" height="12" '
            f'fill="{colour}"/><text x="{width - right + 32}" y="{legend_y + 1}">{role}</text>'
        )
    parts.append("</svg>")
    path.write_text("\n".join(parts) + "\n")


def main():
    args = parse_args()
    if args.child:
        runs = int(os.environ.get("BENCH_RUNS", "20"))
        print(json.dumps(CHILDREN[args.child](runs) if args.child != "demo" else child_demo()))
        return
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    runs = 8 if args.quick else args.runs
    results = {
        "when": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}, "
        f"Python {platform.python_version()}",
    }
    with tempfile.TemporaryDirectory(prefix="midad-bench-") as name:
        folder = Path(name)

        def env_for(database, cache):
            return base_env(
                SQLITE_PATH=str(folder / database),
                CACHE_DIR=str(folder / cache),
                BENCH_RUNS=str(runs),
            )

        print("post pages by comment count…", file=sys.stderr)
        results["comments"] = run_child("comments", env_for("comments.sqlite3", "c1"))
        print("reader pages on the demo blog…", file=sys.stderr)
        demo_env = env_for("demo.sqlite3", "c2")
        demo = run_child("demo", demo_env)
        results["pages"] = [run_child("pages", demo_env)]
        big_env, note = big_blog(args, folder)
        results["big_posts"], results["big_note"] = args.big_posts, note
        if big_env is not None:
            print("reader pages on the big blog…", file=sys.stderr)
            big_env["BENCH_RUNS"] = str(max(5, runs // 2))
            results["pages"].append(run_child("pages", big_env, timeout=1800))
        print("beacons and the popular widget…", file=sys.stderr)
        results["beacons"] = [beacons("SQLite", bench_popular.sqlite_database(), args)]
        if args.postgres:
            results["beacons"].append(
                beacons("PostgreSQL", bench_popular.postgres_database(args.postgres), args)
            )
        print("requests per second through gunicorn and nginx…", file=sys.stderr)
        throughput_env = env_for("demo.sqlite3", "c3")
        throughput_env["DJANGO_SETTINGS_MODULE"] = "bench.settings"
        results["throughput"] = throughput(throughput_env, demo["post"], args.seconds)
    results["seconds"] = time.perf_counter() - started
    text = table(results)
    print(text)
    print(f"\n(whole run {results['seconds']:.0f} s; JSON and chart in {OUT.relative_to(ROOT)}/)")
    (OUT / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    (OUT / "table.txt").write_text(text + "\n")
    chart(results["comments"], OUT / "comments.svg")


if __name__ == "__main__":
    main()
