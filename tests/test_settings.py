"""Production settings pass Django's deployment checks and refuse to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
SECRET_KEY = "x7!kq2-production-like-secret-key-for-tests-only-0123456789abcdef"


def manage(*args, tmp_path, **environment):
    """Run manage.py in a fresh process with only the given Django variables set."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "SQLITE_PATH"))
    }
    env.update(SQLITE_PATH=str(tmp_path / "check.sqlite3"), **environment)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": SECRET_KEY,
    "DJANGO_ALLOWED_HOSTS": "blog.example.org",
}


def test_the_secret_key_used_here_is_long_enough():
    assert len(SECRET_KEY) >= 50 and len(set(SECRET_KEY)) >= 5


def test_check_deploy_reports_nothing_in_production(tmp_path):
    result = manage("check", "--deploy", "--fail-level", "DEBUG", tmp_path=tmp_path, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr + result.stdout


def test_check_deploy_reports_nothing_with_postgresql_and_redis(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        tmp_path=tmp_path,
        DATABASE_URL="postgres://midad:secret@db.internal:5432/midad",
        REDIS_URL="redis://cache.internal:6379/0",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_postgresql_connections_run_without_jit_and_keep_the_options_of_the_url(tmp_path):
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])",
        tmp_path=tmp_path,
        DATABASE_URL="postgres://midad:secret@db.internal/midad?options=-c%20work_mem%3D8MB",
    )
    assert result.returncode == 0, result.stderr
    assert "'options': '-c work_mem=8MB -c jit=off'" in result.stdout


def test_development_is_what_check_deploy_warns_about(tmp_path):
    """The check is not silent by accident: without production settings it finds problems."""
    result = manage("check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path)
    assert result.returncode != 0
    assert "security.W" in result.stderr + result.stdout


@pytest.mark.parametrize(
    ("missing", "environment", "message"),
    [
        (
            "secret key",
            {"DJANGO_ENV": "production", "DJANGO_ALLOWED_HOSTS": "blog.example.org"},
            "DJANGO_SECRET_KEY",
        ),
        (
            "a long enough secret key",
            {**PRODUCTION, "DJANGO_SECRET_KEY": "short-key"},
            "DJANGO_SECRET_KEY",
        ),
        (
            "allowed hosts",
            {"DJANGO_ENV": "production", "DJANGO_SECRET_KEY": SECRET_KEY},
            "DJANGO_ALLOWED_HOSTS",
        ),
    ],
    ids=lambda value: value if isinstance(value, str) and " " in value else "",
)
def test_production_refuses_to_start_without(tmp_path, missing, environment, message):
    result = manage("check", tmp_path=tmp_path, **environment)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_turns_on_https_and_secure_cookies(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_HSTS_SECONDS >= 31536000, s.ALLOWED_HOSTS)"
    )
    result = manage("shell", "-c", code, tmp_path=tmp_path, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.strip().splitlines()[-1] == "False True True True True ['blog.example.org']"
    )


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_a_development_machine_makes_its_own_key_once_and_keeps_it(tmp_path):
    key_file = tmp_path / "var" / "secret_key"
    show_key = [
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY)",
    ]
    first = manage(*show_key, tmp_path=tmp_path, DJANGO_SECRET_KEY_FILE=str(key_file))
    second = manage(*show_key, tmp_path=tmp_path, DJANGO_SECRET_KEY_FILE=str(key_file))
    assert first.returncode == 0, first.stderr
    key = first.stdout.strip()
    assert len(key) >= 50 and second.stdout.strip() == key == key_file.read_text()
    assert key_file.stat().st_mode & 0o077 == 0
    other = manage(*show_key, tmp_path=tmp_path, DJANGO_SECRET_KEY_FILE=str(tmp_path / "other"))
    assert other.stdout.strip() != key


def test_no_secret_key_is_written_in_the_code():
    source = (ROOT / "config" / "settings.py").read_text()
    assert 'SECRET_KEY = env("DJANGO_SECRET_KEY", "' not in source
    assert "development-only-key" not in source


def test_with_redis_sessions_and_every_counter_share_the_redis_cache(tmp_path):
    show = "from django.conf import settings as s; print(s.SESSION_ENGINE, s.CACHES['default'])"
    result = manage(
        "shell", "--no-imports", "-c", show, tmp_path=tmp_path, REDIS_URL="redis://cache:6379/4"
    )
    assert result.returncode == 0, result.stderr
    assert "django.contrib.sessions.backends.cache" in result.stdout
    assert "RedisCache" in result.stdout and "redis://cache:6379/4" in result.stdout


@pytest.mark.parametrize(("environment", "seconds"), [({}, "10"), ({"EMAIL_TIMEOUT": "3"}, "3")])
def test_a_silent_mail_server_is_given_up_on(tmp_path, environment, seconds):
    code = "from django.conf import settings as s; print(s.EMAIL_TIMEOUT)"
    result = manage("shell", "-c", code, tmp_path=tmp_path, **environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == seconds


@pytest.mark.django_db
def test_the_blog_settings_cache_is_dropped_again_once_the_change_commits(
    django_capture_on_commit_callbacks,
):
    """A request that read the old row while the change was being written must not leave it
    in the cache for the next five minutes."""
    from django.core.cache import cache

    from blog.models import BlogSettings

    blog = BlogSettings.load()
    with django_capture_on_commit_callbacks() as callbacks:
        blog.title = "Nouveau titre"
        blog.save()
        assert BlogSettings.load().title == "Nouveau titre"
        stale = BlogSettings(pk=1, title="Ancien titre")
        cache.set(BlogSettings.CACHE_KEY, stale, 300)
    assert BlogSettings.load().title == "Ancien titre"

    for callback in callbacks:
        callback()

    assert BlogSettings.load().title == "Nouveau titre"


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"HOST": "127.0.0.1", "PORT": "8107"}, "http://127.0.0.1:8107"),
        ({"SITE_URL": "https://blog.example.org/", "PORT": "8107"}, "https://blog.example.org"),
    ],
)
def test_links_in_e_mails_point_where_make_run_serves(tmp_path, environment, expected):
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "HOST", "PORT")}
    result = subprocess.run(
        [sys.executable, "-c", "from config import settings; print(settings.SITE_URL)"],
        cwd=ROOT,
        env={**env, **environment},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == expected, result.stderr
