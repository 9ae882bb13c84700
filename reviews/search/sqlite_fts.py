"""Full-text search on SQLite (the default database): FTS5 with the Porter stemmer, so
"killed" finds "kill" and "killing" as PostgreSQL's English configuration does.

Two external-content FTS5 tables index the claims' and articles' text, kept in sync by
triggers on the tables themselves. They are (re)made after every `migrate` (post_migrate),
not in a migration: SQLite rebuilds a table for many schema changes, and dropping a table
drops its triggers, so a later migration would silently stop the index from following.
Where SQLite lacks FTS5, search falls back to matching every word (fulltext.py).
"""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

TOKENIZER = "porter unicode61 remove_diacritics 2"
# table -> (indexed columns, the FTS table's name)
INDEXED = {
    "reviews_claim": (["text", "attribution", "note"], "search_claim_fts"),
    "reviews_article": (["title", "outlet", "body"], "search_article_fts"),
}


def index_statements(table: str) -> list[str]:
    columns, fts = INDEXED[table]
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    remove = f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.id, {old});"
    add = f"INSERT INTO {fts}(rowid, {names}) VALUES (new.id, {new});"
    return [
        f"DROP TABLE IF EXISTS {fts}",
        f"CREATE VIRTUAL TABLE {fts} USING fts5({names}, content='{table}',"
        f" content_rowid='id', tokenize='{TOKENIZER}')",
        f"DROP TRIGGER IF EXISTS {fts}_insert",
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {add} END",
        f"DROP TRIGGER IF EXISTS {fts}_delete",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {remove} END",
        f"DROP TRIGGER IF EXISTS {fts}_update",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {names} ON {table} BEGIN {remove} {add} END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def build_index(using: str = "default", **kwargs) -> None:
    """post_migrate: (re)make the FTS tables and triggers, and index what is there."""
    from django.db import connections

    target = connections[using]
    if target.vendor != "sqlite" or not has_fts5(target):
        return
    with target.cursor() as cursor:
        tables = set(target.introspection.table_names(cursor))
        for table in INDEXED:
            if table in tables:
                for statement in index_statements(table):
                    cursor.execute(statement)


def has_fts5(target=connection) -> bool:
    with target.cursor() as cursor:
        cursor.execute("SELECT sqlite_compileoption_used('ENABLE_FTS5')")
        return bool(cursor.fetchone()[0])


_indexed: set[str] = set()  # databases (by name) seen with the index: asked once


def available() -> bool:
    """The index exists here (SQLite with FTS5, migrated)."""
    if connection.vendor != "sqlite":
        return False
    name = str(connection.settings_dict["NAME"])
    if name not in _indexed:
        with connection.cursor() as cursor:
            if "search_claim_fts" in connection.introspection.table_names(cursor):
                _indexed.add(name)
    return name in _indexed


def fts_query(words: list[str]) -> str:
    """Every word must match (stemmed); the last one as a prefix, for typing as you search.
    The words are letters and digits only (fulltext.words_of), so quoting them is safe."""
    quoted = [f'"{word}"' for word in words]
    if quoted:
        quoted[-1] += "*"
    return " AND ".join(quoted)


def matching(qs: QuerySet, table: str, words: list[str], *, column: int, whole: bool, marks: tuple):
    """Rows whose indexed text matches, best first (bm25), with the matches between `marks`:
    the whole `column` (short texts) or a snippet of it."""
    fts = INDEXED[table][1]
    query = fts_query(words)
    row = f"FROM {fts} WHERE {fts} MATCH %s AND {fts}.rowid = {table}.id"
    if whole:
        marked = f"highlight({fts}, {column}, %s, %s)"
    else:
        marked = f"snippet({fts}, {column}, %s, %s, '…', 40)"
    return (
        qs.filter(pk__in=RawSQL(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", [query]))
        .annotate(
            rank=RawSQL(f"(SELECT bm25({fts}, 10.0, 4.0, 1.0) {row})", [query]),
            headline=RawSQL(f"(SELECT {marked} {row})", [*marks, query]),
        )
        .order_by("rank", "-pk")
    )
