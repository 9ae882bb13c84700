"""`make prodlike`: the container's start command, natively, on the local PostgreSQL.

Two app servers (the same gunicorn command on two loopback ports) and one task worker
(scripts/worker.sh) share one database, as when a desk scales out. The smoke test logs in
through one, saves a verdict through the other, and reads the result back through the
first: sessions, CSRF and data live in the database, not in a process. Then it checks
/healthz, the security headers, static files served by whitenoise, the JSON logs, and (with
Chromium present) that no page breaks the CSP. A URL import from a local web server answers
at once with a progress page, and the worker turns it into an article, which the progress
page then opens.

    PRODLIKE_DATABASE_URL=postgres://postgres@127.0.0.1:5432/factcheck_prod_like \
        python -m scripts.prodlike
"""

from __future__ import annotations

import base64
import json
import os
import re
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import psycopg

from scripts.prodenv import (
    Server,
    WebClient,
    Worker,
    claims_on_page,
    prepare_database,
    production_env,
)

DATABASE_URL = os.environ.get(
    "PRODLIKE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/factcheck_prod_like"
)
PORTS = (
    int(os.environ.get("PRODLIKE_PORT", "8701")),
    int(os.environ.get("PRODLIKE_PORT", "8701")) + 1,
)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]

failures: list[str] = []


PUBLISHED_ROW = re.compile(r'href="/articles/(\d+)/"(?:(?!</tr>).)*status-published', re.S)


def check(condition: bool, what: str) -> None:
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def smoke(a: Server, b: Server) -> None:
    plain = WebClient(a.url)
    # Without the proxy's header the app insists on HTTPS; /healthz is exempt for probes.
    redirect = plain.request("GET", "/accounts/login/", headers={"X-Forwarded-Proto": "http"})
    check(
        redirect.status == 301 and redirect.headers["location"].startswith("https://"),
        "plain HTTP is redirected to HTTPS",
    )
    for server in (a, b):
        health = WebClient(server.url).request(
            "GET", "/healthz", headers={"X-Forwarded-Proto": "http"}
        )
        check(
            health.status == 200 and json.loads(health.body) == {"status": "ok"},
            f"/healthz on :{server.port} answers ok over plain HTTP",
        )

    on_a = WebClient(a.url)
    login_page = on_a.get("/accounts/login/")
    headers = login_page.headers
    check(login_page.status == 200 and 'name="password"' in login_page.text, "login page renders")
    check("script-src 'self'" in headers.get("content-security-policy", ""), "CSP header sent")
    check("max-age=31536000" in headers.get("strict-transport-security", ""), "HSTS header sent")
    on_a.login("editor")
    check(True, "editor logs in through server A")

    articles = on_a.get("/")
    ids = [int(pk) for pk in re.findall(r'href="/articles/(\d+)/"', articles.text)]
    check(articles.status == 200 and bool(ids), "article list shows the demo articles")
    # An article still in review: a published one takes changes only as corrections.
    published = set(map(int, re.findall(PUBLISHED_ROW, articles.text)))
    ids = [pk for pk in ids if pk not in published]
    page_a = on_a.get(f"/articles/{ids[0]}/")
    claims = claims_on_page(page_a.text)
    check(page_a.status == 200 and bool(claims), "review page renders its claims")
    claim_pk, (verdict, version) = next(iter(claims.items()))
    new_verdict = "disputed" if verdict != "disputed" else "corroborated"

    history_sql = "SELECT verdict, note FROM reviews_verdictrecord WHERE claim_id = %s ORDER BY id"
    with psycopg.connect(DATABASE_URL) as conn:
        history_before = conn.execute(history_sql, [claim_pk]).fetchall()

    # Same session cookie, other server: the session is in the database.
    on_b = WebClient(b.url, cookies=dict(on_a.cookies))
    saved = on_b.post(
        f"/claims/{claim_pk}/review/",
        {
            "verdict": new_verdict,
            "note": "prodlike smoke",
            "version": version,
            "confirm_no_evidence": "1",  # a verdict without evidence must be confirmed
        },
        headers={"HX-Request": "true"},
    )
    check(
        saved.status == 200 and f"verdict-{new_verdict}" in saved.text,
        "verdict saved through server B (htmx fragment)",
    )
    stale = on_b.post(
        f"/claims/{claim_pk}/review/",
        {"verdict": "unverified", "note": "stale", "version": version},
        headers={"HX-Request": "true"},
    )
    check(stale.status == 409, "a save on the old version is refused with 409")

    seen_on_a = claims_on_page(on_a.get(f"/articles/{ids[0]}/").text)[claim_pk]
    check(
        seen_on_a == (new_verdict, version + 1),
        "the edit made through B shows on the page served by A",
    )

    with psycopg.connect(DATABASE_URL) as conn:
        rows = conn.execute(history_sql, [claim_pk]).fetchall()
        sessions = conn.execute("SELECT count(*) FROM django_session").fetchone()[0]
    check(
        rows == [*history_before, (new_verdict, "prodlike smoke")],
        "exactly one history row for the save (and none for the refused one)",
    )
    check(sessions >= 1, "sessions are rows in PostgreSQL")

    css = re.search(r'href="(/static/css/app\.[0-9a-f]+\.css)"', page_a.text)
    check(css is not None, "pages link hashed static files")
    if css:
        static = on_a.get(css.group(1))
        check(
            static.status == 200 and "immutable" in static.headers.get("cache-control", ""),
            "whitenoise serves static files with a far-future cache",
        )


