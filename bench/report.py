"""`make bench`: the site's benchmarks in one table (var/bench/table.txt), with
var/bench/results.json and a chart of the post page's render time against its number of
comments (var/bench/comments.svg).

- Post pages with 5, 50, 500 and 2,000 threaded comments for an anonymous guest (served from the
  page cache), a guest with a page of their own (rendered), a signed-in reader and a moderator:
  median and p95 server time through Django's test client, SQL queries, size.
- Every reader page type, search included, on the 30-post demo blog and on the generated
  100,000-post blog, measured by bench/bench_scale.py. The big blog is built once into
  var/bench/ and reused: by `make bench-data`, or by the first run that misses it (a few minutes
  more); a kept one is brought up to date with the migrations first.
- The popular-posts widget uncached and cached, and view beacons per second through gunicorn on
  SQLite and, when DATABASE_URL is set, PostgreSQL (bench/bench_popular.py), with the CPU each
  beacon costs the server, the database and the client, checked to be counted exactly.
- Requests per second through gunicorn (started as `make run` starts it) for a cached anonymous
  post page next to a trivial fixed-response Django view (bench/urls.py), alternated in the same
  run, and through nginx running deploy/nginx.conf next to nginx serving the same page as a
  static file; the server CPU per request of each, and the peak memory of each gunicorn worker.
- The uncached post page's render time in-process, when bench/bench_render.py exists.

Beside every figure, the load average when it was taken: on a shared machine, compare figures
taken in the same run (the ratios), not absolute numbers of different runs.

Everything runs on 127.0.0.1 in throwaway databases (SQLite files in a temporary folder, and a
temporary database on the PostgreSQL server of DATABASE_URL or --postgres).

    .venv/bin/python bench/report.py [--seconds 6] [--runs 20] [--postgres URL] [--quick]
    .venv/bin/python bench/report.py --build-big    # what `make bench-data` runs
"""

import argparse
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import bench_popular  # noqa: E402
import loadgen  # noqa: E402

