"""The review page and the pieces of it that views swap: claim cards, progress, highlights.

Every view that changes a claim answers with one of the responses below, so a card looks
the same whichever action redrew it. The partials live in templates/reviews/article_review.html.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _

from reviews import audit, workflow
from reviews.agreement import second_review_context
from reviews.comments import attach_comments
from reviews.forms import AddClaimForm, ClaimFilterForm
from reviews.highlight import paragraph_window, paragraphs_of_claims
from reviews.htmx import HtmxHttpRequest
from reviews.models import Article, Claim, ClaimState, Evidence, Verdict

TEMPLATE = "reviews/article_review.html"


@dataclass
class PendingEdit:
    """What an editor submitted that was not saved, shown back in the claim card."""

    note: str
    verdict: str = ""
    errors: list[str] = field(default_factory=list)
    conflict: bool = False
    confirm: bool = False  # a verdict that needs evidence, awaiting "set it anyway"

    @property
    def verdict_label(self) -> str:
        return Verdict(self.verdict).label if self.verdict in Verdict.values else ""


def with_card_data(claims):
    """What a claim card shows, in a fixed number of queries whatever the claim count."""
    current = Evidence.objects.shown()
    return claims.select_related("updated_by").prefetch_related(
        Prefetch("evidence", queryset=current, to_attr="current_evidence")
    )


# What the list, its filters, the highlights and a compact card read of every claim; a card
# sent full (with_full_cards) reads the rest of its own claim.
COMPACT_FIELDS = (
    "article_id",
    "start",
    "end",
    "text",
    "attribution",
    "score",
    "state",
    "verdict",
    "version",
    "needs_rereview",
    "detached_from",
    "comment_count",
)


def numbered_claims(article: Article) -> list[Claim]:
    """All claims in reading order, as compact cards need them; numbers stay put when a
    claim is rejected or restored."""
    # Not article.claims: the related manager would set .article on every row (a third of
    # the time for an article with 20,000 claims); nothing on the page reads it.
    claims = list(Claim.objects.filter(article_id=article.pk).only(*COMPACT_FIELDS))
    for number, claim in enumerate(claims, start=1):
        claim.number = number
        claim.pending = None
    return claims


def with_full_cards(claims: list[Claim]) -> None:
    """What a full card needs beyond a compact one (its evidence, who changed it), for the
    few claims the page sends full; the rest load theirs with GET /claims/<pk>/card/."""
    current = Evidence.objects.shown()
    for claim in claims:
        claim.refresh_from_db(fields=list(claim.get_deferred_fields()))  # note, who, when
    if claims:
        prefetch_related_objects(
            claims, "updated_by", Prefetch("evidence", queryset=current, to_attr="current_evidence")
        )
        attach_comments(claims)


def highlighted(claims: list[Claim]) -> list[Claim]:
    """Claims marked in the current text: not rejected, and not left on an old revision."""
    return [c for c in claims if c.state != ClaimState.REJECTED and c.detached_from_id is None]


VERDICT_ORDER = {v: n for n, v in enumerate(Verdict.values)}


def listed(claims: list[Claim], criteria: dict) -> list[Claim]:
    """The claims the list shows: filtered and sorted in Python over the loaded list, so the
    page costs the same queries whatever the filter."""
    state = criteria.get("state")
    marks = {
        "rereview": lambda c: c.needs_rereview,
        "old_revision": lambda c: c.detached_from_id is not None,
    }
    in_state = marks.get(state, lambda c: state is None or c.state == state)
    shown = [
        c
        for c in claims
        if in_state(c)
        and c.verdict == criteria.get("verdict", c.verdict)
        and ("speaker" not in criteria or c.attribution == criteria["speaker"])
        and ("min_score" not in criteria or (c.score or 0) >= criteria["min_score"])
    ]
    sort = criteria.get("sort", "position")
    keys = {
        "score": lambda c: (-(c.score if c.score is not None else -1), c.number),
        "verdict": lambda c: (VERDICT_ORDER[c.verdict], c.number),
        "speaker": lambda c: (not c.attribution, c.attribution.lower(), c.number),
    }
    return sorted(shown, key=keys[sort]) if sort in keys else shown


def review_context(
    article: Article,
    pending: dict | None = None,
    blind: bool = False,
    criteria: dict | None = None,
    paragraphs: bool = True,
) -> dict:
    claims = numbered_claims(article)
    for claim in claims:
        claim.pending = (pending or {}).get(claim.pk)
    with_full_cards([c for c in claims if c.pending is not None])
    for claim in claims:
        if blind:  # a blind second review must not see the first verdicts, notes or evidence
            claim.verdict, claim.note, claim.current_evidence = Verdict.UNREVIEWED, "", []
    criteria = criteria or {}
    shown = listed(claims, criteria)
    return {
        "article": article,
        "claims": claims,
        "shown_claims": shown,
        **window(shown, 0, criteria),
        "criteria": criteria,
        "filter_form": ClaimFilterForm(initial=criteria),
        "speakers": sorted({c.attribution for c in claims if c.attribution}, key=str.lower),
        **(text_window(article, claims, 0) if paragraphs else {"paragraphs": []}),
        "verdicts": Verdict.choices,
        "add_form": AddClaimForm(),
    }


WINDOW = 30  # cards sent at once; the list asks for the next ones as it is scrolled
TEXT_WINDOW = 40_000  # characters of article text sent at once, then on scroll


def text_window(article: Article, claims: list[Claim], start: int) -> dict:
    """The highlighted paragraphs from `start` on, about TEXT_WINDOW characters of them, and
    where the next part starts (None: the end of the text)."""
    paragraphs, following = paragraph_window(
        article.body, highlighted(claims), article.blocks, start, TEXT_WINDOW
    )
    return {"paragraphs": paragraphs, "more_text": following}


def render_text(request: HtmxHttpRequest, article: Article, blind: bool) -> HttpResponse:
    """The next part of a long article's text, highlighted (GET ?from=offset)."""
    claims = list(article.claims.only("article_id", "start", "end", "verdict", "state"))
    for number, claim in enumerate(claims, start=1):
        claim.number = number
        if blind:
            claim.verdict = Verdict.UNREVIEWED
    start = request.GET.get("from", "")
    start = int(start) if start.isdecimal() else 0
    context = {"article": article} | text_window(article, claims, start)
    return render(request, f"{TEMPLATE}#text-window", context)


