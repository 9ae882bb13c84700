"""Search and claim matching on PostgreSQL: pg_trgm and GIN indexes.

The indexes are functional (no stored vector column, no model change), so they are created
here and not declared in Model.Meta: SQLite cannot build them and skips this migration's
work entirely. reviews/search.py and reviews/matching.py build the very same expressions,
which is what lets the planner use these indexes (tests/test_search.py checks with EXPLAIN).
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import TrigramExtension
from django.contrib.postgres.search import SearchVector
from django.db import migrations


def indexes():
    return {
        "claim": [
            GinIndex(fields=["text"], opclasses=["gin_trgm_ops"], name="claim_text_trgm"),
            GinIndex(SearchVector("text", config="english"), name="claim_text_fts"),
            GinIndex(
                SearchVector("text", weight="A", config="english")
                + SearchVector("attribution", weight="B", config="english")
                + SearchVector("note", weight="C", config="english"),
                name="claim_search_fts",
            ),
        ],
        "article": [
            GinIndex(
                SearchVector("title", weight="A", config="english")
                + SearchVector("outlet", weight="B", config="english")
                + SearchVector("body", weight="C", config="english"),
                name="article_search_fts",
            ),
        ],
    }


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, model_indexes in indexes().items():
        model = apps.get_model("reviews", model_name)
        for index in model_indexes:
            schema_editor.add_index(model, index)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, model_indexes in indexes().items():
        model = apps.get_model("reviews", model_name)
        for index in model_indexes:
            schema_editor.remove_index(model, index)


class Migration(migrations.Migration):

    dependencies = [
        ("reviews", "0004_claim_same_as"),
    ]

    operations = [
        # Skipped by Django itself on databases other than PostgreSQL.
        TrigramExtension(),
        migrations.RunPython(create, drop),
    ]
