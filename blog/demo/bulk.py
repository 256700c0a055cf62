"""Writing a great many rows fast, on SQLite and PostgreSQL: what the big-blog generator uses.

A million comments inserted one by one into a table with eleven indexes cost a random b-tree
insertion per index and row, which grows with the table (56 minutes for 100,000 posts and
1,000,000 comments on a busy machine). Here rows go in as plain tuples (executemany on SQLite,
COPY on PostgreSQL), the secondary indexes of the tables being filled are dropped for the load
and built again once at the end (one sort each), and the engine is told not to wait for the disk
while it lasts. Unique constraints and primary keys stay, so the rows are checked as usual.
"""

import datetime
import operator
from contextlib import contextmanager

from django.core.management.color import no_style
from django.db import connection

# SQLite's page cache during the load, in KiB: the tables' last pages and the unique indexes,
# which are kept, stay in memory.
SQLITE_CACHE_KIB = 256 * 1024
POSTGRES_INDEX_MEMORY = "256MB"


@contextmanager
def bulk_load(models, *, rebuild_indexes):
    """Fast writes to the tables of `models` while the block runs: the engine does not wait for
    the disk and, with `rebuild_indexes` (worth it when the load is larger than what the tables
    hold), their secondary indexes are dropped and built again at the end."""
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        restore = _fast_writes(cursor)
        dropped = _drop_indexes(cursor, tables) if rebuild_indexes else []
    try:
        yield
    except BaseException:
        # Inside a transaction, rolling it back brings the indexes back.
        if not connection.in_atomic_block:
            _finish(tables, dropped, restore)
        raise
    _finish(tables, dropped, restore)


def _finish(tables, dropped, restore):
    """Build the dropped indexes, undo the fast-write settings, refresh the statistics."""
    postgresql = connection.vendor == "postgresql"
    # Inside a transaction, PostgreSQL builds no index on a table whose deferred foreign-key
    # checks are pending: they are run first.
    checks_pending = dropped and postgresql and connection.in_atomic_block
    with connection.cursor() as cursor:
        if checks_pending:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for statement in dropped:
            cursor.execute(statement)
        if checks_pending:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for statement in restore:
            cursor.execute(statement)
        if postgresql:
            # The planner's statistics would otherwise describe the tables before the load
            # until autovacuum gets to them.
            for table in tables:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def _fast_writes(cursor):
    """Make writes fast for this connection; return the statements that undo it."""
    if connection.vendor == "postgresql":
        cursor.execute("SET synchronous_commit = off")
        cursor.execute(f"SET maintenance_work_mem = '{POSTGRES_INDEX_MEMORY}'")
        return ["RESET synchronous_commit", "RESET maintenance_work_mem"]
    cursor.execute("PRAGMA cache_size")
    cache_size = cursor.fetchone()[0]
    cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    restore = [f"PRAGMA cache_size = {int(cache_size)}"]
    # SQLite keeps the safety level for the length of a transaction (inside one, the load has
    # a single commit anyway). A crash during the load loses a database being generated.
    if not connection.in_atomic_block:
        cursor.execute("PRAGMA synchronous")
        synchronous = cursor.fetchone()[0]
        cursor.execute("PRAGMA synchronous = OFF")
        restore.append(f"PRAGMA synchronous = {int(synchronous)}")
    return restore


def secondary_indexes(tables):
    """{name: statement creating it} of the indexes of `tables` that no constraint owns."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT index_class.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                "JOIN pg_class index_class ON index_class.oid = i.indexrelid "
                "JOIN pg_class table_class ON table_class.oid = i.indrelid "
                "WHERE table_class.relname = ANY(%s) AND pg_table_is_visible(table_class.oid) "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid "
                "AND c.conrelid = i.indrelid)",
                [list(tables)],
            )
        else:
            # Indexes without SQL are those SQLite made for a UNIQUE or PRIMARY KEY clause.
            placeholders = ", ".join(["%s"] * len(tables))
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                f"AND tbl_name IN ({placeholders})",
                list(tables),
            )
        return dict(cursor.fetchall())


def _drop_indexes(cursor, tables):
    """Drop the secondary indexes of `tables`; return the statements that build them again."""
    indexes = secondary_indexes(tables)
    for name in indexes:
        cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    return list(indexes.values())


def insert_rows(model, rows):
    """Write `rows` (dicts of column attribute names to values; other keys are ignored) into
    `model`'s table, the fields left out taking the model's defaults. No model instance is
    built, so a million rows take seconds rather than minutes."""
    if not rows:
        return
    pk = model._meta.pk
    # Rows without ids get them from the database.
    fields = [f for f in model._meta.concrete_fields if f is not pk or pk.attname in rows[0]]
    template = model()
    defaults = {}
    for field in fields:
        value = field.get_db_prep_save(getattr(template, field.attname), connection)
        # Choices are str subclasses, which some drivers refuse.
        defaults[field.attname] = str(value) if isinstance(value, str) else value
    datetimes = [f.attname for f in fields if f.get_internal_type() == "DateTimeField"]
    names = [field.attname for field in fields]
    pick = operator.itemgetter(*names)
    adapt = _datetime_adapter()

    def values():
        for row in rows:
            full = {**defaults, **row}
            for name in datetimes:
                if full[name] is not None:
                    full[name] = adapt(full[name])
            yield pick(full)

    write_table(model._meta.db_table, [field.column for field in fields], values())


def write_table(table, columns, values):
    """Append `values` (tuples in the order of `columns`) to `table`: COPY on PostgreSQL, one
    prepared INSERT run for each tuple on SQLite."""
    quote = connection.ops.quote_name
    column_list = ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quote(table)} ({column_list}) FROM STDIN") as copy:
                for value in values:
                    copy.write_row(value)
            return
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {quote(table)} ({column_list}) VALUES ({marks})", values)


def _datetime_adapter():
    """What the database is given for an aware datetime: Django's own conversion, with a
    shortcut for the UTC datetimes the generator makes (SQLite stores them as naive text)."""
    adapt = connection.ops.adapt_datetimefield_value
    if connection.vendor != "sqlite":
        return adapt
    utc = datetime.timezone.utc

    def adapt_utc(value):
        if value.tzinfo is utc:
            return str(value.replace(tzinfo=None))
        return adapt(value)

    return adapt_utc


def reset_sequences(models):
    """PostgreSQL: move the id sequences of `models` past the ids written (SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
