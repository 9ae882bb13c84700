"""The evidence ledger in the browser: a cited page archived by the worker, the card's
"archived" link, and the archived text with the quoted excerpt highlighted."""

import re

import pytest
from playwright.sync_api import expect

from reviews.evidence import add_evidence
from reviews.ledger.models import Snapshot
from reviews.models import Source
from tests.factories import ArticleFactory, ClaimFactory, EditorFactory, SourceFactory
from tests.helpers import run_worker
from tests.ledger.pages import STORY
from tests.pages import allowed_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXCERPT = "3,000 cars cross it every day"
PAGE = (
    "<!doctype html><html><head><title>Bridge</title></head><body><article>"
    + "".join(f"<p>{p}</p>" for p in STORY[1:])
    + "<p>Readers wrote &lt;script&gt;alert('x')&lt;/script&gt; in the comments box.</p>"
    "</article></body></html>"
)
HOLD = "() => document.addEventListener('htmx:beforeRequest', e => e.preventDefault(), true)"


@pytest.fixture
def site(settings):
    with allowed_site(settings) as pages:
        yield pages


@pytest.fixture
def claim(transactional_db):
    SourceFactory(name="Reuters", reliability="high")
    return ClaimFactory(article=ArticleFactory(), quote="3,000 cars cross it every day")


def open_card(page, claim):
    page.goto(claim.article.get_absolute_url())
    page.keyboard.press("j")
    card = page.locator(f"#claim-{claim.pk}")
    expect(card.locator(".evidence")).to_be_visible()
    return card


def test_the_archived_text_shows_the_excerpt_highlighted(new_page, claim, site, axe_check):
    site.add("/story", PAGE)
    editor = EditorFactory()
    add_evidence(
        claim=claim,
        editor=editor,
        source=Source.objects.get(name="Reuters"),
        url=site.base + "/story",
        excerpt=EXCERPT,
    )
    run_worker()
    snapshot = Snapshot.objects.get()
    page = new_page(editor)
    card = open_card(page, claim)
    link = card.get_by_role("link", name=re.compile(r"^archived \d+ \w+ \d{4}$"))
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url(f"**/snapshots/{snapshot.pk}/")
    mark = page.locator(".snapshot-text mark#excerpt")
    expect(mark).to_have_text(EXCERPT)
    expect(mark).to_be_visible()
    expect(page.locator(".excerpt-found")).to_contain_text("The excerpt is in the page")
    # The page's words are text, never markup.
    expect(page.locator(".snapshot-text")).to_contain_text("<script>alert('x')</script>")
    expect(page.locator(".snapshot-hash")).to_have_text(snapshot.sha256)
    axe_check(page)


def test_evidence_saved_in_the_card_is_archived_by_the_worker(new_page, claim, site):
    site.add("/story", PAGE)
    page = new_page(EditorFactory())
    card = open_card(page, claim)
    page.keyboard.press("e")
    source = page.get_by_role("combobox", name="Source", exact=True)
    source.fill("Reuters")
    page.get_by_label("Link").fill(site.base + "/story")
    page.get_by_label("Quote from the source").fill("The mayor resigned on Tuesday.")
    page.get_by_role("button", name="Save evidence").click()
    expect(card.locator(".archive-status")).to_have_text("Archiving the page…")
    page.evaluate(HOLD)
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    run_worker()
    card = open_card(page, claim)
    expect(card.locator(".archive-warning")).to_have_text(
        "⚠ The excerpt is not in the archived page."
    )
