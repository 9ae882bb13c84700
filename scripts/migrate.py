"""`manage.py migrate` under a PostgreSQL advisory lock.

With several app servers starting at once (compose --scale web=N), only one migrates at a
time; the others wait, then find nothing left to do.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

import django

django.setup()

import logging  # noqa: E402  (after django.setup)

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.migrations.recorder import MigrationRecorder  # noqa: E402

log = logging.getLogger("factcheck.migrate")

MIGRATE_LOCK = 7_240_001  # any constant shared by every app server


def migrate() -> None:
    # Quiet command output; one log line (JSON in production) says what was done.
    before = MigrationRecorder(connection).applied_migrations().keys()
    call_command("migrate", interactive=False, verbosity=0)
    applied = MigrationRecorder(connection).applied_migrations().keys() - before
    log.info("migrations applied: %d", len(applied))


def main() -> None:
    if connection.vendor != "postgresql":
        migrate()
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATE_LOCK])
        try:
            migrate()
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATE_LOCK])


if __name__ == "__main__":
    main()
