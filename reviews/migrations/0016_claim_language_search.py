"""An article that is a translation records its original (address, language). Claims keep
their article's language, and full-text search on PostgreSQL stems each
article and claim in its own language (reviews/search_configs.py): the weighted search
indexes of 0005 are made again with the per-row configuration. claim_text_fts (English,
used by "checked before?" candidates) stays as it was.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models

from reviews.search_configs import FUNCTION, config_expression, function_sql


def english_indexes():
    return {
        "claim": GinIndex(
            SearchVector("text", weight="A", config="english")
            + SearchVector("attribution", weight="B", config="english")
            + SearchVector("note", weight="C", config="english"),
            name="claim_search_fts",
        ),
        "article": GinIndex(
            SearchVector("title", weight="A", config="english")
            + SearchVector("outlet", weight="B", config="english")
            + SearchVector("body", weight="C", config="english"),
            name="article_search_fts",
        ),
    }


def language_indexes():
    config = config_expression()
    return {
        "claim": GinIndex(
            SearchVector("text", weight="A", config=config)
            + SearchVector("attribution", weight="B", config=config)
            + SearchVector("note", weight="C", config=config),
            name="claim_search_lang_fts",
        ),
        "article": GinIndex(
            SearchVector("title", weight="A", config=config)
            + SearchVector("outlet", weight="B", config=config)
            + SearchVector("body", weight="C", config=config),
            name="article_search_lang_fts",
        ),
    }


def swap(old, new):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for model_name, index in old().items():
            schema_editor.remove_index(apps.get_model("reviews", model_name), index)
        for model_name, index in new().items():
            schema_editor.add_index(apps.get_model("reviews", model_name), index)

    return run


def create_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(function_sql())


def drop_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}(text)")


def copy_language(apps, schema_editor):
    Claim = apps.get_model("reviews", "Claim")
    Article = apps.get_model("reviews", "Article")
    languages = Article.objects.filter(pk=models.OuterRef("article_id")).values("language")[:1]
    Claim.objects.update(language=models.Subquery(languages))


class Migration(migrations.Migration):

    dependencies = [
        ("reviews", "0015_comments"),
    ]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="language",
            field=models.CharField(blank=True, default="", max_length=35),
        ),
        migrations.RunPython(copy_language, migrations.RunPython.noop),
        migrations.AddField(
            model_name="article",
            name="original_url",
            field=models.URLField(blank=True, default="", max_length=2000),
        ),
        migrations.AddField(
            model_name="article",
            name="original_language",
            field=models.CharField(blank=True, default="", max_length=35),
        ),
        migrations.RunPython(create_function, drop_function),
        migrations.RunPython(
            swap(english_indexes, language_indexes), swap(language_indexes, english_indexes)
        ),
    ]
