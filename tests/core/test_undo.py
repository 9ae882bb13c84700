"""Undo (`u` and the toast's Undo button): the editor's last action on the article, taken
back as a new audited change, refused when a colleague changed the claim since."""

from django.urls import reverse

from reviews.claims import set_state, set_verdict
from reviews.models import Claim, Event, VerdictRecord
from tests.factories import ClaimFactory
from tests.helpers import HTMX, logged_in


def undo(client, article, **data):
    return client.post(reverse("reviews:undo", args=[article.pk]), data, **HTMX)


def verdict(client, claim, value, note=""):
    claim.refresh_from_db()
    data = {"version": claim.version, "verdict": value, "note": note, "confirm_no_evidence": "1"}
    return client.post(reverse("reviews:claim_review", args=[claim.pk]), data, **HTMX)


def test_undo_puts_the_verdict_back_and_history_says_undone(editor_client, claim):
    state = claim.state
    verdict(editor_client, claim, "disputed", note="Ministry figures differ")
    response = undo(editor_client, claim.article)
    assert response.status_code == 200
    assert response["HX-Reswap"] == "none"  # the card comes back out of band
    html = response.content.decode()
    assert 'class="claim-card verdict-unreviewed' in html and "Undone: the verdict." in html
    claim.refresh_from_db()
    assert (claim.verdict, claim.note, claim.state) == ("unreviewed", "", state)
    event = Event.objects.filter(claim=claim).order_by("pk").last()
    assert event.action == "claim.undone"
    assert event.before["verdict"] == "disputed" and event.after["verdict"] == "unreviewed"
    assert VerdictRecord.objects.filter(claim=claim).order_by("pk").last().verdict == "unreviewed"
    history = editor_client.get(reverse("reviews:claim_history", args=[claim.pk]), **HTMX)
    assert "undone: put back what was there before" in history.content.decode()


def test_the_toast_after_a_verdict_offers_undo_of_that_action(editor_client, claim):
    html = verdict(editor_client, claim, "disputed").content.decode()
    batch = str(Event.objects.filter(claim=claim, action="claim.verdict").get().batch)
    assert f'class="small-button undo-button" data-batch="{batch}"' in html
    assert undo(editor_client, claim.article, batch=batch).status_code == 200
    # The same button pressed again (a second tab): that action is no longer the last one.
    again = undo(editor_client, claim.article, batch=batch)
    assert again.status_code == 409 and "already undone" in again.content.decode()


def test_undo_twice_goes_back_one_action_at_a_time(editor_client, claim):
    verdict(editor_client, claim, "disputed")
    verdict(editor_client, claim, "corroborated")
    undo(editor_client, claim.article)
    claim.refresh_from_db()
    assert claim.verdict == "disputed"
    undo(editor_client, claim.article)
    claim.refresh_from_db()
    assert claim.verdict == "unreviewed"
    nothing = undo(editor_client, claim.article)
    assert nothing.status_code == 409
    assert "Nothing to undo" in nothing.content.decode()
    assert nothing["HX-Retarget"] == "#flash"
    assert 'hx-swap-oob="innerHTML:#announcer"' in nothing.content.decode()  # the toast


def test_undo_is_refused_when_a_colleague_changed_the_claim_since(
    editor_client, second_editor, claim
):
    verdict(editor_client, claim, "disputed")
    claim.refresh_from_db()
    set_verdict(
        claim=claim, editor=second_editor, verdict="disputed", note="+ source", expected_version=2
    )
    response = undo(editor_client, claim.article)
    assert response.status_code == 409
    assert f"{second_editor} changed this claim after you" in response.content.decode()
    claim.refresh_from_db()
    assert (claim.verdict, claim.note) == ("disputed", "+ source")
    assert not Event.objects.filter(action="claim.undone").exists()


def test_undo_only_takes_back_my_own_actions(editor_client, second_editor, claim, second_claim):
    verdict(editor_client, claim, "disputed")
    set_verdict(
        claim=second_claim, editor=second_editor, verdict="disputed", note="", expected_version=1
    )
    undo(editor_client, claim.article)  # mine, on the first claim; not the colleague's later one
    claim.refresh_from_db(), second_claim.refresh_from_db()
    assert (claim.verdict, second_claim.verdict) == ("unreviewed", "disputed")


def test_undo_reverses_accept_and_reject(editor, editor_client, claim):
    state = claim.state
    set_state(claim=claim, editor=editor, state="rejected", expected_version=claim.version)
    html = undo(editor_client, claim.article).content.decode()
    assert "Undone: the accept/reject." in html
    claim.refresh_from_db()
    assert claim.state == state != "rejected"


def test_undo_of_a_bulk_change_takes_it_back_whole(editor_client, claim, second_claim):
    claims = [claim, second_claim]
    data = {"verdict": "disputed", "claims": [f"{c.pk}:{c.version}" for c in claims]}
    bulk = editor_client.post(reverse("reviews:bulk_action", args=[claim.article_id]), data, **HTMX)
    assert 'hx-swap-oob="innerHTML:#bulk-message"' in bulk.content.decode()  # by the bar
    assert "undo-button" in bulk.content.decode()
    html = undo(editor_client, claim.article).content.decode()
    assert "Undone: the verdict of 2 claims." in html
    assert html.count('class="claim-card verdict-unreviewed') == 2
    assert set(Claim.objects.values_list("verdict", flat=True)) == {"unreviewed"}
    assert Event.objects.filter(action="claim.undone").count() == 2


def test_undo_of_a_merge_unmerges(editor_client, claim, second_claim):
    url = reverse("reviews:merge", args=[claim.pk])
    data = {"version": 1, "following": f"{second_claim.pk}:1"}
    assert editor_client.post(url, data, **HTMX).status_code == 200
    response = undo(editor_client, claim.article)
    assert response["HX-Retarget"] == "#review-body"
    assert "Undone: the merge." in response.content.decode()
    claim.refresh_from_db(), second_claim.refresh_from_db()
    assert claim.text == "the bridge cost 12 million euros" and second_claim.state != "rejected"


def test_undo_on_a_published_article_is_refused(editor, editor_client, claim):
    set_state(claim=claim, editor=editor, state="accepted", expected_version=1)
    article = claim.article
    article.status = "published"
    article.save(update_fields=["status"])
    response = undo(editor_client, article)
    assert response.status_code == 409
    claim.refresh_from_db()
    assert claim.state == "accepted"


def test_readers_cannot_undo(reader, editor_client, claim):
    verdict(editor_client, claim, "disputed")
    url = reverse("reviews:undo", args=[claim.article_id])
    assert logged_in(reader).post(url).status_code == 403
    claim.refresh_from_db()
    assert claim.verdict == "disputed"


def test_finding_the_last_action_costs_the_same_whatever_the_history(
    editor_client, claim, django_assert_max_num_queries
):
    for _ in range(30):
        other = ClaimFactory(article=claim.article)
        verdict(editor_client, other, "disputed")
    verdict(editor_client, claim, "disputed")
    with django_assert_max_num_queries(30):
        assert undo(editor_client, claim.article).status_code == 200
