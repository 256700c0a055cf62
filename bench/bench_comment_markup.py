"""Three ways to write the HTML of a 2,000-comment page, timed on the same rows.

    .venv/bin/python bench/bench_comment_markup.py [--comments 2000] [--runs 15]

Seeds the tree of bench/bench_comments.py, reads the rows of the page once, then times only the
writing of the threads, for a guest and for a moderator:

- skeletons: comments.markup's skeletons (compiled once into f-string functions) filled by
  comments.rendering — what the site does;
- template per comment: the same skeleton as a Django template, rendered for each comment with
  autoescaping (what a comment include in section.html would cost);
- cached template cards: the same, but each comment's rendered card kept in a cache keyed by
  comment, edit time, language and reader kind; "cold" fills the cache, "warm" reads it.

Measured on the project's 2-core machine on 29 November 2026 while other suites kept it busy
(load average about 20, so the absolute figures are high and noisy), median of 9 runs:

    guest       skeletons 237 ms   template per comment 553 ms   cached cold  962 ms  warm 16 ms
    moderator   skeletons 189 ms   template per comment 836 ms   cached cold 1098 ms  warm 37 ms

A template per comment costs two to four times the skeletons, and filling a cache of cards costs
four to six times. The cached cards beat the skeletons only when warm, and only because that
cache skips work the page cannot skip: a real cache would also cost a cache round trip per
comment (or one large multi-get), be invalidated by every edit, removal, approval, avatar or
display-name change and by the blog's edit window, and still leave every reader's own controls
to be written per request. The site keeps the skeletons.
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_comments import seed_people, seed_post, setup_django  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--seed", type=int, default=7)
    return parser.parse_args()


def template_renderers():
    """ThreadRenderer subclasses that assemble each comment with a Django template instead of
    the skeleton (the decisions, labels and escaping of values stay the renderer's)."""
    import re

    from django.template import Context, Engine
    from django.utils.safestring import mark_safe
    from django.utils.translation import get_language

    from comments import markup
    from comments.rendering import ThreadRenderer

    # {name} -> {{ name }}: the same markup, written as a template.
    source = re.sub(r"\{(\w+)\}", r"{{ \1 }}", markup.COMMENT.text)
    template = Engine(autoescape=True).from_string(source)

    class TemplateRenderer(ThreadRenderer):
        def comment(self, row, by_id, answered):
            fields = {}

            def capture(**values):
                fields.update(values)
                return ""

            # Let the real renderer decide every fragment, then write the card with the
            # template (fragments are HTML already: marked safe, as an include would get them).
            original = markup.COMMENT
            markup.COMMENT = capture
            try:
                tombstone = super().comment(row, by_id, answered)
            finally:
                markup.COMMENT = original
            if not fields:
                return tombstone
            context = {name: mark_safe(value) for name, value in fields.items()}
            return template.render(Context(context))

    class CachedRenderer(TemplateRenderer):
        cache = {}

        def comment(self, row, by_id, answered):
            key = (row.id, row.edited_at, get_language(), self.is_moderator, self.viewer.user_id)
            html = self.cache.get(key)
            if html is None:
                html = self.cache[key] = super().comment(row, by_id, answered)
            return html

    return TemplateRenderer, CachedRenderer


def rows_and_viewer(post, user):
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from comments.models import Comment
    from comments.section import CommentRow
    from comments.viewer import Viewer

    request = RequestFactory().get(post.get_absolute_url())
    request.user = user or AnonymousUser()
    viewer = Viewer(request, post)
    rows = [
        CommentRow(values)
        for values in Comment.objects.page_of_threads(post, 0, 500, False, viewer.seen).values_list(
            *CommentRow.FIELDS
        )
    ]
    return rows, viewer


def median_ms(work, runs):
    work()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main():
    args = parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup_django(str(Path(folder) / "bench.sqlite3"))
        from django.db import transaction
        from django.utils import translation

        from blog.models import Post
        from comments.rendering import ThreadRenderer

        rng = random.Random(args.seed)
        with transaction.atomic():
            writer, moderator, readers = seed_people()
            seed_post("A short exchange", 5, rng, writer, readers)
            post = seed_post("A long discussion", args.comments, rng, writer, readers)
        post = Post.objects.with_bylines().get(pk=post.pk)
        TemplateRenderer, CachedRenderer = template_renderers()
        translation.activate("en")

        print(f"writing the threads of a {args.comments}-comment page, median of {args.runs}:")
        for label, user in (("guest", None), ("moderator", moderator)):
            rows, viewer = rows_and_viewer(post, user)
            shown = ThreadRenderer(viewer, post).threads(rows)
            assert "".join(TemplateRenderer(viewer, post).threads(rows)) == "".join(shown)

            def skeletons(rows=rows, viewer=viewer):
                return ThreadRenderer(viewer, post).threads(rows)

            def per_comment(rows=rows, viewer=viewer):
                return TemplateRenderer(viewer, post).threads(rows)

            def cold(rows=rows, viewer=viewer):
                CachedRenderer.cache = {}
                return CachedRenderer(viewer, post).threads(rows)

            def warm(rows=rows, viewer=viewer):
                return CachedRenderer(viewer, post).threads(rows)

            print(
                f"  {label:<10}  skeletons {median_ms(skeletons, args.runs):4.0f} ms"
                f"   template per comment {median_ms(per_comment, args.runs):4.0f} ms"
                f"   cached cold {median_ms(cold, args.runs):4.0f} ms"
                f"  warm {median_ms(warm, args.runs):4.0f} ms"
            )


if __name__ == "__main__":
    main()
