"""Every write to where claims sit in the text: add, re-anchor, split, proposals (merge:
merging.py).

Same rules as reviews/claims.py: keyword-only, one transaction, the audit event written
with the change, the version the editor saw checked. The article body never changes once
claims exist, so spans are validated against it here and by the model's clean().
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from django.core.exceptions import ValidationError
from django.db import transaction

from reviews import audit, corrections
from reviews.claims import ClaimEditRefused, update_claim
from reviews.models import Article, Claim, ClaimOrigin, ClaimState, Event, body_hash
from reviews.signals import texts_changed
from reviews.speakers import find_attribution, sentence_around

CLAIM_FIELDS = ["start", "end", "text", "attribution", "state"]


def trimmed_span(body: str, start: int, end: int) -> tuple[int, int]:
    """A selection without the white space at its edges."""
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def validated_span(article: Article, start: int, end: int) -> tuple[int, int]:
    if not (0 <= start < end <= len(article.body)):
        raise ClaimEditRefused(
            f"The selection {start}–{end} is outside the article text (0–{len(article.body)})."
        )
    start, end = trimmed_span(article.body, start, end)
    if start >= end:
        raise ClaimEditRefused("The selection only covers white space.")
    return start, end


def record_new_claim(claim: Claim, *, editor, action: str) -> None:
    Event.objects.record(
        actor=editor,
        article_id=claim.article_id,
        claim_id=claim.pk,
        obj=claim,
        action=action,
        after=audit.snapshot(claim, CLAIM_FIELDS),
    )
    texts_changed([claim.pk])


def add_claim(*, article: Article, editor, start: int, end: int, attribution: str = "") -> Claim:
    """An editor's claim; with no speaker given, the one the sentence names (if any)."""
    start, end = validated_span(article, start, end)
    if not attribution.strip():
        sentence, following = sentence_around(article.body, start, end)
        attribution = find_attribution(sentence, next_sentence=following, language=article.language)
    claim = Claim(
        article=article,
        start=start,
        end=end,
        text=article.body[start:end],
        language=article.language,
        attribution=attribution.strip()[:300],
        origin=ClaimOrigin.EDITOR,
        state=ClaimState.ACCEPTED,
        updated_by=editor,
    )
    try:
        claim.full_clean()
    except ValidationError as error:
        raise ClaimEditRefused(" ".join(error.messages)) from error
    with transaction.atomic():
        # The article's row lock makes a double submit wait here, then find the twin.
        Article.objects.select_for_update().filter(pk=article.pk).first()
        corrections.ensure_editable(None, article_id=article.pk)
        live = article.claims.exclude(state=ClaimState.REJECTED)
        if live.filter(start=start, end=end).exists():
            raise ClaimEditRefused("A claim already covers exactly these words.")
        claim.save()
        record_new_claim(claim, editor=editor, action="claim.add")
    return claim


def set_span(*, claim: Claim, editor, start: int, end: int, expected_version: int) -> Claim:
    """Re-anchor a claim; its wording follows the span unless an editor rewrote it.

    A claim left on an older revision (not found in a new version) comes back to the
    current text this way."""
    corrections.ensure_editable(None, article_id=claim.article_id)
    start, end = validated_span(claim.article, start, end)
    fields = {"start": start, "end": end}
    if claim.text == claim.span_text:
        fields["text"] = claim.article.body[start:end]
    if claim.detached_from_id is not None:
        fields["detached_from"] = None
    update_claim(claim, editor=editor, expected_version=expected_version, **fields)
    return claim


def split_claim(*, claim: Claim, editor, at: int, expected_version: int) -> tuple[Claim, Claim]:
    """Cut a claim in two at a position inside it; the second part starts unreviewed."""
    corrections.ensure_editable(None, article_id=claim.article_id)
    if claim.detached_from_id is not None:
        raise ClaimEditRefused(
            "This claim is not in the current text (it stays on an older revision):"
            " re-anchor it on the text first."
        )
    body = claim.article.body
    if not claim.start < at < claim.end:
        raise ClaimEditRefused("Put the cursor inside the claim's words to split it there.")
    first = trimmed_span(body, claim.start, at)
    second = trimmed_span(body, at, claim.end)
    if not (claim.start < at < claim.end) or first[0] >= first[1] or second[0] >= second[1]:
        raise ClaimEditRefused("Put the cursor inside the claim's words to split it there.")
    with transaction.atomic():
        set_span(
            claim=claim,
            editor=editor,
            start=first[0],
            end=first[1],
            expected_version=expected_version,
        )
        rest = Claim.objects.create(
            article=claim.article,
            start=second[0],
            end=second[1],
            text=body[second[0] : second[1]],
            language=claim.language,
            attribution=claim.attribution,
            origin=ClaimOrigin.EDITOR,
            state=ClaimState.ACCEPTED,
            updated_by=editor,
        )
        record_new_claim(rest, editor=editor, action="claim.split")
    return claim, rest


class Proposal(Protocol):
    """A span the detector proposes, with its score and speaker (reviews.ingest makes them)."""

    start: int
    end: int
    text: str
    score: float
    attribution: str