OUT = ROOT / "var" / "bench"
PYTHON = sys.executable
SIZES = (5, 50, 500, 2000)
ROLES = ("guest, cached", "guest, own page", "signed-in reader", "moderator")
PERSONAL = "midad_guest=bench"  # any personal cookie: the page is rendered, not cached
# The generated blog, named as bench/bench_scale.py names it.
BIG_POSTS, BIG_COMMENTS = 100_000, 1_000_000
BIG = OUT / f"big-{BIG_POSTS}-{BIG_COMMENTS}.sqlite3"
BEACONS = 6000


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=6, help="per throughput measurement")
    parser.add_argument("--runs", type=int, default=20, help="page renders per measurement")
    parser.add_argument("--postgres", metavar="URL", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--quick", action="store_true", help="fewer runs, no big blog")
    parser.add_argument("--build-big", action="store_true", help="build the 100,000-post blog")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    return parser.parse_args()


def load_average():
    return os.getloadavg()[0]


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


def child_demo():
    import django

    django.setup()
    from django.core.management import call_command
    from django.db.models import Count

    from blog.models import Post

    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--if-empty", verbosity=0)
    # The newest demo post without comments, a page about as big as the fixed view's 20 KiB
    # (bench_scale's build gives the newest one forty comments, three times that).
    posts = Post.objects.published().annotate(n=Count("comments")).order_by("n", "-publish_at")
    post = posts.first()
    return {"post": post.get_absolute_url(), "comments": post.n}


def child_migrate(_runs):
    """Bring an existing database up to date with the migrations. Migrations renumbered since it
    was built (the same name after the number, the same operations) are recorded under their new
    number rather than run again: their tables and indexes are there already."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.db.migrations.recorder import MigrationRecorder

    recorder = MigrationRecorder(connection)
    known = set(MigrationExecutor(connection).loader.graph.nodes)
    applied = set(recorder.applied_migrations())
    by_title = {(app, name.partition("_")[2]): name for app, name in known}
    renamed = set()
    for app, old in applied - known:
        new = by_title.get((app, old.partition("_")[2]))
        if new and (app, new) not in applied:
            recorder.record_unapplied(app, old)
            renamed.add((app, new))
    if not renamed:
        call_command("migrate", verbosity=0)
        return {"renamed": []}
    executor = MigrationExecutor(connection)
    # One migration at a time in the plan's order, so that only the renamed ones are faked.
    for migration, _backwards in executor.migration_plan(executor.loader.graph.leaf_nodes()):
        key = (migration.app_label, migration.name)
        call_command("migrate", *key, fake=key in renamed, verbosity=0)
    # A migration that now runs before a renamed one may have rebuilt a table (SQLite rebuilds a
    # table to alter it) from a state that did not have the renamed one's index or column yet.
    restored = [what for key in sorted(renamed) for what in _restore_missing(connection, key)]
    return {"renamed": sorted(f"{app}.{name}" for app, name in renamed), "restored": restored}


def _restore_missing(connection, key):
    """Create the tables, columns and indexes migration `key` adds that the database lacks."""
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations import AddField, AddIndex, CreateModel

    loader = MigrationLoader(connection)
    migration = loader.get_migration(*key)
    models = loader.project_state(key, at_end=True).apps
    restored = []
    with connection.cursor() as cursor, connection.schema_editor() as editor:
        introspection = connection.introspection
        for operation in migration.operations:
            name = getattr(operation, "model_name", None) or getattr(operation, "name", "")
            if not isinstance(operation, (CreateModel, AddField, AddIndex)):
                continue
            model = models.get_model(key[0], name)
            table = model._meta.db_table
            if isinstance(operation, CreateModel):
                if table not in introspection.table_names(cursor):
                    editor.create_model(model)
                    restored.append(table)
            elif isinstance(operation, AddField):
                field = model._meta.get_field(operation.name)
                columns = {
                    column.name for column in introspection.get_table_description(cursor, table)
                }
                if field.column not in columns:
                    editor.add_field(model, field)
                    restored.append(f"{table}.{field.column}")
            elif operation.index.name not in introspection.get_constraints(cursor, table):
                editor.add_index(model, operation.index)
                restored.append(operation.index.name)
    return restored


CHILDREN = {"comments": child_comments, "demo": child_demo, "migrate": child_migrate}


# The parent: databases, servers, load.


def base_env(**extra):
    env = bench_popular.base_env()
    env.update(extra)
    return env


def run_child(mode, env, *args, timeout=900):
    return bench_popular.run_child(mode, env, *args, script=__file__, timeout=timeout)


def scale(mode, database, env, *args):
    """bench/bench_scale.py's child `mode` (build or measure) on the SQLite file `database`."""
    command = [PYTHON, "bench/bench_scale.py", "--child", mode, "--database", str(database)]
    result = subprocess.run(
        [*command, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode:
        sys.exit(f"bench_scale {mode} failed on {database}:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1]) if mode == "measure" else None


def manage(env, *command):
    return subprocess.run(
        [PYTHON, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True
    )


def big_blog_ready(env):
    """Bring the big blog up to date with the migrations; None, or why it cannot be used."""
    env = dict(env, SQLITE_PATH=str(BIG))
    if manage(env, "migrate", "--check").returncode:
        print("  bringing the big blog up to date with the migrations…", file=sys.stderr)
        migrated = subprocess.run(
            [PYTHON, __file__, "--child", "migrate"], cwd=ROOT, env=env, capture_output=True
        )
        if migrated.returncode:
            error = migrated.stderr.decode(errors="replace").strip().splitlines()[-1:]
            return (
                f"{BIG.relative_to(ROOT)} cannot be migrated ({' '.join(error)[-200:]}). "
                "Delete it and build it again with `make bench-data`."
            )
    return None


def build_big(quiet=False):
    """The demo blog plus seed_bench's posts and comments, built by bench_scale.py into a
    temporary name and renamed when complete, so that an interrupted build is never taken for
    a blog. None, or why it could not be built."""
    OUT.mkdir(parents=True, exist_ok=True)
    building = BIG.with_suffix(".building")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{building}{suffix}").unlink(missing_ok=True)
    command = [PYTHON, "bench/bench_scale.py", "--child", "build", "--database", str(building)]
    command += ["--big", "--posts", str(BIG_POSTS), "--comments", str(BIG_COMMENTS)]
    with tempfile.TemporaryDirectory(prefix="midad-bench-cache-") as cache:
        built = subprocess.run(
            command, cwd=ROOT, env=base_env(CACHE_DIR=cache), capture_output=quiet, text=True
        )
    if built.returncode:
        error = (built.stderr or "").strip().splitlines()[-1:]
        return f"could not be built ({' '.join(error)[-200:]}); `make bench-data` builds it alone."
    building.rename(BIG)
    return None


def bench_data():
    """`make bench-data`: build the big blog, or bring the one there up to date."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="midad-bench-cache-") as cache:
        if BIG.exists():
            problem = big_blog_ready(base_env(CACHE_DIR=cache))
            print(problem or f"{BIG.relative_to(ROOT)} is there and up to date.")
            return
    problem = build_big()
    print(problem or f"built {BIG.relative_to(ROOT)} in {time.perf_counter() - started:.0f} s")


def page_types(folder, demo, runs):
    """bench_scale's every-page measurement on the demo blog and on the big one."""
    measured = []
    for name, database in (("demo", demo), ("big", BIG)):
        # A cache of its own for each blog: settings and widgets must not leak between them.
        env = base_env(CACHE_DIR=str(folder / f"cache-pages-{name}"))
        load = load_average()
        result = scale("measure", database, env, "--runs", str(runs))
        measured.append({"size": result.pop("_size"), "pages": result, "load": load})
    return measured


def worker_peak_memory(master_pid):
    """Peak resident memory (VmHWM, MiB) of each worker process of a gunicorn master."""
    peaks = []
    for pid in loadgen.workers_of(master_pid):
        try:
            text = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        match = re.search(r"^VmHWM:\s*(\d+) kB", text, re.M)
        if match:
            peaks.append(int(match.group(1)) / 1024)
    return sorted(peaks)


def fetch(port, path, headers=""):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n{headers}\r\n".encode())
        data = b""
        while chunk := sock.recv(1 << 16):
            data += chunk
    head, _sep, body = data.partition(b"\r\n\r\n")
    return head.decode("latin-1"), body


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
    port = loadgen.free_port()
    config = folder / "nginx.conf"
    config.write_text(nginx_config(folder, upstream_port, port, static_dir))
    server = subprocess.Popen(
        ["nginx", "-p", str(folder), "-c", str(config), "-g", "daemon off;"],
        stderr=subprocess.PIPE,
    )
    try:
        loadgen.wait_for(port, "/bench-static/post.html", server)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=15)
        shutil.rmtree(folder, ignore_errors=True)


GZIP = "Accept-Encoding: gzip\r\n"


def measured(port, workers, path, seconds, headers=""):
    """Requests per second for `path`, with the server CPU (ms) each request cost."""
    cpu_before = loadgen.cpu_seconds(workers)
    load = load_average()
    result = loadgen.hammer(port, path, seconds, headers)
    cpu = loadgen.cpu_seconds(workers) - cpu_before
    return {
        **result.as_dict(),
        "server_cpu_ms": cpu * 1000 / max(1, result.answered),
        "client_cpu_ms": result.client_cpu * 1000 / max(1, result.answered),
        "load": load,
    }


def alternated(port, workers, paths, seconds, rounds=3):
    """Each of `paths` ({name: (path, headers)}) measured `rounds` times in turn, so a change in
    the machine's load falls on all of them alike; the runs of each name are added up."""
    runs = {name: [] for name in paths}
    for _ in range(rounds):
        for name, (path, headers) in paths.items():
            runs[name].append(measured(port, workers, path, seconds / rounds, headers))
    merged = {}
    for name, parts in runs.items():
        answered = [p["rps"] * p["seconds"] for p in parts]
        cpu = sum(p["server_cpu_ms"] * n for p, n in zip(parts, answered, strict=True))
        merged[name] = {
            "rps": sum(answered) / sum(p["seconds"] for p in parts),
            "server_cpu_ms": cpu / max(1, sum(answered)),
            "latency_ms": parts[-1]["latency_ms"],
            "statuses": parts[-1]["statuses"],
            "load": statistics.mean(p["load"] for p in parts),
            "kib_per_response": parts[-1]["kib_per_response"],
        }
    return merged


def throughput(env, post_url, seconds):
    with loadgen.gunicorn(env) as (port, master):
        workers = loadgen.workers_of(master)
        for _ in range(3):
            fetch(port, post_url, GZIP)
            fetch(port, post_url)
            fetch(port, "/bench/fixed/")
        head, body = fetch(port, post_url)
        django = alternated(
            port,
            workers,
            {
                "fixed_view": ("/bench/fixed/", ""),
                "cached_post": (post_url, ""),
                "fixed_view_gzip": ("/bench/fixed/", GZIP),
                "cached_post_gzip": (post_url, GZIP),
            },
            seconds * 2,
        )
        with nginx(port, body) as proxy:
            for _ in range(3):
                proxy_head, _body = fetch(proxy, post_url)
            served = alternated(
                proxy,
                [],
                {
                    "nginx_static": ("/bench-static/post.html", ""),
                    "nginx_cached_post": (post_url, ""),
                },
                seconds,
            )
        memory = worker_peak_memory(master)
    return {
        "gunicorn_workers": loadgen.WORKERS,
        "gunicorn_threads": loadgen.THREADS,
        **django,
        **served,
        "nginx_cache_status": re.search(r"X-Cache-Status: (\w+)", proxy_head).group(1),
        "django_cache_headers": [
            line for line in head.splitlines() if line.split(":")[0] in ("Cache-Control", "ETag")
        ],
        "worker_peak_mib": memory,
    }


def database_backends(url):
    """Process ids of the PostgreSQL server processes connected to the database of `url`."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        rows = connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        ).fetchall()
    return [pid for (pid,) in rows]


def beacons(label, database, args):
    """Beacons per second through gunicorn, checked against the counters, and the CPU that each
    one cost: gunicorn, the database server (PostgreSQL's processes) and the client."""
    with database as env:
        prepared = bench_popular.run_child("prepare", env)
        with loadgen.gunicorn(env) as (port, master):
            workers = loadgen.workers_of(master)
            cpu_before = loadgen.cpu_seconds(workers)
            load = load_average()
            sent = loadgen.fire_beacons(
                port, prepared["post_ids"], BEACONS // 2 if args.quick else BEACONS, 15
            )
            server_cpu = loadgen.cpu_seconds(workers) - cpu_before
            # Kept connections (CONN_MAX_AGE) are still open: their CPU is the beacons' work.
            database_cpu = (
                loadgen.cpu_seconds(database_backends(env["DATABASE_URL"]))
                if "DATABASE_URL" in env
                else 0.0
            )
        counted = bench_popular.run_child("count", env)["views"] - prepared["views_before"]
    accepted = sent.statuses.get(204, 0)
    per_beacon = 1000 / max(1, sent.answered)
    cpu_ms = {
        "server": server_cpu * per_beacon,
        "database": database_cpu * per_beacon,
        "client": sent.client_cpu * per_beacon,
    }
    return {
        "database": label,
        "rps": sent.rate(),
        "statuses": {str(key): value for key, value in sent.statuses.items()},
        "accepted": accepted,
        "counted": counted,
        "counted_exactly": counted == accepted,
        "latency": sent.latency(),
        "cpu_ms": cpu_ms,
        # What the cores could serve if the beacons had them to themselves.
        "idle_machine_rps": loadgen.WORKERS * 1000 / max(0.001, sum(cpu_ms.values())),
        "load": load,
        "widget_cold_ms": prepared["widget_cold_ms"],
        "widget_warm_ms": prepared["widget_warm_ms"],
    }


def render_time(env, runs):
    """bench/bench_render.py's rows (pages rendered in-process for a reader with a page of their
    own, the post page among them), when that script is there."""
    script = ROOT / "bench" / "bench_render.py"
    if not script.exists():
        return None
    load = load_average()
    command = [PYTHON, str(script), "--json", "--runs", str(runs)]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    try:
        rows = json.loads(result.stdout.strip().splitlines()[-1])["render"]
    except (ValueError, IndexError, KeyError, TypeError):
        error = (result.stderr.strip() or result.stdout.strip() or "no output")[-300:]
        return {"error": error, "load": load}
    return {"rows": rows, "load": load}


# The table.


def fmt(value, digits=1):
    return "—" if value is None else f"{value:,.{digits}f}"


def at(load):
    return f"load {load:.1f}"


def table(results):
    lines = []
    add = lines.append
    add(f"Midad benchmark · {results['when']} · {results['machine']}")
    add("")
    add(f"Post page by comment count (test client, server time; {at(results['comments_load'])})")
    add(f"  {'comments':>8}  {'reader':<18}{'median ms':>10}{'p95 ms':>9}{'queries':>9}{'KiB':>8}")
    for row in results["comments"]:
        add(
            f"  {row['comments']:>8}  {row['role']:<18}{fmt(row['median']):>10}"
            f"{fmt(row['p95']):>9}{row['queries']:>9}{fmt(row['kib'], 0):>8}"
        )
    render = results.get("render")
    if render:
        add("")
        add(
            "Pages rendered in-process for a reader with a page of their own "
            f"(bench/bench_render.py; {at(render['load'])})"
        )
        if "error" in render:
            add("  failed: " + render["error"].replace("\n", "\n  "))
        else:
            add(f"  {'page':<40}{'median ms':>10}{'p95 ms':>9}{'CPU ms':>8}{'queries':>9}")
            for row in render["rows"]:
                add(
                    f"  {row['page']:<40}{fmt(row['median']):>10}{fmt(row['p95']):>9}"
                    f"{fmt(row.get('cpu_median')):>8}{row.get('queries', '—'):>9}"
                )
    add("")
    pages = results["pages"]
    if isinstance(pages, str):
        add(f"Reader pages at {BIG_POSTS:,} posts: {pages}")
    else:
        small, big = pages
        add(
            "Reader pages, demo blog against the generated one (bench/bench_scale.py, median "
            "ms, warm, test client as a guest)"
        )
        if results.get("big_built_seconds"):
            add(f"  (the big blog was built by this run, in {results['big_built_seconds']:.0f} s)")
        add(
            f"  {small['size']['posts']:,} posts ({at(small['load'])}) → "
            f"{big['size']['posts']:,} posts and {big['size']['comments']:,} comments "
            f"({at(big['load'])}); targets: within 2× and under 50 ms"
        )
        add(
            f"  {'page':<26}{'30 posts':>10}{'100k':>10}{'ratio':>8}{'queries':>10}{'items':>10}"
            "  targets"
        )
        for name, row in small["pages"].items():
            other = big["pages"][name]
            ratio = other["ms"] / row["ms"] if row["ms"] else 0
            met = "ok" if ratio <= 2 and other["ms"] < 50 else "MISSED"
            queries = f"{row['queries']}/{other['queries']}"
            items = f"{row.get('items', '—')}/{other.get('items', '—')}"
            # bench_scale asks as a guest: a post page then comes from the page cache.
            served = row["queries"] == other["queries"] == 0 and "cache" not in name
            cached = "  (from the page cache)" if served else ""
            add(
                f"  {name:<26}{fmt(row['ms']):>10}{fmt(other['ms']):>10}{ratio:>7.2f}×"
                f"{queries:>10}{items:>10}  {met}{cached}"
            )
    add("")
    first = results["beacons"][0]
    cold, warm = first["widget_cold_ms"], first["widget_warm_ms"]
    add(f"Popular widget (10 posts, 30-day window, a year of daily views; {at(first['load'])})")
    add(f"  uncached  median {fmt(cold['median'], 2)} ms   p95 {fmt(cold['p95'], 2)} ms")
    add(f"  cached    median {fmt(warm['median'], 3)} ms   p95 {fmt(warm['p95'], 3)} ms")
    add("")
    speed = results["throughput"]
    workers, threads = speed["gunicorn_workers"], speed["gunicorn_threads"]
    add(
        f"View beacons through gunicorn ({workers} workers × {threads} threads, 16 keep-alive "
        "clients, each beacon a new reader)"
    )
    add(
        f"  {'database':<11}{'per s':>7}{'p95 ms':>8}   {'counted':<22}"
        f"CPU ms per beacon: server + db + client → idle {workers} cores"
    )
    for run in results["beacons"]:
        cpu = run["cpu_ms"]
        counted = f"{run['counted']}/{run['accepted']} " + (
            "exactly" if run["counted_exactly"] else "NOT EXACT"
        )
        target = "  (target ≥ 1,000/s)" if run["database"] == "PostgreSQL" else ""
        add(
            f"  {run['database']:<11}{fmt(run['rps'], 0):>7}{fmt(run['latency']['p95']):>8}   "
            f"{counted:<22}{cpu['server']:.2f} + {cpu['database']:.2f} + {cpu['client']:.2f}"
            f" → {fmt(run['idle_machine_rps'], 0)}/s   {at(run['load'])}{target}"
        )
    fixed, cached = speed["fixed_view"], speed["cached_post"]
    fixed_gz, cached_gz = speed["fixed_view_gzip"], speed["cached_post_gzip"]
    static, proxied = speed["nginx_static"], speed["nginx_cached_post"]
    add("")
    add(
        f"Requests per second, 16 keep-alive clients; gunicorn {workers} workers × {threads} "
        "threads, measured in turn (three rounds each)"
    )
    add(f"  {'':<44}{'req/s':>9}{'server CPU':>12}{'KiB':>6}")

    def row(label, run, note=""):
        cpu = f"{run['server_cpu_ms']:.2f} ms" if run.get("server_cpu_ms") else ""
        add(
            f"  {label:<44}{fmt(run['rps'], 0):>9}{cpu:>12}{fmt(run['kib_per_response']):>6}"
            f"   {at(run['load'])}{note}"
        )

    row("gunicorn  fixed-response Django view", fixed)

    def share(run, yardstick):
        # Requests per second swing with the machine's load; CPU per request much less.
        by_cpu = yardstick["server_cpu_ms"] / max(0.001, run["server_cpu_ms"])
        return f"   {run['rps'] / yardstick['rps']:.0%} of the fixed view ({by_cpu:.0%} by CPU)"

    row("gunicorn  cached anonymous post page", cached, share(cached, fixed) + " (target ≥ 70%)")
    row("gunicorn  fixed view, gzip accepted", fixed_gz)
    row("gunicorn  cached post page, gzip accepted", cached_gz, share(cached_gz, fixed_gz))
    row("nginx     static file (the page's bytes)", static)
    row(
        f"nginx     cached post page ({speed['nginx_cache_status']})",
        proxied,
        f"   {proxied['rps'] / static['rps']:.0%} of the static file (target ≥ 50%)",
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
    if args.build_big:
        return bench_data()
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    runs = 8 if args.quick else args.runs
    results = {
        "when": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} cores, load average {load_average():.1f} at the start, "
        f"Python {platform.python_version()}",
    }

    def step(text):
        print(f"[{time.perf_counter() - started:4.0f} s] {text}…", file=sys.stderr)

    with tempfile.TemporaryDirectory(prefix="midad-bench-") as name:
        folder = Path(name)
        step("post pages by comment count")
        results["comments_load"] = load_average()
        env = base_env(
            SQLITE_PATH=str(folder / "comments.sqlite3"),
            CACHE_DIR=str(folder / "cache-comments"),
            BENCH_RUNS=str(runs),
        )
        results["comments"] = run_child("comments", env)

        step("the demo blog (bench_scale.py build)")
        demo = folder / "demo.sqlite3"
        scale("build", demo, base_env(CACHE_DIR=str(folder / "cache-build")))
        step("the uncached post page in-process")
        results["render"] = render_time(base_env(), 50 if args.quick else 150)
        if args.quick:
            results["pages"] = "skipped (--quick)"
        else:
            if not BIG.exists():
                step(f"building the 100,000-post blog, once (kept in {OUT.relative_to(ROOT)}/)")
                building = time.perf_counter()
                results["pages"] = build_big(quiet=True)
                results["big_built_seconds"] = time.perf_counter() - building
            else:
                step("the 100,000-post blog")
                results["pages"] = big_blog_ready(base_env())
            if results["pages"] is None:
                step("every reader page at 30 and at 100,000 posts (bench_scale.py measure)")
                results["pages"] = page_types(folder, demo, max(5, runs // 2))

        step("the popular widget and beacons on SQLite")
        results["beacons"] = [beacons("SQLite", bench_popular.sqlite_database(), args)]
        if args.postgres:
            step("beacons on PostgreSQL")
            results["beacons"].append(
                beacons("PostgreSQL", bench_popular.postgres_database(args.postgres), args)
            )
        step("requests per second through gunicorn and nginx")
        env = base_env(SQLITE_PATH=str(demo), CACHE_DIR=str(folder / "cache-serve"))
        demo_post = run_child("demo", env)
        env["DJANGO_SETTINGS_MODULE"] = "bench.settings"
        results["throughput"] = throughput(env, demo_post["post"], args.seconds)
        results["throughput"]["post_comments"] = demo_post["comments"]
    results["seconds"] = time.perf_counter() - started
    text = table(results)
    print(text)
    print(f"\n(whole run {results['seconds']:.0f} s; JSON and chart in {OUT.relative_to(ROOT)}/)")
    (OUT / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    (OUT / "table.txt").write_text(text + f"\n\n(whole run {results['seconds']:.0f} s)\n")
    chart(results["comments"], OUT / "comments.svg")


if __name__ == "__main__":
    main()
