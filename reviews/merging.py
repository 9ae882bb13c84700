"""Merging a claim with the next one in the text, and undoing it.

The first claim grows to cover both; the verdict the editor chose survives (asked when the
two differ), both notes are kept, the second claim's evidence moves over, and the second
claim stays listed as rejected. A "claim.merged" event on each claim carries what undo
needs; undo is refused when either claim changed since, so it never overwrites later work.
Text in different parts of the page (a photo caption and the body) is never joined.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F

from reviews import audit, corrections
from reviews.claims import set_verdict, update_claim
from reviews.highlight import block_kind_at
from reviews.models import Claim, ClaimEditRefused, ClaimState, Event, Evidence, Verdict
from reviews.models.history import action_batch
from reviews.spans import set_span

NOT_IN_TEXT = (
    "This claim is not in the current text (it stays on an older revision):"
    " re-anchor it on the text first."
)
MERGE_FIELDS = ["start", "end", "text", "verdict", "note", "state"]


class MergeNeedsVerdict(ClaimEditRefused):
    """The two claims have different verdicts: the editor picks the one that survives."""

    def __init__(self):
        super().__init__("The two claims have different verdicts: choose the one that stays.")


@dataclass
class MergePlan:
    """What a merge would do, shown in the confirmation dialog before it happens."""

    claim: Claim
    following: Claim
    evidence_moving: int

    @property
    def verdicts_differ(self) -> bool:
        return self.claim.verdict != self.following.verdict

    @property
    def verdict_choices(self) -> list[tuple[str, str]]:
        return [(v, Verdict(v).label) for v in (self.claim.verdict, self.following.verdict)]


def next_claim(claim: Claim) -> Claim | None:
    return (
        claim.article.claims.exclude(state=ClaimState.REJECTED)
        .filter(detached_from__isnull=True)  # claims left on an old revision are elsewhere
        .exclude(pk=claim.pk)
        .filter(start__gte=claim.start)
        .order_by("start", "end", "pk")
        .first()
    )


def plan_merge(claim: Claim) -> MergePlan:
    """The merge of `claim` with the next claim, or ClaimEditRefused saying why not."""
    corrections.ensure_editable(None, article_id=claim.article_id)
    if claim.detached_from_id is not None:
        raise ClaimEditRefused(NOT_IN_TEXT)
    following = next_claim(claim)
    if following is None:
        raise ClaimEditRefused("There is no later claim to merge with.")
    blocks = claim.article.blocks
    kinds = block_kind_at(blocks, claim.start), block_kind_at(blocks, following.start)
    if kinds[0] != kinds[1]:
        raise ClaimEditRefused(
            f"The next claim is in another part of the page ({kinds[0]} and {kinds[1]}):"
            " claims are only merged within the same part."
        )
    moving = Evidence.objects.current().filter(claim=following).count()
    return MergePlan(claim=claim, following=following, evidence_moving=moving)


def merge_with_next(
    *,
    claim: Claim,
    editor,
    expected_version: int,
    following_at: tuple[int, int] | None = None,
    verdict: str = "",
) -> Claim:
    """Merge as planned; `following_at` is the (pk, version) of the next claim the editor
    was shown, so a merge never swallows a claim that changed or appeared since."""
    plan = plan_merge(claim)
    following = plan.following
    if following_at is not None and following_at != (following.pk, following.version):
        raise ClaimEditRefused("The next claim changed since you looked: check it and try again.")
    if plan.verdicts_differ and verdict not in (claim.verdict, following.verdict):
        raise MergeNeedsVerdict()
    before = audit.snapshot(claim, MERGE_FIELDS)
    following_before = audit.snapshot(following, MERGE_FIELDS)
    with transaction.atomic(), action_batch():
        set_span(
            claim=claim,
            editor=editor,
            start=claim.start,
            end=max(claim.end, following.end),
            expected_version=expected_version,
        )
        note = "\n\n".join(n for n in (claim.note, following.note) if n)
        chosen = verdict or claim.verdict
        if chosen != claim.verdict or note != claim.note:
            set_verdict(
                claim=claim,
                editor=editor,
                verdict=chosen,
                note=note,
                expected_version=claim.version,
            )
        moved = list(
            Evidence.objects.current().filter(claim=following).values_list("pk", flat=True)
        )
        Evidence.objects.filter(pk__in=moved).update(claim=claim, version=F("version") + 1)
        update_claim(
            following, editor=editor, expected_version=following.version, state=ClaimState.REJECTED
        )
        undo = {
            "merged": following.pk,
            "moved_evidence": moved,
            "version": claim.version,
            "following_version": following.version,
            "following_before": following_before,
        }
        record(claim, editor, "claim.merged", before=before, after=undo)
        record(following, editor, "claim.merged", after={"into": claim.pk})
    return claim


def record(claim: Claim, editor, action: str, before=None, after=None) -> Event:
    return Event.objects.record(
        actor=editor,
        article_id=claim.article_id,
        claim_id=claim.pk,
        obj=claim,
        action=action,
        before=before,
        after=after,
    )


def undoable(event: Event) -> bool:
    """A merge event that undo can start from (the surviving claim's)."""
    return event.action == "claim.merged" and "merged" in (event.after or {})


def undo_merge(*, event: Event, editor) -> Claim:
    """Put both claims back as they were before the merge, as new audited changes."""
    if not undoable(event):
        raise ClaimEditRefused("This history entry is not a merge that can be undone.")
    data, before = event.after, event.before
    claim = Claim.objects.select_related("article").get(pk=event.claim_id)
    following = Claim.objects.get(pk=data["merged"])
    if (claim.version, following.version) != (data["version"], data["following_version"]):
        raise ClaimEditRefused(
            "One of the two claims changed after the merge, so undo would overwrite that"
            " work: edit them by hand instead."
        )
    corrections.ensure_editable(None, article_id=claim.article_id)
    with transaction.atomic():
        update_claim(
            claim,
            editor=editor,
            expected_version=claim.version,
            start=before["start"],
            end=before["end"],
            text=before["text"],
        )
        if (claim.verdict, claim.note) != (before["verdict"], before["note"]):
            set_verdict(
                claim=claim,
                editor=editor,
                verdict=before["verdict"],
                note=before["note"],
                expected_version=claim.version,
            )
        Evidence.objects.filter(pk__in=data["moved_evidence"], claim=claim).update(
            claim=following, version=F("version") + 1
        )
        update_claim(
            following,
            editor=editor,
            expected_version=following.version,
            state=data["following_before"]["state"],
        )
        record(claim, editor, "claim.unmerged", after={"undoes": event.pk})
        record(following, editor, "claim.unmerged", after={"undoes": event.pk})
    return claim
