"""The 2,000,000-character article in headless Chromium: how soon its review page is
readable, and how soon each keyboard action is answered.

gunicorn (the container's command, production settings) on PostgreSQL; Chromium from
/usr/bin/chromium through Playwright. "Readable": the first claim card and the first
highlighted paragraph are visible. "j": the next card is current (keys.js marks it) and its
full card (forms) has replaced the compact one. "1": the card's answer is in (the verdict
saved, or the "no evidence yet" confirmation, which is the app's answer to a first
corroborated verdict without evidence).

    python -m bench.big_article_browser [--chars 2000000] [--presses 10] [--port 8163]
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

from bench.common import bench_database_url, bench_env, make_article, write_result
from scripts.prodenv import Server, prepare_database

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]
SENTENCE_CHARS = 86  # bench/make_article.py's sentences, with the space between them


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chars", type=int, default=2_000_000)
    parser.add_argument("--presses", type=int, default=10)
    parser.add_argument("--port", type=int, default=8731)
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"needs Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    origin = f"http://127.0.0.1:{args.port}"
    env = bench_env(bench_database_url("browser"), CSRF_TRUSTED_ORIGINS=origin)
    prepare_database(env)
    pk = make_article(env, args.chars // SENTENCE_CHARS)
    server = Server(args.port, env, workers=2, log_path=Path("/tmp/bench-browser.log")).start()
    try:
        server.wait_healthy()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(extra_http_headers={"X-Forwarded-Proto": "https"})
            page = context.new_page()
            page.set_default_timeout(60_000)
            page.goto(f"{origin}/accounts/login/")
            page.fill("input[name=username]", "editor")
            page.fill("input[name=password]", "factcheck-demo")
            page.click("button[type=submit], input[type=submit]")
            page.wait_for_url(f"{origin}/")

            started = time.perf_counter()
            page.goto(f"{origin}/articles/{pk}/", wait_until="commit")
            page.locator("article.claim-card").first.wait_for(state="visible")
            page.locator("mark").first.wait_for(state="visible")
            readable = time.perf_counter() - started
            page.wait_for_load_state("load")
            loaded = time.perf_counter() - started
            size = page.evaluate("document.documentElement.outerHTML.length")

            cards = page.locator("article.claim-card")
            cards.first.click()  # the first card current (a click makes it so)
            page.locator("article.claim-card.is-current:not(.compact)").first.wait_for()
            j_times, one_times = [], []
            for n in range(args.presses):
                target = cards.nth(n + 1)
                target_id = target.get_attribute("id")
                started = time.perf_counter()
                page.keyboard.press("j")
                page.locator(f"#{target_id}.is-current:not(.compact)").wait_for()
                j_times.append(time.perf_counter() - started)
                started = time.perf_counter()
                page.keyboard.press("1")
                page.locator(
                    f"#{target_id}.verdict-corroborated, #{target_id} .confirm-box"
                ).first.wait_for()
                one_times.append(time.perf_counter() - started)
            browser.close()
    finally:
        server.stop()

    def stats(samples: list[float]) -> dict:
        return {
            "n": len(samples),
            "median_ms": ms(statistics.median(samples)),
            "max_ms": ms(max(samples)),
        }

    j, one = stats(j_times), stats(one_times)
    write_result(
        "big_article_browser",
        {
            "article_chars": args.chars,
            "claims": args.chars // SENTENCE_CHARS,
            "how": "headless Chromium (Playwright) against gunicorn (2 sync workers) + PostgreSQL",
            "readable_ms": ms(readable),
            "load_event_ms": ms(loaded),
            "dom_chars_after_load": size,
            "key_j_next_card_full": j,
            "key_1_verdict_answered": one,
            "targets": {
                "readable<=2s": readable <= 2,
                "each_key<=300ms": max(j_times + one_times) <= 0.3,
            },
        },
    )


if __name__ == "__main__":
    sys.exit(main())
