from django import template

from reviews.idempotency import new_key

register = template.Library()

# A symbol beside every verdict colour, so the verdict never rests on colour alone.
VERDICT_SYMBOLS = {"corroborated": "✓", "disputed": "✗", "unverified": "?", "unreviewed": "○"}


@register.filter
def verdict_symbol(verdict: str) -> str:
    return VERDICT_SYMBOLS.get(verdict, "○")


BLOCK_LABELS = {
    "caption": "Photo caption",
    "related": "Related links",
    "source_line": "Source line",
    "headline": "Headline",
    "furniture": "Page furniture",
}


@register.filter
def block_label(kind: str) -> str:
    return BLOCK_LABELS.get(kind, "")


STANCE_SYMBOLS = {"supports": "▲", "contradicts": "▼", "context": "◆"}


@register.filter
def stance_symbol(stance: str) -> str:
    return STANCE_SYMBOLS.get(stance, "◆")


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key) if mapping else None


VERDICT_KEYS = {"corroborated": "1", "disputed": "2", "unverified": "3", "unreviewed": "0"}


@register.filter
def verdict_key(verdict: str) -> str:
    """The keyboard key that sets a verdict (see static/js/keys.js)."""
    return VERDICT_KEYS.get(verdict, "")


@register.simple_tag
def submission_key() -> str:
    """A one-time key for a form that creates rows (reviews/idempotency.py)."""
    return new_key()
