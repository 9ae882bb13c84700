"""Working together on an article: status and assignment, wording edits with conflicts,
history timelines, live updates with who else is viewing, and the second review."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reviews import audit, workflow
from reviews.agreement import agreement_by_editor_pair
from reviews.audit import last_event_id
from reviews.forms import WordingForm
from reviews.models import Article, ArticleViewer, Claim, SecondOpinion, StaleEdit, Verdict
from reviews.views import (
    HtmxHttpRequest,
    flash_response,
    require_reviewer,
    review_context,
    swap_context,
)

# Events that move claims or add them: the open page redraws the text and the whole list.
STRUCTURAL_ACTIONS = {"claim.add", "claim.split", "claim.span", "claims.proposed"}
ARTICLE_ACTIONS = {"article.status", "article.assign"}


def render_header(request, article: Article, message: str, level: str = "success"):
    article = Article.objects.with_progress().get(pk=article.pk)
    context = workflow.header_context(article, request.user) | {"message": message, "level": level}
    return render(request, "reviews/header_swap.html", context)


@require_POST
def article_status(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    require_reviewer(request)
    article = get_object_or_404(Article, pk=pk)
    to, expected = request.POST.get("to", ""), request.POST.get("expected", "")
    try:
        workflow.change_status(article, user=request.user, to=to, expected=expected)
    except workflow.TransitionRefused as refused:
        message = str(refused)
        if request.htmx:
            return flash_response(message, status=422)
        messages.error(request, message)
        return redirect(article)
    except ValueError:
        message = "That is not an article status."
        if request.htmx:
            return flash_response(message, status=422)
        messages.error(request, message)
        return redirect(article)
    message = f"Status: {article.get_status_display()}."
    if request.htmx:
        return render_header(request, article, message)
    messages.success(request, message)
    return redirect(article)


@require_http_methods(["GET", "POST"])
def article_assign(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    require_reviewer(request)
    article = get_object_or_404(Article, pk=pk)
    if request.method == "GET":
        context = {
            "article": article,
            "editors": workflow.assignable_editors(),
            "assigned": set(article.assignees.values_list("pk", flat=True)),
        }
        return render(request, "reviews/assign_form.html", context)
    ids = [int(i) for i in request.POST.getlist("editors") if i.isdigit()]
    editors = list(workflow.assignable_editors().filter(pk__in=ids))
    workflow.assign([article], user=request.user, editors=editors, replace=True)
    names = ", ".join(e.username for e in editors) or "nobody"
    if request.htmx:
        return render_header(request, article, f"Assigned to {names}.")
    messages.success(request, f"Assigned to {names}.")
    return redirect(article)


@require_POST
def bulk_assign(request: HtmxHttpRequest) -> HttpResponse:
    """From the article list: add one editor to every selected article."""
    require_reviewer(request)
    articles = list(Article.objects.filter(pk__in=request.POST.getlist("articles")))
    editor = workflow.assignable_editors().filter(pk=request.POST.get("editor") or 0).first()
    if not articles or editor is None:
        messages.error(request, "Select articles and an editor to assign them to.")
    else:
        workflow.assign(articles, user=request.user, editors=[editor], replace=False)
        messages.success(request, f"{len(articles)} article(s) assigned to {editor.username}.")
    return redirect("reviews:article_list")


@require_http_methods(["GET", "POST"])
def claim_wording(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Edit how a claim is worded and who it is attributed to; stale saves show both."""
    claim = get_object_or_404(Claim.objects.select_related("article", "updated_by"), pk=pk)
    require_reviewer(request)
    if request.method == "GET":
        form = WordingForm(initial={"text": claim.text, "attribution": claim.attribution})
        return render(request, "reviews/wording_form.html", {"claim": claim, "form": form})
    form = WordingForm(request.POST)
    status, conflict = 422, None
    if form.is_valid():
        try:
            claim.update_if_current(
                expected_version=form.cleaned_data["version"],
                editor=request.user,
                text=form.cleaned_data["text"],
                attribution=form.cleaned_data["attribution"],
            )
        except StaleEdit as stale:
            claim, conflict, status = stale.current, stale.current, 409
            audit.record_conflict(
                actor=request.user,
                claim=claim,
                attempted={k: form.cleaned_data[k] for k in ("text", "attribution")},
                based_on=form.cleaned_data["version"],
            )
        else:
            if not request.htmx:
                messages.success(request, "Wording saved.")
                return redirect(f"{claim.article.get_absolute_url()}#claim-{claim.pk}")
            context = swap_context(claim.article_id, changed=[claim], pending={})
            context["claim"] = context["changed"][0]
            context["announcement"] = f"Claim {context['claim'].number}: wording saved."
            return render(request, "reviews/claim_swap.html", context)
    context = {"claim": claim, "form": form, "conflict": conflict}
    if not request.htmx:
        return render(request, "reviews/wording_page.html", context, status=status)
    return render(request, "reviews/wording_form.html", context, status=status)


