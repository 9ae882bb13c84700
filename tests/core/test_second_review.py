"""Second review: blind or open, disagreements, agreement and Cohen's kappa."""

import pytest
from django.urls import reverse

from reviews.agreement import article_agreement, cohen_kappa, disagreements
from reviews.claims import set_verdict
from reviews.models import SecondOpinion
from tests.helpers import HTMX


def test_kappa_on_a_known_example():
    # 50 items: both yes 20, first yes/second no 5, first no/second yes 10, both no 15.
    pairs = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15
    # observed 0.7; chance: first yes 0.5, second yes 0.6 -> 0.5*0.6 + 0.5*0.4 = 0.5
    assert cohen_kappa(pairs) == pytest.approx(0.4)


def test_kappa_edge_cases():
    assert cohen_kappa([]) is None
    assert cohen_kappa([("a", "a")] * 4) == 1.0  # chance agreement 1, full agreement
    assert cohen_kappa([("a", "b"), ("b", "a")]) == pytest.approx(-1.0)


@pytest.fixture
def second_review(editor, claim, second_claim):
    for c, verdict in ((claim, "disputed"), (second_claim, "corroborated")):
        set_verdict(claim=c, editor=editor, verdict=verdict, note="", expected_version=c.version)
    claim.article.status = "second_review"
    claim.article.save(update_fields=["status"])
    return claim.article


def opine(client, claim, verdict):
    url = reverse("reviews:second_opinion", args=[claim.pk])
    return client.post(url, {"verdict": verdict}, **HTMX)


def test_blind_second_review_hides_first_verdicts_and_notes(
    second_review, claim, second_editor_client
):
    second = second_editor_client
    html = second.get(second_review.get_absolute_url() + "?second=1").content.decode()
    assert "the first verdicts, notes and evidence are hidden" in html
    for shown in ("hl verdict-disputed", "hl verdict-corroborated", "verdict-badge verdict-d"):
        assert shown not in html
    assert "No second opinion yet" in html
    assert 'hx-trigger="every' not in html  # no live updates leaking first verdicts


def test_second_opinion_and_disagreements(
    second_review, claim, second_claim, editor_client, second_editor_client
):
    second = second_editor_client
    response = opine(second, claim, "corroborated")
    assert "Your second opinion: Corroborated" in response.content.decode()
    opine(second, second_claim, "corroborated")
    assert [o.claim for o in disagreements(second_review)] == [claim]
    result = article_agreement(second_review)
    assert (result.pairs, result.agreed) == (2, 1)
    page = editor_client.get(second_review.get_absolute_url()).content.decode()
    assert "Disagreements to resolve (1)" in page
    assert (
        "first <strong>Disputed</strong> (eddie), second <strong>Corroborated</strong> (sam)"
        in page
    )
    assert "1 of 2 claims (0.50)" in page


def test_done_waits_for_disagreements_to_be_resolved(
    second_review, claim, editor, editor_client, second_editor_client
):
    opine(second_editor_client, claim, "corroborated")
    url = reverse("reviews:article_status", args=[second_review.pk])
    refused = editor_client.post(url, {"to": "done", "expected": "second_review"}, **HTMX)
    assert "1 disagreement with the second review to resolve." in refused.content.decode()
    set_verdict(
        claim=claim, editor=editor, verdict="corroborated", note="", expected_version=claim.version
    )
    assert (
        editor_client.post(url, {"to": "done", "expected": "second_review"}, **HTMX).status_code
        == 200
    )


def test_the_first_reviewer_cannot_second_their_own_verdict(second_review, claim, editor_client):
    response = opine(editor_client, claim, "disputed")
    assert response.status_code == 422
    assert "a second review needs another editor" in response.content.decode()
    assert not SecondOpinion.objects.exists()


def test_changing_a_second_opinion_updates_it(second_review, claim, second_editor_client):
    second = second_editor_client
    opine(second, claim, "corroborated")
    opine(second, claim, "disputed")
    assert SecondOpinion.objects.get().verdict == "disputed"


def test_agreement_by_editor_pair_page(second_review, claim, editor_client, second_editor_client):
    opine(second_editor_client, claim, "disputed")
    html = editor_client.get(reverse("reviews:agreement")).content.decode()
    assert "<td>eddie</td><td>sam</td><td>1</td><td>1</td><td>1.00</td><td>1.00</td>" in html


def test_readers_cannot_give_second_opinions(second_review, claim, reader_client):
    assert opine(reader_client, claim, "disputed").status_code == 403


def test_blind_stays_blind_everywhere_until_the_second_review_is_in(
    second_review, claim, second_claim, editor, second_editor_client, editor_client
):
    """The plain review page, the history, the live feed and every export hide the first
    verdicts from a second reviewer until they have given theirs."""
    client = second_editor_client
    page = client.get(second_review.get_absolute_url()).content.decode()  # no ?second=1
    assert "No second opinion yet" in page and "hl verdict-disputed" not in page
    history = client.get(reverse("reviews:claim_history", args=[claim.pk])).content.decode()
    assert "hidden until you have given your second review" in history
    assert "disputed" not in history
    changes = client.get(reverse("reviews:article_changes", args=[second_review.pk]))
    assert changes.status_code == 204
    for name in (
        "exports:article_claims_csv",
        "exports:article_report_markdown",
        "exports:article_report",
        "exports:article_claimreview",
    ):
        assert client.get(reverse(name, args=[second_review.pk])).status_code == 403, name
    csv = client.get(reverse("exports:reviewed_claims_csv")).content.decode()
    assert claim.text not in csv
    # The first reviewer keeps seeing everything.
    assert (
        editor_client.get(
            reverse("exports:article_claims_csv", args=[second_review.pk])
        ).status_code
        == 200
    )
    for c in (claim, second_claim):
        opine(client, c, "corroborated")
    assert (
        client.get(reverse("exports:article_claims_csv", args=[second_review.pk])).status_code
        == 200
    )
    history = client.get(reverse("reviews:claim_history", args=[claim.pk])).content.decode()
    assert "hidden until" not in history
