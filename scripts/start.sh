#!/bin/sh
# The web process: apply migrations (one server at a time), then serve with gunicorn.
# The container's CMD and `make prodlike` both run this, so they cannot drift apart.
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python}"
# Production never runs on the development fallback key: refuse to start without one.
if [ -z "${SECRET_KEY:-}" ]; then
  echo "SECRET_KEY is not set: refusing to start (set it in the environment)." >&2
  exit 1
fi
# Deployment checks: problems go to stderr and errors stop the start; the all-clear line
# is dropped so the log stays JSON lines.
"$PYTHON" manage.py check --deploy > /dev/null
"$PYTHON" -m scripts.migrate
exec "$PYTHON" -m gunicorn --config factcheck/gunicorn.conf.py factcheck.wsgi:application
