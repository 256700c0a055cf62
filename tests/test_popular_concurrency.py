"""Concurrent beacons: every distinct reader is counted exactly once, and none gets an error.

On PostgreSQL the threads run against the test database on separate connections, so first hits
really race to create the day's row. On SQLite the test runs on a database file configured as
the site runs it (WAL, IMMEDIATE transactions, busy timeout), in a child process: the suite's
in-memory SQLite shares one cache between connections and answers "table is locked" instead of
waiting, which no deployed site ever does. Run as a script, this module is that child. Each CI
run (SQLite, then PostgreSQL) takes its own path, so neither skips.
"""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

READERS = 200
# Each thread holds a database connection; the test server's connection limit is shared with
# other clients, so the 200 readers are spread over 20 threads released at the same instant.
THREADS = 20
ROOT = Path(__file__).resolve().parent.parent


def fire_beacons(url, readers=READERS, threads=THREADS):
    """One beacon per distinct reader, from `threads` threads started together; the statuses."""
    from django.db import connection
    from django.test import Client

    barrier = threading.Barrier(threads)
    statuses = []

    def send(share):
        client = Client()
        try:
            barrier.wait()
            for reader in share:
                user_agent = f"Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0 reader-{reader}"
                statuses.append(client.post(url, HTTP_USER_AGENT=user_agent).status_code)
        finally:
            connection.close()

    workers = [
        threading.Thread(target=send, args=(range(n, readers, threads),)) for n in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return statuses


@pytest.mark.django_db(transaction=True)
def test_concurrent_readers(make_post, tmp_path):
    """On the database the site would run on: the test database itself on PostgreSQL, a
    SQLite file configured as the site configures it (in a child process) on SQLite."""
    from django.db import connection

    if connection.vendor == "sqlite":
        concurrent_readers_on_a_sqlite_file(tmp_path)
    else:
        concurrent_readers_on_the_suite_database(make_post)


def concurrent_readers_on_the_suite_database(make_post):
    from django.urls import reverse

    from blog.models import BlogSettings, Post, PostDailyViews

    post = make_post()
    BlogSettings.load()

    statuses = fire_beacons(reverse("blog:count-view", args=[post.pk]))

    assert statuses == [204] * READERS
    assert PostDailyViews.objects.get(post=post).views == READERS
    assert Post.objects.with_views(7).get(pk=post.pk).view_count == READERS


def concurrent_readers_on_a_sqlite_file(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(
        SQLITE_PATH=str(tmp_path / "site.sqlite3"),
        CACHE_DIR=str(tmp_path / "cache"),
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    child = subprocess.run(
        [sys.executable, __file__],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert child.returncode == 0, child.stderr
    result = json.loads(child.stdout.strip().splitlines()[-1])

    assert result["vendor"] == "sqlite"
    assert result["statuses"] == {"204": READERS}
    assert result["views"] == READERS


def main():
    """The child process: a fresh SQLite file, one post, 200 concurrent readers; JSON out."""
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from collections import Counter

    from django.core.management import call_command
    from django.db import connection
    from django.urls import reverse

    from blog.models import BlogSettings, Post, PostDailyViews

    call_command("migrate", verbosity=0)
    post = Post.objects.create(title="Concurrent readers", status=Post.Status.PUBLISHED)
    BlogSettings.load()
    statuses = fire_beacons(reverse("blog:count-view", args=[post.pk]))
    row = PostDailyViews.objects.filter(post=post).first()
    result = {
        "vendor": connection.vendor,
        "statuses": {str(status): n for status, n in Counter(statuses).items()},
        "views": row.views if row else 0,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
