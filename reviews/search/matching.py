"""'Checked before?': find claims in other articles that make the same assertion.

Two steps, so that the database does what it is good at and Python what SQL cannot say:

1. Candidates. On PostgreSQL, a full-text query on the stored, GIN-indexed text_vector
   column (migration 0017) built from the claim's concepts and their synonyms, needing two
   concepts to match, ordered by ts_rank; plus a trigram query (pg_trgm `%`, GIN
   gin_trgm_ops index) ordered by similarity, for claims worded almost alike. On SQLite,
   a bounded scan of claims containing the claim's rarest words or their synonyms.
2. Scoring, the same on both databases, in plain Python: reviews/search/similarity.py.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass

from django.db import OperationalError, connection, transaction
from django.db.models import BooleanField, F, FloatField, Func, Prefetch, Q, QuerySet, TextField
from django.db.models.expressions import RawSQL

from reviews.models import Claim, ClaimState, Evidence
from reviews.search import vectors
from reviews.search.similarity import (
    DEMONYMS,
    FACTS,
    NUMBER_WEIGHT,
    Profile,
    concept_of,
    group_words,
    profile,
    similarity,
    stem_of,
    weight_of,
)
from reviews.search.stored import claim_text_vector

MIN_SCORE = 0.3
LIMIT = 8
CANDIDATES = 90
TRIGRAM_WHEN_FEWER = 10
TRIGRAM_TIMEOUT_MS = 60


# --- candidates ---------------------------------------------------------------------------


class TrigramMatch(Func):
    """text % 'query': true when pg_trgm similarity is above the threshold (uses the GIN index).

    Written as an expression so that django.contrib.postgres need not be in INSTALLED_APPS.
    """

    template = "%(expressions)s"
    arg_joiner = " %% "
    output_field = BooleanField()


class WordSimilarTo(TrigramMatch):
    """'words' <% text: the words appear, about, somewhere in the text (GIN index too)."""

    arg_joiner = " <%% "


def _or_words(words: list[str]) -> str:
    return " | ".join(words)


_corpus: dict = {"at": -1e9, "freqs": {}}
COMMON = 0.05  # in more than 5% of claims: says too little to find candidates with


def corpus_frequencies() -> dict[str, float]:
    """Share of claims containing each common lexeme, from PostgreSQL's own statistics on
    the stored text_vector column (ANALYZE keeps the 1,000 most common). Read every 10 minutes;
    empty on SQLite or before the first ANALYZE."""
    if connection.vendor != "postgresql":
        return {}
    now = time.monotonic()
    if now - _corpus["at"] > 600:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats"
                " WHERE tablename = 'reviews_claim' AND attname = 'text_vector'"
                " AND most_common_elems IS NOT NULL"
            )
            row = cursor.fetchone()
        _corpus["freqs"] = dict(zip(row[0], row[1], strict=False)) if row else {}
        _corpus["at"] = now
    return _corpus["freqs"]


def _corpus_share(words: set[str], freqs: dict[str, float]) -> float:
    return sum(freqs.get(w if w[0].isdigit() else stem_of(w), 0.0) for w in words)


def _groups(p: Profile) -> list[tuple[str, set[str]]]:
    """The claim's concepts, each as the words that can say it, rarest first: rare in this
    desk's claims (database statistics), then rare in English (wordfreq)."""
    groups: dict[str, set[str]] = {}
    for word in p.words:
        if word[0].isdigit() or word in FACTS:
            groups.setdefault("#" + word, set()).add(word)
            continue
        concept = concept_of(word)
        if concept is None:
            continue
        variants = set(group_words().get(concept, [])) | {word}
        variants |= {k for k, v in DEMONYMS.items() if v == concept}
        if concept in DEMONYMS.values():
            variants.add(concept)
        groups.setdefault(concept, set()).update(variants)
    freqs = corpus_frequencies()
    return sorted(
        groups.items(), key=lambda kv: (_corpus_share(kv[1], freqs), -_group_weight(kv[0]))
    )


