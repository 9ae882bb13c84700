"""How alike two claim texts are, in plain Python (the scoring step of "checked before?").

Words are reduced to concepts (numbers with their units, synonym groups, demonyms,
Snowball stems), weighted by rarity (wordfreq), compared with a weighted Dice coefficient
and blended with character-trigram similarity. Numbers must agree: "42 km" against
"24 km" is multiplied down. reviews/search/matching.py finds the candidates to score.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from snowballstemmer import stemmer
from wordfreq import zipf_frequency

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
stem_of = stemmer("english").stemWord


@cache
def _synonym_heads() -> dict[str, str]:
    heads = {}
    for group in SYNONYMS:
        words = group.split()
        for word in words:
            heads.setdefault(stem_of(word), words[0])
    return heads


@cache
def group_words() -> dict[str, list[str]]:
    return {group.split()[0]: group.split() for group in SYNONYMS}


@cache
def concept_of(word: str) -> str | None:
    """The concept a (lower-case) word stands for, or None for a glue word."""
    if word in STOPWORDS or len(word) < 2 and word not in UNITS:
        return None
    word = DEMONYMS.get(word, word)
    stem = stem_of(word)
    return _synonym_heads().get(stem, stem)


@cache
def weight_of(concept: str) -> float:
    """Rarer words say more: 'penetrated' outweighs 'said'. Zipf 7 is 'the', 1 is very rare."""
    words = group_words().get(concept, [concept])
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
