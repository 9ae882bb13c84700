"""URL import has one wall-clock budget (IMPORT_TIMEOUT_SECONDS) for the whole fetch.

Servers that answer each read in time but never finish (a byte at a time, or redirect after
redirect) used to hold the worker for as long as they liked; now the editor gets the import
form back with a message and their address, and no article is made.
"""

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from reviews.models import Article
from tests.helpers import import_url
from tests.pages import seed_as_html

STORY = (
    "Harbour town opens new bridge\n\n"
    "The mayor said the bridge cost 12 million euros, twice the first estimate.\n\n"
    "According to the ministry, 3,000 cars cross it every day."
)
DRIP = 0.2  # seconds between bytes: far inside any per-read timeout
GIVE_UP = 30  # the slow servers stop after this, so a broken fetcher fails instead of hanging


class SlowHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def do_GET(self):  # noqa: N802 - the stdlib's name
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            if self.path == "/trickle":  # headers at once, then the page a byte at a time
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.drip(b"<html><body><p>" + b"The mayor said 40 cars. " * 1000)
            elif self.path == "/trickle-headers":  # even the headers a byte at a time
                self.drip(b"HTTP/1.0 200 OK\r\nX-Slow: " + b"a" * 10_000)
            elif self.path.startswith("/hop/"):  # each answer late, but within a read timeout
                hop = int(self.path.rsplit("/", 1)[1])
                time.sleep(0.4)
                if hop < 5:
                    self.send_response(302)
                    self.send_header("Location", f"/hop/{hop + 1}")
                    self.end_headers()
                else:
                    body = seed_as_html(STORY).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)

    def drip(self, data: bytes):
        self.wfile.flush()
        stop = time.monotonic() + GIVE_UP
        for byte in data:
            if time.monotonic() > stop:
                return
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(DRIP)

    def log_message(self, *args):
        pass


@pytest.fixture
def slow_site(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), SlowHandler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    settings.IMPORT_ALLOWED_HOSTS = [f"127.0.0.1:{port}"]
    settings.IMPORT_TIMEOUT_SECONDS = 1
    yield f"http://127.0.0.1:{port}"
    server.shutdown()
    server.server_close()


def fetch(client, url):
    started = time.monotonic()
    response = import_url(client, url)  # the request, the worker, then the progress page
    return response, time.monotonic() - started


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/trickle", "The site did not send the whole page within 1 second."),
        ("/trickle-headers", "The site did not answer within 1 second."),
        ("/hop/0", "The site did not answer within 1 second."),
    ],
)
def test_a_site_slower_than_the_budget_gets_a_message_and_no_article(
    editor_client, slow_site, path, message
):
    url = slow_site + path
    response, elapsed = fetch(editor_client, url)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html and ">Retry</button>" in html
    assert url in html  # the page says which address failed
    assert Article.objects.count() == 0
    assert elapsed < 10  # it ends; the servers would go on for 30 s


def test_the_redirect_chain_imports_when_the_budget_allows(editor_client, slow_site, settings):
    settings.IMPORT_TIMEOUT_SECONDS = 20
    response, _ = fetch(editor_client, slow_site + "/hop/3")
    assert response.status_code == 302
    assert Article.objects.get().url == slow_site + "/hop/5"