def _group_weight(concept: str) -> float:
    return NUMBER_WEIGHT if concept.startswith("#") else weight_of(concept)


def _tsquery(p: Profile, rare: int = 3, max_groups: int = 8) -> str | None:
    """A raw tsquery: one of the claim's rarest concepts together with any other concept.

    Pairs keep the matched rows few (a repeated claim shares at least two concepts) and
    anchoring every pair on a rare concept keeps 'troops' & 'Russian' from matching half
    the table; ts_rank then has few rows to rank.
    """
    ranked = _groups(p)[:max_groups]
    if not ranked:
        return None
    freqs = corpus_frequencies()
    parts = ["(" + " | ".join(sorted(_quote(w) for w in words)) + ")" for _, words in ranked]
    if len(parts) == 1:
        return parts[0]
    # Anchors: the rarest concepts that are not common in this desk's claims; partners: any.
    anchors = [i for i, g in enumerate(ranked) if _corpus_share(g[1], freqs) <= COMMON][:rare]
    pairs = [(parts[i], parts[j]) for i in anchors or [0] for j in range(len(parts)) if j != i]
    pairs = list(dict.fromkeys(tuple(sorted(pair)) for pair in pairs))
    return " | ".join(f"{a} & {b}" for a, b in pairs)


def _rare_words(p: Profile, count: int = 2) -> str:
    """The rarest words as written, for the trigram query (typos and spelling variants)."""
    words = sorted(
        p.words, key=lambda w: -_group_weight("#" if w[0].isdigit() else concept_of(w) or w)
    )
    return " ".join([w for w in words if len(w) > 4 and not w[0].isdigit()][:count])


def _quote(word: str) -> str:
    """A tsquery operand, quoted so '2.3' stays one figure."""
    return "'" + (re.sub(r"[^\w.]", "", word).strip(".") or "x") + "'"


def candidates_queryset(claim: Claim) -> QuerySet[Claim]:
    """Claims another article makes that could be the same: not rejected, not this article."""
    return Claim.objects.exclude(article_id=claim.article_id).exclude(state=ClaimState.REJECTED)


def candidate_ids(claim: Claim, p: Profile, limit: int = CANDIDATES) -> list[int]:
    base = candidates_queryset(claim)
    if connection.vendor == "postgresql":
        return _postgres_candidates(base, claim.text, p, limit)
    return _fallback_candidates(base, p, limit)


