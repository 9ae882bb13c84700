"""The stored full-text search vectors on PostgreSQL (migration reviews/0017_search_vectors.py).

Columns kept by triggers, not model fields, so a query names them through `Stored`:
`reviews_article.search_vector`, `reviews_claim.search_vector` (text A, attribution B,
note C) and `reviews_claim.text_vector` (the text alone), each with a GIN index.
"""

from __future__ import annotations

from django.db.models import Expression


def _vector_field():
    from django.contrib.postgres.search import SearchVectorField

    return SearchVectorField()


class Stored(Expression):
    """A tsvector column of the query's own table (whatever alias the table has)."""

    def __init__(self, column: str):
        super().__init__(output_field=_vector_field())
        self.column = column

    def __repr__(self) -> str:
        return f"Stored({self.column!r})"

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        table = compiler.quote_name(alias)
        return f"{table}.{connection.ops.quote_name(self.column)}", []

    def get_group_by_cols(self):
        return [self]

    def __eq__(self, other):
        return isinstance(other, Stored) and other.column == self.column

    def __hash__(self):
        return hash((Stored, self.column))


def article_vector() -> Stored:
    return Stored("search_vector")


def claim_vector() -> Stored:
    return Stored("search_vector")


def claim_text_vector() -> Stored:
    return Stored("text_vector")
