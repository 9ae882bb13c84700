"""PostgreSQL text search configurations by language: each article and claim is stemmed in
its own language (its BCP 47 code's first part), `simple` (no stemming, no stop words)
where PostgreSQL has no configuration for it, and English for the rows stored before
languages were detected (an empty code).

The indexes of migration 0016 (reviews/migrations) are built from `config_expression()`; the queries
must use the very same expression for the planner to use them.
"""

from __future__ import annotations

from django.db.models import Case, Q, TextField, When
from django.db.models.expressions import RawSQL

# The configurations every PostgreSQL since 12 has (pg_ts_config), by ISO 639-1 code.
CONFIGS = {
    "ar": "arabic",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hi": "hindi",
    "hu": "hungarian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "nb": "norwegian",
    "ne": "nepali",
    "nl": "dutch",
    "nn": "norwegian",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}
UNDETECTED = "english"
FALLBACK = "simple"


def config_for(code: str) -> str:
    if not code:
        return UNDETECTED
    return CONFIGS.get(code.split("-")[0].lower(), FALLBACK)


def _regconfig(name: str) -> RawSQL:
    # A constant of type regconfig: immutable, so it may stand in an index expression.
    return RawSQL(f"'{name}'::regconfig", [], output_field=TextField())


def _is(field: str, codes: list[str]) -> Q:
    q = Q(**{f"{field}__in": codes})
    for code in codes:
        q |= Q(**{f"{field}__startswith": code + "-"})
    return q


def config_expression(field: str = "language") -> Case:
    """The row's configuration, from its own language column."""
    by_config: dict[str, list[str]] = {}
    for code, name in CONFIGS.items():
        by_config.setdefault(name, []).append(code)
    whens = [When(Q(**{field: ""}), then=_regconfig(UNDETECTED))]
    whens += [When(_is(field, codes), then=_regconfig(name)) for name, codes in by_config.items()]
    return Case(*whens, default=_regconfig(FALLBACK), output_field=TextField())


def query_configs() -> list[str]:
    """The configurations a search query is parsed with (OR-ed): every one a row may have.
    A constant list, so that the query is one value and the GIN index can answer it."""
    return sorted(set(CONFIGS.values()) | {FALLBACK})
