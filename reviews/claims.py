"""Editing an article's claims: proposals, accept/reject, add, re-span, split, merge.

Each function checks the version the editor saw (StaleEdit when someone saved since)
and validates the span against the article body through the model's own clean().
Nothing is deleted: a rejected or merged-away claim keeps its row, state "rejected".
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from reviews import audit
from reviews.detection import propose_claims, structure_text
from reviews.models import Article, Claim, ClaimOrigin, ClaimState, StaleEdit


class ClaimEditRefused(Exception):
    """An edit that cannot be made; the message is shown to the editor."""


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


def propose_for_article(article: Article) -> list[Claim]:
    """Store the article's structure and its automatic claim proposals (once)."""
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        if article.claims.exists():
            raise ClaimEditRefused("This article already has claims; proposals run only once.")
        article.blocks = [
            {"kind": block.kind, "start": block.start, "end": block.end}
            for block in structure_text(article.body, may_start_with_headline=False)
        ]
        article.save(update_fields=["blocks"])
        created = Claim.objects.bulk_create(
            Claim(
                article=article,
                start=proposal.start,
                end=proposal.end,
                text=proposal.text,
                attribution=proposal.attribution[:300],
                score=round(proposal.score, 4),
                origin=ClaimOrigin.PROPOSED,
                state=ClaimState.PROPOSED,
            )
            for proposal in propose_claims(article.body, may_start_with_headline=False)
        )
        audit.record(
            actor=None,
            article_id=article.pk,
            obj=article,
            action="claims.proposed",
            after={"count": len(created)},
        )
        return created


def set_state(claim: Claim, *, editor, state: str, expected_version: int) -> Claim:
    """Accept, reject or restore a claim."""
    state = ClaimState(state)
    if claim.version != expected_version:
        raise StaleEdit(claim)
    if state == ClaimState.PROPOSED and claim.origin != ClaimOrigin.PROPOSED:
        state = ClaimState.ACCEPTED  # restoring an editor's claim
    if claim.state != state:
        claim.update_if_current(expected_version=expected_version, editor=editor, state=state)
    return claim


def add_claim(article: Article, *, editor, start: int, end: int, attribution: str = "") -> Claim:
    start, end = validated_span(article, start, end)
    twin = article.claims.exclude(state=ClaimState.REJECTED).filter(start=start, end=end).first()
    if twin:
        raise ClaimEditRefused("A claim already covers exactly these words.")
    claim = Claim(
        article=article,
        start=start,
        end=end,
        text=article.body[start:end],
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
        claim.save()
        record_new_claim(claim, editor, "claim.add")
    return claim


CLAIM_FIELDS = ["start", "end", "text", "attribution", "state"]


def record_new_claim(claim: Claim, editor, action: str) -> None:
    audit.record(
        actor=editor,
        article_id=claim.article_id,
        claim_id=claim.pk,
        obj=claim,
        action=action,
        after=audit.snapshot(claim, CLAIM_FIELDS),
    )


def set_span(claim: Claim, *, editor, start: int, end: int, expected_version: int) -> Claim:
    """Re-anchor a claim; its wording follows the span unless an editor rewrote it."""
    start, end = validated_span(claim.article, start, end)
    fields = {"start": start, "end": end}
    if claim.text == claim.span_text:
        fields["text"] = claim.article.body[start:end]
    claim.update_if_current(expected_version=expected_version, editor=editor, **fields)
    return claim


def split_claim(claim: Claim, *, editor, at: int, expected_version: int) -> tuple[Claim, Claim]:
    """Cut a claim in two at a position inside it; the second part starts unreviewed."""
    body = claim.article.body
    first = trimmed_span(body, claim.start, at)
    second = trimmed_span(body, at, claim.end)
    if not (claim.start < at < claim.end) or first[0] >= first[1] or second[0] >= second[1]:
        raise ClaimEditRefused("Put the cursor inside the claim's words to split it there.")
    with transaction.atomic():
        set_span(
            claim, editor=editor, start=first[0], end=first[1], expected_version=expected_version
        )
        rest = Claim.objects.create(
            article=claim.article,
            start=second[0],
            end=second[1],
            text=body[second[0] : second[1]],
            attribution=claim.attribution,
            origin=ClaimOrigin.EDITOR,
            state=ClaimState.ACCEPTED,
            updated_by=editor,
        )
        record_new_claim(rest, editor, "claim.split")
    return claim, rest


def next_claim(claim: Claim) -> Claim | None:
    return (
        claim.article.claims.exclude(state=ClaimState.REJECTED)
        .exclude(pk=claim.pk)
        .filter(start__gte=claim.start)
        .order_by("start", "end", "pk")
        .first()
    )


def merge_with_next(claim: Claim, *, editor, expected_version: int) -> Claim:
    """Join a claim with the next one in the text; the next one is kept, as rejected."""
    following = next_claim(claim)
    if following is None:
        raise ClaimEditRefused("There is no later claim to merge with.")
    with transaction.atomic():
        end = max(claim.end, following.end)
        set_span(
            claim, editor=editor, start=claim.start, end=end, expected_version=expected_version
        )
        if following.note:  # keep the other claim's note, through the verdict history
            claim.set_verdict(
                editor=editor,
                verdict=claim.verdict,
                note="\n\n".join(n for n in (claim.note, following.note) if n),
                expected_version=claim.version,
            )
        following.update_if_current(
            expected_version=following.version, editor=editor, state=ClaimState.REJECTED
        )
    return claim


def bulk_change(
    *,
    article: Article,
    editor,
    claims_at_versions: dict[int, int],
    verdict: str = "",
    state: str | None = None,
) -> tuple[list[Claim], list[Claim]]:
    """Give several claims of an article one verdict, or accept/reject them.

    Each claim keeps its own version check and note, so a claim a colleague changed
    meanwhile is left alone and reported back, and so is one a rule refuses (an unverified
    verdict without a note). Returns (saved, stale, refused) with the reasons refused.
    """
    saved, stale, refused = [], [], []
    selected = article.claims.filter(pk__in=claims_at_versions).select_related("updated_by")
    if verdict:
        selected = selected.exclude(state=ClaimState.REJECTED)
    for claim in selected:
        version = claims_at_versions[claim.pk]
        try:
            if verdict:
                claim.set_verdict(
                    editor=editor, verdict=verdict, note=claim.note, expected_version=version
                )
            else:
                set_state(claim, editor=editor, state=state, expected_version=version)
        except StaleEdit as error:
            stale.append(error.current)
        except ValidationError as error:
            refused.append((claim, " ".join(error.messages)))
        else:
            saved.append(claim)
    return saved, stale, refused