def _postgres_candidates(base: QuerySet, text: str, p: Profile, limit: int) -> list[int]:
    from django.contrib.postgres.search import SearchQuery, SearchRank

    ids: list[int] = []
    raw = _tsquery(p)
    if raw:
        query = SearchQuery(raw, search_type="raw", config="english")
        vector = claim_text_vector()  # stored: ranking parses no text again
        ids += list(
            base.annotate(fts=vector)
            .filter(fts=query)
            .annotate(rank=SearchRank(vector, query))
            .order_by("-rank")
            .values_list("pk", flat=True)[:limit]
        )
    rare = _rare_words(p)
    trigram: list[int] = []
    if rare and len(ids) < TRIGRAM_WHEN_FEWER:
        # Few full-text candidates: the wording may be misspelt or transliterated. 'rare words'
        # <% text (word similarity above 0.6) through the GIN trigram index, given at most
        # TRIGRAM_TIMEOUT: on a corpus full of look-alike names it can match too many rows.
        words = RawSQL("%s", (rare,), output_field=TextField())
        query = (
            base.filter(WordSimilarTo(words, F("text")))
            .annotate(
                sim=Func(words, F("text"), function="word_similarity", output_field=FloatField())
            )
            .order_by("-sim")
            .values_list("pk", flat=True)[: limit // 3]
        )
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL statement_timeout = {TRIGRAM_TIMEOUT_MS}")
                trigram = list(query)
        except OperationalError:
            trigram = []
    return list(dict.fromkeys(ids + list(trigram)))


def _fallback_candidates(base: QuerySet, p: Profile, limit: int) -> list[int]:
    """SQLite: claims containing one of the rarest concepts (any of its words, stemmed),
    newest first, bounded so the Python scoring stays cheap."""
    terms = set()
    for concept, words in _groups(p)[:4]:
        terms.update(w if concept.startswith("#") else stem_of(w) for w in words)
    terms = {t for t in terms if len(t) >= 2}
    if not terms:
        return []
    match = Q()
    for term in terms:
        match |= Q(text__icontains=term)
    newest = base.filter(match).order_by("-updated_at", "-pk")
    return list(newest.values_list("pk", flat=True)[: limit * 4])


# --- the panel ----------------------------------------------------------------------------


@dataclass
class Match:
    """A claim like this one: by its words (`words`, the lexical score) and, when the
    multilingual encoder has embedded both, by its meaning (`meaning`, the cosine), which
    is what finds it in another language. `score` orders the list."""

    claim: Claim
    words: float
    meaning: float | None = None

    @property
    def score(self) -> float:
        return max(self.words, meaning_score(self.meaning))

    @property
    def percent(self) -> int:
        return math.floor(self.score * 100)

    @property
    def by_meaning(self) -> bool:
        return self.meaning is not None and meaning_score(self.meaning) > self.words


def meaning_score(cosine: float | None) -> float:
    """A cosine on the lexical score's scale: the threshold is MIN_SCORE, identical 1."""
    if cosine is None:
        return 0.0
    floor = vectors.MIN_COSINE
    return max(0.0, MIN_SCORE + (1 - MIN_SCORE) * (cosine - floor) / (1 - floor))


def similar_claims(
    claim: Claim, *, limit: int = LIMIT, min_score: float = MIN_SCORE
) -> list[Match]:
    """Claims from other articles most like this one, best first, with their evidence:
    lexical matches (this module's candidates, similarity.py's score) and the nearest by
    meaning (vectors.py), one list. Without the encoder, the lexical ones alone.

    A fixed number of queries whatever the number of matches: candidates (one or two), the
    texts to score, the nearest by meaning (one or two), then the shown claims with their
    articles and current evidence.
    """
    p = profile(claim.text)
    ids = candidate_ids(claim, p)
    words: dict[int, float] = {}
    if ids:
        texts = Claim.objects.filter(pk__in=ids).order_by().values_list("pk", "text")
        words = {pk: similarity(p, profile(text)) for pk, text in texts}
        words = {pk: score for pk, score in words.items() if score >= min_score}
    meaning = {n.claim_id: n.cosine for n in vectors.nearest(claim, limit=limit)}
    if meaning:
        # A claim found by meaning alone still gets its lexical score, for the display.
        missing = [pk for pk in meaning if pk not in words]
        texts = Claim.objects.filter(pk__in=missing).order_by().values_list("pk", "text")
        words |= {pk: similarity(p, profile(text)) for pk, text in texts}
    found = {pk: Match(claim, words.get(pk, 0.0), meaning.get(pk)) for pk in words | meaning}
    best = sorted(found, key=lambda pk: (-found[pk].score, pk))[:limit]
    if not best:
        return []
    evidence = Evidence.objects.shown()  # with its archived copy, for "use this evidence"
    shown = (
        Claim.objects.order_by()
        .select_related("article")
        .prefetch_related(Prefetch("evidence", queryset=evidence, to_attr="current_evidence"))
    )
    by_pk = shown.in_bulk(best)
    return [Match(by_pk[pk], found[pk].words, found[pk].meaning) for pk in best if pk in by_pk]


def rank(text: str, others: list[str]) -> list[tuple[str, float]]:
    """Score texts against one claim text, best first (for tests and the benchmark)."""
    p = profile(text)
    return sorted(((o, similarity(p, profile(o))) for o in others), key=lambda s: -s[1])
