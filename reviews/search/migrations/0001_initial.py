import django.db.models.deletion
from django.db import migrations, models, transaction

DIMENSIONS = 384


def add_pgvector(apps, schema_editor):
    """Where the PostgreSQL server offers pgvector: the extension, a vector column beside
    the bytes, and an HNSW index for cosine distance. Elsewhere nothing: search is exact."""
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")
        if cursor.fetchone() is None:
            return
        try:
            with transaction.atomic(using=connection.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS vector")
                cursor.execute(
                    f"ALTER TABLE search_claimembedding ADD COLUMN vec vector({DIMENSIONS})"
                )
                cursor.execute(
                    "CREATE INDEX search_claimembedding_vec_hnsw ON search_claimembedding"
                    " USING hnsw (vec vector_cosine_ops)"
                )
        except Exception:  # noqa: BLE001 - no right to create the extension: stay exact
            return


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("reviews", "0012_article_due"),
    ]

    operations = [
        migrations.CreateModel(
            name="ClaimEmbedding",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("vector", models.BinaryField()),
                ("text_hash", models.CharField(max_length=64)),
                ("encoder", models.CharField(max_length=80)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "claim",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="reviews.claim",
                    ),
                ),
            ],
        ),
        migrations.RunPython(add_pgvector, migrations.RunPython.noop),
    ]
