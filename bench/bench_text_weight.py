"""Bytes of a post page's text: its HTML, and the CSS and JavaScript it links, raw and
compressed (gzip level 6, and brotli when the module is installed).

Builds a throwaway SQLite database with the demo blog, adds a threaded discussion of
twenty comments to the first demo post with the longest body, and fetches the page as a guest
through Django's test client, in Arabic, French and English.

    .venv/bin/python bench/bench_text_weight.py
"""

import gzip
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench_comments import setup_django  # noqa: E402 (bench/ is the script's own folder)

BUDGET = 60 * 1024


def a_discussion(post):
    from comments import services

    names = ["سليمة", "Omar", "Louise", "كريم", "Anna"]
    parents = []
    for number in range(20):
        reply_to = parents[number // 3] if number >= 3 else None
        comment = services.post_comment(
            post,
            f"تعليق رقم {number} عن هذه التدوينة، فيه رأي وسؤال وجواب. https://example.org/{number}",
            guest_name=names[number % len(names)],
            guest_token=f"reader-{number}",
            reply_to=reply_to,
        )
        parents.append(comment)


def compressed(data):
    sizes = {"gzip": len(gzip.compress(data, compresslevel=6))}
    try:
        import brotli
    except ImportError:
        return sizes
    sizes["brotli"] = len(brotli.compress(data))
    return sizes


def main():
    from django.conf import settings
    from django.contrib.staticfiles import finders
    from django.test import Client

    from blog.models import Post

    post = max(Post.objects.published(), key=lambda p: len(p.body))
    a_discussion(post)
    for language in ("ar", "fr", "en"):
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        html = client.get(post.get_absolute_url()).content
        # What the server itself sends to a browser that accepts compression, when it compresses.
        sent = client.get(post.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip, br")
        encoding = sent.get("Content-Encoding", "")
        assets = re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
        parts = [("HTML", html)] + [
            (name.decode(), Path(finders.find(name.decode())).read_bytes())
            for name in dict.fromkeys(assets)
        ]
        print(f"== {post.title} [{language}]")
        total_raw, total = 0, {}
        for name, data in parts:
            sizes = compressed(data)
            total_raw += len(data)
            for kind, size in sizes.items():
                total[kind] = total.get(kind, 0) + size
            line = "  ".join(f"{kind} {size:>7,}" for kind, size in sizes.items())
            print(f"  {name:<24} raw {len(data):>8,}  {line}")
        line = "  ".join(f"{kind} {size:>7,}" for kind, size in total.items())
        verdict = "under" if total["gzip"] < BUDGET else "OVER"
        print(f"  {'total':<24} raw {total_raw:>8,}  {line}  ({verdict} the 60 KB budget)")
        if encoding:
            print(f"  HTML as served ({encoding}): {len(sent.content):,} bytes")
        else:
            print("  HTML as served: not compressed by the application (the proxy may compress)")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        setup_django(str(Path(folder) / "weight.sqlite3"))
        from django.core.management import call_command

        call_command("seed_demo", verbosity=0)
        main()
