"""Imports in the worker: the progress page, failure and retry, a stopped worker's job picked up
again, and no article twice. The worker is django-tasks-db's own loop (tests.helpers.run_worker)
on the default database; the PostgreSQL tests run `manage.py db_worker` as a real process."""

import io
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from reviews.ingest import jobs
from reviews.ingest.models import ImportJob
from reviews.models import Article
from tests.helpers import HTMX, run_worker
from tests.pages import allowed_site, seed_as_html

IMPORT = reverse("ingest:article_import")
STORY = (
    "Harbour town opens new bridge\n\n"
    "The mayor said the bridge cost 12 million euros, twice the first estimate.\n\n"
    "According to the ministry, 3,000 cars cross it every day."
)
needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="a worker in its own process needs a database two processes share (PostgreSQL)",
)


@pytest.fixture
def pages(settings):
    with allowed_site(settings) as pages:
        yield pages


def import_tasks():
    """The import jobs' task results (claims made by an import also queue embedding tasks)."""
    return DBTaskResult.objects.filter(task_path="reviews.ingest.jobs.run_import_job")


def ask(client, url):
    response = client.post(IMPORT, {"method": "url", "url-url": url})
    assert response.status_code == 302
    return response["Location"]


def test_a_url_import_answers_at_once_with_a_progress_page_that_survives_a_reload(
    editor_client, pages
):
    pages.add("/story", seed_as_html(STORY))
    progress = ask(editor_client, pages.base + "/story")
    job = ImportJob.objects.get()
    assert progress == reverse("ingest:import_job", args=[job.pk])
    assert Article.objects.count() == 0  # nothing fetched inside the request
    for _ in range(2):  # the page, then a reload
        html = editor_client.get(progress).content.decode()
        assert "Waiting for the worker" in html and '<progress max="100" value="0"' in html
        assert f'hx-get="{progress}" hx-trigger="every 1s"' in html
    partial = editor_client.get(progress, **HTMX).content.decode()
    assert partial.strip().startswith('<section id="job-progress"') and "<html" not in partial


def test_the_progress_page_sends_the_editor_to_the_article_when_the_worker_is_done(
    editor_client, pages
):
    pages.add("/story", seed_as_html(STORY))
    progress = ask(editor_client, pages.base + "/story")
    run_worker()
    article = Article.objects.get()
    assert article.claims.exists() and article.url == pages.base + "/story"
    for _ in range(2):  # a second poll before the page has moved on
        polled = editor_client.get(progress, **HTMX)
        assert polled["HX-Redirect"] == article.get_absolute_url()
    page = editor_client.get(article.get_absolute_url()).content.decode()
    assert page.count(f"Imported; {article.claims.count()} claims proposed.") == 1
    reloaded = editor_client.get(progress)  # a reload later still finds the article
    assert reloaded.status_code == 302 and reloaded["Location"] == article.get_absolute_url()
    job = ImportJob.objects.get()
    assert (job.status, job.progress, job.article, job.attempts) == ("done", 100, article, 1)
    assert import_tasks().get().status == "SUCCESSFUL"


def test_a_failed_import_says_why_and_retry_runs_it_again(editor_client, pages):
    progress = ask(editor_client, pages.base + "/later")
    run_worker()
    html = editor_client.get(progress).content.decode()
    assert "The import failed." in html and "The site answered 404" in html
    progress_tag = html[html.index('<section id="job-progress"') :].split(">", 1)[0]
    assert ">Retry</button>" in html and "hx-trigger" not in progress_tag  # no more polling
    assert Article.objects.count() == 0
    pages.add("/later", seed_as_html(STORY))  # the site is back
    retry = reverse("ingest:import_job_retry", args=[ImportJob.objects.get().pk])
    assert editor_client.post(retry)["Location"] == progress
    assert "Waiting for the worker" in editor_client.get(progress).content.decode()
    editor_client.post(retry)  # a second click while queued changes nothing
    run_worker()
    assert editor_client.get(progress)["Location"] == Article.objects.get().get_absolute_url()
    assert ImportJob.objects.get().attempts == 2


def test_readers_see_no_retry_button(editor_client, reader_client, pages):
    progress = ask(editor_client, pages.base + "/missing")
    run_worker()
    html = reader_client.get(progress).content.decode()
    assert "The site answered 404" in html and ">Retry</button>" not in html


def test_an_unexpected_error_is_said_in_plain_words_and_kept_for_administrators(
    editor_client, pages
):
    pages.add("/story", seed_as_html(STORY))
    progress = ask(editor_client, pages.base + "/story")
    with mock.patch("reviews.ingest.jobs.create_article", side_effect=ValueError("boom")):
        run_worker()
    html = editor_client.get(progress).content.decode()
    assert "Something went wrong on our side while importing (ValueError)" in html
    assert "boom" not in html and ">Retry</button>" in html
    assert import_tasks().get().exception_class_path == "builtins.ValueError"