def proposed_claim(article: Article, proposal: Proposal | dict) -> Claim:
    get = proposal.get if isinstance(proposal, dict) else lambda name: getattr(proposal, name)
    return Claim(
        article=article,
        start=get("start"),
        end=get("end"),
        text=get("text"),
        language=article.language,
        attribution=get("attribution")[:300],
        score=round(get("score"), 4),
        origin=ClaimOrigin.PROPOSED,
        state=ClaimState.PROPOSED,
    )


def store_proposals(
    *,
    article: Article,
    blocks: list[dict],
    proposals: Iterable[Proposal],
    held_back: Iterable[Proposal] = (),
) -> list[Claim]:
    """Store the article's structure, its claim proposals and the candidates held back
    below the budget's cut (once)."""
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        if article.claims.exists():
            raise ClaimEditRefused("This article already has claims; proposals run only once.")
        article.blocks = blocks
        article.held_back = sorted(
            (
                {
                    "start": p.start,
                    "end": p.end,
                    "text": p.text,
                    "score": round(p.score, 4),
                    "attribution": p.attribution[:300],
                }
                for p in held_back
            ),
            key=lambda c: (-c["score"], c["start"]),
        )
        article.save(update_fields=["blocks", "held_back"])
        return create_proposals(article, proposals, actor=None)


def create_proposals(article: Article, candidates: Iterable, *, actor) -> list[Claim]:
    """Proposed claims from the detector's candidates, with one audited event for them;
    a span an editor has meanwhile made a claim of is not proposed twice."""
    live = set(article.claims.exclude(state=ClaimState.REJECTED).values_list("start", "end"))
    fresh = [proposed_claim(article, c) for c in candidates]
    created = Claim.objects.bulk_create(c for c in fresh if (c.start, c.end) not in live)
    Event.objects.record(
        actor=actor,
        article_id=article.pk,
        obj=article,
        action="claims.proposed",
        after={"count": len(created), "held_back": len(article.held_back)},
    )
    texts_changed([claim.pk for claim in created])
    return created


def propose_more(*, article: Article, editor, count: int = 10) -> list[Claim]:
    """The next best candidates from below the cut become proposals (audited)."""
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        corrections.ensure_editable(None, article_id=article.pk)
        taken, article.held_back = article.held_back[:count], article.held_back[count:]
        article.save(update_fields=["held_back"])
        return create_proposals(article, taken, actor=editor)


def shifted(position: int, fixes: list[dict]) -> int:
    """Where a body offset lands once the fixes (sorted, not overlapping) are applied.

    An offset inside a repaired word moves with the word's end: a claim never ends mid-word.
    """
    return position + sum(
        len(fix["replacement"]) - len(fix["original"]) for fix in fixes if fix["start"] < position
    )


def apply_repairs(*, article: Article, editor, chosen: list[dict]) -> int:
    """Apply the chosen glued-word fixes after claims exist; the rest are dismissed.

    Claims, their wording and the article's blocks move with the text, so every anchor
    still points at the same words. One audited event; open pages redraw the article.
    Returns how many fixes were applied.
    """
    chosen = sorted(chosen, key=lambda fix: fix["start"])
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        corrections.ensure_editable(None, article_id=article.pk)
        pending = {(f["start"], f["original"]) for f in article.repairs}
        chosen = [f for f in chosen if (f["start"], f["original"]) in pending]
        body, pieces, cursor = article.body, [], 0
        for fix in chosen:
            pieces += [body[cursor : fix["start"]], fix["replacement"]]
            cursor = fix["end"]
        new_body = "".join([*pieces, body[cursor:]])
        # Claims left on an older revision keep that text's offsets.
        claims = list(article.claims.filter(detached_from__isnull=True))
        for claim in claims:
            wording_followed_span = claim.text == body[claim.start : claim.end]
            claim.start, claim.end = shifted(claim.start, chosen), shifted(claim.end, chosen)
            if wording_followed_span:
                claim.text = new_body[claim.start : claim.end]
            for fix in chosen:
                claim.attribution = claim.attribution.replace(fix["original"], fix["replacement"])
            claim.version += 1
        Claim.objects.bulk_update(claims, ["start", "end", "text", "attribution", "version"])
        blocks = [
            block | {"start": shifted(block["start"], chosen), "end": shifted(block["end"], chosen)}
            for block in article.blocks
        ]
        held_back = [
            candidate
            | {
                "start": shifted(candidate["start"], chosen),
                "end": shifted(candidate["end"], chosen),
            }
            for candidate in article.held_back
        ]
        for candidate in held_back:
            candidate["text"] = new_body[candidate["start"] : candidate["end"]]
        Article.objects.filter(pk=article.pk).update(
            body=new_body,
            content_hash=body_hash(new_body),
            blocks=blocks,
            repairs=[],
            held_back=held_back,
        )
        Event.objects.record(
            actor=editor,
            article_id=article.pk,
            obj=article,
            action="article.repaired",
            before={"glued": sorted({f["original"] for f in chosen})},
            after={"fixed": len(chosen), "dismissed": len(pending) - len(chosen)},
        )
    return len(chosen)
