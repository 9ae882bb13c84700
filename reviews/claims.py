"""Every write to a claim's review: verdict, wording, state, same-as, bulk (spans: spans.py).

Each function is keyword-only, runs in one transaction and records its audit event there,
so the change and its record land together. Saves are conditional on the version the
editor saw (StaleEdit when someone saved since); a refused save is itself recorded, with
what it tried to save, so nothing typed is silently lost. Nothing is deleted: a rejected
or merged-away claim keeps its row, state "rejected".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from reviews import audit, corrections, signals
from reviews.models import (
    Article,
    Claim,
    ClaimEditRefused,
    ClaimOrigin,
    ClaimState,
    Event,
    StaleEdit,
    Verdict,
    VerdictRecord,
)
from reviews.models.history import action_batch


class NeedsConfirmation(ClaimEditRefused):
    """Corroborated or disputed without any evidence: allowed, but only when confirmed."""

    def __init__(self, verdict: str):
        super().__init__(f"No evidence yet for {Verdict(verdict).label}: confirm or add some.")
        self.verdict = verdict


def update_claim(
    claim: Claim,
    *,
    editor,
    expected_version: int,
    savepoint: bool = True,
    action: str = "",
    extra: dict | None = None,
    **fields,
) -> None:
    """Save fields only if nobody saved the claim since `expected_version`, with its event.

    A conditional UPDATE ... WHERE version = N, so two editors saving at once cannot both
    win, whichever process or server they are on. The one choke point for claim changes.
    The publication lock (corrections.ensure_editable) rides in the same statement: a
    published article's claim matches no row, and only then is the reason looked up.
    savepoint=False for a caller whose own transaction is rolled back on any refusal.
    action and extra name the event and add to its "after" (undo: "claim.undone").
    """
    now = timezone.now()
    before = audit.snapshot(claim, fields)
    with transaction.atomic(savepoint=savepoint):
        rows = Claim.objects.filter(pk=claim.pk, version=expected_version)
        if corrections.correction_open():
            corrections.ensure_editable(claim, article_id=claim.article_id)
        else:
            # A subquery on the article, not a join: a join makes Django wrap the whole
            # condition in "id IN (SELECT ...)", which PostgreSQL does not re-check against
            # the row version it waited for, and two saves of one version would both win.
            published = Article.objects.filter(
                pk=claim.article_id, status=Article.Status.PUBLISHED
            ).values("pk")
            rows = rows.exclude(article_id__in=published)
        updated = rows.update(**fields, version=F("version") + 1, updated_at=now, updated_by=editor)
        if not updated:
            corrections.ensure_editable(claim, article_id=claim.article_id)  # published?
            claim.refresh_from_db()
            raise StaleEdit(claim)
        for name, value in fields.items():
            setattr(claim, name, value)
        claim.version, claim.updated_at, claim.updated_by = expected_version + 1, now, editor
        changed = {k: v for k, v in before.items() if v != audit.plain(fields[k])}
        action = action or audit.claim_action(changed or fields)
        # The toast's Undo button names the action it was shown for (reviews/undo.py).
        claim.recorded_batch = Event.objects.record(
            actor=editor,
            article_id=claim.article_id,
            claim_id=claim.pk,
            obj=claim,
            action=action,
            before=changed or before,
            after={name: audit.plain(fields[name]) for name in (changed or fields)} | (extra or {}),
        ).batch
        signals.claim_changed.send(
            sender=Claim, claim=claim, actor=editor, version=claim.version, action=action
        )
        if "text" in changed:
            signals.texts_changed([claim.pk])


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
    with action_batch():
        return verdict_change(
            claim, editor, verdict, note, expected_version, confirmed_without_evidence
        )


def verdict_change(claim, editor, verdict, note, expected_version, confirmed_without_evidence):
    try:
        if expected_version != claim.version:
            raise StaleEdit(claim)
        if verdict == Verdict.UNVERIFIED and not note.strip():
            raise ValidationError("An unverified verdict needs a note saying what was tried.")
        if not confirmed_without_evidence and needs_confirmation(claim, verdict):
            raise NeedsConfirmation(verdict)
        if verdict == claim.verdict and note == claim.note and not claim.needs_rereview:
            return None
        fields = {"verdict": verdict, "note": note}
        if claim.needs_rereview:  # reviewed again after its wording changed (revisions.py)
            fields["needs_rereview"] = False
        if claim.state == ClaimState.PROPOSED and verdict != Verdict.UNREVIEWED:
            fields["state"] = ClaimState.ACCEPTED
        with transaction.atomic():  # the claim, its event and its history row, or none
            update_claim(
                claim, editor=editor, expected_version=expected_version, savepoint=False, **fields
            )
            if verdict != Verdict.UNREVIEWED:
                start_review(claim, editor)
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
        with transaction.atomic(), action_batch():
            update_claim(claim, editor=editor, expected_version=expected_version, state=state)
            start_review(claim, editor)
    return claim


def start_review(claim: Claim, editor) -> None:
    """The first decision on a claim of a "New" article puts the article "In review"
    (audited like any status change), so the list stops calling it new. Asked of the
    article the caller loaded; the UPDATE itself checks the status again."""
    if not Claim.article.is_cached(claim) or claim.article.status != Article.Status.NEW:
        return
    to = Article.Status.IN_REVIEW
    if Article.objects.filter(pk=claim.article_id, status=Article.Status.NEW).update(status=to):
        claim.article.status = to
        Event.objects.record(
            actor=editor,
            article_id=claim.article_id,
            obj=claim.article,
            action="article.status",
            before={"status": Article.Status.NEW},
            after={"status": to},
        )


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
    verdict without a note). One transaction: a failure part-way (a worker killed, a lost
    connection) changes none of them, never some.
    """
    result = BulkResult([], [], [])
    corrections.ensure_editable(None, article_id=article.pk)
    selected = article.claims.filter(pk__in=claims_at_versions).select_related("updated_by")
    if verdict:
        selected = selected.exclude(state=ClaimState.REJECTED)
    with transaction.atomic(), action_batch():  # one action: undo takes it back whole
        bulk_apply(selected, result, editor, claims_at_versions, verdict, state)
    return result


def bulk_apply(selected, result, editor, claims_at_versions, verdict, state) -> None:
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


def reject_below(*, article: Article, editor, below: float) -> list[Claim]:
    """Reject every proposal of the article scoring under `below`, all or none, each with
    its own audited state change (so each claim's history and the undo path show it)."""
    corrections.ensure_editable(None, article_id=article.pk)
    with transaction.atomic():
        weak = list(
            article.claims.select_for_update()
            .filter(state=ClaimState.PROPOSED, score__lt=below)
            .order_by("start", "end", "pk")
        )
        for claim in weak:
            update_claim(
                claim, editor=editor, expected_version=claim.version, state=ClaimState.REJECTED
            )
    return weak
