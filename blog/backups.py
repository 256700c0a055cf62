"""Backups of the database and the uploaded media, and their restoration.

A backup is a folder: `database.sqlite3` (SQLite's online backup API, consistent while the site
keeps serving) or `database.dump` (pg_dump's custom format), `media.tar.gz` (MEDIA_ROOT), and
`manifest.json` with the row count of every table, checked again after a restore.
"""

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"


class BackupError(Exception):
    """A backup or a restore that could not be done; the message says why."""


def row_counts():
    """{"app_label.Model": rows} for every table the project's models own."""
    return {
        model._meta.label: model._default_manager.using("default").count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def _is_sqlite():
    return connection.vendor == "sqlite"


def _postgres_command(program, *args):
    database = connection.settings_dict
    environment = {**os.environ, "PGPASSWORD": str(database.get("PASSWORD") or "")}
    command = [program, "--no-password", f"--dbname={database['NAME']}"]
    if database.get("HOST"):
        command.append(f"--host={database['HOST']}")
    if database.get("PORT"):
        command.append(f"--port={database['PORT']}")
    if database.get("USER"):
        command.append(f"--username={database['USER']}")
    if shutil.which(program) is None:
        raise BackupError(f"{program} is not installed (Debian: postgresql-client).")
    result = subprocess.run([*command, *args], env=environment, capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"{program} failed: {result.stderr.strip()}")


def _raw_sqlite():
    connection.ensure_connection()
    return connection.connection


def backup(folder=None):
    """Write a backup into a new folder (under var/backups/ unless given); return its path."""
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d-%H%M%S-%f")
    folder = Path(folder or settings.BASE_DIR / "var" / "backups" / f"midad-{stamp}")
    folder.mkdir(parents=True, exist_ok=False)
    if _is_sqlite():
        target = sqlite3.connect(folder / "database.sqlite3")
        try:
            # Page by page, without stopping writers for long: a consistent copy.
            _raw_sqlite().backup(target, pages=1024)
        finally:
            target.close()
        database = "database.sqlite3"
    else:
        database = "database.dump"
        _postgres_command("pg_dump", "--format=custom", f"--file={folder / database}")
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(folder / MEDIA_ARCHIVE, "w:gz") as archive:
        if media.is_dir():
            archive.add(media, arcname="media")
    manifest = {
        "created": stamp,
        "engine": connection.vendor,
        "database": database,
        "media": MEDIA_ARCHIVE,
        "rows": row_counts(),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return folder


def read_manifest(folder):
    try:
        return json.loads((Path(folder) / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{folder} is not a backup: {error}") from error


def restore(folder):
    """Replace the database and the media with the backup's; return the manifest's row counts.

    Raises BackupError when the backup was made on another engine, or when the restored tables
    do not hold the rows the manifest counted.
    """
    folder = Path(folder)
    manifest = read_manifest(folder)
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            f"This backup is of a {manifest['engine']} database; this site runs on "
            f"{connection.vendor}."
        )
    if _is_sqlite():
        source = sqlite3.connect(folder / manifest["database"])
        try:
            source.backup(_raw_sqlite())
        finally:
            source.close()
    else:
        connection.close()
        _postgres_command(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            str(folder / manifest["database"]),
        )
    _restore_media(folder / manifest["media"])
    # Cached pages, widgets and settings describe the database that was replaced.
    cache.clear()
    restored = row_counts()
    if restored != manifest["rows"]:
        different = sorted(
            label
            for label in set(restored) | set(manifest["rows"])
            if restored.get(label) != manifest["rows"].get(label)
        )
        raise BackupError(f"Restored row counts differ from the backup's: {', '.join(different)}")
    return manifest["rows"]


def _restore_media(archive_path):
    media = Path(settings.MEDIA_ROOT)
    staging = media.with_name(media.name + ".restoring")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    with tarfile.open(archive_path, "r:gz") as archive:
        # The "data" filter refuses absolute paths, links out of the folder and device files.
        archive.extractall(staging, filter="data")
    shutil.rmtree(media, ignore_errors=True)
    restored = staging / "media"
    if restored.is_dir():
        restored.rename(media)
    else:
        media.mkdir(parents=True)
    shutil.rmtree(staging, ignore_errors=True)
