"""Setting verdicts and notes: htmx swaps, plain-POST fallback, bad input, conflicts."""

import pytest
from django.urls import reverse

from reviews.claims import set_verdict
from reviews.models import Claim, VerdictRecord
from tests.helpers import HTMX, full_card, logged_in


def review_url(claim):
    return reverse("reviews:claim_review", args=[claim.pk])


def post(client, claim, htmx=True, **data):
    """Post the card's form; verdicts are confirmed (no evidence needed) unless a test says."""
    data.setdefault("version", claim.version)
    data.setdefault("confirm_no_evidence", "1")
    return client.post(review_url(claim), data, **(HTMX if htmx else {}))


def test_htmx_verdict_swaps_the_card_progress_and_highlight(editor_client, claim, second_claim):
    response = post(editor_client, claim, verdict="disputed", note="Budget says 15m.")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<article id="claim-{claim.pk}"')
    assert 'value="disputed" class="verdict-button verdict-disputed" aria-pressed="true"' in html
    assert "Budget says 15m.</textarea>" in html
    assert f'id="progress-{claim.article_id}" class="progress" hx-swap-oob="true"' in html
    assert "1 of 2 claims reviewed" in html
    # Only the claim's own highlight and number badge are redrawn, not its paragraph.
    assert 'class="para para-body" hx-swap-oob="true"' not in html
    assert (
        f'<mark id="seg-{claim.start}" class="hl verdict-disputed state-accepted" '
        f'data-claim="{claim.pk}" data-start="{claim.start}" hx-swap-oob="true">'
        "the bridge cost 12 million euros</mark>"
    ) in html
    assert f'<a id="ref-{claim.pk}" class="claim-ref verdict-disputed' in html
    assert "Claim 1 saved: Disputed." in html
    assert "<html" not in html  # a fragment, not a page


def test_htmx_verdict_writes_one_history_row(editor_client, editor, claim):
    post(editor_client, claim, verdict="corroborated", note="Checked the budget.")
    record = VerdictRecord.objects.get()
    assert (record.claim, record.editor, record.verdict, record.note) == (
        claim,
        editor,
        "corroborated",
        "Checked the budget.",
    )
    claim.refresh_from_db()
    assert (claim.verdict, claim.version) == ("corroborated", 2)


def test_plain_post_redirects_back_to_the_claim_and_saves(editor_client, claim):
    response = post(editor_client, claim, htmx=False, verdict="unverified", note="Asked the mayor.")
    assert response.status_code == 302
    assert response["Location"] == f"/articles/{claim.article_id}/#claim-{claim.pk}"
    assert VerdictRecord.objects.get().verdict == "unverified"
    page = editor_client.get(response["Location"]).content.decode()
    assert "Saved: Unverified" in page


def test_saving_a_note_keeps_the_verdict(editor_client, editor, claim):
    set_verdict(claim=claim, editor=editor, verdict="disputed", note="", expected_version=1)
    post(editor_client, claim, note="Source: council minutes.")
    claim.refresh_from_db()
    assert (claim.verdict, claim.note) == ("disputed", "Source: council minutes.")
    assert VerdictRecord.objects.count() == 2


def test_clearing_the_verdict_sets_not_yet_reviewed(editor_client, editor, claim):
    set_verdict(claim=claim, editor=editor, verdict="disputed", note="x", expected_version=1)
    card = full_card(editor_client, claim)
    assert 'name="verdict" value="unreviewed" class="verdict-button clear-verdict"' in card
    post(editor_client, claim, verdict="unreviewed", note="x")
    assert Claim.objects.get(pk=claim.pk).verdict == "unreviewed"


@pytest.mark.parametrize("htmx", [True, False])
def test_invalid_verdict_is_refused_with_a_message_and_keeps_the_note(editor_client, claim, htmx):
    response = post(editor_client, claim, htmx=htmx, verdict="mostly-true", note="My draft")
    html = response.content.decode()
    assert response.status_code == 422
    assert "“mostly-true” is not a verdict" in html
    assert "My draft</textarea>" in html
    assert VerdictRecord.objects.count() == 0
    assert Claim.objects.get(pk=claim.pk).verdict == "unreviewed"