def window(shown: list[Claim], start: int, criteria: dict, everything: bool = False) -> dict:
    """The cards from `start` that the list draws now, and the address of the ones after."""
    end = len(shown) if everything else start + WINDOW
    query = QueryDict(mutable=True)
    for name, value in criteria.items():
        query[name] = str(value)
    query["from"] = str(end)
    return {
        "window_claims": shown[start:end],
        "more_query": query.urlencode() if end < len(shown) else "",
    }


@dataclass
class Placed:
    """Where a claim sits and how it is coloured: what the highlights need of the claims
    around a changed one, read as plain rows."""

    pk: int
    start: int
    end: int
    verdict: str
    state: str
    detached_from_id: int | None = None
    number: int = 0

    def get_verdict_display(self) -> str:
        return Verdict(self.verdict).label


def swap_context(
    article_id: int,
    *,
    changed: list[Claim],
    pending: dict,
    reread: bool = True,
    paragraphs: bool = True,
) -> dict:
    """Fresh cards for the claims that changed, with progress and their paragraphs redrawn.

    reread=False: the caller's claim objects are as saved (the verdict path updates them in
    memory), so only their evidence is loaded, not the rows again. paragraphs=False: the
    text is left alone (only a note changed). The progress is counted here from the claims'
    rows, which the numbers need anyway, not by a second aggregate over them."""
    # Only what the card, the progress and the redrawn text need (a body can be 2 MB).
    unused = ("repairs", "held_back") + (() if paragraphs else ("body", "blocks"))
    article = Article.objects.defer(*unused).get(pk=article_id)
    fields = ("pk", "start", "end", "verdict", "state", "detached_from_id")
    claims = [Placed(*row) for row in article.claims.values_list(*fields)]  # no model objects
    numbers = {c.pk: n for n, c in enumerate(claims, start=1)}
    live = highlighted(claims)
    article.claims_total = len(live)
    article.claims_reviewed = sum(1 for c in live if c.verdict != Verdict.UNREVIEWED)
    if reread:
        fresh = {
            c.pk: c for c in with_card_data(Claim.objects.filter(pk__in=[c.pk for c in changed]))
        }
    else:
        current = Evidence.objects.shown()
        prefetch_related_objects(
            changed, Prefetch("evidence", queryset=current, to_attr="current_evidence")
        )
        fresh = {c.pk: c for c in changed}
    cards = sorted(fresh.values(), key=lambda c: numbers[c.pk])
    attach_comments(cards)
    for claim in cards:
        claim.number = numbers[claim.pk]
        claim.pending = pending.get(claim.pk)
    claims = [fresh.get(c.pk, c) for c in claims]  # draw the saved versions
    for claim in claims:
        claim.number = numbers[claim.pk]
    redrawn = [c for c in cards if c.pending is None]
    return {
        "article": article,
        "changed": cards,
        "verdicts": Verdict.choices,
        "paragraphs": paragraphs_of_claims(
            article.body, highlighted(claims), redrawn, article.blocks
        )
        if redrawn and paragraphs
        else [],
    }


def render_page(
    request: HtmxHttpRequest,
    article: Article,
    pending: dict | None = None,
    status: int = 200,
    second_mode: bool = False,
) -> HttpResponse:
    second = second_review_context(article, request.user, second_mode)
    criteria = ClaimFilterForm(request.GET or None).criteria()
    context = review_context(article, pending, blind=second.get("blind", False), criteria=criteria)
    context |= workflow.header_context(article, request.user) | second
    context |= {
        "last_event": audit.last_event_id(article),
        "poll_seconds": settings.LIVE_POLL_SECONDS,
    }
    return render(request, TEMPLATE, context, status=status)


