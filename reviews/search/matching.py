"""'Checked before?': find claims in other articles that make the same assertion.

Two steps, so that the database does what it is good at and Python what SQL cannot say:

1. Candidates. On PostgreSQL, a full-text query (GIN index on to_tsvector('english', text))
   built from the claim's concepts and their synonyms, needing two concepts to match, ordered
   by ts_rank; plus a trigram query (pg_trgm `%`, GIN gin_trgm_ops index) ordered by
   similarity, for claims worded almost alike. On SQLite, a bounded scan of claims containing
   the claim's rarest words or their synonyms.
2. Scoring, the same on both databases: words are reduced to concepts (numbers with their
   units, synonym groups, demonyms, Snowball stems), weighted by rarity (wordfreq), compared
   with a weighted Dice coefficient and blended with character-trigram similarity. Numbers
   must agree: "42 km" against "24 km" is multiplied down.
"""

from __future__ import annotations

import math
import re
import time
import unicodedata
from dataclasses import dataclass
from functools import cache

from django.db import OperationalError, connection, transaction
from django.db.models import BooleanField, F, FloatField, Func, Prefetch, Q, QuerySet, TextField
from django.db.models.expressions import RawSQL
from snowballstemmer import stemmer
from wordfreq import zipf_frequency

from reviews.models import Claim, ClaimState, Evidence

MIN_SCORE = 0.3
LIMIT = 8
CANDIDATES = 90
TRIGRAM_WHEN_FEWER = 10
TRIGRAM_TIMEOUT_MS = 60

# Attribution verbs, hedges and glue words: they say who claims, not what is claimed.
STOPWORDS = frozenset(
    str.split(
        """\
    a an the and or but of to in into on onto at by for from with without as is are was were
    be been being has have had do does did this that these those it its their there they them
    he she his her we our you your i me my not no than then so such also very just about around
    nearly almost roughly approximately some over under more less least most up out off per
    said say says saying told tell claim claims claimed claiming state states stated announce
    announced according reported report reports reportedly alleged allegedly insist insisted
    added confirm confirmed which who whom whose what when where while after before since
    during against between among all any each every other another both can could will would
    should may might must shall now today yesterday last this week year years ago"""
    )
)

