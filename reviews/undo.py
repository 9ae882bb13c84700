"""Undo: an editor's last action on an article, taken back as a new audited change.

The last action lives in the audit trail, not in the browser: the newest batch of this
editor's events on the article (Event.batch: one verdict, accept/reject, note, wording,
bulk change or merge) that undo can reverse and that is not undone yet. So it survives a
reload, and two tabs on one article share one list. An undo writes "claim.undone" events
whose "after" names the batch and event it reverses; undoing again reaches the action
before. Undo never overwrites later work: it is refused when a colleague changed one of
the claims since, or when the claim no longer holds what the action left (a conditional
update on the version read closes the race with a save landing meanwhile).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from reviews import corrections, merging
from reviews.claims import update_claim
from reviews.models import Claim, ClaimEditRefused, Event, VerdictRecord
from reviews.models.history import action_batch

# The update_claim events undo can reverse: their "before" holds every field they changed.
REVERSIBLE = {
    "claim.verdict",
    "claim.note",
    "claim.state",
    "claim.text",
    "claim.attribution",
    "claim.text+attribution",
    "claim.attribution+text",
}
FIELDS = {"verdict", "note", "state", "text", "attribution"}
# Recorded alongside an action without being part of what it changed for the editor.
INCIDENTAL = {"article.status"}  # the first decision puts a "New" article in review
# What a colleague may do to a claim after my action without making my undo overwrite it.
HARMLESS = {"claim.conflict", "claim.second_opinion"}
SCAN = 1000  # this editor's newest events on the article looked through for the last action

NOTHING = "Nothing to undo: none of your changes on this article can be undone."


@dataclass
class Action:
    """One batch of events, as undo sees it."""

    batch: str
    events: list[Event] = field(default_factory=list)  # oldest first

    @property
    def merge(self) -> Event | None:
        return next((e for e in self.events if merging.undoable(e)), None)

    @property
    def claim_ids(self) -> list[int]:
        return sorted({e.claim_id for e in self.events if e.claim_id})

    @property
    def label(self) -> str:
        if self.merge:
            return "the merge"
        actions = {e.action for e in self.events if e.action not in INCIDENTAL}
        names = {
            "claim.verdict": "verdict",
            "claim.note": "note",
            "claim.state": "accept/reject",
        }
        what = " and ".join(sorted(names.get(a, "wording") for a in actions))
        count = len(self.claim_ids)
        return f"the {what}" + (f" of {count} claims" if count > 1 else "")


def reversible(events: list[Event]) -> bool:
    own = [e for e in events if e.action not in INCIDENTAL]
    if not own or any(e.action == "claim.undone" for e in own):
        return False  # an undo is not undone by undo: u goes on to the action before
    if any(merging.undoable(e) for e in own):
        return True
    return all(e.action in REVERSIBLE and set(e.before or {}) <= FIELDS for e in own)


def last_action(article_id: int, editor) -> Action | None:
    """The newest action of `editor` on the article that undo can take back, or None."""
    events = list(Event.objects.filter(article_id=article_id, actor=editor).order_by("-pk")[:SCAN])
    undone = {str((e.after or {}).get("batch")) for e in events if e.action == "claim.undone"}
    batches: dict[str, Action] = {}
    for event in events:  # newest first; a batch's events are recorded together
        key = str(event.batch or f"event-{event.pk}")
        batches.setdefault(key, Action(batch=key)).events.insert(0, event)
    for key, action in batches.items():
        if key not in undone and reversible(action.events):
            return complete(action)
    return None


def complete(action: Action) -> Action:
    """A batch larger than the scan (a bulk change of many claims): all of its events."""
    if action.batch.startswith("event-"):
        return action
    events = Event.objects.filter(article_id=action.events[0].article_id, batch=action.batch)
    action.events = list(events.order_by("pk"))
    return action


def check_nobody_changed(action: Action, claims: dict[int, Claim], editor) -> None:
    """Refuse when a colleague changed a claim since, or when the claim no longer holds
    what the action left there (each event's "after")."""
    last = max(e.pk for e in action.events)
    later = (
        Event.objects.filter(claim_id__in=action.claim_ids, pk__gt=last)
        .exclude(actor=editor)
        .exclude(action__in=HARMLESS)
        .exclude(action__startswith="evidence.")
        .select_related("actor")
        .order_by("pk")
        .first()
    )
    if later is not None:
        raise ClaimEditRefused(
            f"{later.actor or 'Someone'} changed this claim after you, so undo would"
            " overwrite their work: nothing was undone."
        )
    if action.merge:
        return
    for event in action.events:
        if event.action in INCIDENTAL:
            continue
        claim = claims[event.claim_id]
        after = {k: v for k, v in (event.after or {}).items() if k in FIELDS}
        if any(getattr(claim, name) != value for name, value in after.items()):
            raise ClaimEditRefused(
                "The claim changed after that action, so undo would overwrite the newer"
                " change: nothing was undone."
            )


def restored_values(action: Action) -> dict[int, dict]:
    """Per claim, the values before the action (the first event's "before" wins)."""
    values: dict[int, dict] = {}
    for event in reversed(action.events):
        if event.action not in INCIDENTAL:
            values.setdefault(event.claim_id, {}).update(event.before or {})
    return values


def undo_last(*, article_id: int, editor, batch: str = "") -> tuple[Action, list[Claim]]:
    """Undo the editor's last action on the article; `batch`, when given, is the action the
    editor was shown (the flash's Undo button): refused if that is no longer the last one.
    Returns the action and the claims it put back."""
    action = last_action(article_id, editor)
    if batch and (action is None or batch != action.batch):
        raise ClaimEditRefused(
            "That change was already undone, or you changed something after it:"
            " press u to undo your latest change."
        )
    if action is None:
        raise ClaimEditRefused(NOTHING)
    corrections.ensure_editable(None, article_id=article_id)
    claims = {
        c.pk: c
        for c in Claim.objects.select_related("article", "updated_by").filter(
            pk__in=action.claim_ids
        )
    }
    check_nobody_changed(action, claims, editor)
    marker = {"batch": action.batch}
    with transaction.atomic(), action_batch():
        if action.merge:
            merged = merging.undo_merge(event=action.merge, editor=editor)
            merging.record(merged, editor, "claim.undone", after=marker | {"undoes": "merge"})
            return action, [merged]
        for claim_id, values in restored_values(action).items():
            claim = claims[claim_id]
            event = next(e for e in action.events if e.claim_id == claim_id)
            update_claim(
                claim,
                editor=editor,
                expected_version=claim.version,
                action="claim.undone",
                extra=marker | {"undoes": event.pk},
                **values,
            )
            if {"verdict", "note"} & set(values):  # the verdict history says it too
                VerdictRecord.objects.create(
                    claim=claim,
                    editor=editor,
                    verdict=claim.verdict,
                    note=claim.note,
                    created_at=claim.updated_at,
                    claim_version=claim.version,
                )
    return action, sorted(claims.values(), key=lambda c: (c.start, c.end, c.pk))
