"""A local HTTP server for URL-import tests: real sockets, real redirects, real timeouts."""

from __future__ import annotations

import contextlib
import html
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def seed_as_html(seed_text: str) -> str:
    """The seed article as a news page: headline, paragraphs, navigation, script, footer."""
    title, _, body = seed_text.partition("\n")
    paragraphs = []
    for paragraph in body.strip().split("\n\n"):
        lines = [html.escape(line.strip()) for line in paragraph.split("\n")]
        paragraphs.append(f"<p>{'<br>'.join(lines)}</p>")
    return f"""<!doctype html><html><head><meta charset="utf-8">
<title>{html.escape(title)}</title>
<meta property="og:site_name" content="Infobae"><meta name="author" content="Agency desk">
<meta property="article:published_time" content="2023-05-24T10:00:00Z">
<script>document.write("tracking")</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sports">Sports</a></nav>
<article><h1>{html.escape(title)}</h1>
{chr(10).join(paragraphs)}
</article>
<footer>Copyright 2023. All rights reserved. <a href="/privacy">Privacy</a></footer>
</body></html>"""


class Pages:
    """Routes: path -> (status, headers, body bytes, delay seconds)."""

    def __init__(self):
        self.routes: dict[str, tuple[int, dict, bytes, float]] = {}

    def add(
        self,
        path,
        body=b"",
        status=200,
        content_type="text/html; charset=utf-8",
        delay=0.0,
        **headers,
    ):
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.routes[path] = (status, {"Content-Type": content_type, **headers}, body, delay)


def serve(pages: Pages):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            status, headers, body, delay = pages.routes.get(
                self.path, (404, {"Content-Type": "text/plain"}, b"not found", 0.0)
            )
            if delay:  # a server that is slow to answer at all
                time.sleep(delay)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@contextlib.contextmanager
def allowed_site(settings):
    """A local site the guarded fetcher may reach (allow-listed, as for URL imports), at
    `pages.base`; shut down on leaving."""
    pages = Pages()
    server = serve(pages)
    settings.IMPORT_ALLOWED_HOSTS = [f"127.0.0.1:{server.server_address[1]}"]
    pages.base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield pages
    finally:
        server.shutdown()
