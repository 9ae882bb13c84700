"""Two editors saving the same claim at the same moment, on real connections."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from reviews.models import Claim, Event, VerdictRecord
from tests.factories import ArticleFactory, ClaimFactory, EditorFactory
from tests.helpers import HTMX

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises all writers, so nothing runs at once",
    ),
]


def save_at_once(claim, editors, verdicts):
    """Each thread posts with the same stale-or-not version, released together."""
    barrier = threading.Barrier(len(editors))
    results = [None] * len(editors)

    def post(i):
        client = Client()
        client.force_login(editors[i])
        barrier.wait()
        try:
            results[i] = client.post(
                reverse("reviews:claim_review", args=[claim.pk]),
                {
                    "version": 1,
                    "verdict": verdicts[i],
                    "note": f"by {i}",
                    "confirm_no_evidence": "1",
                },
                **HTMX,
            ).status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(i,)) for i in range(len(editors))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.parametrize("round_", range(10))
def test_exactly_one_of_two_simultaneous_saves_wins(round_):
    claim = ClaimFactory(article=ArticleFactory())
    editors = [EditorFactory(), EditorFactory()]
    statuses = save_at_once(claim, editors, ["corroborated", "disputed"])
    assert sorted(statuses) == [200, 409]
    winner = statuses.index(200)
    claim = Claim.objects.get(pk=claim.pk)
    assert claim.version == 2
    assert claim.verdict == ["corroborated", "disputed"][winner]
    assert claim.note == f"by {winner}"
    # History: the accepted save and the refused one, with what it tried to save.
    assert VerdictRecord.objects.filter(claim=claim).count() == 1
    assert Event.objects.filter(claim=claim, action="claim.verdict").count() == 1
    conflict = Event.objects.get(claim=claim, action="claim.conflict")
    assert conflict.after["note"] == f"by {1 - winner}"
    assert conflict.after["based_on_version"] == 1
