import pytest
from django.urls import reverse

from reviews.claims import set_verdict
from reviews.models import Claim, VerdictRecord
from tests.factories import SourceFactory


@pytest.mark.parametrize("model", ["source", "article", "claim", "verdictrecord"])
def test_admin_changelists_load(admin_client, claim, model):
    SourceFactory(name="Reuters")
    response = admin_client.get(reverse(f"admin:reviews_{model}_changelist"))
    assert response.status_code == 200


def test_source_admin_searches_and_filters(admin_client):
    SourceFactory(name="Reuters", kind="news_agency", reliability="high")
    SourceFactory(name="Ministry of Defence", kind="military", reliability="low")
    url = reverse("admin:reviews_source_changelist")
    assert b"Ministry of Defence" not in admin_client.get(url, {"q": "reut"}).content
    filtered = admin_client.get(url, {"kind__exact": "military"}).content
    assert b"Ministry of Defence" in filtered and b"Reuters" not in filtered


def test_article_admin_shows_claim_inlines_and_freezes_the_body(admin_client, claim):
    response = admin_client.get(reverse("admin:reviews_article_change", args=[claim.article_id]))
    html = response.content.decode()
    assert "the bridge cost 12 million euros" in html
    assert 'name="body"' not in html  # read-only once claims are anchored


def test_verdict_history_is_read_only_in_admin(admin_client, claim, editor):
    record = set_verdict(
        claim=claim, editor=editor, verdict="disputed", note="n", expected_version=1
    )
    assert admin_client.get(reverse("admin:reviews_verdictrecord_add")).status_code == 403
    change = admin_client.get(reverse("admin:reviews_verdictrecord_change", args=[record.pk]))
    assert change.status_code == 200 and b'name="note"' not in change.content
    delete = admin_client.post(
        reverse("admin:reviews_verdictrecord_delete", args=[record.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
    assert VerdictRecord.objects.count() == 1


def test_editors_without_staff_cannot_open_admin(editor_client):
    response = editor_client.get(reverse("admin:index"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def inline_post(article, claim, **changes):
    """The article change form as admin would post it, with the claim inline."""
    data = {
        "title": article.title,
        "outlet": article.outlet,
        "url": "",
        "byline": "",
        "published_on": "",
        "body": article.body,
        "origin": article.origin,
        "created_at_0": "2024-01-01",
        "created_at_1": "10:00:00",
        "second_review_blind": "on",
        "revision": article.revision,
        "claims-TOTAL_FORMS": "1",
        "claims-INITIAL_FORMS": "1",
        "claims-MIN_NUM_FORMS": "0",
        "claims-MAX_NUM_FORMS": "1000",
        "claims-0-id": str(claim.pk),
        "claims-0-article": str(article.pk),
    }
    return data | changes


def test_admin_cannot_delete_a_claim_through_the_article_inline(admin_client, claim):
    article = claim.article
    url = reverse("admin:reviews_article_change", args=[article.pk])
    admin_client.post(url, inline_post(article, claim, **{"claims-0-DELETE": "on"}))
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_claims_are_read_only_in_admin_and_change_only_through_audited_actions(admin_client, claim):
    change = reverse("admin:reviews_claim_change", args=[claim.pk])
    response = admin_client.post(change, {"text": "Rewritten behind the record", "article": 99})
    claim.refresh_from_db()
    assert claim.text == "the bridge cost 12 million euros" and claim.version == 1
    assert response.status_code == 403
    assert (
        admin_client.post(
            reverse("admin:reviews_claim_delete", args=[claim.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    admin_client.post(
        reverse("admin:reviews_claim_changelist"),
        {"action": "reject_claims", "_selected_action": [claim.pk]},
    )
    claim.refresh_from_db()
    assert claim.state == "rejected" and claim.version == 2
    assert claim.events.filter(action="claim.state").count() == 1


def test_admin_status_changes_follow_the_workflow_and_are_audited(admin_client, claim):
    article = claim.article  # in review, with an unreviewed claim
    changelist = reverse("admin:reviews_article_changelist")
    response = admin_client.post(
        changelist,
        {"action": "move_to_published", "_selected_action": [article.pk]},
        follow=True,
    )
    article.refresh_from_db()
    assert article.status == "in_review"  # in review cannot jump to published
    assert "cannot go from" in response.content.decode()
    admin_client.post(
        changelist, {"action": "move_to_second_review", "_selected_action": [article.pk]}
    )
    article.refresh_from_db()
    assert article.status == "second_review"
    assert article.events.filter(action="article.status").count() == 1


def test_an_article_with_claims_cannot_be_deleted_in_admin(admin_client, claim):
    url = reverse("admin:reviews_article_delete", args=[claim.article_id])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_editing_an_article_in_admin_is_audited(admin_client, claim):
    article = claim.article
    url = reverse("admin:reviews_article_change", args=[article.pk])
    response = admin_client.post(url, inline_post(article, claim, title="A better title"))
    assert response.status_code == 302, response.content.decode()[:2000]
    event = article.events.get(action="article.edit")
    assert event.before == {"title": article.title} and event.after == {"title": "A better title"}
