"""Bringing articles in: paste, upload or fetch, then (if needed) fix glued words."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from reviews.htmx import HtmxHttpRequest, require_reviewer
from reviews.ingest.detection import find_glued_words
from reviews.ingest.forms import PasteForm, UploadForm, UrlForm
from reviews.ingest.importing import (
    DuplicateArticle,
    ImportRefused,
    apply_glue_fixes,
    create_article,
    draft_from_file,
    draft_from_text,
    draft_from_url,
)
from reviews.models import Article

IMPORT_FORMS = {"paste": PasteForm, "file": UploadForm, "url": UrlForm}


def make_draft(method: str, data: dict):
    if method == "paste":
        return draft_from_text(data["text"], origin=Article.Origin.PASTE, title=data["title"])
    if method == "file":
        upload = data["file"]
        return draft_from_file(upload.name, upload.read())
    return draft_from_url(data["url"])


@require_http_methods(["GET", "POST"])
def article_import(request: HtmxHttpRequest) -> HttpResponse:
    forms = {method: form_class(prefix=method) for method, form_class in IMPORT_FORMS.items()}
    context, status = {"duplicate": None, "active": "paste"}, 200
    if request.method == "POST":
        require_reviewer(request)
        method = request.POST.get("method", "paste")
        method = method if method in IMPORT_FORMS else "paste"
        form = IMPORT_FORMS[method](request.POST, request.FILES, prefix=method)
        forms[method], context["active"] = form, method
        if form.is_valid():
            try:
                draft = make_draft(method, form.cleaned_data)
                article, fixes = create_article(draft, user=request.user)
            except DuplicateArticle as duplicate:
                context["duplicate"] = duplicate.existing
                form.add_error(None, str(duplicate))
            except ImportRefused as refused:
                form.add_error(None, str(refused))
            else:
                if fixes:
                    return redirect("ingest:article_prepare", pk=article.pk)
                proposed = article.claims.count()
                messages.success(request, f"Imported; {proposed} claims proposed.")
                return redirect(article)
        status = 422
    context["forms"] = forms
    return render(request, "ingest/article_import.html", context, status=status)


@require_http_methods(["GET", "POST"])
def article_prepare(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Offer fixes for words glued together by scraping, before claims are anchored."""
    article = get_object_or_404(Article, pk=pk)
    if request.method == "POST":
        require_reviewer(request)
    if article.claims.exists():
        messages.info(request, "Claims are already anchored in this text; it can no longer change.")
        return redirect(article)
    fixes = find_glued_words(article.body)
    if request.method == "POST":
        chosen = {int(i) for i in request.POST.getlist("fix") if i.isdigit()}
        proposals = apply_glue_fixes(article, [f for i, f in enumerate(fixes) if i in chosen])
        messages.success(
            request,
            f"{len(chosen)} glued word{'s' if len(chosen) != 1 else ''} fixed; "
            f"{len(proposals)} claims proposed.",
        )
        return redirect(article)
    body = article.body
    items = [
        {
            "index": index,
            "fix": fix,
            "before": body[max(0, fix.start - 40) : fix.start],
            "after": body[fix.end : fix.end + 40],
        }
        for index, fix in enumerate(fixes)
    ]
    return render(request, "ingest/article_prepare.html", {"article": article, "items": items})
