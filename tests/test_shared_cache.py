"""Two processes against the same cache, as two gunicorn workers are: the comment rate limit,
view de-duplication and cached widgets and pages stay right across them.

The default cache is diskcache on SQLite files (REDIS_URL switches to Redis); each child
process is a fresh Python with the suite's settings and its cache location.
"""

import json
import os
import subprocess
import sys
import textwrap

import pytest
from django.conf import settings
from django.core.cache import cache

from blog import pagecache, widgets

ROOT = settings.BASE_DIR

pytestmark = pytest.mark.skipif(
    settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"),
    reason="a local-memory cache is one process's own",
)


def start(code, *args):
    """A child process running `code` with Django set up; its output is JSON."""
    program = textwrap.dedent(
        """
        import json, sys
        import django
        django.setup()
        from django.core.cache import cache
        """
    ) + textwrap.dedent(code)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "CACHE_DIR": str(settings.CACHES["default"].get("LOCATION", "")),
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.Popen(
        [sys.executable, "-c", program, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )


def results(processes):
    outputs = []
    for process in processes:
        out, _err = process.communicate(timeout=60)
        assert process.returncode == 0
        outputs.append(json.loads(out))
    return outputs


def test_the_suite_keeps_its_own_cache_folder_not_the_sites():
    """Otherwise a site served from the checkout, or a second run beside this one, clears and
    fills the suite's rate-limit counters and cached settings (and the other way round)."""
    assert settings.CACHES["default"]["LOCATION"] != str(settings.BASE_DIR / "var" / "cache")


def test_both_processes_see_one_cache():
    cache.set("shared:probe", "from the test", 60)
    (seen,) = results([start("print(json.dumps(cache.get('shared:probe')))")])
    assert seen == "from the test"


def test_the_rate_limit_counts_every_comment_of_both_processes():
    code = """
        from comments.defences import over_rate_limit
        refused = sum(
            over_rate_limit(["ip:same-reader"], 50, 3600) is not None for _ in range(100)
        )
        print(json.dumps(refused))
    """
    refused = results([start(code), start(code)])
    # 200 comments from one address, 50 allowed in the hour: exactly 150 refused in all.
    assert sum(refused) == 150


def test_a_reader_is_counted_once_whatever_process_answers():
    code = """
        import datetime
        from blog.services import first_view_today
        day = datetime.date(2026, 11, 29)
        firsts = [first_view_today(7, f"reader-{n}", day) is not None for n in range(100)]
        print(json.dumps(sum(firsts)))
    """
    counted = results([start(code), start(code)])
    assert sum(counted) == 100


def test_widgets_and_pages_forgotten_by_one_process_are_gone_for_the_other():
    cache.set(widgets.POPULAR_KEY, "an old list", 300)
    cache.set(pagecache.SITE_VERSION, "old", None)
    code = """
        from blog.widgets import forget_sidebar_widgets
        forget_sidebar_widgets()
        print(json.dumps(True))
    """
    results([start(code)])
    assert cache.get(widgets.POPULAR_KEY) is None
    assert cache.get(pagecache.SITE_VERSION) not in (None, "old")
