"""Load and fault proof: readers and writers through a trusted-proxy set-up, against gunicorn.

For each database (SQLite, then a private PostgreSQL cluster this script starts and stops), it
builds a throwaway blog (demo content), starts a private Redis and gunicorn on 127.0.0.1 only with
DJANGO_TRUSTED_PROXIES=127.0.0.1, and for --seconds sends, from --clients threads, what readers
and writers do, each request from one of many client addresses given in X-Forwarded-For: post
pages, the home page (popular-posts widget), feeds; comments, replies, view beacons. Then it
checks that every acknowledged comment is stored exactly once and every acknowledged beacon was
counted, and prints requests/s, p50/p99 latency and the status counts (5xx must be 0).

The fault run (PostgreSQL) kills one gunicorn worker with SIGKILL mid-load and then restarts
PostgreSQL: requests must fail cleanly (503 with Retry-After, or a dropped connection on the
killed worker), the site must recover by itself, and nothing acknowledged may be lost. It
reports the recovery time: from PostgreSQL accepting connections again to the first write
the site acknowledges.

    .venv/bin/python bench/load.py [--seconds 60] [--clients 16] [--workers 3]
                                   [--only sqlite|postgres|fault]
"""

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
ADDRESSES = [f"198.51.{a}.{b}" for a in range(100, 108) for b in range(1, 251)]
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"
# What one client does next, with its weight.
MIX = [("post", 50), ("home", 12), ("feed", 6), ("beacon", 18), ("comment", 9), ("reply", 5)]
WRITES = {"beacon", "comment", "reply"}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answers on 127.0.0.1:{port}")


# Services: a private Redis and a private PostgreSQL cluster, so a restart harms nobody else.


class Redis:
    def __init__(self, folder):
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(folder),
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(self.port)
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


def postgres_bin(name):
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} is not installed")
    return str(found[-1])


class PostgreSQL:
    """A throwaway cluster in a temporary folder (run as the postgres user when we are root)."""

    def __init__(self, folder):
        self.folder = Path(folder) / "pg"
        self.folder.mkdir()
        self.port = free_port()
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.folder, "postgres")
            os.chmod(folder, 0o755)
        self.run(postgres_bin("initdb"), "-D", self.folder, "-U", "midad", "-A", "trust")
        self.start()

    def create_database(self, name):
        """A new database in the cluster; its URL."""
        self.run(postgres_bin("createdb"), "-h", "127.0.0.1", "-p", self.port, "-U", "midad", name)
        return f"postgres://midad@127.0.0.1:{self.port}/{name}"

    def run(self, *args):
        subprocess.run([*self.as_user, *map(str, args)], check=True, capture_output=True)

    def start(self):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        self.run(
            postgres_bin("pg_ctl"),
            "-D",
            self.folder,
            "-o",
            options,
            "-l",
            self.folder / "log",
            "-w",
            "start",
        )

    def stop(self, mode="fast"):
        self.run(postgres_bin("pg_ctl"), "-D", self.folder, "-m", mode, "-w", "stop")


# The site: a child process prepares and checks the database; gunicorn serves it.

CHILD_PREPARE = """
import json
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("seed_demo", "--small-images", verbosity=0)
from blog.models import Post
from comments.models import CommentSettings
rules = CommentSettings.load()
# Readers type for a few seconds in real life; the load sends forms at once.
rules.min_seconds = 0
rules.save()
posts = [(p.pk, p.get_absolute_url()) for p in Post.objects.published()]
print(json.dumps(posts))
"""

CHILD_CHECK = """
import json, sys
from collections import Counter
from blog.models import PostDailyViews
from comments.models import Comment
expected = json.load(sys.stdin)
bodies = Counter(Comment.objects.filter(body__startswith="load ").values_list("body", flat=True))
acknowledged = expected["comments"]
from django.db.models import Sum
views = {str(post): total for post, total in
         PostDailyViews.objects.values("post_id").annotate(total=Sum("views"))
         .values_list("post_id", "total")}
print(json.dumps({
    "acknowledged_comments": len(acknowledged),
    "stored_once": sum(1 for body in acknowledged if bodies[body] == 1),
    "missing": sum(1 for body in acknowledged if bodies[body] == 0),
    "duplicated": sum(1 for body in acknowledged if bodies[body] > 1),
    "stored_total": sum(bodies.values()),
    "acknowledged_beacons": sum(expected["beacons"].values()),
    "counted_views": sum(views.values()),
    "posts_short_of_views": sum(
        1 for post, n in expected["beacons"].items() if views.get(post, 0) < n
    ),
}))
"""


