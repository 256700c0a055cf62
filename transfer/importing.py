"""Running an import: a reader (Blogger or WordPress) gives records, the writer stores them one
post per transaction, and a report counts what was created, updated, skipped and failed."""

from collections import Counter

from django.utils.translation import gettext as _

from blog.models import BlogSettings

from . import records as r
from .blogger import BloggerReader
from .services import CREATED, UPDATED, save_post
from .wordpress import WordPressReader

READERS = {"blogger": BloggerReader, "wordpress": WordPressReader}
KINDS = ("posts", "pages", "comments")
OUTCOMES = ("created", "updated", "skipped", "failed")


def _kind_key(kind):
    return "pages" if kind == r.KIND_PAGE else "posts"


class Report:
    """What an import did: counts per kind and outcome, why things were skipped (grouped),
    each failure with its reason, and the images left at their old addresses."""

    def __init__(self, data=None):
        data = data or {}
        self.counts = {kind: Counter(data.get("counts", {}).get(kind, {})) for kind in KINDS}
        self.skipped = Counter(data.get("skipped", {}))
        self.failures = [tuple(pair) for pair in data.get("failures", [])]
        self.images = data.get("images", 0)

    def as_dict(self):
        return {
            "counts": {kind: dict(self.counts[kind]) for kind in KINDS},
            "skipped": dict(self.skipped),
            "failures": [list(pair) for pair in self.failures],
            "images": self.images,
        }

    def add(self, kind, outcome, number=1):
        self.counts[kind][outcome] += number

    def skip(self, kind, reason, number=1):
        self.add(kind, "skipped", number)
        self.skipped[reason] += number

    def fail(self, kind, what, reason):
        self.add(kind, "failed")
        self.failures.append((what, reason))

    def rows(self):
        """[(kind label, {outcome: number})] for the summary table."""
        labels = {"posts": _("Posts"), "pages": _("Pages"), "comments": _("Comments")}
        return [
            (labels[kind], [self.counts[kind][outcome] for outcome in OUTCOMES]) for kind in KINDS
        ]

    def skip_reasons(self):
        """[(reason, number)], the commonest first."""
        return sorted(self.skipped.items(), key=lambda item: (-item[1], item[0]))

    def lines(self):
        """The summary as lines of text, for the command line."""
        lines = [
            _("%(kind)s: %(created)s created, %(updated)s updated, %(skipped)s skipped, "
              "%(failed)s failed")
            % dict(zip(["kind", *OUTCOMES], [label, *numbers], strict=True))
            for label, numbers in self.rows()
        ]  # fmt: skip
        for reason, number in self.skip_reasons():
            lines.append(_("  skipped %(n)s × %(reason)s") % {"n": number, "reason": reason})
        for what, reason in self.failures:
            lines.append(_("  failed: %(what)s — %(reason)s") % {"what": what, "reason": reason})
        lines.append(
            _("Images left at their old addresses (nothing was downloaded): %(n)s")
            % {"n": self.images}
        )
        return lines


def reader_for(source, path):
    return READERS[source](path, BlogSettings.load().language)


def run_import(reader, progress=None):
    """Import everything `reader` gives and return the Report. Raises ImportRefused (nothing
    imported) when the file is hostile, broken or of another format: `count()` reads it whole
    before anything is written. `progress(done, total)` is called after each entry."""
    total = reader.count()
    report = Report()
    known_authors = {}
    for done, item in enumerate(reader, start=1):
        if isinstance(item, r.Skipped):
            report.skip(_kind_key(item.kind), item.reason)
        elif isinstance(item, r.Broken):
            report.fail(_kind_key(item.kind), item.what, item.reason)
        else:
            _import_one(item, reader.source, report, known_authors)
        if progress is not None:
            progress(done, total)
    if reader.orphans:
        report.skip("comments", _("its post is not in the file"), reader.orphans)
    return report


def _import_one(record, source, report, known_authors):
    kind = _kind_key(record.kind)
    try:
        outcome, _post, comments = save_post(record, source, known_authors)
    except Exception as error:  # noqa: BLE001 - one bad post must not stop a whole blog's import
        # Authors made in the rolled-back transaction are gone: forget them.
        known_authors.clear()
        report.fail(kind, record.title or record.source_id, f"{type(error).__name__}: {error}")
        if record.comments:
            report.skip("comments", _("its post failed"), len(record.comments))
        return
    report.add(kind, outcome if outcome in (CREATED, UPDATED) else "skipped")
    if outcome not in (CREATED, UPDATED):
        report.skipped[_("already imported, unchanged")] += 1
    report.add("comments", "created", comments["created"])
    report.add("comments", "failed", comments["failed"])
    for reason in comments["problems"]:
        if reason:
            report.skipped[reason] += 1
    report.add("comments", "skipped", comments["skipped"])
    for reason in comments["failures"]:
        report.failures.append((_("a comment on “%(title)s”") % {"title": record.title}, reason))
    report.images += r.count_remote_images(record.body_html)