# Synonym groups: the first word names the group. Matching is on stems, so list base forms.
SYNONYMS = [
    "advance penetrate push move enter cross incursion infiltrate invade intrude progress",
    "attack strike raid assault shell bombard hit offensive storm",
    "kill dead death die fatality fatalities toll slain",
    "injure wound hurt injury",
    "soldier troop force fighter serviceman servicemen personnel militant",
    "territory land soil",
    "increase rise grow climb surge jump soar gain",
    "decrease fall drop decline plunge cut reduce shrink",
    "capture seize take occupy overrun",
    "destroy demolish ruin wreck flatten",
    "build construct erect",
    "cost price spend expense",
    "car vehicle automobile",
    "child children kid minor",
    "village settlement hamlet",
    "drone uav",
    "missile rocket",
    "evacuate flee displace",
    "border frontier",
    "people person resident inhabitant",
    "arrest detain",
    "leader head chief commander",
    "vote ballot",
    "hospital clinic",
    "home house dwelling",
    "fire blaze",
    "plant station facility",
    "protester demonstrator",
    "unemployment jobless",
]
DEMONYMS = {
    "russian": "russia",
    "russians": "russia",
    "ukrainian": "ukraine",
    "ukrainians": "ukraine",
    "american": "america",
    "americans": "america",
    "us": "america",
    "usa": "america",
    "british": "britain",
    "uk": "britain",
    "french": "france",
    "german": "germany",
    "germans": "germany",
    "chinese": "china",
    "polish": "poland",
    "belarusian": "belarus",
    "european": "europe",
    "israeli": "israel",
    "israelis": "israel",
    "palestinian": "palestine",
    "palestinians": "palestine",
}
UNITS = {
    "km": "km",
    "kms": "km",
    "kilometre": "km",
    "kilometres": "km",
    "kilometer": "km",
    "kilometers": "km",
    "mile": "mi",
    "miles": "mi",
    "m": "m",
    "metre": "m",
    "metres": "m",
    "meter": "m",
    "meters": "m",
    "%": "%",
    "percent": "%",
    "pct": "%",
    "€": "eur",
    "euro": "eur",
    "euros": "eur",
    "eur": "eur",
    "$": "usd",
    "dollar": "usd",
    "dollars": "usd",
    "usd": "usd",
    "£": "gbp",
    "pound": "gbp",
    "pounds": "gbp",
    "gbp": "gbp",
    "kg": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "tonne": "t",
    "tonnes": "t",
    "ton": "t",
    "tons": "t",
}
MULTIPLIERS = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
}
# Dates and directions are facts like figures: "in October" against "in December" is a
# different claim however alike the rest is.
FACTS = {
    w: w
    for w in str.split(
        "january february march april may june july august september october november december"
        " monday tuesday wednesday thursday friday saturday sunday north south east west"
    )
} | {"northern": "north", "southern": "south", "eastern": "east", "western": "west"}
NUMBER_WORDS = {
    w: n
    for n, w in enumerate(
        str.split(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen"
            " fourteen fifteen sixteen seventeen eighteen nineteen twenty"
        )
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12, "dozens": 24}

TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[%€$£]")
NUMBER_WEIGHT = 5.0
_stem = stemmer("english").stemWord


@cache
def _synonym_heads() -> dict[str, str]:
    heads = {}
    for group in SYNONYMS:
        words = group.split()
        for word in words:
            heads.setdefault(_stem(word), words[0])
    return heads


@cache
def _group_words() -> dict[str, list[str]]:
    return {group.split()[0]: group.split() for group in SYNONYMS}


@cache
def concept_of(word: str) -> str | None:
    """The concept a (lower-case) word stands for, or None for a glue word."""
    if word in STOPWORDS or len(word) < 2 and word not in UNITS:
        return None
    word = DEMONYMS.get(word, word)
    stem = _stem(word)
    return _synonym_heads().get(stem, stem)


@cache
def weight_of(concept: str) -> float:
    """Rarer words say more: 'penetrated' outweighs 'said'. Zipf 7 is 'the', 1 is very rare."""
    words = _group_words().get(concept, [concept])
    zipf = max(zipf_frequency(w, "en") for w in words)
    return min(6.0, max(0.5, 7.0 - zipf))


def _number(token: str) -> float | None:
    if token in NUMBER_WORDS:
        return float(NUMBER_WORDS[token])
    if not token[0].isdigit():
        return None
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", token):
        token = token.replace(",", "")
    return float(token.replace(",", "."))


TENS = {20.0, 30.0, 40.0, 50.0}
MONEY = {"eur", "usd", "gbp"}


def _is_multiplier(tokens: list[str], j: int, unit: str) -> bool:
    """'12 million', '1.2bn'; and 'm' means million after a currency ('€12m') or before a
    unit ('18m cubic metres'), metres otherwise."""
    if tokens[j] != "m":
        return tokens[j] in MULTIPLIERS
    after = tokens[j + 1] if j + 1 < len(tokens) else ""
    return (
        unit in MONEY
        or UNITS.get(after) in MONEY
        or after in UNITS
        or after
        in {
            "cubic",
            "square",
            "people",
            "tonnes",
        }
    )


def _format(value: float) -> str:
    return f"{value:.6g}"


@dataclass(frozen=True)
class Profile:
    """What a claim says, reduced to compare it with others."""

    concepts: frozenset[str]
    numbers: frozenset[str]
    facts: frozenset[str]
    trigrams: frozenset[str]
    words: tuple[str, ...]  # the content words as written, lower case, for database queries

    @property
    def weight(self) -> float:
        figures = len(self.numbers) + len(self.facts)
        return sum(weight_of(c) for c in self.concepts) + NUMBER_WEIGHT * figures


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return text.replace("per cent", "percent").replace("’", "'")


def profile(text: str) -> Profile:
    tokens = TOKEN.findall(normalise(text))
    concepts, numbers, facts, words = set(), set(), set(), []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        value = _number(token)
        if value is not None:
            unit = ""
            if i > 0 and tokens[i - 1] in "€$£":
                unit = UNITS[tokens[i - 1]]
            j = i + 1
            if value in TENS and j < len(tokens) and 0 < NUMBER_WORDS.get(tokens[j], 0) < 10:
                value += NUMBER_WORDS[tokens[j]]  # forty-two
                j += 1
            if j < len(tokens) and _is_multiplier(tokens, j, unit):
                value *= MULTIPLIERS.get(tokens[j], 1e6)
                j += 1
            if j < len(tokens) and tokens[j] in UNITS and not unit:
                unit = UNITS[tokens[j]]
                j += 1
            if unit:
                concepts.add(unit)
            numbers.add(_format(value))
            words.append(token.replace(",", ""))
            i = j
            continue
        if token in FACTS:
            facts.add(FACTS[token])
            words.append(token)
        elif token in UNITS:
            concepts.add(UNITS[token])
        else:
            concept = concept_of(token)
            if concept:
                concepts.add(concept)
                words.append(token)
        i += 1
    return Profile(
        concepts=frozenset(concepts),
        numbers=frozenset(numbers),
        facts=frozenset(facts),
        trigrams=trigrams(text),
        words=tuple(dict.fromkeys(words)),
    )


def trigrams(text: str) -> frozenset[str]:
    """Character trigrams the way pg_trgm makes them: per word, padded with two spaces before
    and one after, so Python's score equals PostgreSQL's similarity()."""
    grams = set()
    for word in re.findall(r"[^\W_]+", normalise(text)):
        padded = f"  {word} "
        grams.update(padded[k : k + 3] for k in range(len(padded) - 2))
    return frozenset(grams)


def trigram_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def similarity(a: Profile, b: Profile) -> float:
    """0 to 1. Weighted Dice over concepts and numbers, blended with trigram similarity,
    then numbers must agree: both sides give figures and none match, the score is halved."""
    shared = sum(weight_of(c) for c in a.concepts & b.concepts)
    shared += NUMBER_WEIGHT * (len(a.numbers & b.numbers) + len(a.facts & b.facts))
    total = a.weight + b.weight
    dice = 2 * shared / total if total else 0.0
    score = 0.8 * dice + 0.2 * trigram_similarity(a.trigrams, b.trigrams)
    score *= _agreement(a.numbers, b.numbers, one_sided=0.9)
    score *= _agreement(a.facts, b.facts, one_sided=1.0)
    return round(min(1.0, score), 4)


def _agreement(a: frozenset[str], b: frozenset[str], one_sided: float) -> float:
    """Figures (or dates) on both sides must match: none in common halves the score."""
    if a and b:
        if not a & b:
            return 0.5
        return 1.0 if a == b else 0.8
    return one_sided if a or b else 1.0


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
    the claim_text_fts index (ANALYZE keeps the 1,000 most common). Read every 10 minutes;
    empty on SQLite or before the first ANALYZE."""
    if connection.vendor != "postgresql":
        return {}
    now = time.monotonic()
    if now - _corpus["at"] > 600:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats"
                " WHERE tablename = 'claim_text_fts' AND most_common_elems IS NOT NULL"
            )
            row = cursor.fetchone()
        _corpus["freqs"] = dict(zip(row[0], row[1], strict=False)) if row else {}
        _corpus["at"] = now
    return _corpus["freqs"]


def _corpus_share(words: set[str], freqs: dict[str, float]) -> float:
    return sum(freqs.get(w if w[0].isdigit() else _stem(w), 0.0) for w in words)


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
        variants = set(_group_words().get(concept, [])) | {word}
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
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    ids: list[int] = []
    raw = _tsquery(p)
    if raw:
        query = SearchQuery(raw, search_type="raw", config="english")
        vector = SearchVector("text", config="english")
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
        terms.update(w if concept.startswith("#") else _stem(w) for w in words)
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
    claim: Claim
    score: float

    @property
    def percent(self) -> int:
        return math.floor(self.score * 100)


def similar_claims(
    claim: Claim, *, limit: int = LIMIT, min_score: float = MIN_SCORE
) -> list[Match]:
    """Claims from other articles most like this one, best first, with their evidence.

    A fixed number of queries whatever the number of matches: candidates (one or two), the
    texts to score, then the shown claims with their articles and current evidence.
    """
    p = profile(claim.text)
    ids = candidate_ids(claim, p)
    if not ids:
        return []
    texts = Claim.objects.filter(pk__in=ids).order_by().values_list("pk", "text")
    scored = sorted(
        ((similarity(p, profile(text)), pk) for pk, text in texts), key=lambda s: (-s[0], s[1])
    )
    best = [(score, pk) for score, pk in scored if score >= min_score][:limit]
    if not best:
        return []
    evidence = Evidence.objects.current().select_related("source")
    shown = (
        Claim.objects.order_by()
        .select_related("article")
        .prefetch_related(Prefetch("evidence", queryset=evidence, to_attr="current_evidence"))
    )
    by_pk = shown.in_bulk([pk for _, pk in best])
    return [Match(by_pk[pk], score) for score, pk in best if pk in by_pk]


def rank(text: str, others: list[str]) -> list[tuple[str, float]]:
    """Score texts against one claim text, best first (for tests and the benchmark)."""
    p = profile(text)
    return sorted(((o, similarity(p, profile(o))) for o in others), key=lambda s: -s[1])
