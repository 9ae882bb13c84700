"""Working together on an article: status and assignment, wording edits with conflicts,
history timelines, live updates with who else is viewing, and the second review."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reviews import agreement, audit, languages, review_page, workflow
from reviews import claims as claim_edits
from reviews.forms import DueForm, WordingForm
from reviews.htmx import HtmxHttpRequest, as_ids, partial_or_redirect, refuse, require_reviewer
from reviews.models import Article, Claim, ClaimEditRefused, StaleEdit, Verdict

REVIEW_TEMPLATE = review_page.TEMPLATE


def render_header(request, article: Article, message: str, level: str = "success"):
    article = Article.objects.with_progress().get(pk=article.pk)
    context = workflow.header_context(article, request.user) | {"message": message, "level": level}
    return render(request, f"{REVIEW_TEMPLATE}#header-swap", context)


def header_changed(request: HtmxHttpRequest, article: Article, message: str) -> HttpResponse:
    """After a change to the article (status, assignees, deadline, language): the header."""
    return partial_or_redirect(
        request,
        lambda: render_header(request, article, message),
        message=message,
        back=article.get_absolute_url(),
    )


@require_POST
def article_status(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    require_reviewer(request)
    article = get_object_or_404(Article, pk=pk)
    to, expected = request.POST.get("to", ""), request.POST.get("expected", "")
    try:
        workflow.change_status(article, user=request.user, to=to, expected=expected)
    except workflow.TransitionRefused as refused:
        return refuse(request, str(refused), back=article.get_absolute_url())
    except ValueError:
        return refuse(request, _("That is not an article status."), back=article.get_absolute_url())
    message = _("Status: %(status)s.") % {"status": article.get_status_display()}
    return header_changed(request, article, message)


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
        template = "reviews/assign_form.html" + ("#form" if request.htmx else "")
        return render(request, template, context)
    due = DueForm(request.POST)
    if not due.is_valid():
        return refuse(request, " ".join(due.errors["due"]), back=article.get_absolute_url())
    ids = as_ids(request.POST.getlist("editors"))
    editors = list(workflow.assignable_editors().filter(pk__in=ids))
    workflow.assign([article], user=request.user, editors=editors, replace=True)
    names = ", ".join(e.username for e in editors) or _("nobody")
    message = _("Assigned to %(names)s.") % {"names": names}
    if "due" in request.POST:  # forms without the field leave the deadline alone
        workflow.set_due(article, user=request.user, due_at=due.cleaned_data["due"])
    return header_changed(request, article, message)


@require_http_methods(["GET", "POST"])
def article_language(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Correct the language detected on import."""
    require_reviewer(request)
    article = get_object_or_404(Article, pk=pk)
    if request.method == "GET":
        context = {"article": article, "choices": languages.choices(article.language)}
        template = "reviews/language_form.html" + ("#form" if request.htmx else "")
        return render(request, template, context)
    try:
        with transaction.atomic():
            code = request.POST.get("language", "")
            languages.set_language(article, user=request.user, language=code)
            if "original_url" in request.POST:  # forms without the fields leave them alone
                languages.set_original(
                    article,
                    user=request.user,
                    url=request.POST.get("original_url", ""),
                    language=request.POST.get("original_language", ""),
                )
    except languages.LanguageRefused as refused:
        return refuse(request, str(refused), back=article.get_absolute_url())
    name = languages.language_name(article.language) or "not set"
    message = _("Language: %(name)s.") % {"name": name}
    if article.original_language:
        original = languages.language_name(article.original_language)
        message += " " + _("Translated from %(name)s.") % {"name": original}
    return header_changed(request, article, message)


@require_POST
def bulk_assign(request: HtmxHttpRequest) -> HttpResponse:
    """From the article list: add one editor to every selected article."""
    require_reviewer(request)
    articles = list(Article.objects.filter(pk__in=as_ids(request.POST.getlist("articles"))))
    editor_ids = as_ids([request.POST.get("editor", "")])
    editor = workflow.assignable_editors().filter(pk__in=editor_ids).first()
    if not articles or editor is None:
        messages.error(request, _("Select articles and an editor to assign them to."))
    else:
        workflow.assign(articles, user=request.user, editors=[editor], replace=False)
        messages.success(
            request,
            _("%(count)d article(s) assigned to %(editor)s.")
            % {"count": len(articles), "editor": editor.username},
        )
    return redirect("reviews:article_list")


