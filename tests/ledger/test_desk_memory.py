"""Evidence from the desk's memory: a claim's card offers evidence cited for similar claims,
and one click copies an item with its archived copy (no new fetch)."""

from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from reviews.evidence import add_evidence
from reviews.ledger.models import Snapshot
from reviews.models import Article, Claim, Event, Evidence
from tests.helpers import HTMX, full_card, run_worker
from tests.ledger.pages import story_html

EXCERPT = "3,000 cars cross it every day"


def make_claim(text: str, **fields) -> Claim:
    article = Article.objects.create(title=f"About {text[:30]}", body=text)
    return Claim.objects.create(article=article, start=0, end=len(text), text=text, **fields)


def memory(client, claim, htmx=True):
    url = reverse("search:evidence_memory", args=[claim.pk])
    return client.get(url, **(HTMX if htmx else {}))


def setup_pair(editor, reuters, pages):
    pages.add("/story", story_html())
    earlier = make_claim("About 3,000 cars cross the new harbour bridge every day.")
    item = add_evidence(
        claim=earlier, editor=editor, source=reuters, url=pages.base + "/story", excerpt=EXCERPT
    )
    run_worker()
    claim = make_claim("Every day 3,000 cars cross the new harbour bridge, the ministry says.")
    return claim, earlier, item


def test_the_card_of_a_claim_without_evidence_asks_for_suggestions(
    editor_client, editor, reuters, pages
):
    claim, _, _ = setup_pair(editor, reuters, pages)
    card = full_card(editor_client, claim)
    assert reverse("search:evidence_memory", args=[claim.pk]) in card
    assert 'hx-trigger="revealed once, click"' in card


def test_suggestions_show_evidence_of_similar_claims_with_their_archived_date(
    editor_client, editor, reuters, pages, django_assert_max_num_queries
):
    claim, earlier, item = setup_pair(editor, reuters, pages)
    snapshot = Snapshot.objects.get()
    # Session, user, claim, its evidence, matching's candidates (on PostgreSQL with their
    # statistics, savepoint and time limit), the matches with their evidence and archives.
    with django_assert_max_num_queries(16):
        response = memory(editor_client, claim)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<section class="desk-memory" id="memory-{claim.pk}"')
    assert "<strong>Reuters</strong>" in html and f"“{EXCERPT}”" in html
    assert f"archived {snapshot.fetched_at:%-d %b %Y}" in html
    assert f'name="item" value="{item.pk}"' in html and "Use this evidence" in html
    # Without JavaScript, a page of its own.
    assert "Evidence used on similar claims</h1>" in memory(editor_client, claim, False).text


def test_using_a_suggestion_copies_the_item_and_its_snapshot_without_fetching(
    editor_client, editor, reuters, pages
):
    claim, earlier, item = setup_pair(editor, reuters, pages)
    original = Snapshot.objects.get()
    tasks_before = DBTaskResult.objects.count()
    response = editor_client.post(
        reverse("search:claim_same_as", args=[claim.pk]),
        {"action": "copy", "other": earlier.pk, "item": item.pk},
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Evidence from Reuters added." in html
    assert "Evidence (1)" in html and "Claim 1</a>" in html  # the card as saved, numbered
    copy = Evidence.objects.get(claim=claim)
    assert (copy.url, copy.excerpt, copy.source) == (item.url, item.excerpt, reuters)
    snapshot = Snapshot.objects.get(evidence=copy)
    assert snapshot.copied_from == original
    assert (snapshot.sha256, snapshot.text, snapshot.found) == (
        original.sha256,
        original.text,
        "exact",
    )
    assert DBTaskResult.objects.count() == tasks_before  # nothing fetched again
    assert f"archived {original.fetched_at:%-d %b %Y}" in html
    event = Event.objects.get(action="evidence.add", claim=claim)
    assert event.actor == editor and event.after["copied_from"] == (
        f"evidence {item.pk} of claim {earlier.pk}"
    )
    # Once copied, it is no longer suggested.
    assert "Use this evidence" not in memory(editor_client, claim).content.decode()


def test_a_suggestion_removed_meanwhile_is_refused_plainly(editor_client, editor, reuters, pages):
    claim, earlier, item = setup_pair(editor, reuters, pages)
    Evidence.objects.filter(pk=item.pk).update(removed_at="2026-01-01T00:00:00Z")
    response = editor_client.post(
        reverse("search:claim_same_as", args=[claim.pk]),
        {"action": "copy", "other": earlier.pk, "item": item.pk},
        **HTMX,
    )
    assert response.status_code == 409
    assert "no longer on the other claim" in response.content.decode()
    assert not Evidence.objects.filter(claim=claim).exists()
