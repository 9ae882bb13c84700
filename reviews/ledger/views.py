"""The archived copy of a cited page, and asking for a fresh one."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from reviews import agreement, review_page
from reviews.htmx import HtmxHttpRequest, partial_or_redirect, refuse, require_reviewer
from reviews.ledger import receivers
from reviews.ledger.models import Snapshot
from reviews.models import Article, Evidence


def visible(request: HtmxHttpRequest, evidence: Evidence) -> None:
    """As the report: a published fact-check's archived pages for everyone (the public
    report links them), the rest for editors; never during a blind second review."""
    article = evidence.claim.article
    if article.status != Article.Status.PUBLISHED and not request.user.is_authenticated:
        raise Http404("No published report for this article.")
    if agreement.blind_for(article, request.user):
        raise PermissionDenied(_("The evidence stays hidden until you have given your review."))


@login_not_required
@require_GET
def evidence_archive(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The latest snapshot of an evidence item (the card's "archived" link)."""
    evidence = get_object_or_404(Evidence.objects.select_related("claim__article"), pk=pk)
    visible(request, evidence)
    snapshot = Snapshot.objects.filter(evidence=evidence).only("pk").first()
    if snapshot is None:
        return render(request, "ledger/snapshot.html", {"evidence": evidence}, status=404)
    return redirect(snapshot)


@login_not_required
@require_GET
def snapshot_page(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    snapshot = get_object_or_404(
        Snapshot.objects.select_related("evidence__claim__article", "evidence__source"), pk=pk
    )
    evidence = snapshot.evidence
    visible(request, evidence)
    text, start, end = snapshot.text, snapshot.match_start, snapshot.match_end
    has_match = start is not None and end is not None
    context = {
        "snapshot": snapshot,
        "evidence": evidence,
        "claim": evidence.claim,
        "article": evidence.claim.article,
        # Three plain strings: the template escapes each and marks the middle one.
        "before": text[:start] if has_match else text,
        "passage": text[start:end] if has_match else "",
        "after": text[end:] if has_match else "",
        "checks": list(snapshot.checks.all()[:50]),
        "others": list(
            Snapshot.objects.filter(evidence=evidence)
            .exclude(pk=snapshot.pk)
            .only("pk", "fetched_at", "status", "error")[:20]
        ),
    }
    return render(request, "ledger/snapshot.html", context)


@require_POST
def archive_again(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    evidence = get_object_or_404(Evidence.objects.current().select_related("claim__article"), pk=pk)
    require_reviewer(request)
    claim = evidence.claim
    if not evidence.url:
        message = _("This evidence has no link to archive.")
        return refuse(request, message, back=claim.get_absolute_url())
    if claim.article.is_published:  # the report shows the copy the fact-check was based on
        message = _("This fact-check is published: its archived copies stay as they were.")
        return refuse(request, message, back=claim.get_absolute_url(), status=409)
    receivers.archive_again(evidence=evidence, editor=request.user)
    message = _("The page will be archived again in a moment.")
    return partial_or_redirect(
        request,
        lambda: review_page.render_card(request, claim, message=message, redraw="none"),
        message=message,
        back=claim.get_absolute_url(),
    )