def site_environment(folder, database_url, redis_url):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "SQLITE_PATH"))
    }
    environment.update(
        DJANGO_TRUSTED_PROXIES="127.0.0.1",
        DJANGO_SECRET_KEY_FILE=str(Path(folder) / "secret_key"),
        DJANGO_LOG_LEVEL="ERROR",
        REDIS_URL=redis_url,
        STATIC_MANIFEST="0",
        MEDIA_ROOT=str(Path(folder) / "media"),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    if database_url:
        environment["DATABASE_URL"] = database_url
    else:
        environment["SQLITE_PATH"] = str(Path(folder) / "load.sqlite3")
    return environment


def django_child(code, environment, stdin=None):
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=environment,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode:
        raise RuntimeError(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


class Gunicorn:
    def __init__(self, environment, workers, folder):
        self.port = free_port()
        self.log = open(Path(folder) / "gunicorn.log", "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--threads",
                "4",
                "--timeout",
                "30",
                "--graceful-timeout",
                "5",
            ],
            cwd=ROOT,
            env=environment,
            stdout=self.log,
            stderr=self.log,
        )
        wait_for_port(self.port, 60)
        self.warm_up()

    def warm_up(self, seconds=120):
        """Wait until every worker has loaded Django and answers a page."""
        deadline = time.monotonic() + seconds
        answered = 0
        while answered < 20 and time.monotonic() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                connection.request("GET", "/", headers={"X-Forwarded-For": "192.0.2.1"})
                answered += connection.getresponse().status == 200
                connection.close()
            except OSError:
                time.sleep(0.2)

    def workers(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(30)
        self.log.close()


# The clients.


class Record:
    """Every request's outcome, and what the site acknowledged."""

    def __init__(self):
        self.lock = threading.Lock()
        self.results = []  # (started, finished, kind, status) with status 0 for a dropped one
        self.comments = []  # bodies acknowledged
        self.comment_ids = []
        self.beacons = Counter()  # post id -> acknowledged first views

    def add(self, started, finished, kind, status):
        with self.lock:
            self.results.append((started, finished, kind, status))


class Client(threading.Thread):
    def __init__(self, number, port, posts, record, stop_at):
        super().__init__(daemon=True)
        self.rng = random.Random(number)
        self.port, self.posts, self.record, self.stop_at = port, posts, record, stop_at
        self.connection = None
        self.csrf = None
        self.visitor = 0
        self.number = number

    def request(self, method, path, body=None, headers=None, address=None):
        headers = {
            "X-Forwarded-For": address or self.rng.choice(ADDRESSES),
            "User-Agent": FIREFOX,
            **(headers or {}),
        }
        for attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                content = response.read()
                return response, content
            except (http.client.HTTPException, OSError):
                self.connection.close()
                self.connection = None
                if attempt or method == "POST":
                    # A POST is never sent twice: the client cannot know what the server did.
                    return None, b""
        return None, b""

    def timed(self, kind, method, path, **kwargs):
        started = time.monotonic()
        response, content = self.request(method, path, **kwargs)
        status = response.status if response is not None else 0
        self.record.add(started, time.monotonic(), kind, status)
        return response, content

    def form_tokens(self):
        """The CSRF cookie and token and the form's stamp, from one post page."""
        _pk, url = self.posts[0]
        response, content = self.request("GET", url)
        if response is None or response.status != 200:
            return None
        page = content.decode()
        cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        stamp = re.search(r'name="shown_at" value="([^"]+)"', page)
        if not (cookie and token and stamp):
            return None
        return cookie.group(1), token.group(1), stamp.group(1)

    def comment(self, kind):
        if self.csrf is None:
            self.csrf = self.form_tokens()
            if self.csrf is None:
                return
        cookie, token, stamp = self.csrf
        pk, url = self.rng.choice(self.posts)
        body = f"load {uuid.uuid4().hex}"
        fields = {
            "csrfmiddlewaretoken": token,
            "shown_at": stamp,
            "name": f"Reader {self.number}",
            "body": body,
        }
        if kind == "reply":
            with self.record.lock:
                known = [c for c in self.record.comment_ids if c[0] == pk]
            if not known:
                kind = "comment"
            else:
                fields["reply_to"] = self.rng.choice(known)[1]
        response, _ = self.timed(
            kind,
            "POST",
            f"/comments/post/{pk}/",
            body=urlencode(fields),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={cookie}",
                "Referer": f"http://127.0.0.1:{self.port}{url}",
            },
        )
        if response is not None and response.status == 302:
            location = response.getheader("Location") or ""
            with self.record.lock:
                self.record.comments.append(body)
                found = re.search(r"#c(\d+)$", location)
                if found:
                    self.record.comment_ids.append((pk, found.group(1)))

    def beacon(self):
        pk, _url = self.rng.choice(self.posts)
        self.visitor += 1
        # A browser never seen before: its view must be counted.
        agent = f"{FIREFOX} load/{self.number}.{self.visitor}"
        response, _ = self.timed(
            "beacon", "POST", f"/views/{pk}/", body=b"", headers={"User-Agent": agent}
        )
        if response is not None and response.status == 204:
            with self.record.lock:
                self.record.beacons[str(pk)] += 1

    def run(self):
        kinds, weights = zip(*MIX, strict=True)
        while time.monotonic() < self.stop_at:
            kind = self.rng.choices(kinds, weights)[0]
            if kind == "post":
                self.timed(kind, "GET", self.rng.choice(self.posts)[1])
            elif kind == "home":
                self.timed(kind, "GET", "/")
            elif kind == "feed":
                self.timed(kind, "GET", "/feeds/rss/")
            elif kind == "beacon":
                self.beacon()
            else:
                self.comment(kind)


def percentile(values, share):
    if not values:
        return 0.0
    return (
        statistics.quantiles(values, n=100, method="inclusive")[share - 1]
        if len(values) > 1
        else values[0]
    )


def run_load(name, database_url, args, folder, fault=None):
    redis = Redis(folder)
    try:
        environment = site_environment(folder, database_url, redis.url)
        posts = [tuple(post) for post in django_child(CHILD_PREPARE, environment)]
        server = Gunicorn(environment, args.workers, folder)
        record = Record()
        started = time.monotonic()
        stop_at = started + args.seconds
        clients = [Client(n, server.port, posts, record, stop_at) for n in range(args.clients)]
        for client in clients:
            client.start()
        events = fault(server, started) if fault else {}
        for client in clients:
            client.join(args.seconds + 60)
        elapsed = time.monotonic() - started
        server.stop()
        check = django_child(
            CHILD_CHECK,
            environment,
            stdin=json.dumps({"comments": record.comments, "beacons": record.beacons}),
        )
    finally:
        redis.stop()
    report(name, record, elapsed, check, events)
    return record, check, events


def report(name, record, elapsed, check, events):
    statuses = Counter(status for *_rest, status in record.results)
    latencies = sorted((finished - started) * 1000 for started, finished, _k, _s in record.results)
    per_kind = Counter(kind for _s, _f, kind, _st in record.results)
    print(f"== {name}")
    print(
        f"requests      {len(record.results)} in {elapsed:.1f} s = "
        f"{len(record.results) / elapsed:.1f} req/s"
    )
    print(
        f"latency       p50 {percentile(latencies, 50):.1f} ms, "
        f"p99 {percentile(latencies, 99):.1f} ms"
    )
    print(
        "by kind       " + ", ".join(f"{kind} {count}" for kind, count in sorted(per_kind.items()))
    )
    print(
        "statuses      "
        + ", ".join(f"{status or 'dropped'}: {count}" for status, count in sorted(statuses.items()))
    )
    print(
        f"5xx           {sum(c for s, c in statuses.items() if s >= 500)}"
        f" (500: {statuses[500]}, 503: {statuses[503]})"
    )
    print(
        f"comments      acknowledged {check['acknowledged_comments']}, stored once "
        f"{check['stored_once']}, missing {check['missing']}, duplicated {check['duplicated']}"
    )
    print(
        f"beacons       acknowledged {check['acknowledged_beacons']}, counted "
        f"{check['counted_views']}, posts short of views {check['posts_short_of_views']}"
    )
    lost = check["missing"] + check["duplicated"] + check["posts_short_of_views"]
    print(f"lost writes   {lost}")
    for label, value in events.items():
        print(f"{label:<13} {value}")
    sys.stdout.flush()


def fault_plan(args, postgres):
    """Kill a worker at a third of the run, restart PostgreSQL at half of it."""

    def plan(server, started):
        events = {}
        time.sleep(args.seconds / 3)
        victim = server.workers()[0]
        os.kill(victim, signal.SIGKILL)
        events["worker killed"] = f"pid {victim} at {time.monotonic() - started:.1f} s"
        time.sleep(max(0.0, started + args.seconds / 2 - time.monotonic()))
        down_at = time.monotonic()
        postgres.stop("fast")
        time.sleep(3)
        postgres.start()
        up_at = time.monotonic()
        events["postgres down"] = f"{down_at - started:.1f} s to {up_at - started:.1f} s"
        events["_up_at"] = up_at
        return events

    return plan


def recovery(record, events):
    up_at = events.pop("_up_at")
    after = sorted(
        finished
        for started, finished, kind, status in record.results
        if kind in WRITES and started >= up_at and status in (204, 302)
    )
    failures = Counter(
        status for started, _f, _k, status in record.results if status >= 500 or status == 0
    )
    last_failure = max(
        (finished for _s, finished, _k, status in record.results if status >= 500 or status == 0),
        default=None,
    )
    return {
        "recovery": f"{after[0] - up_at:.2f} s after PostgreSQL was back" if after else "never",
        "failures": dict(failures),
        "last failure": (
            f"{last_failure - up_at:+.2f} s from PostgreSQL being back" if last_failure else "none"
        ),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--only", choices=["sqlite", "postgres", "fault"])
    args = parser.parse_args(argv)
    runs = [args.only] if args.only else ["sqlite", "postgres", "fault"]
    print(f"machine load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    failed = False
    with tempfile.TemporaryDirectory(prefix="midad-load-") as folder:
        os.chmod(folder, 0o755)
        postgres = PostgreSQL(folder) if {"postgres", "fault"} & set(runs) else None
        try:
            for run in runs:
                sub = Path(folder) / run
                sub.mkdir()
                if run == "sqlite":
                    record, check, _ = run_load("SQLite", None, args, sub)
                    failed |= not healthy(record, check)
                elif run == "postgres":
                    url = postgres.create_database("load")
                    record, check, _ = run_load("PostgreSQL", url, args, sub)
                    failed |= not healthy(record, check)
                else:
                    failed |= not fault_run(args, postgres, sub)
        finally:
            if postgres is not None:
                postgres.stop("fast")
    return 1 if failed else 0


def fault_run(args, postgres, folder):
    """The PostgreSQL run with a killed worker and a database restart; True when it held."""
    events = {}

    def plan(server, started):
        events.update(fault_plan(args, postgres)(server, started))
        return {}

    url = postgres.create_database("fault")
    record, check, _ = run_load("PostgreSQL with faults", url, args, folder, fault=plan)
    outcome = recovery(record, events)
    print(f"worker killed {events['worker killed']}")
    print(f"postgres down {events['postgres down']}")
    print(f"recovery      {outcome['recovery']}")
    print(f"failures      {outcome['failures']} (0 = dropped connection)")
    print(f"last failure  {outcome['last failure']}")
    unclean = sum(1 for *_rest, status in record.results if status == 500)
    lost = check["missing"] + check["duplicated"] + check["posts_short_of_views"]
    return not (unclean or lost or outcome["recovery"] == "never")


def healthy(record, check):
    statuses = Counter(status for *_rest, status in record.results)
    errors = sum(c for s, c in statuses.items() if s >= 500 or s == 0)
    lost = check["missing"] + check["duplicated"] + check["posts_short_of_views"]
    return errors == 0 and lost == 0


if __name__ == "__main__":
    sys.exit(main())