EVENT_LABELS = {
    "claim.verdict": "set the verdict",
    "claim.note": "edited the note",
    "claim.state": "changed the state",
    "claim.span": "re-anchored the claim",
    "claim.text+attribution": "edited the wording",
    "claim.attribution+text": "edited the wording",
    "claim.text": "edited the wording",
    "claim.attribution": "edited the attribution",
    "claim.add": "added the claim",
    "claim.split": "split a claim into this one",
    "claim.same_as": "linked it to an earlier claim",
    "claims.proposed": "proposed claims automatically",
    "evidence.add": "added evidence",
    "evidence.edit": "edited evidence",
    "evidence.remove": "removed evidence",
    "article.status": "changed the status",
    "article.assign": "changed who is assigned",
    "claim.second_opinion": "gave a second opinion",
    "claim.conflict": "tried to save over a newer version (refused, kept here)",
}


@require_GET
def claim_history(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim, pk=pk)
    events = claim.events.select_related("actor")[:200]
    context = {"events": events, "labels": EVENT_LABELS, "claim": claim}
    return render(request, timeline_template(request), context)


@require_GET
def article_history(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    events = article.events.select_related("actor", "claim")[:300]
    context = {"events": events, "labels": EVENT_LABELS, "article": article, "show_claim": True}
    return render(request, timeline_template(request), context)


def timeline_template(request: HtmxHttpRequest) -> str:
    """The panel for htmx; a whole page when the link is opened on its own."""
    return "reviews/timeline.html" if request.htmx else "reviews/timeline_page.html"


def recent_viewers(article: Article, user) -> list[str]:
    """Note this user as viewing, and name the others seen within the last poll periods."""
    now = timezone.now()
    ArticleViewer.objects.update_or_create(article=article, user=user, defaults={"last_seen": now})
    since = now - timedelta(seconds=settings.LIVE_POLL_SECONDS * 3)
    seen = article.viewers.filter(last_seen__gte=since).exclude(user=user)
    return sorted(seen.values_list("user__username", flat=True))


@require_GET
def article_changes(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The review page's poll: 304/204 when nothing changed, else the changed pieces.

    Compares the article's revision counter (bumped in the database by every change) with
    the one the page has, so it works the same whichever app server answers.
    """
    article = get_object_or_404(Article.objects.with_progress(), pk=pk)
    viewers = recent_viewers(article, request.user)
    etag = f'"{article.revision}-{",".join(viewers)}"'
    if request.headers.get("If-None-Match") == etag:
        return HttpResponseNotModified(headers={"ETag": etag})
    if request.GET.get("rev") == str(article.revision) and request.GET.get("viewers", "") == (
        ",".join(viewers)
    ):
        return HttpResponse(status=204, headers={"ETag": etag})
    since = int(request.GET.get("event", "0") or 0)
    events = list(
        article.events.filter(pk__gt=since).exclude(actor=request.user).select_related("actor")
    )
    context = {"article": article, "viewers": viewers, "last_event": last_event_id(article)}
    actions = {e.action for e in events}
    if actions & STRUCTURAL_ACTIONS:
        context |= review_context(article) | {"redraw": "body"}
    elif changed := [c for c in {e.claim_id for e in events} if c]:
        claims = list(Claim.objects.filter(pk__in=changed))
        context |= swap_context(article.pk, changed=claims, pending={}) | {"redraw": "cards"}
    if actions & ARTICLE_ACTIONS:
        context |= workflow.header_context(article, request.user) | {"redraw_header": True}
    context["announcement"] = "; ".join(
        f"{e.actor or 'someone'} {EVENT_LABELS.get(e.action, e.action)}" for e in events[-3:]
    )
    response = render(request, "reviews/live_swap.html", context)
    response["ETag"] = etag
    return response


@require_POST
def second_opinion(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A second editor's own verdict; the first reviewer cannot second their own verdict."""
    require_reviewer(request)
    claim = get_object_or_404(Claim.objects.select_related("article", "updated_by"), pk=pk)
    verdict = request.POST.get("verdict", "")
    if verdict not in Verdict.values or verdict == Verdict.UNREVIEWED:
        return flash_response(f"“{verdict}” is not a verdict.", status=422)
    if claim.updated_by_id == request.user.pk:
        return flash_response(
            "You gave the current verdict; a second review needs another editor.", status=422
        )
    opinion, created = SecondOpinion.objects.get_or_create(
        claim=claim, editor=request.user, defaults={"verdict": verdict}
    )
    before = None if created else {"verdict": opinion.verdict}
    if not created:
        opinion.verdict, opinion.updated_at = verdict, timezone.now()
        opinion.save(update_fields=["verdict", "updated_at"])
    audit.record(
        actor=request.user,
        article_id=claim.article_id,
        claim_id=claim.pk,
        obj=opinion,
        action="claim.second_opinion",
        before=before,
        after={"verdict": verdict},
    )
    if not request.htmx:
        messages.success(request, "Second opinion saved.")
        return redirect(f"{claim.article.get_absolute_url()}?second=1#claim-{claim.pk}")
    claim.number = claim.position
    context = {"claim": claim, "opinion": opinion, "verdicts": Verdict.choices}
    return render(request, "reviews/second_card.html", context)


@require_GET
def agreement_overview(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "reviews/agreement.html", {"pairs": agreement_by_editor_pair()})
