"""A URL import in the browser: the progress page, its htmx polling, a reload, the worker
and the article it opens; a failure and Retry.

The worker is django-tasks-db's own loop (tests.helpers.run_worker), run while the page's
polling is held: on SQLite the test database is one shared in-memory database, where two
threads writing at once get "database table is locked" instead of waiting.
"""

import re

import pytest
from playwright.sync_api import expect

from reviews.models import Article
from tests.factories import EditorFactory
from tests.helpers import run_worker
from tests.pages import allowed_site, seed_as_html

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STORY = (
    "Harbour town opens new bridge\n\n"
    "The mayor said the bridge cost 12 million euros, twice the first estimate.\n\n"
    "According to the ministry, 3,000 cars cross it every day."
)
# Hold htmx's requests while the worker runs, then let them go again.
HOLD = """() => {
  window.holdPolls = true;
  if (!window.holdInstalled) {
    document.addEventListener('htmx:beforeRequest', e => {
      if (window.holdPolls) e.preventDefault();
    }, true);
    window.holdInstalled = true;
  }
}"""
RELEASE = "() => { window.holdPolls = false; }"


@pytest.fixture
def site(settings):
    with allowed_site(settings) as pages:
        yield pages


def worker_runs(page):
    """The worker takes the queued tasks while the page waits; then its polling goes on."""
    page.evaluate(HOLD)
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    run_worker()
    page.evaluate(RELEASE)


def ask_for(page, url):
    page.goto("/articles/new/")
    page.fill("#id_url-url", url)
    page.get_by_role("button", name="Fetch and import").click()
    page.wait_for_url(re.compile(r"/imports/\d+/$"))


def test_the_progress_page_follows_the_worker_to_the_article(new_page, site):
    site.add("/story", seed_as_html(STORY))
    page = new_page(EditorFactory())
    ask_for(page, site.base + "/story")
    expect(page.locator("#job-progress progress")).to_have_attribute("value", "0")
    expect(page.locator("#job-step")).to_have_text("Waiting for the worker (0%)")
    page.reload()  # the job is a row: a reload finds it where it was
    expect(page.locator("#job-step")).to_have_text("Waiting for the worker (0%)")
    worker_runs(page)
    page.wait_for_url(re.compile(r"/articles/\d+/$"))  # the next poll got HX-Redirect
    article = Article.objects.get()
    expect(page.get_by_text(f"Imported; {article.claims.count()} claims proposed.")).to_be_visible()
    expect(page.locator(".claim-card").first).to_be_visible()


def test_a_failed_import_shows_why_and_retry_imports_it(new_page, site):
    page = new_page(EditorFactory())
    ask_for(page, site.base + "/later")
    worker_runs(page)
    expect(page.get_by_role("alert")).to_contain_text("The site answered 404")
    expect(page.locator("#job-progress")).not_to_have_attribute("hx-trigger", re.compile("."))
    assert Article.objects.count() == 0
    site.add("/later", seed_as_html(STORY))  # the site is back
    page.get_by_role("button", name="Retry").click()
    expect(page.locator("#job-step")).to_have_text("Waiting for the worker (0%)")
    worker_runs(page)
    page.wait_for_url(re.compile(r"/articles/\d+/$"))
    assert Article.objects.get().url == site.base + "/later"
