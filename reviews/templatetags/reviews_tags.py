from html import escape

from django import template
from django.utils.safestring import mark_safe

from reviews.comments import comment_html as render_comment
from reviews.idempotency import new_key
from reviews.languages import language_name as name_of_language

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


# Highlights are drawn with str.format and html.escape (what Django's escape does, without
# its lazy-string wrapper): format_html per piece was most of a long article's render time.
# Every value from the database goes through escape(); numbers are ints.
MARK = (
    '<mark id="seg-{0}" class="hl verdict-{1} state-{2}{3}" data-claim="{4}" data-start="{0}">'
    "{5}</mark>"
)
REF = (
    '<a id="ref-{0}" class="claim-ref verdict-{1} state-{2}" href="#claim-{0}" '
    'aria-label="Claim {3}: {4}{5}">{3}<i>{6}</i></a>'
)
PLAIN = '<span data-start="{0}">{1}</span>'


def mark_html(segment) -> str:
    """One highlighted piece of text; the `mark` partial draws the same for a swap."""
    claim = segment.claim
    overlap = " overlap" if len(segment.claims) > 1 else ""
    return MARK.format(
        int(segment.start),
        escape(claim.verdict),
        escape(claim.state),
        overlap,
        int(claim.pk),
        escape(segment.text),
    )


def claim_ref_html(claim) -> str:
    """The claim's number after its words; the `claim-ref` partial draws the same."""
    return REF.format(
        int(claim.pk),
        escape(claim.verdict),
        escape(claim.state),
        int(claim.number),
        "proposed, " if claim.state == "proposed" else "",
        escape(claim.get_verdict_display()),
        verdict_symbol(claim.verdict),
    )


@register.filter
def paragraph_html(paragraph) -> str:
    """A paragraph's highlighted text drawn in Python: one pass, no template include per
    piece, so an article with thousands of claims renders in milliseconds."""
    parts = []
    for segment in paragraph.segments:
        if segment.claim is None:
            parts.append(PLAIN.format(int(segment.start), escape(segment.text)))
            continue
        parts.append(mark_html(segment))
        parts.extend(claim_ref_html(claim) for claim in segment.ends_claims)
    return mark_safe("".join(parts))  # noqa: S308  (every value escaped above)


@register.filter
def comment_html(comment):
    """A comment's text, escaped, with its @mentions marked (reviews.comments)."""
    return render_comment(comment)


@register.filter
def language_name(code: str) -> str:
    """ "Spanish" for "es" (an article's stored BCP 47 code)."""
    return name_of_language(code)
