"""The search leaf's own table: one embedding per claim, for "checked before?" across
languages (reviews/search/vectors.py writes and searches it)."""

from django.db import models

from reviews.models import Claim


class ClaimEmbedding(models.Model):
    """A claim's wording as a unit vector from the multilingual encoder (embeddings.py).

    Stored as little-endian float32 bytes so that every database can hold it; on a
    PostgreSQL server with pgvector the migration adds a `vec vector(384)` column with an
    HNSW index beside it. A new wording replaces the row (a new id), so a process's cached
    matrix catches up by reading the ids above the last one it saw.
    """

    id = models.BigAutoField(primary_key=True)
    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, related_name="+")
    vector = models.BinaryField()
    # What was embedded and by which encoder: a task for an older wording is skipped.
    text_hash = models.CharField(max_length=64)
    encoder = models.CharField(max_length=80)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"embedding of claim {self.claim_id}"
