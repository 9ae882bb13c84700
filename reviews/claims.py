"""Every write to a claim: verdict, wording, state, span, split, merge, same-as, bulk, proposals.

Each function is keyword-only, runs in one transaction and records its audit event there,
so the change and its record land together. Saves are conditional on the version the
editor saw (StaleEdit when someone saved since); a refused save is itself recorded, with
what it tried to save, so nothing typed is silently lost. Nothing is deleted: a rejected
or merged-away claim keeps its row, state "rejected".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from reviews import audit
from reviews.models import (
    Article,
    Claim,
    ClaimOrigin,
    ClaimState,
    Event,
    StaleEdit,
    Verdict,
    VerdictRecord,
)

CLAIM_FIELDS = ["start", "end", "text", "attribution", "state"]


class ClaimEditRefused(Exception):
    """An edit that cannot be made; the message is shown to the editor."""


class NeedsConfirmation(ClaimEditRefused):
    """Corroborated or disputed without any evidence: allowed, but only when confirmed."""

    def __init__(self, verdict: str):
        super().__init__(f"No evidence yet for {Verdict(verdict).label}: confirm or add some.")
        self.verdict = verdict


def update_claim(claim: Claim, *, editor, expected_version: int, **fields) -> None:
    """Save fields only if nobody saved the claim since `expected_version`, with its event.

    A conditional UPDATE ... WHERE version = N, so two editors saving at once cannot both
    win, whichever process or server they are on. The one choke point for claim changes.
    """
    now = timezone.now()
    before = audit.snapshot(claim, fields)
    with transaction.atomic():
        updated = Claim.objects.filter(pk=claim.pk, version=expected_version).update(
            **fields, version=F("version") + 1, updated_at=now, updated_by=editor
        )
        if not updated:
            claim.refresh_from_db()
            raise StaleEdit(claim)
        for name, value in fields.items():
            setattr(claim, name, value)
        claim.version, claim.updated_at, claim.updated_by = expected_version + 1, now, editor
        changed = {k: v for k, v in before.items() if v != audit.plain(fields[k])}
        Event.objects.record(
            actor=editor,
            article_id=claim.article_id,
            claim_id=claim.pk,
            obj=claim,
            action=audit.claim_action(changed or fields),
            before=changed or before,
            after={name: audit.plain(fields[name]) for name in (changed or fields)},
        )


def record_refused(claim: Claim, *, editor, attempted: dict, based_on: int) -> Event:
    """A save refused because the claim changed meanwhile: kept so nothing is silently lost."""
    return Event.objects.record(
        actor=editor,
        article_id=claim.article_id,
        claim_id=claim.pk,
        obj=claim,
        action="claim.conflict",
        before={"version": claim.version},
        after={**{k: audit.plain(v) for k, v in attempted.items()}, "based_on_version": based_on},
    )


def needs_confirmation(claim: Claim, verdict: str) -> bool:
    """A new corroborated or disputed verdict on a claim that has no evidence yet."""
    return (
        verdict in (Verdict.CORROBORATED, Verdict.DISPUTED)
        and verdict != claim.verdict
        and not claim.evidence.current().exists()
    )


def set_verdict(
    *,
    claim: Claim,
    editor,
    verdict: str,
    note: str,
    expected_version: int,
    confirmed_without_evidence: bool = True,
) -> VerdictRecord | None:
    """Record a verdict and note; returns the new history row, or None when nothing changed.

    Giving a verdict to a proposed claim accepts it. Raises StaleEdit (recorded as a refused
    attempt), NeedsConfirmation unless confirmed, or ValidationError for a rule refusal.
    """
    verdict = Verdict(verdict or claim.verdict)  # ValueError for a value outside the list
    try:
        if expected_version != claim.version:
            raise StaleEdit(claim)
        if verdict == Verdict.UNVERIFIED and not note.strip():
            raise ValidationError("An unverified verdict needs a note saying what was tried.")
        if not confirmed_without_evidence and needs_confirmation(claim, verdict):
            raise NeedsConfirmation(verdict)
        if verdict == claim.verdict and note == claim.note:
            return None
        fields = {"verdict": verdict, "note": note}
        if claim.state == ClaimState.PROPOSED and verdict != Verdict.UNREVIEWED:
            fields["state"] = ClaimState.ACCEPTED
        with transaction.atomic():
            update_claim(claim, editor=editor, expected_version=expected_version, **fields)
            return VerdictRecord.objects.create(
                claim=claim,
                editor=editor,
                verdict=verdict,
                note=note,
                created_at=claim.updated_at,
                claim_version=claim.version,
            )
    except StaleEdit as stale:
        attempted = {"verdict": verdict, "note": note}
        record_refused(stale.current, editor=editor, attempted=attempted, based_on=expected_version)
        raise


def set_wording(
    *, claim: Claim, editor, text: str, attribution: str, expected_version: int
) -> Claim:
    """How the claim is worded for review and who it is attributed to."""
    try:
        update_claim(
            claim,
            editor=editor,
            expected_version=expected_version,
            text=text,
            attribution=attribution,
        )
    except StaleEdit as stale:
        attempted = {"text": text, "attribution": attribution}
        record_refused(stale.current, editor=editor, attempted=attempted, based_on=expected_version)
        raise
    return claim


def set_state(*, claim: Claim, editor, state: str, expected_version: int) -> Claim:
    """Accept, reject or restore a claim."""
    state = ClaimState(state)
    if claim.version != expected_version:
        raise StaleEdit(claim)
    if state == ClaimState.PROPOSED and claim.origin != ClaimOrigin.PROPOSED:
        state = ClaimState.ACCEPTED  # restoring an editor's claim
    if claim.state != state:
        update_claim(claim, editor=editor, expected_version=expected_version, state=state)
    return claim


def link_same_as(*, claim: Claim, editor, other: Claim | None, expected_version: int) -> Claim:
    """Mark the claim as the same assertion as an earlier one (None unlinks it)."""
    if other is not None and other.article_id == claim.article_id:
        raise ClaimEditRefused("Pick a claim from another article.")
    update_claim(claim, editor=editor, expected_version=expected_version, same_as=other)
    return claim


@dataclass
class BulkResult:
    saved: list[Claim]
    stale: list[Claim]
    refused: list[tuple[Claim, str]]


def bulk_change(
    *,
    article: Article,
    editor,
    claims_at_versions: dict[int, int],
    verdict: str = "",
    state: str | None = None,
) -> BulkResult:
    """Give several claims of an article one verdict, or accept/reject them.

    Each claim keeps its own version check and note, so a claim a colleague changed
    meanwhile is left alone and reported back, and so is one a rule refuses (an unverified
    verdict without a note).
    """
    result = BulkResult([], [], [])
    selected = article.claims.filter(pk__in=claims_at_versions).select_related("updated_by")
    if verdict:
        selected = selected.exclude(state=ClaimState.REJECTED)
    for claim in selected:
        version = claims_at_versions[claim.pk]
        try:
            if verdict:
                set_verdict(
                    claim=claim,
                    editor=editor,
                    verdict=verdict,
                    note=claim.note,
                    expected_version=version,
                )
            else:
                set_state(claim=claim, editor=editor, state=state, expected_version=version)
        except StaleEdit as error:
            result.stale.append(error.current)
        except ValidationError as error:
            result.refused.append((claim, " ".join(error.messages)))
        else:
            result.saved.append(claim)
    return result


# --- spans: add, re-anchor, split, merge, proposals --------------------------------------


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


def add_claim(*, article: Article, editor, start: int, end: int, attribution: str = "") -> Claim:
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
        record_new_claim(claim, editor=editor, action="claim.add")
    return claim


def set_span(*, claim: Claim, editor, start: int, end: int, expected_version: int) -> Claim:
    """Re-anchor a claim; its wording follows the span unless an editor rewrote it."""
    start, end = validated_span(claim.article, start, end)
    fields = {"start": start, "end": end}
    if claim.text == claim.span_text:
        fields["text"] = claim.article.body[start:end]
    update_claim(claim, editor=editor, expected_version=expected_version, **fields)
    return claim


def split_claim(*, claim: Claim, editor, at: int, expected_version: int) -> tuple[Claim, Claim]:
    """Cut a claim in two at a position inside it; the second part starts unreviewed."""
    body = claim.article.body
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
            attribution=claim.attribution,
            origin=ClaimOrigin.EDITOR,
            state=ClaimState.ACCEPTED,
            updated_by=editor,
        )
        record_new_claim(rest, editor=editor, action="claim.split")
    return claim, rest


def next_claim(claim: Claim) -> Claim | None:
    return (
        claim.article.claims.exclude(state=ClaimState.REJECTED)
        .exclude(pk=claim.pk)
        .filter(start__gte=claim.start)
        .order_by("start", "end", "pk")
        .first()
    )


def merge_with_next(*, claim: Claim, editor, expected_version: int) -> Claim:
    """Join a claim with the next one in the text; the next one is kept, as rejected."""
    following = next_claim(claim)
    if following is None:
        raise ClaimEditRefused("There is no later claim to merge with.")
    with transaction.atomic():
        end = max(claim.end, following.end)
        set_span(
            claim=claim,
            editor=editor,
            start=claim.start,
            end=end,
            expected_version=expected_version,
        )
        if following.note:  # keep the other claim's note, through the verdict history
            set_verdict(
                claim=claim,
                editor=editor,
                verdict=claim.verdict,
                note="\n\n".join(n for n in (claim.note, following.note) if n),
                expected_version=claim.version,
            )
        update_claim(
            following,
            editor=editor,
            expected_version=following.version,
            state=ClaimState.REJECTED,
        )
    return claim


class Proposal(Protocol):
    """A span the detector proposes, with its score and speaker (reviews.ingest makes them)."""

    start: int
    end: int
    text: str
    score: float
    attribution: str


def store_proposals(
    *, article: Article, blocks: list[dict], proposals: Iterable[Proposal]
) -> list[Claim]:
    """Store the article's structure and its automatic claim proposals (once)."""
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        if article.claims.exists():
            raise ClaimEditRefused("This article already has claims; proposals run only once.")
        article.blocks = blocks
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
            for proposal in proposals
        )
        Event.objects.record(
            actor=None,
            article_id=article.pk,
            obj=article,
            action="claims.proposed",
            after={"count": len(created)},
        )
        return created
