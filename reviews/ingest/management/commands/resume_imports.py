from django.core.management.base import BaseCommand

from reviews.ingest.jobs import resume_stale_jobs


class Command(BaseCommand):
    help = (
        "Queue again every import left running by a worker that stopped (silent for "
        "IMPORT_JOB_STALE_SECONDS). The worker's start script runs it; so may cron."
    )

    def handle(self, *args, **options) -> None:
        resumed = resume_stale_jobs()
        self.stdout.write(f"{len(resumed)} stopped import(s) queued again.")
