"""Accept, reject, restore, add, re-anchor, split and merge claims."""

import pytest
from django.urls import reverse

from reviews.claims import set_verdict
from reviews.models import Claim
from tests.factories import ArticleFactory, ClaimFactory
from tests.helpers import HTMX, full_card


@pytest.fixture
def proposal(article):
    return ClaimFactory(
        article=article,
        quote="3,000 cars cross it every day",
        state=Claim.State.PROPOSED,
        origin=Claim.Origin.PROPOSED,
        score=0.91,
        attribution="the ministry",
    )


def post(client, name, pk, htmx=True, **data):
    return client.post(reverse(f"reviews:{name}", args=[pk]), data, **(HTMX if htmx else {}))


def test_proposed_claims_show_score_attribution_and_accept_reject(editor_client, proposal):
    html = editor_client.get(proposal.article.get_absolute_url()).content.decode()
    assert '<span class="state-badge">Proposed</span>' in html
    assert "Claimed by <strong>the ministry</strong>" in html
    assert '<span class="score" title="check-worthiness">0.91</span>' in html
    html = full_card(editor_client, proposal)  # the forms come with the full card
    assert "check-worthiness <strong>0.91</strong>" in html
    assert f'hx-post="/claims/{proposal.pk}/accept/"' in html
    assert f'hx-post="/claims/{proposal.pk}/reject/"' in html


def test_accept_swaps_the_card_and_counts_it(editor_client, proposal):
    response = post(editor_client, "accept", proposal.pk, version=1)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="claim-{proposal.pk}" class="claim-card verdict-unreviewed state-accepted"' in html
    assert "Claim 1 accepted." in html
    assert Claim.objects.get(pk=proposal.pk).state == "accepted"


def test_reject_hides_the_highlight_and_restore_brings_it_back(editor_client, proposal):
    html = post(editor_client, "reject", proposal.pk, version=1).content.decode()
    assert 'aria-label="Claim 1, rejected"' in html
    assert "0 of 0 claims reviewed" in html
    assert f'data-claim="{proposal.pk}" data-start' not in html  # the paragraph is redrawn bare
    assert Claim.objects.get(pk=proposal.pk).state == "rejected"
    post(editor_client, "restore", proposal.pk, version=2)
    assert Claim.objects.get(pk=proposal.pk).state == "proposed"


def test_plain_post_accept_redirects_to_the_claim(editor_client, proposal):
    response = post(editor_client, "accept", proposal.pk, htmx=False, version=1)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#claim-{proposal.pk}")


def test_accepting_a_stale_claim_is_refused(editor_client, editor, proposal):
    set_verdict(claim=proposal, editor=editor, verdict="disputed", note="", expected_version=1)
    response = post(editor_client, "reject", proposal.pk, version=1)
    assert response.status_code == 409
    assert Claim.objects.get(pk=proposal.pk).state == "accepted"


def test_a_verdict_on_a_proposal_accepts_it(editor_client, proposal):
    post(
        editor_client,
        "claim_review",
        proposal.pk,
        version=1,
        verdict="corroborated",
        confirm_no_evidence="1",
    )
    assert Claim.objects.get(pk=proposal.pk).state == "accepted"


def test_add_claim_from_a_selection_trims_white_space(editor_client, article):
    start = article.body.index("Critics")
    response = post(editor_client, "claim_add", article.pk, start=start - 1, end=start + 18)
    html = response.content.decode()
    claim = Claim.objects.get()
    assert (claim.text, claim.origin, claim.state) == ("Critics disagree.", "editor", "accepted")
    # The added claim is named as the one to make current (and scroll to) on the page.
    assert f'<div id="review-body" class="review-layout" data-current="claim-{claim.pk}">' in html
    assert "Claim added." in html


def test_add_claim_by_quoting_words_with_other_spacing(editor_client, article):
    post(editor_client, "claim_add", article.pk, quote="the  bridge\ncost 12", attribution="mayor")
    claim = Claim.objects.get()
    assert claim.text == "the bridge cost 12" and claim.attribution == "mayor"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"quote": "not in the text"}, "Those words are not in the article"),
        ({"quote": "the"}, "Those words appear 2 times; quote a few more words."),
        ({}, "Select words in the text, or quote them"),
        ({"start": 5, "end": 99999}, "outside the article text"),
        ({"start": 48, "end": 50}, "only covers white space"),
    ],
)
def test_add_claim_bad_input_gets_a_message_and_stores_nothing(editor_client, data, message):
    article = ArticleFactory()
    response = post(editor_client, "claim_add", article.pk, **data)
    assert response.status_code == 422
    assert response["HX-Retarget"] == "#flash"
    assert message in response.content.decode()
    assert Claim.objects.count() == 0


def test_the_same_words_cannot_be_added_twice(editor_client, claim):
    response = post(editor_client, "claim_add", claim.article_id, start=claim.start, end=claim.end)
    assert "A claim already covers exactly these words." in response.content.decode()
    assert Claim.objects.count() == 1


def test_reanchor_a_claim_to_a_selection(editor_client, claim):
    start = claim.article.body.index("cost 12")
    post(editor_client, "span", claim.pk, version=1, start=start, end=start + 7)
    claim.refresh_from_db()
    assert (claim.text, claim.version) == ("cost 12", 2)


def test_split_a_claim_at_a_position(editor_client, claim):
    at = claim.article.body.index("12 million")
    post(editor_client, "split", claim.pk, version=1, at=at)
    first, second = Claim.objects.order_by("start")
    assert (first.text, second.text) == ("the bridge cost", "12 million euros")
    assert second.attribution == first.attribution


def test_split_outside_the_claim_is_refused(editor_client, claim):
    response = post(editor_client, "split", claim.pk, version=1, at=claim.end + 5)
    assert "Put the cursor inside the claim&#x27;s words" in response.content.decode()
    assert Claim.objects.count() == 1


def test_stale_span_edit_is_refused(editor_client, editor, claim):
    set_verdict(claim=claim, editor=editor, verdict="disputed", note="", expected_version=1)
    response = post(editor_client, "span", claim.pk, version=1, start=0, end=3)
    assert response.status_code == 422
    assert "Someone changed this claim meanwhile" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).start != 0


@pytest.mark.parametrize("name", ["accept", "reject", "restore", "span", "split", "merge"])
def test_readers_cannot_edit_claims(reader_client, claim, name):
    assert post(reader_client, name, claim.pk, version=1, start=0, end=3, at=2).status_code == 403
    assert Claim.objects.get(pk=claim.pk).version == 1


def test_readers_cannot_add_claims(reader_client, article):
    assert post(reader_client, "claim_add", article.pk, quote="Critics").status_code == 403
    assert Claim.objects.count() == 0


def test_a_claim_added_by_selection_gets_the_speaker_its_sentence_names(editor_client, article):
    start = article.body.index("3,000 cars")
    response = editor_client.post(
        reverse("reviews:claim_add", args=[article.pk]),
        {"start": start, "end": start + len("3,000 cars cross it every day")},
    )
    assert response.status_code == 302
    added = article.claims.get()
    assert added.attribution == "the ministry"  # "According to the ministry, 3,000 cars …"
