"""Bringing articles in: paste, upload or fetch; then, when offered, fix glued words."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from reviews import spans
from reviews.htmx import HtmxHttpRequest, require_reviewer
from reviews.ingest import jobs
from reviews.ingest.forms import NewVersionForm, PasteForm, UploadForm, UrlForm
from reviews.ingest.importing import (
    DuplicateArticle,
    ImportRefused,
    create_article,
    draft_from_file,
    draft_from_text,
    draft_from_url,
    import_new_version,
    revision_message,
)
from reviews.ingest.models import ImportJob
from reviews.models import Article

IMPORT_FORMS = {"paste": PasteForm, "file": UploadForm, "url": UrlForm}


def make_draft(method: str, data: dict):
    if method == "paste":
        return draft_from_text(data["text"], origin=Article.Origin.PASTE, title=data["title"])
    upload = data["file"]
    return draft_from_file(upload.name, upload.read())


def start_import(request: HtmxHttpRequest, method: str, data: dict) -> HttpResponse:
    """URL imports and long texts go to the worker (a progress page); short texts open at once."""
    if method == "url":
        return redirect(jobs.start_url_import(data["url"], user=request.user))
    draft = make_draft(method, data)
    if len(draft.body) > settings.IMPORT_IN_WORKER_ABOVE_CHARS:
        return redirect(jobs.start_draft_import(draft, user=request.user))
    article = create_article(draft, user=request.user)[0]
    messages.success(request, jobs.imported_message(article, draft.note))
    return redirect(article)


@require_http_methods(["GET", "POST"])
def article_import(request: HtmxHttpRequest) -> HttpResponse:
    forms = {method: form_class(prefix=method) for method, form_class in IMPORT_FORMS.items()}
    context = {
        "duplicate": None,
        "active": "paste",
        "in_worker_above": settings.IMPORT_IN_WORKER_ABOVE_CHARS,
    }
    status = 200
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
                return start_import(request, method, form.cleaned_data)
            except DuplicateArticle as duplicate:
                context["duplicate"] = duplicate.existing
                form.add_error(None, str(duplicate))
            except ImportRefused as refused:
                form.add_error(None, str(refused))
        status = 422
    context["forms"] = forms
    return render(request, "ingest/article_import.html", context, status=status)


def import_job(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The progress of an import in the worker; htmx asks again until it is done."""
    job = get_object_or_404(ImportJob.objects.select_related("article", "duplicate_of"), pk=pk)
    if job.is_stale() and jobs.resume_stale_jobs(ImportJob.objects.filter(pk=job.pk)):
        job.refresh_from_db()
    if job.status == ImportJob.Status.DONE and job.article is not None:
        # Said once, though two polls may both find the job done before the page moves on.
        if ImportJob.objects.filter(pk=job.pk, announced=False).update(announced=True):
            messages.success(request, job.message)
        if request.htmx:
            return HttpResponseClientRedirect(job.article.get_absolute_url())
        return redirect(job.article)
    template = "ingest/import_job.html" + ("#job-progress" if request.htmx else "")
    return render(request, template, {"job": job})


@require_POST
def import_job_retry(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    require_reviewer(request)
    job = get_object_or_404(ImportJob, pk=pk)
    if jobs.retry(job):
        messages.info(request, _("Trying again."))
    return redirect(job)


@require_http_methods(["GET", "POST"])
def article_new_version(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The "this is a new version of …" page: the text pasted, or its page fetched again,
    becomes the article's current revision; then the revision page shows where each claim
    went."""
    article = get_object_or_404(Article, pk=pk)
    form = NewVersionForm()
    status = 200
    if request.method == "POST":
        require_reviewer(request)
        try:
            request.POST  # noqa: B018 - reading the body is what can be refused
        except RequestDataTooBig:
            context = {"article": article, "form": form, "too_big": settings.MAX_ARTICLE_CHARS}
            return render(request, "ingest/article_new_version.html", context, status=413)
        form = NewVersionForm(request.POST)
        if form.is_valid():
            try:
                data = form.cleaned_data
                if data["url"]:
                    draft = draft_from_url(data["url"])
                else:
                    draft = draft_from_text(data["text"], origin=Article.Origin.PASTE)
                revision = import_new_version(article, draft, user=request.user)
            except ImportRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, revision_message(revision))
                return redirect("reviews:article_revision", pk=article.pk, number=revision.number)
        status = 422
    context = {"article": article, "form": form}
    return render(request, "ingest/article_new_version.html", context, status=status)


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
        messages.info(request, _("No glued words are waiting for a decision in this article."))
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
