"""Imports that run in the worker (Django's tasks framework, the django-tasks-db backend).

The web request creates an ImportJob and enqueues `run_import_job`; the worker (`manage.py
db_worker`) fetches, prepares and proposes, moving the job's step and progress as it goes.
A run is idempotent: the article and the job's link to it are stored in one transaction, a
job already done or being run by a live worker is left alone, and the uniqueness of an
article's URL and text keeps two runs of one job from making two articles. A job whose
worker went silent for IMPORT_JOB_STALE_SECONDS is queued again (`resume_stale_jobs`): when
its progress page asks, when a worker starts, and when a worker takes another import.
"""

from __future__ import annotations

import logging
from dataclasses import asdict
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from reviews.ingest.importing import (
    ArticleDraft,
    DuplicateArticle,
    ImportRefused,
    create_article,
    draft_from_url,
    find_duplicate,
    revision_message,
)
from reviews.ingest.models import ImportJob
from reviews.models import Article

logger = logging.getLogger(__name__)
Status = ImportJob.Status
UNEXPECTED = (
    "Something went wrong on our side while importing ({name}); nothing was stored. "
    "Try again; if it fails again, tell an administrator."
)


def start_url_import(url: str, *, user) -> ImportJob:
    """Queue a URL import. A page already imported is fetched again too: a changed text
    becomes the article's new revision, the same text is refused as a duplicate."""
    job = ImportJob.objects.create(kind=ImportJob.Kind.URL, url=url.strip(), created_by=user)
    return enqueue(job)


def start_draft_import(draft: ArticleDraft, *, user) -> ImportJob:
    """Queue the proposals for a prepared text too long to handle inside the request."""
    existing = find_duplicate(draft)
    if existing:
        raise DuplicateArticle(existing)
    fields = asdict(draft) | {"published_on": str(draft.published_on or "")}
    job = ImportJob.objects.create(kind=ImportJob.Kind.DRAFT, draft=fields, created_by=user)
    return enqueue(job)


def enqueue(job: ImportJob) -> ImportJob:
    result = run_import_job.enqueue(job.pk)
    job.task_id = str(result.id)
    ImportJob.objects.filter(pk=job.pk).update(task_id=job.task_id)
    return job


def retry(job: ImportJob) -> bool:
    """Queue a failed job again from the start; False if it has not failed (a double click)."""
    with transaction.atomic():
        updated = ImportJob.objects.filter(pk=job.pk, status=Status.FAILED).update(
            status=Status.QUEUED,
            step="Waiting for the worker",
            progress=0,
            error="",
            duplicate_of=None,
            finished_at=None,
            heartbeat_at=timezone.now(),
        )
    if updated:
        enqueue(job)
    return bool(updated)


def resume_stale_jobs(jobs=None) -> list[int]:
    """Queue again every running job whose worker has gone silent (killed or restarted)."""
    cutoff = timezone.now() - timedelta(seconds=settings.IMPORT_JOB_STALE_SECONDS)
    candidates = ImportJob.objects.all() if jobs is None else jobs
    stale = candidates.filter(status=Status.RUNNING, heartbeat_at__lt=cutoff)
    resumed = []
    for pk in stale.values_list("pk", flat=True):
        with transaction.atomic():
            updated = ImportJob.objects.filter(
                pk=pk, status=Status.RUNNING, heartbeat_at__lt=cutoff
            ).update(
                status=Status.QUEUED,
                step="Picked up again: the worker stopped before it finished",
                heartbeat_at=timezone.now(),
            )
        if updated:
            logger.warning("import job %s was left running by a stopped worker; queued again", pk)
            enqueue(ImportJob(pk=pk))
            resumed.append(pk)
    return resumed


@task()
def run_import_job(job_id: int) -> int | None:
    """Run one import job; the article's id, or None if it failed or was not this run's."""
    resume_stale_jobs(ImportJob.objects.exclude(pk=job_id))  # whatever a dead worker left
    job = claim(job_id)
    if job is None:
        return None
    try:
        if job.kind == ImportJob.Kind.URL:
            advance(job, "Fetching the page", 10)
            draft = draft_from_url(job.url)
        else:
            draft = draft_from_fields(job.draft)
        advance(job, "Finding the claims", 40)
        article, _ = create_article(
            draft, user=job.created_by, on_stored=lambda article: finish(job, article, draft)
        )
    except DuplicateArticle as duplicate:
        if ImportJob.objects.filter(pk=job.pk, article__isnull=False).exists():
            return None  # another run of this same job stored it first
        fail(job, str(duplicate), duplicate_of=duplicate.existing)
        return None
    except ImportRefused as refused:
        fail(job, str(refused))
        return None
    except Exception as error:
        fail(job, UNEXPECTED.format(name=type(error).__name__))
        raise  # the task's own result records the traceback for an administrator
    return article.pk


def claim(job_id: int) -> ImportJob | None:
    """Mark the job as running for this run, or None when there is nothing for it to do."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.finished or job.article_id is not None:
            return None
        if job.status == Status.RUNNING and not job.is_stale():
            return None  # a live worker has it (this task was queued twice)
        job.status, job.step, job.progress = Status.RUNNING, "Starting", 5
        job.attempts += 1
        job.heartbeat_at = timezone.now()
        job.save(update_fields=["status", "step", "progress", "attempts", "heartbeat_at"])
    return job


def advance(job: ImportJob, step: str, progress: int) -> None:
    ImportJob.objects.filter(pk=job.pk, status=Status.RUNNING).update(
        step=step, progress=progress, heartbeat_at=timezone.now()
    )


def finish(job: ImportJob, article: Article, draft: ArticleDraft) -> None:
    """Link the article to its job; runs inside the transaction that stores the article."""
    now = timezone.now()
    ImportJob.objects.filter(pk=job.pk).update(
        status=Status.DONE,
        step="Imported",
        progress=100,
        article=article,
        message=imported_message(article, draft.note),
        error="",
        finished_at=now,
        heartbeat_at=now,
    )


def fail(job: ImportJob, error: str, duplicate_of: Article | None = None) -> None:
    now = timezone.now()
    ImportJob.objects.filter(pk=job.pk, article__isnull=True).update(
        status=Status.FAILED,
        step="Failed",
        error=error,
        duplicate_of=duplicate_of,
        finished_at=now,
        heartbeat_at=now,
    )


def draft_from_fields(fields: dict) -> ArticleDraft:
    published = fields.get("published_on") or ""
    return ArticleDraft(
        **(fields | {"published_on": date.fromisoformat(published) if published else None})
    )


def imported_message(article: Article, note: str = "") -> str:
    """What the editor reads when the imported article opens."""
    if getattr(article, "new_revision", None) is not None:
        return revision_message(article.new_revision)
    message = f"Imported; {article.claims.count()} claims proposed."
    if note:
        message += f" {note}"
    words = len({fix["original"] for fix in article.repairs})
    if words:
        message += (
            f" {words} word{'s' if words != 1 else ''} may have been glued"
            " together by the scraper: review the fixes when you like."
        )
    return message
