"""'Checked before?' on the review page: lazy panel, similar claims, link and copy evidence."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews.claims import set_verdict, update_claim
from reviews.models import Article, Claim, Event, Evidence
from tests.factories import SourceFactory
from tests.helpers import HTMX, full_card


def make_claim(text: str, **fields) -> Claim:
    article = Article.objects.create(title=f"About {text[:30]}", body=text)
    return Claim.objects.create(article=article, start=0, end=len(text), text=text, **fields)


@pytest.fixture
def pair(db):
    earlier = make_claim(
        "Fighters penetrated 42 km into Russian territory.", verdict="disputed", note="No proof"
    )
    Evidence.objects.create(
        claim=earlier,
        source=SourceFactory(name="ISW"),
        url="https://example.org/isw",
        excerpt="No sign of <b>advance</b>",
        stance="contradicts",
    )
    claim = make_claim("The Russian Volunteer Corps advanced 42 kilometres into Russia.")
    make_claim("Fighters penetrated 24 km into Russian territory.", verdict="corroborated")
    return claim, earlier


def panel(client, claim, htmx=True):
    url = reverse("search:similar_claims", args=[claim.pk])
    return client.get(url, **(HTMX if htmx else {}))


def link(client, claim, other, action="link", version=None, htmx=True):
    data = {"other": other.pk, "version": claim.version if version is None else version}
    url = reverse("search:claim_same_as", args=[claim.pk])
    return client.post(url, data | {"action": action}, **(HTMX if htmx else {}))


def test_review_page_has_a_lazy_panel_per_claim(editor_client, pair):
    claim, _ = pair
    html = full_card(editor_client, claim)  # the card's panels come with its full card
    url = reverse("search:similar_claims", args=[claim.pk])
    assert "<summary>Checked before?</summary>" in html
    assert f'href="{url}" hx-get="{url}"' in html  # a link without JavaScript
    assert 'hx-trigger="toggle from:closest details once"' in html
    assert "Fighters penetrated" not in html  # nothing loaded until opened


def test_panel_lists_similar_claims_best_first_with_verdict_evidence_and_score(editor_client, pair):
    claim, earlier = pair
    make_claim("The Volunteer Corps advanced 42 kilometres into Russia.", verdict="corroborated")
    response = panel(editor_client, claim)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div class="similar-panel"')
    assert html.index("Corps advanced 42 kilometres") < html.index("penetrated 42 km")
    assert "penetrated 24 km" not in html  # another figure: too far to list
    assert "Disputed" in html and "Corroborated" in html
    assert "% similar" in html and "<meter" in html
    assert "No sign of &lt;b&gt;advance&lt;/b&gt;" in html  # evidence excerpt, escaped
    assert 'href="https://example.org/isw"' in html
    assert f'href="{earlier.article.get_absolute_url()}#claim-{earlier.pk}"' in html
    assert "Same claim as this" in html and "Copy its evidence" in html


def test_panel_without_javascript_is_a_whole_page(editor_client, pair):
    claim, _ = pair
    html = panel(editor_client, claim, htmx=False).content.decode()
    assert "<title>Checked before?" in html
    assert "penetrated 42 km" in html
    assert "hx-post" not in html  # its forms post and redirect


def test_readers_see_matches_but_no_link_buttons(reader_client, pair):
    claim, _ = pair
    html = panel(reader_client, claim).content.decode()
    assert "penetrated 42 km" in html
    assert "Same claim as this" not in html


def test_panel_queries_do_not_grow_with_matches(editor_client, pair):
    claim, _ = pair

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert panel(editor_client, claim).status_code == 200
        return len(captured)

    queries()  # process-wide caches (PostgreSQL's word statistics) filled once
    before = queries()
    for n in range(8):
        other = make_claim(f"Fighters penetrated 42 km into Russian territory, source {n} says.")
        Evidence.objects.create(claim=other, source=SourceFactory(), excerpt=f"e{n}")
    assert queries() == before


def test_editor_links_a_claim_to_an_earlier_one(editor_client, editor, pair):
    claim, earlier = pair
    response = link(editor_client, claim, earlier)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<article id="claim-{claim.pk}"')  # the card, swapped
    assert '<details class="similar" open>' in html
    assert "Linked as the same claim" in html
    assert 'name="version" value="2"' in html  # the card's forms carry the new version
    claim.refresh_from_db()
    assert claim.same_as == earlier and claim.version == 2
    event = Event.objects.get(claim=claim)
    assert event.actor == editor and event.after == {"same_as": earlier.pk}


def test_link_without_javascript_redirects_back_to_the_claim(editor_client, pair):
    claim, earlier = pair
    response = link(editor_client, claim, earlier, htmx=False)
    assert response.status_code == 302
    assert response["Location"] == f"{claim.article.get_absolute_url()}#claim-{claim.pk}"
    claim.refresh_from_db()
    assert claim.same_as == earlier


def test_unlink(editor_client, editor, pair):
    claim, earlier = pair
    update_claim(claim, expected_version=1, editor=editor, same_as=earlier)
    response = link(editor_client, claim, earlier, action="unlink")
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.same_as is None and claim.version == 3


def test_stale_link_is_refused(editor_client, editor, pair):
    claim, earlier = pair
    set_verdict(claim=claim, editor=editor, verdict="disputed", note="", expected_version=1)
    response = link(editor_client, claim, earlier, version=1)
    assert response.status_code == 409
    assert "Someone changed this claim meanwhile" in response.content.decode()
    claim.refresh_from_db()
    assert claim.same_as is None


def test_cannot_link_to_a_claim_of_the_same_article(editor_client, pair):
    claim, _ = pair
    sibling = Claim.objects.create(article=claim.article, start=0, end=5, text="The R")
    response = link(editor_client, claim, sibling)
    assert response.status_code == 422
    claim.refresh_from_db()
    assert claim.same_as is None


def test_copy_evidence_once(editor_client, editor, pair):
    claim, earlier = pair
    response = link(editor_client, claim, earlier, action="copy")
    assert response.status_code == 200
    assert "1 evidence item copied." in response.content.decode()
    copied = Evidence.objects.get(claim=claim)
    assert (copied.source.name, copied.url, copied.stance) == (
        "ISW",
        "https://example.org/isw",
        "contradicts",
    )
    assert copied.added_by == editor
    assert Event.objects.filter(claim=claim, action="evidence.add").count() == 1
    again = link(editor_client, claim, earlier, action="copy")
    assert "0 evidence items copied." in again.content.decode()
    assert Evidence.objects.filter(claim=claim).count() == 1


def test_the_card_after_a_copy_shows_the_copied_evidence_and_its_number(editor_client, pair):
    # The panel's own "claim" (not numbered, evidence not loaded) used to replace the
    # swapped card's: it came back without the evidence and titled "Claim " with no number.
    claim, earlier = pair
    html = link(editor_client, claim, earlier, action="copy").content.decode()
    card = html[html.index(f'<article id="claim-{claim.pk}"') :]
    assert ">Claim 1</a></h3>" in card
    assert '<h4 class="evidence-title">Evidence (1)</h4>' in card and "<strong>ISW</strong>" in card


def test_readers_cannot_link_or_copy(reader_client, pair):
    claim, earlier = pair
    assert link(reader_client, claim, earlier).status_code == 403
    assert link(reader_client, claim, earlier, action="copy").status_code == 403
    claim.refresh_from_db()
    assert claim.same_as is None and not claim.evidence.exists()


def test_link_is_post_only(editor_client, pair):
    claim, _ = pair
    url = reverse("search:claim_same_as", args=[claim.pk])
    assert editor_client.get(url).status_code == 405


def test_similar_panel_needs_login(client, pair):
    claim, _ = pair
    assert panel(client, claim, htmx=False).status_code == 302
