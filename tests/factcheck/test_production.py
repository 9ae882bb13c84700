"""Production settings: deploy checks, CSP, HTTPS redirect exemption, sessions, JSON logs.

The settings are read at import time, so the ones that depend on environment variables are
checked in a subprocess running manage.py with a production environment.
"""

import json
import os
import re
import secrets
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]


def production_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    env.update(
        DJANGO_SETTINGS_MODULE="factcheck.settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="factcheck.example.org",
        CSRF_TRUSTED_ORIGINS="https://factcheck.example.org",
        TRUST_X_FORWARDED_PROTO="1",
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_variables():
    result = manage(production_env(), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


MAILER = (
    "from django.core.mail import mailers; m = mailers.default; "
    "print(type(m).__module__, getattr(m, 'host', ''), getattr(m, 'port', ''), "
    "getattr(m, 'use_tls', ''), getattr(m, 'username', ''), getattr(m, 'timeout', ''))"
)


def test_production_mail_goes_through_the_smtp_server_in_the_environment():
    env = production_env(
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="587",
        EMAIL_USE_TLS="1",
        EMAIL_HOST_USER="desk",
        EMAIL_HOST_PASSWORD="secret",
    )
    result = manage(env, "shell", "-c", MAILER)
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip().splitlines()[-1]
    assert line == "django.core.mail.backends.smtp smtp.example.org 587 True desk 10"
    deploy = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr


def test_debug_prints_mail_on_the_console():
    result = manage(production_env(DEBUG="1", LOG_FORMAT="text"), "shell", "-c", MAILER)
    assert result.stdout.strip().splitlines()[-1].startswith("django.core.mail.backends.console")


def test_check_deploy_fails_with_the_development_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "security.W009" in result.stderr


def test_logs_are_json_lines_on_stdout():
    code = "import logging; logging.getLogger('reviews').warning('saved claim %s', 7)"
    result = manage(production_env(LOG_FORMAT="json"), "shell", "-c", code)
    assert result.returncode == 0, result.stderr
    entry = json.loads(result.stdout.strip().splitlines()[-1])
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "reviews"
    assert entry["message"] == "saved claim 7"
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", entry["time"])


def test_logged_exceptions_keep_their_traceback_in_the_json_line():
    code = (
        "import logging\n"
        "try:\n    1 / 0\n"
        "except ZeroDivisionError:\n    logging.getLogger('reviews').exception('boom')"
    )
    result = manage(production_env(LOG_FORMAT="json"), "shell", "-c", code)
    entry = json.loads(result.stdout.strip().splitlines()[-1])
    assert entry["message"] == "boom"
    assert "ZeroDivisionError" in entry["exception"]


def test_pages_send_a_content_security_policy_without_inline_code(editor_client, claim):
    for url in ("/accounts/login/", f"/articles/{claim.article_id}/"):
        client = Client() if "login" in url else editor_client
        response = client.get(url)
        policy = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "script-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy
        html = response.content.decode()
        # Under this policy inline scripts and <style> blocks would be refused by the browser.
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert "<style" not in html, url


def test_htmx_is_told_not_to_inject_its_indicator_style(editor_client, claim):
    html = editor_client.get(f"/articles/{claim.article_id}/").content.decode()
    config = re.search(r"<meta name=\"htmx-config\" content='([^']+)'>", html).group(1)
    assert json.loads(config)["includeIndicatorStyles"] is False


def test_healthz_is_exempt_from_the_https_redirect(db, settings):
    settings.SECURE_SSL_REDIRECT = True
    client = Client()
    assert client.get("/healthz").status_code == 200
    login = client.get("/accounts/login/")
    assert login.status_code == 301
    assert login.headers["Location"].startswith("https://")


def test_sessions_are_database_rows_any_app_server_can_read(editor):
    first = Client()
    response = first.post(
        "/accounts/login/", {"username": editor.username, "password": "pw-for-tests"}
    )
    assert response.status_code == 302
    key = first.cookies["sessionid"].value
    assert Session.objects.filter(session_key=key).exists()
    # Another client holding only the cookie, as a second server would see it.
    second = Client()
    second.cookies["sessionid"] = key
    assert second.get("/").status_code == 200


def test_healthcheck_script_passes_against_a_live_server(live_server):
    port = live_server.url.rsplit(":", 1)[1]
    env = {**os.environ, "BIND": f"127.0.0.1:{port}", "ALLOWED_HOSTS": "localhost"}
    result = subprocess.run(
        [sys.executable, "scripts/healthcheck.py"], cwd=ROOT, env=env, timeout=30
    )
    assert result.returncode == 0


def test_healthcheck_script_fails_when_nothing_answers():
    with socket.socket() as sock:  # a port that was free a moment ago
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "BIND": f"127.0.0.1:{port}"}
    result = subprocess.run(
        [sys.executable, "scripts/healthcheck.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
    assert "unhealthy" in result.stderr


@pytest.mark.parametrize("path", ["docker-compose.yml", "Dockerfile"])
def test_container_runs_the_same_start_command_as_prodlike(path):
    text = (ROOT / path).read_text()
    assert "scripts/healthcheck.py" in text
    if path == "Dockerfile":
        assert 'CMD ["sh", "scripts/start.sh"]' in text
        assert re.search(r"^USER \d+", text, re.MULTILINE)  # not root


def test_start_refuses_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    result = subprocess.run(
        ["sh", "scripts/start.sh"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "SECRET_KEY is not set: refusing to start" in result.stderr


def test_the_worker_service_runs_the_same_command_as_prodlike():
    compose = (ROOT / "docker-compose.yml").read_text()
    worker = compose[compose.index("\n  worker:") : compose.index("\n  # A dump")]
    assert 'command: ["sh", "scripts/worker.sh"]' in worker
    assert "image: factcheck-web" in worker  # the web service's image
    assert '"scripts/worker.sh"' in (ROOT / "scripts" / "prodenv.py").read_text()
    assert "manage.py db_worker --no-reload" in (ROOT / "scripts" / "worker.sh").read_text()