def render_window(request: HtmxHttpRequest, article: Article) -> HttpResponse:
    """More compact cards for the list (scrolled to its end, or "Select all shown"),
    filtered and sorted as the page's list."""
    form = ClaimFilterForm(request.GET or None)
    criteria = form.criteria()
    context = review_context(article, criteria=criteria, paragraphs=False)
    start = max(0, int(request.GET["from"])) if request.GET.get("from", "").isdecimal() else 0
    context |= window(context["shown_claims"], start, criteria, request.GET.get("all") == "1")
    return render(request, f"{TEMPLATE}#claim-window", context)


def render_body(
    request: HtmxHttpRequest, article_id: int, message: str, *, extra: dict | None = None
) -> HttpResponse:
    """After an edit that moves claims (add, split, merge, re-span): the text and the list,
    still sorted and filtered the way the editor's page had them. extra: "current" (the
    claim to make current, e.g. one just added), "undo_batch" (the toast offers Undo)."""
    article = Article.objects.with_progress().get(pk=article_id)
    context = review_context(article, criteria=page_criteria(request)) | {"announcement": message}
    context |= extra or {}
    return render(request, f"{TEMPLATE}#review-body-swap", context)


def page_criteria(request: HtmxHttpRequest) -> dict:
    """The list's sort and filters in the address of the page htmx was sent from."""
    current = getattr(request.htmx, "current_url", None) if request.htmx else None
    if not current:
        return {}
    query = QueryDict(urlsplit(current).query)
    return ClaimFilterForm(query or None).criteria()


def announcement(claim: Claim, pending: PendingEdit | None) -> str:
    n, v = claim.number, (pending.verdict_label if pending else claim.get_verdict_display())
    if pending is None:
        return _("Claim {n} saved: {v}.").format(n=n, v=v)
    if pending.conflict:
        return _("Claim {n} was changed by someone else; your edit was not saved.").format(n=n)
    if pending.confirm:
        return _("Claim {n} has no evidence: confirm {v} or add some.").format(n=n, v=v)
    return _("Claim {n} not saved: {errors}").format(n=n, errors=" ".join(pending.errors))


def render_card(
    request: HtmxHttpRequest,
    claim: Claim,
    pending: PendingEdit | None = None,
    *,
    status: int = 200,
    message: str = "",
    redraw: str = "paragraphs",
    extra: dict | None = None,
    reread: bool = True,
    undo: bool = False,
) -> HttpResponse:
    """The claim card, plus out-of-band updates of the progress bar and its highlight.
    undo: the change can be undone (the toast offers Undo for the action just recorded).

    redraw: "paragraphs" redraws the claim's paragraphs (its state or span changed);
    "segments" recolours only its own highlighted pieces (a verdict: boundaries unchanged);
    "none" leaves the text alone (only the note changed).
    """
    batch = getattr(claim, "recorded_batch", None) if undo and pending is None else None
    context = swap_context(
        claim.article_id,
        changed=[claim],
        pending={claim.pk: pending},
        reread=reread,
        paragraphs=redraw != "none",
    )
    context["segments"] = []
    if redraw == "segments":
        context["segments"] = [
            segment
            for paragraph in context["paragraphs"]
            for segment in paragraph.segments
            if any(c.pk == claim.pk for c in segment.claims)
        ]
    if redraw != "paragraphs":
        context["paragraphs"] = []
    # The extra context first: it may carry the caller's own "claim" (the similar-claims
    # panel does), which must not replace the fresh one, numbered and with its evidence.
    context |= extra or {}
    context["claim"] = claim = context["changed"][0]
    # "{number}" in the message becomes the claim's number on the page.
    context["announcement"] = message.replace("{number}", str(claim.number)) or announcement(
        claim, pending
    )
    context["undo_batch"] = batch
    return render(request, f"{TEMPLATE}#claim-swap", context, status=status)


def card_context(claim_id: int) -> dict | None:
    """A claim's full card on its own (the list sends compact ones): two queries."""
    light = [f"article__{name}" for name in ("body", "blocks", "repairs", "held_back")]
    claims = with_card_data(Claim.objects.select_related("article").defer(*light))
    claim = claims.filter(pk=claim_id).first()
    if claim is None:
        return None
    claim.number = claim.position  # a count of the claims before it, not all their ids
    claim.pending = None
    attach_comments([claim])
    return {"claim": claim, "article": claim.article, "verdicts": Verdict.choices}


def render_cards(
    request: HtmxHttpRequest, article_id: int, *, changed: list[Claim], pending: dict, **extra
) -> HttpResponse:
    """Several cards at once, out of band (bulk actions), with a message in the status area."""
    context = swap_context(article_id, changed=changed, pending=pending) | extra
    if context.pop("undo", False):  # the toast offers Undo for the action just recorded
        batches = (getattr(c, "recorded_batch", None) for c in changed)
        context["undo_batch"] = next((b for b in batches if b), None)
    return render(request, f"{TEMPLATE}#bulk-swap", context)
