"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live_server.

Playwright's own browser download does not work here, so the tests use /usr/bin/chromium
and are skipped, with the reason, only when it is not installed.
"""

import contextlib
import io
import os
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from reviews.models import Article
from tests.helpers import logged_in

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}: apt-get install -y chromium")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread; the ORM calls the
    # tests make are still plain synchronous code. Only while the browser runs, and not
    # inherited by the subprocesses other tests start.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


# One request at a time on SQLite's in-memory test database: the live server answers each
# request in its own thread, and all of them share the one connection an in-memory database
# has, which is not safe to use from two threads at once (Django's docs say so; CI saw
# "sqlite3.InterfaceError: bad parameter or other API misuse" when a card load, the bell and
# the live poll arrived together, answered 401/503, and the page opened its sign-in dialog).
# PostgreSQL gives each thread its own connection and keeps answering them in parallel.
# The test's own thread shares that connection too: its queries take the same (reentrant)
# lock, and a write of several statements made while the page is live goes inside
# server_paused() (a colleague's change written mid-test met the page's desk-memory request
# and the request failed "database table is locked").
REQUEST_LOCK = threading.RLock()


def one_request_at_a_time(app):
    def serialised(environ, start_response):
        with REQUEST_LOCK:
            return app(environ, start_response)

    serialised.serialised = True
    return serialised


def one_query_at_a_time(execute, sql, params, many, context):
    with REQUEST_LOCK:
        return execute(sql, params, many, context)


@contextlib.contextmanager
def server_paused():
    """Hold the live server's requests while the test writes (on SQLite's in-memory test
    database; on PostgreSQL they wait for nothing but this lock, which they do not take)."""
    with REQUEST_LOCK:
        yield


@pytest.fixture
def new_page(browser, live_server, transactional_db):
    """Open a page logged in as the given user (session cookie made by Django's test client).

    Depends on transactional_db so that the pages are closed, and their requests answered,
    before the test database is flushed, whatever order a test names its fixtures in.
    """
    contexts = []
    server = live_server.thread.httpd
    in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
    if in_memory:
        if not getattr(server.get_app(), "serialised", False):
            server.set_app(one_request_at_a_time(server.get_app()))
        connection.execute_wrappers.append(one_query_at_a_time)

    def open_page(user=None, viewport=(1400, 1000)):
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": viewport[0], "height": viewport[1]}
        )
        context.set_default_timeout(5000)
        # A whole page load on a shared, busy test machine can take longer than a swap.
        context.set_default_navigation_timeout(15000)
        contexts.append(context)
        if user is not None:
            client = logged_in(user)  # staff have passed their second factor
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
            context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
            )
        page = context.new_page()
        page.on("pageerror", lambda error: pytest.fail(f"JavaScript error: {error}"))
        return page

    yield open_page
    for context in contexts:
        for page in context.pages:
            finish_requests(page)
        context.close()
    wait_for_the_server(live_server)
    if in_memory:
        connection.execute_wrappers.remove(one_query_at_a_time)


# htmx requests that start after this are cancelled (the poll, mostly).
STOP_REQUESTS = (
    "() => document.addEventListener('htmx:beforeRequest', e => e.preventDefault(), true)"
)


def finish_requests(page) -> None:
    """Stop the page's polling and let the requests it has under way finish."""
    from playwright.sync_api import Error

    with contextlib.suppress(Error):  # a page that crashed or is loading: closing it will do
        page.evaluate(STOP_REQUESTS)
        page.wait_for_function("() => !document.querySelector('.htmx-request')")


def wait_for_the_server(live_server, timeout: float = 10.0) -> None:
    """Let the live server finish every request it is handling before the test's teardown
    empties the database under it ("database table is locked" on SQLite, a half-answered
    poll on PostgreSQL). A request the browser gave up on still runs to its end."""
    server = live_server.thread.httpd
    deadline = time.monotonic() + timeout
    for thread in threading.enumerate():
        # socketserver runs each connection in a thread whose target is the server's method.
        if getattr(getattr(thread, "_target", None), "__self__", None) is server:
            thread.join(max(0.0, deadline - time.monotonic()))


@pytest.fixture
def screenshot():
    def take(page, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=False)
        return path

    return take


@pytest.fixture
def axe_check():
    """Run axe-core in the page and fail on serious or critical violations."""
    if not AXE_JS.exists():
        pytest.skip(f"axe-core not installed at {AXE_JS}: run `npm install` (make test does)")
    source = AXE_JS.read_text(encoding="utf-8")

    def check(page) -> list:
        # Evaluated through the DevTools protocol: the page's CSP forbids inline scripts.
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(source)
        result = page.evaluate("async () => await axe.run(document)")
        bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
        report = "\n".join(
            f"{v['impact']}: {v['id']}: {v['help']} ({len(v['nodes'])} nodes, e.g. "
            f"{v['nodes'][0]['target']})"
            for v in bad
        )
        assert not bad, f"axe found serious/critical violations on {page.url}:\n{report}"
        return result["violations"]

    return check


@pytest.fixture
def seed_article(transactional_db):
    """The seed article when ../shared is beside the repo, else a fictional demo article."""
    call_command("load_demo", stdout=io.StringIO())
    article = Article.objects.filter(title__startswith="Anti-Putin").first()
    return article or Article.objects.get(title__startswith="Eastbrook")