def test_a_job_left_running_by_a_killed_worker_is_picked_up_again_without_a_second_article(
    editor_client, pages, settings
):
    pages.add("/story", seed_as_html(STORY))
    progress = ask(editor_client, pages.base + "/story")
    # The worker dies while storing the article: its transaction never commits, the job
    # stays "running" (SystemExit is what a SIGTERM'd worker raises; nothing catches it).
    with (
        mock.patch("reviews.ingest.importing.store_proposals", side_effect=SystemExit),
        pytest.raises(SystemExit),
    ):
        jobs.run_import_job.call(ImportJob.objects.get().pk)
    assert Article.objects.count() == 0
    assert "Finding the claims" in editor_client.get(progress).content.decode()  # not stale yet
    assert ImportJob.objects.get().status == "running"
    run_worker()  # a duplicate delivery of the task while the job looks alive does nothing
    assert Article.objects.count() == 0
    ImportJob.objects.update(heartbeat_at=timezone.now() - timedelta(seconds=121))
    html = editor_client.get(progress).content.decode()
    assert "Picked up again: the worker stopped before it finished" in html
    run_worker()
    article = Article.objects.get()
    assert editor_client.get(progress)["Location"] == article.get_absolute_url()
    job = ImportJob.objects.get()
    assert (job.status, job.attempts, job.article) == ("done", 2, article)


def test_a_task_delivered_twice_makes_one_article(editor_client, pages):
    pages.add("/story", seed_as_html(STORY))
    ask(editor_client, pages.base + "/story")
    job = ImportJob.objects.get()
    jobs.enqueue(job)  # the same job queued again (a resume racing a slow worker)
    run_worker()
    assert Article.objects.count() == 1
    assert import_tasks().filter(status="SUCCESSFUL").count() == 2
    assert ImportJob.objects.get().attempts == 1


def test_the_next_import_picks_up_a_job_a_dead_worker_left(editor_client, pages, settings):
    pages.add("/left", seed_as_html(STORY))
    pages.add("/next", seed_as_html(STORY.replace("12 million", "13 million")))
    ask(editor_client, pages.base + "/left")
    left = ImportJob.objects.get()
    jobs.claim(left.pk)  # a worker took it, then died (its task row stays "running")
    import_tasks().update(status="RUNNING")
    old = timezone.now() - timedelta(seconds=settings.IMPORT_JOB_STALE_SECONDS + 1)
    ImportJob.objects.update(heartbeat_at=old)
    ask(editor_client, pages.base + "/next")  # nobody watches the first one's page
    run_worker()
    assert sorted(Article.objects.values_list("url", flat=True)) == [
        pages.base + "/left",
        pages.base + "/next",
    ]
    left.refresh_from_db()
    assert (left.status, left.attempts) == ("done", 2)


def test_resume_leaves_live_and_finished_jobs_alone(db, settings):
    old = timezone.now() - timedelta(seconds=settings.IMPORT_JOB_STALE_SECONDS + 1)
    live = ImportJob.objects.create(kind="url", url="https://a.example/", status="running")
    done = ImportJob.objects.create(kind="url", url="https://b.example/", status="done")
    gone = ImportJob.objects.create(kind="url", url="https://c.example/", status="running")
    ImportJob.objects.filter(pk__in=[done.pk, gone.pk]).update(heartbeat_at=old)
    assert jobs.resume_stale_jobs() == [gone.pk]
    assert [ImportJob.objects.get(pk=j.pk).status for j in (live, done, gone)] == [
        "running",
        "done",
        "queued",
    ]


def test_the_worker_start_queues_again_what_a_stopped_worker_left(db, settings):
    old = timezone.now() - timedelta(seconds=settings.IMPORT_JOB_STALE_SECONDS + 1)
    gone = ImportJob.objects.create(kind="url", url="https://c.example/", status="running")
    ImportJob.objects.filter(pk=gone.pk).update(heartbeat_at=old)
    out = io.StringIO()
    call_command("resume_imports", stdout=out)  # scripts/worker.sh runs it first
    assert out.getvalue().strip() == "1 stopped import(s) queued again."
    assert ImportJob.objects.get().status == "queued"
    assert import_tasks().get().status == "READY"


def test_a_long_paste_goes_to_the_worker_and_a_short_one_opens_at_once(editor_client, settings):
    settings.IMPORT_IN_WORKER_ABOVE_CHARS = 100
    assert "texts of more than 100 characters, are imported in the background" in (
        editor_client.get(IMPORT).content.decode()
    )
    text = STORY.rsplit("\n\n", 1)[0]  # a body of 74 characters
    short = editor_client.post(IMPORT, {"method": "paste", "paste-text": text})
    assert short["Location"] == Article.objects.get().get_absolute_url()
    Article.objects.all().delete()
    response = editor_client.post(IMPORT, {"method": "paste", "paste-text": STORY})
    job = ImportJob.objects.get()
    assert response["Location"] == job.get_absolute_url() and Article.objects.count() == 0
    assert (
        "“Harbour town opens new bridge”"
        in editor_client.get(job.get_absolute_url()).content.decode()
    )
    run_worker()
    article = Article.objects.get()
    assert (article.title, article.origin) == ("Harbour town opens new bridge", "paste")
    assert article.claims.exists()


