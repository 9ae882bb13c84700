"""Article status transitions, who may make them, and assignment."""

import pytest
from django.urls import reverse

from reviews.claims import set_verdict
from reviews.models import Article, Event
from reviews.workflow import TransitionRefused, allowed_transitions, change_status
from tests.helpers import HTMX, logged_in


def move(client, article, to, expected=None, htmx=True):
    data = {"to": to, "expected": expected or article.status}
    url = reverse("reviews:article_status", args=[article.pk])
    return client.post(url, data, **(HTMX if htmx else {}))


def test_editor_starts_the_review_and_the_header_swaps(editor_client, article):
    article.status = "new"
    article.save(update_fields=["status"])
    response = move(editor_client, article, "in_review")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<span class="status status-in_review">In review</span>' in html
    assert "Ask for a second review" in html and "Mark done" in html
    assert Article.objects.get(pk=article.pk).status == "in_review"
    event = Event.objects.get(action="article.status")
    assert (event.before, event.after) == ({"status": "new"}, {"status": "in_review"})


def test_done_needs_every_claim_reviewed(editor_client, editor, claim, second_claim):
    response = move(editor_client, claim.article, "done")
    assert response.status_code == 422
    assert "2 claims are not reviewed or decided yet." in response.content.decode()
    for c in (claim, second_claim):
        set_verdict(claim=c, editor=editor, verdict="disputed", note="", expected_version=c.version)
    assert move(editor_client, claim.article, "done").status_code == 200


def test_only_admins_publish(editor, admin, article):
    article.status = "done"
    article.save(update_fields=["status"])
    assert ("published", "Publish") not in allowed_transitions(article, editor)
    assert ("published", "Publish") in allowed_transitions(article, admin)
    with pytest.raises(TransitionRefused, match="Only admins can publish"):
        change_status(article, user=editor, to="published", expected="done")
    change_status(article, user=admin, to="published", expected="done")
    assert Article.objects.get(pk=article.pk).status == "published"


def test_impossible_transition_is_refused(editor_client, article):
    article.status = "new"
    article.save(update_fields=["status"])
    response = move(editor_client, article, "published")
    assert response.status_code == 422
    assert "cannot go from “New” to “Published”" in response.content.decode()


def test_a_stale_status_change_is_refused(editor_client, article):
    article.status = "in_review"
    article.save(update_fields=["status"])
    response = move(editor_client, article, "second_review", expected="new")
    assert response.status_code == 422
    assert Article.objects.get(pk=article.pk).status == "in_review"


def test_readers_cannot_change_status(reader_client, article):
    assert move(reader_client, article, "done").status_code == 403
    assert move(reader_client, article, "done", htmx=False).status_code == 403


def test_plain_post_redirects_with_a_message(editor_client, article):
    response = move(editor_client, article, "second_review", htmx=False)
    assert response.status_code == 302
    assert (
        "Status: Needs second review." in editor_client.get(response["Location"]).content.decode()
    )


def test_assign_editors_from_the_review_page(editor_client, editor, article):
    form = editor_client.get(reverse("reviews:article_assign", args=[article.pk]), **HTMX)
    assert f'value="{editor.pk}"' in form.content.decode()
    response = editor_client.post(
        reverse("reviews:article_assign", args=[article.pk]), {"editors": [editor.pk]}, **HTMX
    )
    assert "Assigned: eddie" in response.content.decode()
    assert list(article.assignees.all()) == [editor]
    event = Event.objects.get(action="article.assign")
    assert (event.before, event.after) == ({"assignees": []}, {"assignees": ["eddie"]})


def test_bulk_assign_from_the_article_list(editor_client, editor, article):
    other = Article.objects.create(title="Other", body="Some text here.")
    response = editor_client.post(
        reverse("reviews:bulk_assign"), {"articles": [article.pk, other.pk], "editor": editor.pk}
    )
    assert response.status_code == 302
    assert set(editor.assigned_articles.all()) == {article, other}


def test_readers_cannot_assign(reader_client, editor, article):
    url = reverse("reviews:article_assign", args=[article.pk])
    assert reader_client.post(url, {"editors": [editor.pk]}).status_code == 403
    assert reader_client.post(reverse("reviews:bulk_assign"), {}).status_code == 403
    assert not article.assignees.exists()


def test_staff_can_change_status(admin, article):
    assert move(logged_in(admin), article, "second_review").status_code == 200


def test_article_list_offers_bulk_assignment_to_editors_only(editor_client, reader_client, article):
    html = editor_client.get(reverse("reviews:article_list")).content.decode()
    assert 'action="/articles/assign/"' in html
    assert f'name="articles" value="{article.pk}" form="assign-form"' in html
    assert (
        b'action="/articles/assign/"'
        not in reader_client.get(reverse("reviews:article_list")).content
    )


def test_published_articles_say_they_are_locked_for_corrections(editor_client, claim):
    Article.objects.filter(pk=claim.article_id).update(status="published")
    html = editor_client.get(claim.article.get_absolute_url()).content.decode()
    assert "the fact-check is locked" in html
    assert "an admin gives the reason, shown to readers" in html


def test_back_from_second_review_is_labelled_as_such(editor, article):
    article.status = "second_review"
    assert ("in_review", "Back to review") in allowed_transitions(article, editor)


def test_an_unknown_status_gets_a_plain_message(editor_client, article):
    response = move(editor_client, article, "bogus")
    assert response.status_code == 422
    assert "cannot go from" in response.content.decode() or "not an article status" in (
        response.content.decode()
    )


def test_the_first_verdict_on_a_new_article_starts_its_review(editor_client, editor, claim):
    """Reported: an article stayed "New" while verdicts were given."""
    Article.objects.filter(pk=claim.article_id).update(status="new")
    response = editor_client.post(
        reverse("reviews:claim_review", args=[claim.pk]),
        {"version": 1, "verdict": "disputed", "note": "", "confirm_no_evidence": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert Article.objects.get(pk=claim.article_id).status == "in_review"
    event = Event.objects.get(action="article.status")
    assert event.actor == editor and event.after == {"status": "in_review"}
