#!/bin/sh
# The web process: apply migrations (one server at a time), then serve with gunicorn.
# The container's CMD and `make prodlike` both run this, so they cannot drift apart.
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python}"
"$PYTHON" -m scripts.migrate
exec "$PYTHON" -m gunicorn --config factcheck/gunicorn.conf.py factcheck.wsgi:application
