"""Full-text search of posts on the database's own engine: SQLite FTS5, PostgreSQL text search.

Both engines are given the same thing: the search terms of blog.text (folded, the commonest words
left out, Arabic prefixes taken off), computed here in Python for the index and for the query
alike, so a word is found the same way on SQLite and on PostgreSQL. A query is parsed into terms
(words, "quoted phrases", prefix*) and only those terms reach the engine, each quoted, so no
reader's text is ever read as the engine's own syntax.

    SQLite       blog_post_fts, an FTS5 table (rowid = post id) of the title, excerpt and body
                 terms; a trigger drops a row when its search entry goes.
    PostgreSQL   tsvector columns of blog_searchentry (`document` for everything, with a GIN
                 index; `title_terms` and `excerpt_terms` for ranking), written as literals.

Results are ranked: a match in the title first, then in the excerpt, then in the body, newest
first within each. Highlighting happens in Python on the original text.
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, Case, F, When
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .text import ORIGINAL_WORD, search_terms, word_terms

FTS_TABLE = "blog_post_fts"
MAX_TERMS = 10
# A prefix of one letter would match most of the index.
MIN_PREFIX = 2
# tsvector limits: positions above 16,383 are all 16,383, and a lexeme keeps 256 of them.
_PG_MAX_POSITION = 16383
_PG_MAX_POSITIONS = 256
# Between the fields of the document, so a phrase never spans the title and the excerpt.
_FIELD_GAP = 8

_QUOTED = re.compile(r'"([^"]*)"?|«([^»]*)»?|“([^”]*)”?')


@dataclass(frozen=True)
class Term:
    """One condition of a query: a word, or several words in a row (a quoted phrase); a
    `prefix` term matches words that begin with it."""

    words: tuple
    prefix: bool = False


def parse(text):
    """The terms of a reader's query, at most MAX_TERMS; none for a query of common words or
    punctuation only."""
    terms = []

    def phrase(match):
        words = tuple(search_terms(next(group for group in match.groups() if group is not None)))
        if words:
            terms.append(Term(words))
        return " "

    rest = _QUOTED.sub(phrase, text or "")
    for chunk in rest.split():
        words = search_terms(chunk)
        for number, word in enumerate(words):
            last = number == len(words) - 1
            terms.append(
                Term((word,), prefix=last and chunk.endswith("*") and len(word) >= MIN_PREFIX)
            )
    return tuple(dict.fromkeys(terms))[:MAX_TERMS]


# Writing the index


def index_posts(posts):
    """Write (or rewrite) the search entries of `posts`: their terms and their `listed_at`."""
    write_entries(
        (post.pk, post.listed_at, post.title, post.excerpt, post.body_text) for post in posts
    )


def write_entries(posts):
    """Write search entries from (id, listed_at, title, excerpt, plain text) tuples."""
    write_terms(
        (pk, listed, search_terms(title), search_terms(excerpt), search_terms(text))
        for pk, listed, title, excerpt, text in posts
    )


def write_terms(entries):
    """Write search entries from (id, listed_at, title terms, excerpt terms, body terms) tuples,
    the terms being `blog.text.search_terms` of each field."""
    rows = list(entries)
    if not rows:
        return
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.executemany(
                "INSERT INTO blog_searchentry (post_id, listed_at, title_terms, excerpt_terms, "
                "document) VALUES (%s, %s, %s::tsvector, %s::tsvector, %s::tsvector) "
                "ON CONFLICT (post_id) DO UPDATE SET listed_at = EXCLUDED.listed_at, "
                "title_terms = EXCLUDED.title_terms, excerpt_terms = EXCLUDED.excerpt_terms, "
                "document = EXCLUDED.document",
                [
                    (pk, listed, tsvector(title), tsvector(excerpt), document(title, excerpt, body))
                    for pk, listed, title, excerpt, body in rows
                ],
            )
            return
        cursor.executemany(
            "INSERT INTO blog_searchentry (post_id, listed_at) VALUES (%s, %s) "
            "ON CONFLICT (post_id) DO UPDATE SET listed_at = excluded.listed_at",
            [(pk, adapt(listed)) for pk, listed, *_terms in rows],
        )
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(r[0],) for r in rows])
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, title, excerpt, body) VALUES (%s, %s, %s, %s)",
            [(pk, " ".join(t), " ".join(e), " ".join(b)) for pk, _l, t, e, b in rows],
        )


def tsvector(terms, start=1):
    """A tsvector literal of `terms`, each at its position from `start`."""
    positions = {}
    for offset, term in enumerate(terms):
        spots = positions.setdefault(term, [])
        if len(spots) < _PG_MAX_POSITIONS:
            spots.append(min(start + offset, _PG_MAX_POSITION))
    return " ".join(
        f"'{term}':{','.join(map(str, dict.fromkeys(spots)))}" for term, spots in positions.items()
    )


def document(title, excerpt, body):
    """One tsvector of the title, excerpt and body terms, fields apart."""
    excerpt_start = len(title) + _FIELD_GAP
    body_start = excerpt_start + len(excerpt) + _FIELD_GAP
    return " ".join(
        [tsvector(title), tsvector(excerpt, excerpt_start), tsvector(body, body_start)]
    ).strip()


def rebuild_index(posts, listed_condition, batch_size=2000):
    """Index `posts` (a queryset) again, in batches, `listed_condition` telling which are
    listed (`Post.listed_condition()`): after a bulk load, or in a migration, where the model
    has no `listed_at`. Returns how many."""
    listed = Case(When(listed_condition, then=F("publish_at")), default=None)
    total = 0
    ids = list(posts.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        write_entries(
            posts.model.objects.filter(pk__in=chunk)
            .annotate(listed=listed)
            .values_list("pk", "listed", "title", "excerpt", "body_text")
        )
        total += len(chunk)
    return total


# Querying


def fts5_match(terms, column=None):
    """An FTS5 MATCH expression of the terms (all required), on one column if given."""
    parts = []
    for term in terms:
        part = '"' + " ".join(term.words) + '"'
        parts.append(part + " *" if term.prefix else part)
    expression = " AND ".join(parts)
    return f"{column} : ({expression})" if column else expression


def tsquery(terms):
    """A tsquery literal of the terms (all required)."""
    parts = []
    for term in terms:
        words = [f"'{word}'" for word in term.words]
        if term.prefix:
            words[-1] += ":*"
        parts.append(f"({' <-> '.join(words)})" if len(words) > 1 else words[0])
    return " & ".join(parts)


def _matching(terms):
    """SQL (with parameters) of the ids of the listed posts that match `terms`."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    if connection.vendor == "postgresql":
        sql = "SELECT post_id FROM blog_searchentry WHERE document @@ %s::tsquery"
        params = [tsquery(terms)]
    else:
        sql = (
            f"SELECT post_id FROM blog_searchentry WHERE post_id IN "
            f"(SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"
        )
        params = [fts5_match(terms)]
    return sql + " AND listed_at <= %s", [*params, now]


