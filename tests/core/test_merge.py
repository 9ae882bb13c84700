"""Merge that means merge: asked first, never across a caption, the chosen verdict, the
evidence moved, "merged" in both histories, and undo from history.

The reported failures: no confirmation, a caption joined to body text, the first claim's
verdict kept silently, the second's evidence left on a rejected claim, history saying only
"re-anchored", no undo.
"""

import pytest
from django.urls import reverse

from reviews.claims import set_verdict
from reviews.evidence import add_evidence
from reviews.models import Claim, Event, Evidence
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory
from tests.helpers import HTMX, full_card


def merge_url(claim):
    return reverse("reviews:merge", args=[claim.pk])


def merge(client, claim, following, **data):
    data = {"version": claim.version, "following": f"{following.pk}:{following.version}"} | data
    return client.post(merge_url(claim), data, **HTMX)


@pytest.fixture
def disputed_second(editor, second_claim):
    set_verdict(
        claim=second_claim,
        editor=editor,
        verdict="disputed",
        note="Ministry data",
        expected_version=1,
    )
    add_evidence(claim=second_claim, editor=editor, source=SourceFactory(name="Eurostat"))
    second_claim.refresh_from_db()
    return second_claim


def test_merge_asks_first_and_says_what_will_happen(editor_client, claim, disputed_second):
    response = editor_client.get(merge_url(claim), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Merge with the next claim?" in html
    assert "3,000 cars cross it every day" in html
    assert "which one stays?" in html  # unreviewed vs disputed
    assert "1 evidence item moves to this claim" in html
    assert Claim.objects.get(pk=claim.pk).end == claim.end  # asking changed nothing


def test_the_card_opens_the_dialog_instead_of_merging(editor_client, claim, second_claim):
    html = full_card(editor_client, claim)
    assert f'hx-get="{merge_url(claim)}"' in html
    assert f'hx-post="{merge_url(claim)}"' not in html


def test_different_verdicts_need_a_choice(editor_client, claim, disputed_second):
    response = merge(editor_client, claim, disputed_second)
    assert response.status_code == 422
    assert "choose the one that stays" in response.content.decode()
    assert response.headers["HX-Retarget"] == f"#claim-extra-{claim.pk}"
    assert Claim.objects.get(pk=disputed_second.pk).state != "rejected"


def test_merge_keeps_the_chosen_verdict_notes_and_moves_evidence(
    editor_client, claim, disputed_second
):
    response = merge(editor_client, claim, disputed_second, verdict="disputed")
    assert response.status_code == 200
    assert "Claims merged." in response.content.decode()
    claim.refresh_from_db()
    disputed_second.refresh_from_db()
    assert claim.verdict == "disputed" and claim.note == "Ministry data"
    assert claim.text.startswith("the bridge cost") and claim.text.endswith("every day")
    assert disputed_second.state == "rejected"
    assert list(Evidence.objects.current().filter(claim=claim).values_list("source__name")) == [
        ("Eurostat",)
    ]
    assert not Evidence.objects.filter(claim=disputed_second).exists()
    merged = Event.objects.filter(action="claim.merged")
    assert {e.claim_id for e in merged} == {claim.pk, disputed_second.pk}
    history = editor_client.get(reverse("reviews:claim_history", args=[claim.pk]), **HTMX)
    assert "merged two claims" in history.content.decode()
    assert "Undo this merge" in history.content.decode()


def test_merge_refuses_a_next_claim_that_changed_since_the_dialog(
    editor_client, editor, claim, second_claim
):
    shown = f"{second_claim.pk}:{second_claim.version}"
    set_verdict(claim=second_claim, editor=editor, verdict="disputed", note="", expected_version=1)
    response = editor_client.post(
        merge_url(claim), {"version": 1, "following": shown, "verdict": "disputed"}, **HTMX
    )
    assert response.status_code == 422
    assert "The next claim changed since you looked" in response.content.decode()
    assert Claim.objects.get(pk=second_claim.pk).state == "accepted"


def test_merge_never_joins_a_caption_to_body_text(editor_client):
    body = "Rescuers at the scene of the strike on Tuesday.\n\nThe strike killed 12 people."
    caption_end = body.index("\n")
    article = ArticleFactory(
        body=body, blocks=[{"kind": "caption", "start": 0, "end": caption_end}]
    )
    caption = ClaimFactory(article=article, quote="Rescuers at the scene of the strike on Tuesday.")
    ClaimFactory(article=article, quote="The strike killed 12 people.")
    response = editor_client.get(merge_url(caption), **HTMX)
    assert "another part of the page (caption and body)" in response.content.decode()
    response = editor_client.post(merge_url(caption), {"version": 1}, **HTMX)
    assert "another part of the page" in response.content.decode()
    assert Claim.objects.filter(state="rejected").count() == 0


def test_undo_puts_both_claims_and_the_evidence_back(editor_client, claim, disputed_second):
    merge(editor_client, claim, disputed_second, verdict="disputed")
    event = Event.objects.get(action="claim.merged", claim=claim)
    response = editor_client.post(
        reverse("reviews:merge_undo", args=[claim.pk]), {"event": event.pk}, **HTMX
    )
    assert response.status_code == 200
    assert "Merge undone." in response.content.decode()
    claim.refresh_from_db()
    disputed_second.refresh_from_db()
    assert claim.text == "the bridge cost 12 million euros"
    assert (claim.verdict, claim.note) == ("unreviewed", "")
    assert disputed_second.state == "accepted" and disputed_second.verdict == "disputed"
    assert Evidence.objects.current().get().claim_id == disputed_second.pk
    assert Event.objects.filter(action="claim.unmerged").count() == 2


def test_undo_is_refused_once_a_claim_changed_after_the_merge(
    editor_client, editor, claim, disputed_second
):
    merge(editor_client, claim, disputed_second, verdict="disputed")
    claim.refresh_from_db()
    set_verdict(
        claim=claim, editor=editor, verdict="corroborated", note="", expected_version=claim.version
    )
    event = Event.objects.get(action="claim.merged", claim=claim)
    response = editor_client.post(
        reverse("reviews:merge_undo", args=[claim.pk]), {"event": event.pk}, **HTMX
    )
    assert "changed after the merge" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).verdict == "corroborated"
    assert Claim.objects.get(pk=disputed_second.pk).state == "rejected"


def test_merge_without_a_next_claim_says_so(editor_client, claim):
    response = editor_client.get(merge_url(claim), **HTMX)
    assert "There is no later claim to merge with." in response.content.decode()
