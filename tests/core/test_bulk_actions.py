import pytest
from django.urls import reverse

from reviews.claims import set_verdict
from reviews.models import Claim, VerdictRecord
from tests.helpers import HTMX, logged_in


def bulk(client, claim, *selected, verdict="disputed", htmx=True):
    data = {"verdict": verdict, "claims": [f"{c.pk}:{c.version}" for c in selected]}
    headers = HTMX if htmx else {}
    return client.post(reverse("reviews:bulk_action", args=[claim.article_id]), data, **headers)


def test_bulk_verdict_sets_each_selected_claim_and_swaps_their_cards(
    editor_client, editor, claim, second_claim
):
    set_verdict(
        claim=claim, editor=editor, verdict="corroborated", note="keep me", expected_version=1
    )
    response = bulk(editor_client, claim, claim, second_claim)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="claim-card verdict-disputed state-accepted"') == 2
    assert html.count('hx-swap-oob="true"') >= 3  # two cards and the progress bar
    assert "2 of 2 claims reviewed" in html and "2 claims set to Disputed." in html
    assert Claim.objects.get(pk=claim.pk).note == "keep me"
    assert VerdictRecord.objects.filter(verdict="disputed").count() == 2


def test_bulk_verdict_leaves_claims_changed_meanwhile(editor, claim, second_claim):
    stale_view = Claim.objects.get(pk=second_claim.pk)
    set_verdict(
        claim=second_claim, editor=editor, verdict="corroborated", note="", expected_version=1
    )
    response = bulk(logged_in(editor), claim, claim, stale_view)
    html = response.content.decode()
    assert "1 claim set to Disputed. 1 changed by someone else meanwhile" in html
    assert Claim.objects.get(pk=second_claim.pk).verdict == "corroborated"
    assert Claim.objects.get(pk=claim.pk).verdict == "disputed"


def test_bulk_verdict_without_selection_says_what_to_do(editor_client, claim):
    response = bulk(editor_client, claim)
    assert response.status_code == 422
    assert "Select at least one claim first" in response.content.decode()


def test_bulk_verdict_with_invalid_verdict_is_refused(editor_client, claim):
    response = bulk(editor_client, claim, claim, verdict="true-ish")
    assert response.status_code == 422
    assert VerdictRecord.objects.count() == 0


def test_bulk_verdict_ignores_claims_of_other_articles(editor_client, claim):
    from tests.factories import ClaimFactory

    elsewhere = ClaimFactory()
    bulk(editor_client, claim, claim, elsewhere)
    assert Claim.objects.get(pk=elsewhere.pk).verdict == "unreviewed"


def test_plain_post_bulk_verdict_redirects_with_a_message(editor_client, claim):
    response = bulk(editor_client, claim, claim, htmx=False)
    assert response.status_code == 302
    page = editor_client.get(response["Location"]).content.decode()
    assert "1 claim set to Disputed." in page


def test_readers_cannot_bulk_set(reader_client, claim):
    assert bulk(reader_client, claim, claim).status_code == 403
    assert VerdictRecord.objects.count() == 0


def test_a_failure_part_way_changes_none_of_the_claims(editor, claim, second_claim):
    """A worker killed in the middle of a bulk verdict must not leave some claims changed."""
    from unittest import mock

    from reviews import claims

    real = claims.update_claim
    calls = []

    def fails_on_the_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise ConnectionError("the worker died")
        return real(*args, **kwargs)

    with (
        mock.patch.object(claims, "update_claim", fails_on_the_second),
        pytest.raises(ConnectionError),
    ):
        claims.bulk_change(
            article=claim.article,
            editor=editor,
            claims_at_versions={claim.pk: 1, second_claim.pk: 1},
            verdict="disputed",
        )
    assert list(claim.article.claims.values_list("verdict", flat=True)) == ["unreviewed"] * 2
    assert not claim.article.events.exists()
