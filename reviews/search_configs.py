"""PostgreSQL text search configurations by language: each article and claim is stemmed in
its own language (its BCP 47 code's first part), `simple` (no stemming, no stop words)
where PostgreSQL has no configuration for it, and English for the rows stored before
languages were detected (an empty code).

The indexes of migration 0016 (reviews/migrations) are built from `config_expression()`; the queries
must use the very same expression for the planner to use them.
"""

from __future__ import annotations

from django.db.models import F, Func, TextField

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


FUNCTION = "search_config"


def function_sql() -> str:
    """PostgreSQL: search_config(code) -> regconfig, IMMUTABLE, so that index expressions can
    call it. A function keeps the index definitions short (the catalog row of an index with
    the whole CASE inline is too big for pg_restore to make again)."""
    whens = "\n".join(
        f"    WHEN '{code}' THEN '{name}'::regconfig" for code, name in sorted(CONFIGS.items())
    )
    return f"""CREATE OR REPLACE FUNCTION {FUNCTION}(code text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT CASE split_part(lower(coalesce(code, '')), '-', 1)
    WHEN '' THEN '{UNDETECTED}'::regconfig
{whens}
    ELSE '{FALLBACK}'::regconfig
END
$$"""


def config_expression(field: str = "language") -> Func:
    """The row's configuration, from its own language column (PostgreSQL only)."""
    return Func(F(field), function=FUNCTION, output_field=TextField())


def query_configs() -> list[str]:
    """The configurations a search query is parsed with (OR-ed): every one a row may have.
    A constant list, so that the query is one value and the GIN index can answer it."""
    return sorted(set(CONFIGS.values()) | {FALLBACK})
