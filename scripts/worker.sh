#!/bin/sh
# The worker process: runs the queued tasks (URL imports, long pastes) from the database.
# The container's worker service and `make prodlike` both run this. Migrations are the web
# process's job (scripts/start.sh); imports left running by a stopped worker are queued
# again first, then the django-tasks-db worker loop takes tasks until SIGTERM (it finishes
# the task in hand first).
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python}"
"$PYTHON" manage.py resume_imports
exec "$PYTHON" manage.py db_worker --no-reload --queue-name default --interval "${WORKER_POLL_SECONDS:-1}"
