"""The report page and the downloads: ClaimReview JSON-LD, CSV and Markdown.

Publication rule: the report page and the JSON-LD are public (no login) once the article is
published; before that only logged-in users see them, as a draft. The CSV and Markdown
downloads are for the desk and always need a login.
"""

from __future__ import annotations

import datetime as dt
import io
import json

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from reviews import agreement
from reviews.exports import claimreview
from reviews.exports import formats as exports
from reviews.exports.forms import DateRangeForm
from reviews.models import Article, Claim, ClaimState, Verdict

# Characters that could end the <script> element or open an HTML comment inside it.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def visible_article(request: HttpRequest, pk: int) -> Article:
    """Published articles for everyone, any article for a logged-in user; 404 otherwise.
    During a blind second review, not for the second reviewer until they have given theirs."""
    article = get_object_or_404(Article, pk=pk)
    if article.status != Article.Status.PUBLISHED and not request.user.is_authenticated:
        raise Http404("No published report for this article.")
    if agreement.blind_for(article, request.user):
        raise PermissionDenied(
            "The first verdicts stay hidden until you have given your second review."
        )
    return article


def json_ld(data: dict) -> SafeString:
    """JSON safe to place inside <script type="application/ld+json">."""
    return mark_safe(json.dumps(data, ensure_ascii=False, indent=2).translate(SCRIPT_ESCAPES))


def json_ld_response(data: dict) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return HttpResponse(body, content_type="application/ld+json; charset=utf-8")


def download(body: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # The desk's working data: never kept by a shared cache or the browser's.
    response["Cache-Control"] = "private, no-store"
    return response


def file_stem(article: Article) -> str:
    return f"article-{article.pk}-{slugify(article.title)[:60]}".rstrip("-")


@login_not_required
@require_GET
def article_report(request: HttpRequest, pk: int) -> HttpResponse:
    article = visible_article(request, pk)
    claims = exports.report_claims(article)
    context = {
        "article": article,
        "claims": claims,
        "draft": article.status != Article.Status.PUBLISHED,
        "counts": exports.verdict_counts(claims),
        "checked": exports.checked_count(claims),
        "corrections": exports.corrections_of(claims),
        "json_ld": json_ld(claimreview.article_claim_reviews(claims)),
        "desk_name": settings.DESK_NAME,
        "desk_url": settings.DESK_URL,
        "scale": {"best": claimreview.BEST_RATING, "worst": claimreview.WORST_RATING},
    }
    return render(request, "exports/report.html", context)


@login_not_required
@require_GET
def article_claimreview(request: HttpRequest, pk: int) -> HttpResponse:
    article = visible_article(request, pk)
    return json_ld_response(claimreview.article_claim_reviews(exports.reviewed_claims(article)))


@login_not_required
@require_GET
def claim_claimreview(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(
        exports.with_export_data(
            Claim.objects.select_related("article")
            .exclude(state=ClaimState.REJECTED)
            .exclude(verdict=Verdict.UNREVIEWED)
        ),
        pk=pk,
    )
    visible_article(request, claim.article_id)
    return json_ld_response(claimreview.claim_review_document(claim))


@require_GET
def article_claims_csv(request: HttpRequest, pk: int) -> HttpResponse:
    article = visible_article(request, pk)
    out = io.StringIO()
    exports.write_csv(exports.report_claims(article), out)
    return download("\ufeff" + out.getvalue(), "text/csv", f"{file_stem(article)}-claims.csv")


@require_GET
def article_report_markdown(request: HttpRequest, pk: int) -> HttpResponse:
    article = visible_article(request, pk)
    text = exports.article_markdown(article, exports.report_claims(article))
    return download(text, "text/markdown", f"{file_stem(article)}-report.md")


@require_GET
def exports_page(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = DateRangeForm(initial={"from": today - dt.timedelta(days=30), "to": today})
    return render(request, "exports/exports.html", {"form": form})


@require_GET
def reviewed_claims_csv(request: HttpRequest) -> HttpResponse:
    form = DateRangeForm(request.GET)
    if not form.is_valid():
        return render(request, "exports/exports.html", {"form": form}, status=422)
    start, end = form.cleaned_data["from"], form.cleaned_data["to"]
    claims = exports.reviewed_claims_between(start, end)
    blind = {c.article_id for c in claims if agreement.blind_for(c.article, request.user)}
    out = io.StringIO()
    exports.write_csv([c for c in claims if c.article_id not in blind], out)
    name = f"reviewed-claims-{start or 'start'}-to-{end or timezone.localdate()}.csv"
    return download("\ufeff" + out.getvalue(), "text/csv", name)