def test_the_same_long_paste_twice_is_refused_at_once(editor_client, settings):
    settings.IMPORT_IN_WORKER_ABOVE_CHARS = 100
    editor_client.post(IMPORT, {"method": "paste", "paste-text": STORY})
    run_worker()
    again = editor_client.post(IMPORT, {"method": "paste", "paste-text": STORY})
    assert again.status_code == 422 and "This article is already here" in again.content.decode()
    assert ImportJob.objects.count() == 1


ROOT = Path(__file__).resolve().parents[2]


def worker_env(**extra: str) -> dict[str, str]:
    """A worker process's environment: the production settings, on the test database."""
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return (
        os.environ | {"DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "factcheck.settings"} | extra
    )


def start_worker(env: dict[str, str], *options: str) -> subprocess.Popen:
    command = [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"]
    return subprocess.Popen(
        [*command, *options],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def worker_processes(count: int, **env_extra: str) -> list[subprocess.CompletedProcess]:
    """`count` processes of `manage.py db_worker --batch` at once, on the test database."""
    env = worker_env(**env_extra)
    running = [start_worker(env, "--batch", f"--worker-id=test-{n}") for n in range(count)]
    finished = []
    for process in running:
        out, err = process.communicate(timeout=120)
        finished.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return finished


@pytest.mark.postgres
@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_postgres_worker_processes_import_a_url_through_the_progress_page(
    editor_client, pages, settings
):
    pages.add("/story", seed_as_html(STORY))
    progress = ask(editor_client, pages.base + "/story")
    jobs.enqueue(ImportJob.objects.get())  # delivered twice, to two workers: one article
    allowed = ",".join(settings.IMPORT_ALLOWED_HOSTS)
    for finished in worker_processes(2, IMPORT_ALLOWED_HOSTS=allowed):
        assert finished.returncode == 0, finished.stderr
    article = Article.objects.get()
    assert article.claims.exists()
    assert editor_client.get(progress, **HTMX)["HX-Redirect"] == article.get_absolute_url()
    assert import_tasks().filter(status="SUCCESSFUL").count() == 2
    assert ImportJob.objects.get().attempts == 1


def test_administrators_see_the_jobs_read_only(admin_client, db):
    job = ImportJob.objects.create(kind="url", url="https://a.example/x", status="failed")
    listing = admin_client.get(reverse("admin:ingest_importjob_changelist"))
    assert listing.status_code == 200 and "Failed" in listing.content.decode()
    detail = admin_client.get(reverse("admin:ingest_importjob_change", args=[job.pk]))
    assert detail.status_code == 200 and "https://a.example/x" in detail.content.decode()
    assert 'name="_save"' not in detail.content.decode()


@pytest.mark.postgres
@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_postgres_a_worker_killed_mid_import_is_replaced_and_the_job_finishes_once(
    editor_client, pages, settings
):
    pages.add("/slow", seed_as_html(STORY), delay=3.0)  # the worker is inside the fetch
    progress = ask(editor_client, pages.base + "/slow")
    env = worker_env(IMPORT_ALLOWED_HOSTS=",".join(settings.IMPORT_ALLOWED_HOSTS))
    worker = start_worker(env, "--interval=0.1")
    deadline = time.monotonic() + 60
    while ImportJob.objects.get().step != "Fetching the page" and time.monotonic() < deadline:
        time.sleep(0.05)
    worker.send_signal(signal.SIGKILL)  # no chance to finish or to record anything
    worker.communicate(timeout=30)
    job = ImportJob.objects.get()
    assert (job.status, job.attempts, Article.objects.count()) == ("running", 1, 0)
    ImportJob.objects.update(heartbeat_at=timezone.now() - timedelta(seconds=121))
    # The replacement worker's start (scripts/worker.sh): resume_imports, then db_worker.
    resumed = subprocess.run(
        [sys.executable, "manage.py", "resume_imports"], cwd=ROOT, env=env, capture_output=True
    )
    assert b"1 stopped import(s) queued again." in resumed.stdout
    [finished] = worker_processes(1, IMPORT_ALLOWED_HOSTS=env["IMPORT_ALLOWED_HOSTS"])
    assert finished.returncode == 0, finished.stderr
    article = Article.objects.get()
    assert editor_client.get(progress)["Location"] == article.get_absolute_url()
    assert ImportJob.objects.get().attempts == 2