@require_http_methods(["GET", "POST"])
def claim_wording(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Edit how a claim is worded and who it is attributed to; stale saves show both."""
    claim = get_object_or_404(Claim.objects.select_related("article", "updated_by"), pk=pk)
    require_reviewer(request)
    template = "reviews/wording_form.html" + ("#form" if request.htmx else "")
    if request.method == "GET":
        form = WordingForm(initial={"text": claim.text, "attribution": claim.attribution})
        return render(request, template, {"claim": claim, "form": form})
    form = WordingForm(request.POST)
    status, conflict = 422, None
    if form.is_valid():
        try:
            claim_edits.set_wording(
                claim=claim,
                editor=request.user,
                text=form.cleaned_data["text"],
                attribution=form.cleaned_data["attribution"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleEdit as stale:
            claim, conflict, status = stale.current, stale.current, 409
        except ClaimEditRefused as refused:
            form.add_error(None, str(refused))
            status = 409
        else:
            return partial_or_redirect(
                request,
                lambda: review_page.render_card(
                    request, claim, message=_("Claim {number}: wording saved.")
                ),
                message=_("Wording saved."),
                back=claim.get_absolute_url(),
            )
    context = {"claim": claim, "form": form, "conflict": conflict}
    return render(request, template, context, status=status)


# What a blind second reviewer may not read in a timeline: the first verdicts and notes,
# and the desk's discussion of them.
BLIND_ACTIONS = {
    "claim.verdict",
    "claim.note",
    "claim.conflict",
    "claim.second_opinion",
    "comment.add",
    "comment.edit",
    "comment.withdraw",
}


def timeline(request: HtmxHttpRequest, article: Article, context: dict) -> HttpResponse:
    """The panel for htmx; a whole page when the link is opened on its own."""
    template = "reviews/timeline.html" + ("#panel" if request.htmx else "")
    hidden = BLIND_ACTIONS if agreement.blind_for(article, request.user) else set()
    context |= {"labels": audit.EVENT_LABELS, "hidden_actions": hidden}
    return render(request, template, context)


@require_GET
def claim_history(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim.objects.select_related("article"), pk=pk)
    events = claim.events.select_related("actor")[:200]
    return timeline(request, claim.article, {"events": events, "claim": claim})


@require_GET
def article_history(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    events = article.events.select_related("actor", "claim")[:300]
    return timeline(request, article, {"events": events, "article": article, "show_claim": True})


@require_GET
def article_changes(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The review page's poll: 304/204 when nothing changed, else the changed pieces.

    Compares the article's revision counter (bumped in the database by every change) with
    the one the page has, so it works the same whichever app server answers.
    """
    article = get_object_or_404(Article.objects.with_progress(), pk=pk)
    if agreement.blind_for(article, request.user):
        return HttpResponse(status=204)  # the blind page does not poll; nor may a script
    viewers = workflow.recent_viewers(article, request.user)
    etag = f'"{article.revision}-{",".join(viewers)}"'
    if request.headers.get("If-None-Match") == etag:
        return HttpResponseNotModified(headers={"ETag": etag})
    if request.GET.get("rev") == str(article.revision) and request.GET.get("viewers", "") == (
        ",".join(viewers)
    ):
        return HttpResponse(status=204, headers={"ETag": etag})
    since = (as_ids([request.GET.get("event", "")]) or [0])[0]
    events = list(
        article.events.filter(pk__gt=since).exclude(actor=request.user).select_related("actor")
    )
    context = {"article": article, "viewers": viewers, "last_event": audit.last_event_id(article)}
    actions = {e.action for e in events}
    if actions & audit.STRUCTURAL_ACTIONS:
        context |= review_page.review_context(article) | {"redraw": "body"}
    elif changed := [c for c in {e.claim_id for e in events} if c]:
        claims = list(Claim.objects.filter(pk__in=changed))
        context |= review_page.swap_context(article.pk, changed=claims, pending={})
        context["redraw"] = "cards"
    if actions & audit.ARTICLE_ACTIONS:
        context |= workflow.header_context(article, request.user) | {"redraw_header": True}
    context["announcement"] = "; ".join(
        f"{e.actor or 'someone'} {audit.label(e.action)}" for e in events[-3:]
    )
    response = render(request, f"{REVIEW_TEMPLATE}#live-swap", context)
    response["ETag"] = etag
    return response


@require_POST
def second_opinion(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A second editor's own verdict on a claim."""
    require_reviewer(request)
    claim = get_object_or_404(Claim.objects.select_related("article", "updated_by"), pk=pk)
    try:
        opinion = agreement.give_second_opinion(
            claim=claim, editor=request.user, verdict=request.POST.get("verdict", "")
        )
    except agreement.OpinionRefused as refused:
        return refuse(request, str(refused), back=claim.get_absolute_url())
    claim.number = claim.position
    context = {"claim": claim, "opinion": opinion, "verdicts": Verdict.choices}
    return partial_or_redirect(
        request,
        lambda: render(request, f"{REVIEW_TEMPLATE}#second-card", context),
        message=_("Second opinion saved."),
        back=f"{claim.article.get_absolute_url()}?second=1#claim-{claim.pk}",
    )


@require_GET
def agreement_overview(request: HtmxHttpRequest) -> HttpResponse:
    pairs = agreement.agreement_by_editor_pair()
    return render(request, "reviews/agreement.html", {"pairs": pairs})
