"""Time and peak memory of importing a large Blogger export (50 MB by default).

Writes a classic Blogger backup file of the requested size into a temporary folder — Arabic,
French and English posts with labels, threaded comments (some listed before the comment they
answer), drafts, settings entries — migrates a throwaway SQLite database, then runs
`manage.py import_blogger` in a child process and reports its wall time and the child's peak
resident memory (the import streams the file: memory must not grow with it).

    .venv/bin/python bench/bench_import.py [--megabytes 50] [--keep]
"""

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
KIND = "http://schemas.google.com/blogger/2008/kind#"

PARAGRAPHS = [
    "نقرأ كثيراً ونفهم قليلاً، لأننا نستعجل النهاية قبل أن نصل إليها. القراءة البطيئة تعيد "
    "للنص حقه، وتعيد للقارئ وقته الذي ظن أنه أضاعه.",
    "Nous lisons pour que le temps ralentisse, et la page est une salle d'attente où rien ne "
    "presse. C'est dans cette lenteur que les idées trouvent leur place.",
    "Some books are read twice: once in the language they were written in, and once in the one "
    "that was waiting for them. The second reading is the one that stays.",
]
COMMENTS = [
    "مقال جميل، شكراً لك. هل من كتب تقترحينها؟",
    "Merci pour ce carnet, je le relis chaque hiver.",
    "Which translation did you read? The older one reads better to me.",
]
LABELS = ["قراءة", "مقالات", "Lecture", "Books", "ترجمة", "Poésie"]


def entry(blog, number, kind, title, content, published, extra=""):
    return (
        f"<entry><id>tag:blogger.com,1999:blog-{blog}.post-{number}</id>"
        f"<published>{published.isoformat()}</published><updated>{published.isoformat()}</updated>"
        f"<category scheme='http://schemas.google.com/g/2005#kind' term='{KIND}{kind}'/>"
        f"{extra}<title type='text'>{escape(title)}</title>"
        f"<content type='html'>{escape(content)}</content>"
        "<author><name>سلمى الكاتبة</name><uri>https://www.blogger.com/profile/111</uri>"
        "<email>noreply@blogger.com</email></author></entry>\n"
    )


def write_export(path, megabytes, seed=7):
    """A classic Blogger backup of about `megabytes` MB; returns (posts, comments)."""
    rng = random.Random(seed)
    target = megabytes * 1024 * 1024
    blog = 7001
    start = datetime(2008, 1, 1, tzinfo=timezone(timedelta(hours=3)))
    posts = comments = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write(
            "<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns='http://www.w3.org/2005/Atom' "
            "xmlns:thr='http://purl.org/syndication/thread/1.0' "
            "xmlns:gd='http://schemas.google.com/g/2005'>\n<title type='text'>دفتر</title>\n"
        )
        for name in ("BLOG_NAME", "BLOG_DESCRIPTION", "BLOG_LANGUAGE"):
            out.write(entry(blog, 0, "settings", name, "x", start).replace("post-0", f"s-{name}"))
        number = 1000
        while out.tell() < target:
            posts += 1
            number += 1
            post_id = number
            published = start + timedelta(hours=posts * 7)
            body = "<br /><br />".join(rng.choice(PARAGRAPHS) for _ in range(rng.randint(4, 12)))
            labels = "".join(
                f"<category scheme='http://www.blogger.com/atom/ns#' term='{label}'/>"
                for label in rng.sample(LABELS, 2)
            )
            draft = (
                "<app:control xmlns:app='http://purl.org/atom/app#'><app:draft>yes</app:draft>"
                "</app:control>"
                if posts % 25 == 0
                else ""
            )
            link = (
                f"<link rel='alternate' type='text/html' "
                f"href='https://daftar.blogspot.com/{published:%Y/%m}/blog-post_{posts}.html'/>"
            )
            out.write(
                entry(
                    blog,
                    post_id,
                    "post",
                    f"تدوينة رقم {posts} Carnet {posts}",
                    f'<div dir="rtl" trbidi="on">{body}</div>',
                    published,
                    labels + draft + ("" if draft else link),
                )
            )
            ids = []
            # Replies are written before the comments they answer, as Blogger sometimes does.
            for index in range(rng.randint(0, 9)):
                number += 1
                comments += 1
                ids.append(number)
                parent = ""
                if index and rng.random() < 0.6:
                    answered = rng.choice(ids[:-1])
                    parent = (
                        "<link rel='related' type='application/atom+xml' href='https://www."
                        f"blogger.com/feeds/{blog}/{post_id}/comments/default/{answered}'/>"
                    )
                reply = f"<thr:in-reply-to ref='tag:blogger.com,1999:blog-{blog}.post-{post_id}'/>"
                out.write(
                    entry(
                        blog,
                        number,
                        "comment",
                        "c",
                        rng.choice(COMMENTS),
                        published + timedelta(minutes=index + 1),
                        parent + reply,
                    )
                )
        out.write("</feed>\n")
    return posts, comments


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=50)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="midad-import-bench-"))
    export = folder / "blog.xml"
    began = time.monotonic()
    posts, comments = write_export(export, args.megabytes)
    size = export.stat().st_size / 1024 / 1024
    print(f"export: {size:.1f} MB, {posts} posts, {comments} comments "
          f"(written in {time.monotonic() - began:.1f} s)")  # fmt: skip
    env = {
        **os.environ,
        "SQLITE_PATH": str(folder / "db.sqlite3"),
        "DJANGO_LOG_LEVEL": "WARNING",
        "MEDIA_ROOT": str(folder / "media"),
    }
    env.pop("DATABASE_URL", None)
    manage = [PY, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], env=env, check=True)
    began = time.monotonic()
    summary = folder / "summary.txt"
    with open(summary, "w") as out:
        child = subprocess.Popen(
            [*manage, "import_blogger", str(export), "--no-progress"], env=env, stdout=out
        )
        # wait4 gives this child's own resource usage: its peak resident memory.
        _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.monotonic() - began
    print(summary.read_text().strip())
    if status:
        sys.exit("the import failed")
    cpu = usage.ru_utime + usage.ru_stime
    print(f"import: {elapsed:.1f} s, {(posts + comments) / elapsed:.0f} entries/s")
    # On a shared machine the wall time depends on the load; the CPU time does not.
    print(f"import CPU time: {cpu:.1f} s ({(posts + comments) / cpu:.0f} entries per CPU second)")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    print(f"peak resident memory of the import: {usage.ru_maxrss / 1024:.0f} MB")
    if args.keep:
        print(f"kept {folder}")
    else:
        for path in sorted(folder.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