def _entry_matches(terms):
    """A condition on the search entry being read: its post matches `terms`."""
    if connection.vendor == "postgresql":
        # The entry's own document, read through the GIN index in one bitmap scan.
        sql, params = "blog_searchentry.document @@ %s::tsquery", [tsquery(terms)]
    else:
        sql = (
            f"blog_searchentry.post_id IN "
            f"(SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"
        )
        params = [fts5_match(terms)]
    return RawSQL(sql, params, output_field=BooleanField())


def _rank(terms, post_id=None):
    """SQL (with parameters) of a match's rank: 2 for the title, plus 1 for the excerpt. Of the
    post whose id is the column `post_id`, or of the search entry being read when None."""
    if connection.vendor == "postgresql":
        query = tsquery(terms)
        rank = "(title_terms @@ %s::tsquery)::int * 2 + (excerpt_terms @@ %s::tsquery)::int"
        if post_id is not None:
            rank = f"SELECT {rank} FROM blog_searchentry WHERE post_id = {post_id}"
        return rank, [query, query]
    # Each list of ids is read once from the FTS index, then looked up for every match.
    column = post_id or "blog_searchentry.post_id"
    in_column = f"{column} IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"
    rank = f"(CASE WHEN {in_column} THEN 2 ELSE 0 END) + (CASE WHEN {in_column} THEN 1 ELSE 0 END)"
    return rank, [fts5_match(terms, "title"), fts5_match(terms, "excerpt")]


def ranked_listing(text):
    """Ids of the posts readers may see matching `text`, best first (see the module), read from
    the search entries alone: no post is read to rank thousands of matches."""
    from .models import SearchEntry

    terms = parse(text)
    if not terms:
        return SearchEntry.objects.none().values_list("post", flat=True)
    return (
        SearchEntry.objects.listed()
        .filter(_entry_matches(terms))
        .annotate(search_rank=RawSQL(*_rank(terms)))
        .order_by("-search_rank", "-listed_at", "-post")
        .values_list("post", flat=True)
    )


def search_posts(posts, text):
    """`posts` narrowed to the published ones matching `text`, ranked (see the module)."""
    terms = parse(text)
    if not terms:
        return posts.none()
    listed = "SELECT listed_at FROM blog_searchentry WHERE post_id = blog_post.id"
    return (
        posts.filter(pk__in=RawSQL(*_matching(terms)))
        .annotate(
            search_rank=RawSQL(*_rank(terms, "blog_post.id")),
            search_listed_at=RawSQL(listed, ()),
        )
        .order_by("-search_rank", "-search_listed_at", "-pk")
    )


# Showing results


def term_matcher(terms):
    """A function telling whether one word as written matches one of the terms."""
    whole = {word for term in terms for word in term.words}
    prefixes = tuple(term.words[-1] for term in terms if term.prefix)

    def matches(word):
        return any(t in whole or (prefixes and t.startswith(prefixes)) for t in word_terms(word))

    return matches


def highlight(text, terms, length=None):
    """`text` escaped, with the words that match `terms` in <mark>. With a `length`, only a
    passage of about that many characters around the first match (the start when none), cut
    between words, with "…" where text was left out."""
    text = text or ""
    matches = term_matcher(terms)
    found = [m for m in ORIGINAL_WORD.finditer(text) if matches(m.group())]
    start, end = 0, len(text)
    if length is not None and len(text) > length:
        first = found[0].start() if found else 0
        start = max(0, first - length // 3)
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < first else start
        end = min(len(text), start + length)
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space if space > start else end
    pieces, position = [], start
    for match in found:
        if match.start() < start or match.end() > end:
            continue
        pieces.append(escape(text[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    pieces.append(escape(text[position:end]))
    body = " ".join("".join(pieces).split())
    return mark_safe(("…" if start else "") + body + ("…" if end < len(text) else ""))
