"""Double submits make one row: the evidence and claim forms carry a one-time key.

The reported failure: three identical claim adds made three claims; a double evidence
submit made two items. (Three identical imports: unique on content hash, tests/ingest.)
"""

import re
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from reviews.idempotency import new_key
from reviews.models import Claim, Event, Evidence
from tests.factories import ArticleFactory, ClaimFactory, EditorFactory, SourceFactory
from tests.helpers import HTMX


def evidence_post(claim, key):
    return {
        "source_query": "Reuters",
        "stance": "supports",
        "url": "https://example.org/a",
        "accessed_on": "2026-01-02",
        "submission": key,
    }


def test_the_forms_carry_a_fresh_key(editor_client, claim):
    page = editor_client.get(claim.article.get_absolute_url()).content.decode()
    form = editor_client.get(reverse("reviews:evidence_add", args=[claim.pk]), **HTMX)
    keys = re.findall(r'name="submission" value="([0-9a-f]{32})"', page + form.content.decode())
    assert len(keys) == 2 and keys[0] != keys[1]


def test_a_double_evidence_submit_adds_one_item(editor_client, claim):
    SourceFactory(name="Reuters")
    key = new_key()
    url = reverse("reviews:evidence_add", args=[claim.pk])
    first = editor_client.post(url, evidence_post(claim, key), **HTMX)
    second = editor_client.post(url, evidence_post(claim, key), **HTMX)
    assert first.status_code == second.status_code == 200
    assert "Already saved: that evidence was added once." in second.content.decode()
    assert Evidence.objects.filter(claim=claim).count() == 1
    assert Event.objects.filter(action="evidence.add").count() == 1
    editor_client.post(url, evidence_post(claim, new_key()), **HTMX)  # a new form: a new item
    assert Evidence.objects.filter(claim=claim).count() == 2


def test_a_refused_submit_leaves_its_key_for_the_retry(editor_client, claim):
    SourceFactory(name="Reuters")
    key = new_key()
    url = reverse("reviews:evidence_add", args=[claim.pk])
    bad = evidence_post(claim, key) | {"url": "not a link"}
    assert editor_client.post(url, bad, **HTMX).status_code == 422
    editor_client.post(url, evidence_post(claim, key), **HTMX)
    assert Evidence.objects.filter(claim=claim).count() == 1


def test_a_triple_claim_add_adds_one_claim(editor_client, article):
    url = reverse("reviews:claim_add", args=[article.pk])
    key = new_key()
    answers = [
        editor_client.post(url, {"quote": "Critics disagree.", "submission": key}, **HTMX)
        for _ in range(3)
    ]
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert "Already added" in answers[2].content.decode()
    assert Claim.objects.filter(article=article).count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite serialises all writers, so nothing runs at once",
)
@pytest.mark.parametrize("round_", range(3))
def test_simultaneous_twins_make_one_evidence_item(round_):
    claim = ClaimFactory(article=ArticleFactory())
    SourceFactory(name="Reuters")
    editor = EditorFactory()
    key = new_key()
    barrier = threading.Barrier(3)
    statuses = []

    def post():
        client = Client()
        client.force_login(editor)
        barrier.wait()
        try:
            url = reverse("reviews:evidence_add", args=[claim.pk])
            statuses.append(client.post(url, evidence_post(claim, key), **HTMX).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200, 200, 200]
    assert Evidence.objects.filter(claim=claim).count() == 1
