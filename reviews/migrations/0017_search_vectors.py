"""Stored, GIN-indexed search vectors on PostgreSQL, kept by triggers.

Migrations 0005 and 0016 indexed expressions: the planner found the rows through the index, but
ranking (ts_rank) and the candidate query of "checked before?" computed to_tsvector again
for every matched row, a 2 MB article body included. These columns hold the vectors:

- reviews_article.search_vector: title (A), outlet (B), body (C);
- reviews_claim.search_vector: text (A), attribution (B), note (C);
  both stemmed in the row's own language (`search_config(language)`, the SQL function of
  migration 0016, reviews/search_configs.py);
- reviews_claim.text_vector: the claim's text alone, in English as 0005's index was (the
  candidates of "checked before?"; other languages are matched by meaning).

Triggers, not generated columns: a generated column is computed again on every UPDATE of
the row, and each audited change bumps the article's revision; the triggers fire only when
a statement sets one of the indexed columns and the value differs. The columns are not model
fields (SQLite has no tsvector; it keeps its FTS5 index, reviews/search/sqlite_fts.py), so
this migration does nothing on other databases. reviews/search/stored.py reads them.
"""

from django.db import migrations, models

ARTICLE = """
CREATE OR REPLACE FUNCTION reviews_article_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.title IS DISTINCT FROM OLD.title
     OR NEW.outlet IS DISTINCT FROM OLD.outlet OR NEW.body IS DISTINCT FROM OLD.body
     OR NEW.language IS DISTINCT FROM OLD.language THEN
    NEW.search_vector :=
      setweight(to_tsvector(search_config(NEW.language), coalesce(NEW.title, '')), 'A')
      || setweight(to_tsvector(search_config(NEW.language), coalesce(NEW.outlet, '')), 'B')
      || setweight(to_tsvector(search_config(NEW.language), coalesce(NEW.body, '')), 'C');
  END IF;
  RETURN NEW;
END $$;
"""

CLAIM = """
CREATE OR REPLACE FUNCTION reviews_claim_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.text IS DISTINCT FROM OLD.text THEN
    NEW.text_vector := to_tsvector('english', coalesce(NEW.text, ''));
  END IF;
  IF TG_OP = 'INSERT' OR NEW.text IS DISTINCT FROM OLD.text
     OR NEW.attribution IS DISTINCT FROM OLD.attribution OR NEW.note IS DISTINCT FROM OLD.note
     OR NEW.language IS DISTINCT FROM OLD.language THEN
    NEW.search_vector :=
      setweight(to_tsvector(search_config(NEW.language), coalesce(NEW.text, '')), 'A')
      || setweight(to_tsvector(search_config(NEW.language), coalesce(NEW.attribution, '')), 'B')
      || setweight(to_tsvector(search_config(NEW.language), coalesce(NEW.note, '')), 'C');
  END IF;
  RETURN NEW;
END $$;
"""

FORWARD = [
    "ALTER TABLE reviews_article ADD COLUMN search_vector tsvector",
    "ALTER TABLE reviews_claim ADD COLUMN search_vector tsvector, ADD COLUMN text_vector tsvector",
    ARTICLE,
    CLAIM,
    "CREATE TRIGGER reviews_article_search_vector BEFORE INSERT OR UPDATE OF title, outlet, body, language"
    " ON reviews_article FOR EACH ROW EXECUTE FUNCTION reviews_article_search_vector()",
    "CREATE TRIGGER reviews_claim_search_vector BEFORE INSERT OR UPDATE OF text, attribution, note, language"
    " ON reviews_claim FOR EACH ROW EXECUTE FUNCTION reviews_claim_search_vector()",
    # Fill the rows already there (these statements set no column the triggers watch).
    "UPDATE reviews_article SET search_vector ="
    " setweight(to_tsvector(search_config(language), coalesce(title, '')), 'A')"
    " || setweight(to_tsvector(search_config(language), coalesce(outlet, '')), 'B')"
    " || setweight(to_tsvector(search_config(language), coalesce(body, '')), 'C')",
    "UPDATE reviews_claim SET text_vector = to_tsvector('english', coalesce(text, ''))",
    "UPDATE reviews_claim SET search_vector ="
    " setweight(to_tsvector(search_config(language), coalesce(text, '')), 'A')"
    " || setweight(to_tsvector(search_config(language), coalesce(attribution, '')), 'B')"
    " || setweight(to_tsvector(search_config(language), coalesce(note, '')), 'C')",
    # The updates queued foreign-key checks; run them now, or CREATE INDEX refuses the table.
    "SET CONSTRAINTS ALL IMMEDIATE",
    "CREATE INDEX article_search_vector ON reviews_article USING gin (search_vector)",
    "CREATE INDEX claim_search_vector ON reviews_claim USING gin (search_vector)",
    "CREATE INDEX claim_text_vector ON reviews_claim USING gin (text_vector)",
    # The expression indexes of 0005 and 0016 are replaced (the trigram index stays).
    "DROP INDEX IF EXISTS article_search_lang_fts",
    "DROP INDEX IF EXISTS claim_search_lang_fts",
    "DROP INDEX IF EXISTS claim_text_fts",
    "ANALYZE reviews_article",
    "ANALYZE reviews_claim",
]

BACKWARD = [
    "DROP TRIGGER IF EXISTS reviews_article_search_vector ON reviews_article",
    "DROP TRIGGER IF EXISTS reviews_claim_search_vector ON reviews_claim",
    "DROP FUNCTION IF EXISTS reviews_article_search_vector()",
    "DROP FUNCTION IF EXISTS reviews_claim_search_vector()",
    "ALTER TABLE reviews_article DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE reviews_claim DROP COLUMN IF EXISTS search_vector,"
    " DROP COLUMN IF EXISTS text_vector",
    "CREATE INDEX IF NOT EXISTS claim_text_fts ON reviews_claim"
    " USING gin (to_tsvector('english'::regconfig, COALESCE(text, '')))",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return apply


def backward(apps, schema_editor):
    """Back to 0016: its per-language expression indexes again."""
    if schema_editor.connection.vendor != "postgresql":
        return
    run(BACKWARD)(apps, schema_editor)
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    from reviews.search_configs import config_expression

    config = config_expression()
    indexes = {
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
    for model_name, index in indexes.items():
        schema_editor.add_index(apps.get_model("reviews", model_name), index)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0016_claim_language_search"),
    ]

    operations = [
        migrations.RunPython(run(FORWARD), backward),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                condition=models.Q(("state", "rejected"), _negated=True),
                fields=["verdict", "article"],
                name="claim_live_verdict",
            ),
        ),
    ]
