import pytest
from django.urls import reverse

from reviews.claims import set_verdict
from reviews.models import VerdictRecord
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