ARTICLE_PAGE = b"""<!doctype html><html><head><meta charset="utf-8">
<title>Harbour town opens new bridge</title></head><body><article>
<h1>Harbour town opens new bridge</h1>
<p>The mayor said the bridge cost 12 million euros, twice the first estimate.</p>
<p>According to the ministry, 3,000 cars cross it every day, and tolls will rise in May.</p>
<p>Critics say the old ferry carried more people for a tenth of the price last year.</p>
</article></body></html>"""


def article_site() -> ThreadingHTTPServer:
    """A local news site with one article, for the URL import (allowed by IMPORT_ALLOWED_HOSTS)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            self.send_response(200 if self.path == "/bridge" else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(ARTICLE_PAGE if self.path == "/bridge" else b"not found")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def url_import(a: Server, site: ThreadingHTTPServer, worker: Worker) -> None:
    """Import one page through the worker, following the progress page as htmx does."""
    url = f"http://127.0.0.1:{site.server_address[1]}/bridge"
    client = WebClient(a.url)
    client.login("editor")
    client.get("/articles/new/")
    asked = client.post("/articles/new/", {"method": "url", "url-url": url})
    progress = asked.headers.get("location", "")
    check(
        asked.status == 302 and progress.startswith("/imports/"),
        "a URL import answers at once with a progress page",
    )
    page = client.get(progress)
    check(page.status == 200 and "<progress" in page.text, "the progress page shows a bar")
    article_url, deadline = "", time.monotonic() + 60
    while not article_url and time.monotonic() < deadline and worker.running():
        polled = client.get(progress, headers={"HX-Request": "true"})
        article_url = polled.headers.get("hx-redirect", "")
        if "The import failed" in polled.text:
            break
        time.sleep(0.5)
    check(bool(article_url), "the worker imports it and the progress page opens the article")
    if article_url:
        review = client.get(article_url)
        check(
            review.status == 200 and bool(claims_on_page(review.text)),
            "the imported article has its proposed claims",
        )
    with psycopg.connect(DATABASE_URL) as conn:
        count = conn.execute("SELECT count(*) FROM reviews_article WHERE url = %s", [url])
        check(count.fetchone()[0] == 1, "exactly one article for the page")


def watched_page(browser, violations: list[str]):
    """A page as seen behind the TLS proxy, whose CSP reports are collected."""
    context = browser.new_context(extra_http_headers={"X-Forwarded-Proto": "https"})
    page = context.new_page()
    page.on(
        "console",
        lambda m: (
            violations.append(f"{page.url}: {m.text}")
            if "Content Security Policy" in m.text
            else None
        ),
    )
    return context, page


def browser_csp(a: Server) -> None:
    """Chromium logs in, reviews a claim by click and opens the other pages: no CSP report."""
    if not Path(CHROMIUM).exists():
        print(f"skip CSP check in the browser: {CHROMIUM} not found")
        return
    from playwright.sync_api import sync_playwright

    violations: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context, page = watched_page(browser, violations)
        page.goto(f"{a.url}/accounts/login/")
        page.fill("input[name=username]", "editor")
        page.fill("input[name=password]", "factcheck-demo")
        page.click("button[type=submit], input[type=submit]")
        page.wait_for_url(f"{a.url}/")
        page.click("tr:not(:has(.status-published)) a[href^='/articles/']")
        card = page.locator("article.claim-card").first
        card.focus()  # cards come compact; the current one loads its forms
        card.locator("button[value=unverified]").click()
        page.locator("article.claim-card.verdict-unverified").first.wait_for()
        check(True, "browser: a verdict click swaps the claim card under the CSP")
        for path in ("/articles/new/", "/"):
            page.goto(f"{a.url}{path}")
        context.close()
        _, page = watched_page(browser, violations)
        page.goto(f"{a.url}/admin/login/")
        page.fill("input[name=username]", "admin")
        page.fill("input[name=password]", "factcheck-demo")
        page.click("input[type=submit]")
        page.goto(f"{a.url}/admin/reviews/article/")
        second_factor(page)
        page.click("#result_list a >> nth=0")
        page.wait_for_load_state("load")
        browser.close()
    for violation in violations:
        print("     ", violation[:200])
    check(
        not violations,
        "browser: no CSP violations on login, list, review, import, second factor, admin",
    )


def second_factor(page) -> None:
    """Staff set up an authenticator on their first sign-in: the "app" here reads the key
    on the page and computes the code, then the page goes where it was asked to."""
    from django_otp.oath import totp

    page.wait_for_url("**/accounts/two-factor/**")
    key = page.locator("#totp-secret").inner_text().replace(" ", "")
    page.fill("input[name=code]", f"{totp(base64.b32decode(key)):06d}")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/admin/reviews/article/")
    check(True, "browser: staff set up a second factor before admin")


def json_logs(log_path: Path) -> None:
    lines = [line for line in log_path.read_text().splitlines() if line.strip()]
    bad = [line for line in lines if not line.startswith("{")]
    parsed = [json.loads(line) for line in lines if line.startswith("{")]
    check(bool(parsed) and not bad, f"server output is JSON lines ({len(parsed)} lines)")
    check(any(entry["logger"] == "gunicorn.access" for entry in parsed), "access log included")


def main() -> int:
    # The browser talks plain HTTP to gunicorn while X-Forwarded-Proto says HTTPS, so its
    # Origin header names http://; behind a real TLS proxy it is https://ALLOWED_HOST.
    origins = ",".join(f"http://127.0.0.1:{port}" for port in PORTS)
    site = article_site()
    env = production_env(
        DATABASE_URL,
        CSRF_TRUSTED_ORIGINS=origins,
        IMPORT_ALLOWED_HOSTS=f"127.0.0.1:{site.server_address[1]}",
    )
    print(f"== preparing {DATABASE_URL.rsplit('/', 1)[1]} (migrate, load_demo, collectstatic)")
    prepare_database(env)
    logs = Path(tempfile.mkdtemp(prefix="prodlike-"))
    servers = [Server(port, env, log_path=logs / f"gunicorn-{port}.log") for port in PORTS]
    worker = Worker(env, log_path=logs / "worker.log")
    try:
        for server in servers:
            server.start()
        worker.start()
        for server in servers:
            server.wait_healthy()
        print(f"== two app servers up on :{PORTS[0]} and :{PORTS[1]}, one task worker")
        smoke(*servers)
        browser_csp(servers[0])
        url_import(servers[1], site, worker)  # last: a new article would top the list
    finally:
        worker.stop()
        for server in servers:
            server.stop()
        site.shutdown()
    json_logs(servers[0].log_path)
    print(f"== {'FAILED: ' + '; '.join(failures) if failures else 'all checks passed'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
