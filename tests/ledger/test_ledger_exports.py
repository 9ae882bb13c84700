"""Exports carry the ledger: the report and Markdown show archived dates and snapshot links,
the CSV has each evidence item's snapshot hash and status; the public report's snapshot links
open for anyone once published, and ClaimReview's links stay the same."""

import csv
import io
import json

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reviews.claims import set_verdict
from reviews.evidence import add_evidence
from reviews.ledger.models import Snapshot
from reviews.models import Article
from tests.factories import ClaimFactory
from tests.helpers import before_publication, run_worker
from tests.ledger.pages import story_html

EXCERPT = "3,000 cars cross it every day"


def reviewed_with_evidence(editor, reuters, pages, *, status=Article.Status.IN_REVIEW):
    pages.add("/story", story_html())
    claim = ClaimFactory(quote="the bridge cost 12 million euros")
    with before_publication(claim.article):
        good = add_evidence(
            claim=claim, editor=editor, source=reuters, url=pages.base + "/story", excerpt=EXCERPT
        )
        add_evidence(claim=claim, editor=editor, source=reuters, url=pages.base + "/missing")
        set_verdict(
            claim=claim, editor=editor, verdict="corroborated", note="ok", expected_version=1
        )
    Article.objects.filter(pk=claim.article_id).update(status=status)
    run_worker()
    return claim, Snapshot.objects.get(evidence=good)


def csv_rows(client, claim):
    response = client.get(reverse("exports:article_claims_csv", args=[claim.article_id]))
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def test_the_csv_has_each_items_snapshot_hash_and_status(editor_client, editor, reuters, pages):
    claim, snapshot = reviewed_with_evidence(editor, reuters, pages)
    [row] = csv_rows(editor_client, claim)
    assert row["evidence_snapshot_sha256"].split("\n") == [snapshot.sha256, ""]
    assert row["evidence_snapshot_status"].split("\n") == [
        "archived, HTTP 200",
        "not archived: The site answered 404 Not Found",
    ]
    archived_at = row["evidence_archived_at"].split("\n")[0]
    assert archived_at == timezone.localtime(snapshot.fetched_at).isoformat()
    assert row["evidence_snapshot_url"].split("\n")[0] == (
        f"http://testserver/snapshots/{snapshot.pk}/"
    )


def test_markdown_shows_the_archived_date_and_the_snapshot_link(
    editor_client, editor, reuters, pages
):
    claim, snapshot = reviewed_with_evidence(editor, reuters, pages)
    response = editor_client.get(
        reverse("exports:article_report_markdown", args=[claim.article_id])
    )
    text = response.content.decode()
    day = timezone.localdate(snapshot.fetched_at).isoformat()
    assert f"; archived {day}: <http://testserver/snapshots/{snapshot.pk}/>)" in text
    assert "; not archived: The site answered 404 Not Found)" in text


def test_the_public_report_links_the_snapshot_which_anyone_may_open(
    editor, reuters, pages, django_assert_max_num_queries
):
    claim, snapshot = reviewed_with_evidence(
        editor, reuters, pages, status=Article.Status.PUBLISHED
    )
    anonymous = Client()
    report = anonymous.get(reverse("exports:article_report", args=[claim.article_id]))
    html = report.content.decode()
    assert f'<a href="/snapshots/{snapshot.pk}/" class="snapshot-link">archived' in html
    with django_assert_max_num_queries(6):
        page = anonymous.get(f"/snapshots/{snapshot.pk}/")
    assert page.status_code == 200 and '<mark id="excerpt"' in page.content.decode()
    # ClaimReview points at the report and the article, as before: no archive link in it.
    data = json.loads(anonymous.get(reverse("exports:claim_claimreview", args=[claim.pk])).content)
    assert data["url"] == f"http://testserver/articles/{claim.article_id}/report/#claim-{claim.pk}"


def test_the_snapshot_of_an_unpublished_fact_check_is_not_public(editor, reuters, pages):
    claim, snapshot = reviewed_with_evidence(editor, reuters, pages)
    assert Client().get(f"/snapshots/{snapshot.pk}/").status_code == 404
