"""Bringing articles in: paste, upload or fetch; then, when offered, fix glued words."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from reviews import spans
from reviews.htmx import HtmxHttpRequest, require_reviewer
from reviews.ingest.forms import PasteForm, UploadForm, UrlForm
from reviews.ingest.importing import (
    DuplicateArticle,
    ImportRefused,
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
        try:
            request.POST  # noqa: B018 - reading the body is what can be refused
        except RequestDataTooBig:
            context |= {"forms": forms, "too_big": settings.MAX_ARTICLE_CHARS}
            return render(request, "ingest/article_import.html", context, status=413)
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
                proposed = article.claims.count()
                message = f"Imported; {proposed} claims proposed."
                if draft.note:
                    message += f" {draft.note}"
                if fixes:
                    words = len({fix.original for fix in fixes})
                    message += (
                        f" {words} word{'s' if words != 1 else ''} may have been glued"
                        " together by the scraper: review the fixes when you like."
                    )
                messages.success(request, message)
                return redirect(article)
        status = 422
    context["forms"] = forms
    return render(request, "ingest/article_import.html", context, status=status)


@require_http_methods(["GET", "POST"])
def article_prepare(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Offer the fixes for words that seem glued together, one choice per word.

    Claims are already proposed on the text as imported; applying fixes moves them with the
    text. Unticked words are left as they are and not offered again.
    """
    article = get_object_or_404(Article, pk=pk)
    words = fix_groups(article)
    if request.method == "POST":
        require_reviewer(request)
        chosen = set(request.POST.getlist("word"))
        fixes = [fix for fix in article.repairs if fix["original"] in chosen]
        applied = spans.apply_repairs(article=article, editor=request.user, chosen=fixes)
        ignored = len([w for w in words if w["original"] not in chosen])
        messages.success(
            request,
            f"{applied} glued word{'s' if applied != 1 else ''} fixed"
            + (f"; {ignored} left as written." if ignored else "."),
        )
        return redirect(article)
    if not words:
        messages.info(request, "No glued words are waiting for a decision in this article.")
        return redirect(article)
    ticked = request.GET.get("ticked", "all") != "none"
    context = {"article": article, "words": words, "ticked": ticked}
    return render(request, "ingest/article_prepare.html", context)


def fix_groups(article: Article) -> list[dict]:
    """The pending fixes by word: each word once, with how often and one place it occurs."""
    groups: dict[str, dict] = {}
    body = article.body
    for fix in article.repairs:
        group = groups.setdefault(
            fix["original"],
            {
                "original": fix["original"],
                "replacement": fix["replacement"],
                "count": 0,
                "before": body[max(0, fix["start"] - 40) : fix["start"]],
                "after": body[fix["end"] : fix["end"] + 40],
            },
        )
        group["count"] += 1
    return list(groups.values())