def test_too_long_note_is_refused(editor_client, claim, settings):
    response = post(editor_client, claim, verdict="disputed", note="x" * 10_001)
    assert response.status_code == 422
    assert "at most 10000 characters" in response.content.decode()
    assert VerdictRecord.objects.count() == 0


@pytest.mark.parametrize("htmx", [True, False])
def test_stale_save_is_refused_and_shows_both_versions(claim, editor, htmx):
    colleague = logged_in(editor)
    set_verdict(
        claim=claim, editor=editor, verdict="corroborated", note="Theirs", expected_version=1
    )
    response = post(colleague, claim, htmx=htmx, version=1, verdict="disputed", note="Mine")
    html = response.content.decode()
    assert response.status_code == 409
    assert "Not saved: eddie changed this claim" in html
    assert "“Theirs”" in html and "Mine</textarea>" in html
    assert 'name="version" value="2"' in html  # saving again deliberately replaces theirs
    claim.refresh_from_db()
    assert (claim.verdict, claim.note) == ("corroborated", "Theirs")
    assert VerdictRecord.objects.count() == 1


def test_get_on_the_post_only_url_is_405(editor_client, claim):
    assert editor_client.get(review_url(claim)).status_code == 405


def test_unknown_claim_is_404(editor_client):
    response = editor_client.post("/claims/999999/review/", {"version": 1, "verdict": "disputed"})
    assert response.status_code == 404


def test_corroborated_without_evidence_asks_for_confirmation(editor_client, claim):
    response = post(editor_client, claim, verdict="corroborated", confirm_no_evidence="")
    html = response.content.decode()
    assert response.status_code == 422
    assert "No evidence yet for <strong>Corroborated</strong>" in html
    assert 'name="confirm_no_evidence" value="corroborated"' in html
    assert "Set Corroborated without evidence</button>" in html
    assert "or press <kbd>1</kbd> again" in html
    assert VerdictRecord.objects.count() == 0
    post(editor_client, claim, verdict="corroborated", confirm_no_evidence="1")
    assert Claim.objects.get(pk=claim.pk).verdict == "corroborated"


def test_a_verdict_with_evidence_needs_no_confirmation(editor_client, editor, claim):
    from reviews.evidence import add_evidence
    from tests.factories import SourceFactory

    add_evidence(claim=claim, editor=editor, source=SourceFactory(), excerpt="Budget: 12m")
    response = post(editor_client, claim, verdict="disputed", confirm_no_evidence="")
    assert response.status_code == 200
    assert Claim.objects.get(pk=claim.pk).verdict == "disputed"


def test_unverified_needs_a_note_saying_what_was_tried(editor_client, claim):
    response = post(editor_client, claim, verdict="unverified", note="  ")
    assert response.status_code == 422
    assert "An unverified verdict needs a note saying what was tried." in response.content.decode()
    assert VerdictRecord.objects.count() == 0
    post(editor_client, claim, verdict="unverified", note="Ministry did not answer.")
    assert Claim.objects.get(pk=claim.pk).verdict == "unverified"


def test_a_note_only_save_does_not_redraw_the_text(editor_client, editor, claim):
    set_verdict(claim=claim, editor=editor, verdict="disputed", note="a", expected_version=1)
    html = post(editor_client, claim, note="b").content.decode()
    assert "b</textarea>" in html
    assert 'class="para para-body" hx-swap-oob="true"' not in html


def test_confirming_one_verdict_does_not_let_another_through(editor_client, claim):
    """'1' asks to confirm Corroborated; pressing '2' then must ask for Disputed too."""
    response = post(editor_client, claim, verdict="disputed", confirm_no_evidence="corroborated")
    assert response.status_code == 422
    claim.refresh_from_db()
    assert claim.verdict == "unreviewed"
    assert 'name="confirm_no_evidence" value="disputed"' in response.content.decode()
