"""Claim embeddings: written by the task (tasks.py), searched for "checked before?".

Two search paths, the same answer:
- exact, on any database: every embedding in a matrix kept per process (1.5 KB a claim),
  brought up to date on each lookup by reading the rows with an id above the last one seen
  (a new wording is a new row), and a numpy dot product (the vectors are unit length, so
  that is the cosine);
- pgvector, where the PostgreSQL server has the extension: the migration then added a
  `vec vector(384)` column with an HNSW index (cosine), and the database finds the nearest.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import numpy as np
from django.db import IntegrityError, connection, transaction

from reviews.models import Claim, ClaimState
from reviews.search import embeddings
from reviews.search.models import ClaimEmbedding

logger = logging.getLogger(__name__)
TABLE = ClaimEmbedding._meta.db_table
# Cosine above which two claims are shown as meaning the same (multilingual-e5-small puts
# unrelated sentences around 0.75-0.82); calibrated on bench/cross_language.
MIN_COSINE = 0.86
SHORTLIST = 64


# --- writing ------------------------------------------------------------------------------


def embed_claims(claim_ids: list[int]) -> int:
    """Embed the claims whose stored vector is missing or was made from another wording.
    Returns how many were (re)embedded. Without the encoder, none."""
    if not embeddings.available():
        return 0
    rows = list(Claim.objects.filter(pk__in=claim_ids).values_list("pk", "text"))
    stored = dict(
        ClaimEmbedding.objects.filter(claim_id__in=claim_ids).values_list("claim_id", "text_hash")
    )
    todo = [
        (pk, text, embeddings.text_hash(text))
        for pk, text in rows
        if text.strip() and stored.get(pk) != embeddings.text_hash(text)
    ]
    if not todo:
        return 0
    vectors = embeddings.embed([text for _, text, _ in todo])
    try:
        with transaction.atomic():
            ClaimEmbedding.objects.filter(claim_id__in=[pk for pk, _, _ in todo]).delete()
            made = ClaimEmbedding.objects.bulk_create(
                ClaimEmbedding(
                    claim_id=pk,
                    vector=embeddings.to_bytes(vector),
                    text_hash=digest,
                    encoder=embeddings.ENCODER,
                )
                for (pk, _, digest), vector in zip(todo, vectors, strict=True)
            )
            if has_pgvector():
                with connection.cursor() as cursor:
                    cursor.executemany(
                        f"UPDATE {TABLE} SET vec = %s::vector WHERE id = %s",
                        [(_literal(v), row.pk) for row, v in zip(made, vectors, strict=True)],
                    )
    except IntegrityError:
        # A claim deleted meanwhile: nothing to embed for it; the next task does the rest.
        logger.info("claims deleted while being embedded: %s", claim_ids)
        return 0
    return len(todo)


def _literal(vector: np.ndarray) -> str:
    return "[" + ",".join(f"{x:.7g}" for x in vector) + "]"


# --- pgvector -----------------------------------------------------------------------------

_pgvector: dict[str, bool] = {}


def has_pgvector() -> bool:
    """The embeddings table has the pgvector column (made by the migration where the server
    offers the extension). Asked once per database and process."""
    if connection.vendor != "postgresql":
        return False
    name = str(connection.settings_dict["NAME"])
    if name not in _pgvector:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM information_schema.columns WHERE table_name = %s"
                " AND column_name = 'vec'",
                [TABLE],
            )
            _pgvector[name] = cursor.fetchone() is not None
    return _pgvector[name]


def _pgvector_nearest(claim: Claim, limit: int) -> list[tuple[int, float]]:
    rejected = ClaimState.REJECTED.value
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL hnsw.ef_search = 100")
        cursor.execute(
            f"""WITH mine AS (SELECT vec FROM {TABLE} WHERE claim_id = %s)
            SELECT e.claim_id, 1 - (e.vec <=> mine.vec) FROM {TABLE} e, mine, reviews_claim c
            WHERE c.id = e.claim_id AND c.article_id <> %s AND c.state <> %s
            ORDER BY e.vec <=> mine.vec LIMIT %s""",
            [claim.pk, claim.article_id, rejected, limit],
        )
        return [(pk, float(cos)) for pk, cos in cursor.fetchall()]


# --- exact search -------------------------------------------------------------------------


@dataclass
class Matrix:
    """Every stored embedding of one database, in this process."""

    last_id: int = 0
    claims: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    articles: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    vectors: np.ndarray = field(
        default_factory=lambda: np.zeros((0, embeddings.DIMENSIONS), dtype=np.float32)
    )
    rows: dict[int, int] = field(default_factory=dict)  # claim id -> row

    def catch_up(self) -> None:
        """Read the embeddings written since the last look (one query)."""
        new = list(
            ClaimEmbedding.objects.filter(id__gt=self.last_id)
            .order_by("id")
            .values_list("id", "claim_id", "claim__article_id", "vector")
        )
        if not new:
            return
        self.last_id = new[-1][0]
        added_claims, added_articles, added_vectors = [], [], []
        for _, claim_id, article_id, data in new:
            vector = embeddings.from_bytes(data)
            row = self.rows.get(claim_id)
            if row is not None:  # a new wording of a claim already here
                self.vectors[row] = vector
                continue
            self.rows[claim_id] = len(self.claims) + len(added_claims)
            added_claims.append(claim_id)
            added_articles.append(article_id)
            added_vectors.append(vector)
        if added_claims:
            self.claims = np.concatenate([self.claims, np.array(added_claims, dtype=np.int64)])
            self.articles = np.concatenate(
                [self.articles, np.array(added_articles, dtype=np.int64)]
            )
            self.vectors = np.vstack([self.vectors, np.array(added_vectors, dtype=np.float32)])

    def nearest(self, claim: Claim, limit: int) -> list[tuple[int, float]]:
        row = self.rows.get(claim.pk)
        if row is None:
            return []
        scores = self.vectors @ self.vectors[row]
        scores[self.articles == claim.article_id] = -1.0
        count = min(limit, len(scores))
        if not count:
            return []
        top = np.argpartition(-scores, count - 1)[:count]
        top = top[np.argsort(-scores[top])]
        return [(int(self.claims[i]), float(scores[i])) for i in top if scores[i] > -1.0]


_matrices: dict[str, Matrix] = {}


def matrix() -> Matrix:
    name = f"{connection.alias}:{connection.settings_dict['NAME']}"
    current = _matrices.setdefault(name, Matrix())
    current.catch_up()
    return current


def forget() -> None:
    """Drop the cached matrices (tests that reuse ids across databases)."""
    _matrices.clear()
    _pgvector.clear()


@dataclass(frozen=True)
class Neighbour:
    claim_id: int
    cosine: float


def nearest(claim: Claim, *, limit: int = 8, min_cosine: float = MIN_COSINE) -> list[Neighbour]:
    """Claims of other articles, not rejected, whose meaning is closest to this claim's, in
    any language; empty until the claim's embedding is stored, and without the encoder."""
    if not embeddings.available():
        return []
    if has_pgvector():
        found = _pgvector_nearest(claim, SHORTLIST)
    else:
        found = matrix().nearest(claim, SHORTLIST)
    found = [(pk, cos) for pk, cos in found if cos >= min_cosine]
    if not found:
        return []
    # The matrix may hold claims since deleted or rejected: the database has the last word.
    live = set(
        Claim.objects.filter(pk__in=[pk for pk, _ in found])
        .exclude(state=ClaimState.REJECTED)
        .values_list("pk", flat=True)
    )
    return [Neighbour(pk, round(cos, 4)) for pk, cos in found if pk in live][:limit]
