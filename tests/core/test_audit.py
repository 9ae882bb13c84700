"""Each audited action writes exactly one event, with the right before and after."""

import pytest
from django.urls import reverse

from reviews.claims import set_verdict
from reviews.models import Article, Event
from tests.factories import SourceFactory
from tests.helpers import HTMX


def events():
    return list(Event.objects.order_by("pk").values("action", "before", "after"))


def test_verdict_writes_one_event(editor_client, claim):
    editor_client.post(
        reverse("reviews:claim_review", args=[claim.pk]),
        {"version": 1, "verdict": "disputed", "note": "15m", "confirm_no_evidence": "1"},
        **HTMX,
    )
    assert events() == [
        {
            "action": "claim.verdict",
            "before": {"verdict": "unreviewed", "note": ""},
            "after": {"verdict": "disputed", "note": "15m"},
        }
    ]


def test_note_only_writes_a_note_event(editor_client, editor, claim):
    set_verdict(claim=claim, editor=editor, verdict="disputed", note="a", expected_version=1)
    editor_client.post(
        reverse("reviews:claim_review", args=[claim.pk]), {"version": 2, "note": "b"}, **HTMX
    )
    assert events()[-1] == {"action": "claim.note", "before": {"note": "a"}, "after": {"note": "b"}}
    assert len(events()) == 2


def test_reject_writes_one_state_event(editor_client, claim):
    editor_client.post(reverse("reviews:reject", args=[claim.pk]), {"version": 1}, **HTMX)
    assert events() == [
        {"action": "claim.state", "before": {"state": "accepted"}, "after": {"state": "rejected"}}
    ]


def test_wording_edit_writes_one_event(editor_client, claim):
    editor_client.post(
        reverse("reviews:claim_wording", args=[claim.pk]),
        {"version": 1, "text": "Bridge cost 12m euros", "attribution": "the mayor"},
        **HTMX,
    )
    assert events() == [
        {
            "action": "claim.text",
            "before": {"text": "the bridge cost 12 million euros"},
            "after": {"text": "Bridge cost 12m euros"},
        }
    ]


def test_adding_a_claim_writes_one_event(editor_client, article):
    editor_client.post(
        reverse("reviews:claim_add", args=[article.pk]), {"quote": "Critics disagree."}, **HTMX
    )
    (event,) = events()
    assert event["action"] == "claim.add" and event["after"]["text"] == "Critics disagree."


def test_evidence_add_writes_one_event(editor_client, claim):
    source = SourceFactory(name="EFE")
    editor_client.post(
        reverse("reviews:evidence_add", args=[claim.pk]),
        {
            "source": source.pk,
            "source_query": "EFE",
            "stance": "supports",
            "accessed_on": "2026-11-01",
        },
        **HTMX,
    )
    (event,) = events()
    assert event["action"] == "evidence.add" and event["after"]["source"] == source.pk


def test_every_event_bumps_the_article_revision(editor_client, claim):
    before = Article.objects.get(pk=claim.article_id).revision
    editor_client.post(reverse("reviews:reject", args=[claim.pk]), {"version": 1}, **HTMX)
    editor_client.post(reverse("reviews:restore", args=[claim.pk]), {"version": 2}, **HTMX)
    assert Article.objects.get(pk=claim.article_id).revision == before + 2


def test_events_are_append_only(editor_client, claim):
    from django.core.exceptions import ValidationError

    editor_client.post(reverse("reviews:reject", args=[claim.pk]), {"version": 1}, **HTMX)
    event = Event.objects.get()
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()


def test_claim_and_article_timelines_show_the_changes(editor_client, editor, claim):
    set_verdict(
        claim=claim, editor=editor, verdict="disputed", note="<b>15m</b>", expected_version=1
    )
    claim_history = editor_client.get(reverse("reviews:claim_history", args=[claim.pk]), **HTMX)
    html = claim_history.content.decode()
    assert "<strong>eddie</strong> set the verdict" in html
    assert "<ins>verdict: disputed</ins>" in html and "&lt;b&gt;15m&lt;/b&gt;" in html
    article_history = editor_client.get(
        reverse("reviews:article_history", args=[claim.article_id]), **HTMX
    ).content.decode()
    assert "on claim “the bridge cost 12 million euros”" in article_history


def test_history_opened_on_its_own_is_a_whole_page(editor_client, claim):
    html = editor_client.get(reverse("reviews:article_history", args=[claim.article_id])).content
    assert b"<html" in html and b"Back to" in html
