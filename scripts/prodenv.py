"""Run the app the way the container does, natively: helpers for prodlike and bench/.

- `production_env()`: the environment of a production app server (DEBUG off, HTTPS-only
  cookies, SSL redirect behind a proxy header, JSON logs, persistent connections).
- `Server`: scripts/start.sh (migrate, then gunicorn with factcheck/gunicorn.conf.py) on a
  loopback port, stopped by its own process group.
- `Worker`: scripts/worker.sh (the task worker: queued imports), stopped the same way.
- `WebClient`: a tiny HTTP client that acts like a browser behind the TLS proxy: it sends
  X-Forwarded-Proto: https and keeps cookies itself (the cookies are Secure, so a standard
  cookie jar would not send them over plain HTTP to 127.0.0.1).
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import signal
import subprocess
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
DEMO_PASSWORD = "factcheck-demo"


def production_env(database_url: str, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="factcheck.settings",
        DATABASE_URL=database_url,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        CSRF_TRUSTED_ORIGINS="https://127.0.0.1,https://localhost",
        TRUST_X_FORWARDED_PROTO="1",
        CONN_MAX_AGE="60",
        LOG_FORMAT="json",
        PYTHON=PYTHON,
    )
    env.update(extra)
    return env


def recreate_database(database_url: str) -> None:
    """Drop and create the database named in the URL (only ever one of ours)."""
    parts = urllib.parse.urlsplit(database_url)
    name = parts.path.lstrip("/")
    ours = ("factcheck_prod_", os.environ.get("BENCH_DB_PREFIX") or "factcheck_prod_")
    assert name.startswith(ours), f"refusing to recreate {name!r}"
    admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def prepare_database(env: dict[str, str]) -> None:
    """Fresh schema, demo users and articles, collected static files."""
    recreate_database(env["DATABASE_URL"])
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput")


@dataclass
class Server:
    """One app server: the container's start command on 127.0.0.1:port."""

    port: int
    env: dict[str, str]
    workers: int = 2
    log_path: Path | None = None
    process: subprocess.Popen | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Server:
        env = self.env | {"BIND": f"127.0.0.1:{self.port}", "WEB_CONCURRENCY": str(self.workers)}
        log = open(self.log_path, "w") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            ["sh", "scripts/start.sh"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stop() ends gunicorn and workers
        )
        return self

    def wait_healthy(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process and self.process.poll() is not None:
                raise RuntimeError(f"server on port {self.port} exited; see {self.log_path}")
            try:
                if WebClient(self.url).get("/healthz").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise TimeoutError(f"server on port {self.port} not healthy after {timeout} s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


@dataclass
class Worker:
    """The task worker: the container's worker command (scripts/worker.sh)."""

    env: dict[str, str]
    log_path: Path | None = None
    process: subprocess.Popen | None = field(default=None, repr=False)

    def start(self) -> Worker:
        log = open(self.log_path, "w") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            ["sh", "scripts/worker.sh"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if self.running():
            os.killpg(self.process.pid, signal.SIGTERM)  # the task in hand finishes first
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class WebClient:
    """HTTP/1.1 keep-alive client with its own cookie dict; redirects are not followed."""

    def __init__(self, base_url: str, cookies: dict[str, str] | None = None):
        parts = urllib.parse.urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.cookies = cookies if cookies is not None else {}
        self.conn: http.client.HTTPConnection | None = None

    def request(
        self, method: str, path: str, data: dict | None = None, headers: dict | None = None
    ) -> Response:
        head = {"Host": self.host, "X-Forwarded-Proto": "https", **(headers or {})}
        if self.cookies:
            head["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            head["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):  # a kept-alive connection may have been closed by the server
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            try:
                self.conn.request(method, path, body=body, headers=head)
                raw = self.conn.getresponse()
                payload = raw.read()
                break
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
        for header in raw.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return Response(raw.status, {k.lower(): v for k, v in raw.headers.items()}, payload)

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: dict, **kwargs) -> Response:
        # Over HTTPS Django's CSRF check also wants the request's origin, as browsers send it.
        headers = {
            "X-CSRFToken": self.cookies.get("csrftoken", ""),
            "Origin": f"https://{self.host}",
            **kwargs.pop("headers", {}),
        }
        return self.request("POST", path, data=data, headers=headers, **kwargs)

    def login(self, username: str, password: str = DEMO_PASSWORD) -> None:
        page = self.get("/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        response = self.request(
            "POST",
            "/accounts/login/",
            data={"username": username, "password": password, "csrfmiddlewaretoken": token},
            headers={"Origin": f"https://{self.host}"},
        )
        if response.status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"login as {username} failed: {response.status}")

    def close(self) -> None:
        if self.conn:
            self.conn.close()


CLAIM_CARD = re.compile(
    r'<article id="claim-(\d+)" class="claim-card verdict-(\w+)[^"]*"[^>]*data-version="(\d+)"'
)


def claims_on_page(html: str) -> dict[int, tuple[str, int]]:
    """Claim pk -> (verdict, version), as the review page shows them."""
    return {int(pk): (verdict, int(version)) for pk, verdict, version in CLAIM_CARD.findall(html)}
