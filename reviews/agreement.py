"""Second review: disagreements between first verdicts and second opinions, and agreement.

The first verdict is the claim's current verdict, by the editor who last changed the claim;
the second is a SecondOpinion by another editor. Cohen's kappa corrects the raw agreement
for the agreement two reviewers would reach by chance with their own verdict frequencies.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from reviews.models import (
    Article,
    Claim,
    ClaimState,
    Event,
    SecondOpinion,
    Verdict,
    VerdictRecord,
)


@dataclass
class Agreement:
    pairs: int
    agreed: int
    kappa: float | None  # None with no pairs; undefined kappa (pe = 1) counts as full agreement

    @property
    def rate(self) -> float | None:
        return self.agreed / self.pairs if self.pairs else None


class OpinionRefused(Exception):
    """A second opinion that cannot be given; the message is for the editor."""


def give_second_opinion(*, claim: Claim, editor, verdict: str) -> SecondOpinion:
    """A second editor's own verdict; the first reviewer cannot second their own verdict."""
    if verdict not in Verdict.values or verdict == Verdict.UNREVIEWED:
        raise OpinionRefused(f"“{verdict}” is not a verdict.")
    if claim.updated_by_id == editor.pk:
        raise OpinionRefused("You gave the current verdict; a second review needs another editor.")
    with transaction.atomic():
        opinion, created = SecondOpinion.objects.select_for_update().get_or_create(
            claim=claim, editor=editor, defaults={"verdict": verdict}
        )
        before = None if created else {"verdict": opinion.verdict}
        if not created:
            opinion.verdict, opinion.updated_at = verdict, timezone.now()
            opinion.save(update_fields=["verdict", "updated_at"])
        Event.objects.record(
            actor=editor,
            article_id=claim.article_id,
            claim_id=claim.pk,
            obj=opinion,
            action="claim.second_opinion",
            before=before,
            after={"verdict": verdict},
        )
    return opinion


def cohen_kappa(pairs: list[tuple[str, str]]) -> float | None:
    if not pairs:
        return None
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in first.keys() | second.keys()) / (n * n)
    if expected == 1:
        return 1.0 if observed == 1 else 0.0
    return (observed - expected) / (1 - expected)


def agreement(pairs: list[tuple[str, str]]) -> Agreement:
    return Agreement(len(pairs), sum(a == b for a, b in pairs), cohen_kappa(pairs))


def reviewed_opinions(article: Article | None = None):
    opinions = (
        SecondOpinion.objects.select_related("claim__updated_by", "editor")
        .filter(claim__state__in=[ClaimState.ACCEPTED, ClaimState.PROPOSED])
        .exclude(claim__verdict=Verdict.UNREVIEWED)
    )
    if article is not None:
        opinions = opinions.filter(claim__article=article)
    return opinions


def article_agreement(article: Article) -> Agreement:
    return agreement([(o.claim.verdict, o.verdict) for o in reviewed_opinions(article)])


def disagreements(article: Article) -> list[SecondOpinion]:
    return [o for o in reviewed_opinions(article) if o.verdict != o.claim.verdict]


def blind_for(article: Article, user) -> bool:
    """Whether this user must not see the first verdicts yet: a blind second review is under
    way, they gave none of the first verdicts, and they have not given all their own.

    Checked by every view that could show a verdict, a note or their history: the review
    page, the claim and article timelines, and the exports."""
    if article.status != Article.Status.SECOND_REVIEW or not article.second_review_blind:
        return False
    if not user.is_authenticated or user.is_staff:
        return False
    if VerdictRecord.objects.filter(claim__article=article, editor=user).exists():
        return False  # a first reviewer
    reviewed = article.claims.exclude(state=ClaimState.REJECTED).exclude(verdict=Verdict.UNREVIEWED)
    given = SecondOpinion.objects.filter(claim__in=reviewed, editor=user).count()
    return given < reviewed.count()


def second_review_context(article: Article, user, second_mode: bool) -> dict:
    """What the review page adds during a second review: mode, blindness, disagreements."""
    if article.status != Article.Status.SECOND_REVIEW and not second_mode:
        return {"second_mode": False}
    mine = SecondOpinion.objects.filter(claim__article=article, editor=user)
    return {
        "second_mode": second_mode,
        "blind": second_mode and article.second_review_blind,
        "my_opinions": {o.claim_id: o for o in mine},
        "disagreements": disagreements(article) if not second_mode else [],
        "article_agreement": article_agreement(article),
    }


def agreement_by_editor_pair() -> list[tuple[str, str, Agreement]]:
    """Across the desk: for each (first editor, second editor), their agreement."""
    pairs = defaultdict(list)
    for opinion in reviewed_opinions():
        first = opinion.claim.updated_by.username if opinion.claim.updated_by else "?"
        pairs[(first, opinion.editor.username)].append((opinion.claim.verdict, opinion.verdict))
    return [(a, b, agreement(p)) for (a, b), p in sorted(pairs.items())]
