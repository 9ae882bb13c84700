# The factcheck web app: gunicorn + whitenoise, migrations applied on start.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    BIND=0.0.0.0:8000
WORKDIR /app

# Dependencies first, exactly as locked (versions and hashes: `make lock` writes the file from
# pyproject.toml), so code changes reuse this layer.
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes -r requirements.lock

COPY . .
# The project itself as an installed package (editable, so templates/ and static/ stay put):
# scripts and commands import it like any other package, with no path tricks. Nothing is
# resolved or downloaded here: the build backend (setuptools) is in the lock too.
RUN pip install --no-cache-dir --no-deps --no-build-isolation -e .
# Hashed, compressed static files for whitenoise; the key is only needed to load settings.
RUN DEBUG=0 SECRET_KEY=collectstatic-only-not-used-at-runtime python manage.py collectstatic --noinput \
    && groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --no-create-home app
USER 10001:10001

EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "scripts/healthcheck.py"]
CMD ["sh", "scripts/start.sh"]
