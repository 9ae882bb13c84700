from django import template

register = template.Library()

# A symbol beside every verdict colour, so the verdict never rests on colour alone.
VERDICT_SYMBOLS = {"corroborated": "✓", "disputed": "✗", "unverified": "?", "unreviewed": "○"}


@register.filter
def verdict_symbol(verdict: str) -> str:
    return VERDICT_SYMBOLS.get(verdict, "○")
