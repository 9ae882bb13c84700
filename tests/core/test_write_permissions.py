"""Every URL that changes data, for every persona: anonymous users are sent to log in,
readers get 403 and nothing is written, editors and staff are let through."""

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from reviews.comments import post_comment
from reviews.evidence import add_evidence
from reviews.ingest.models import ImportJob
from reviews.models import Event, Evidence
from reviews.notifications.models import Notification, Preference
from tests.factories import ClaimFactory, SourceFactory
from tests.helpers import HTMX, logged_in

# Each write URL: (name, which object's pk it takes, a valid payload).
WRITES = [
    (
        "ingest:article_import",
        None,
        {"method": "paste", "paste-text": "Title\n\nThe army said 40 died."},
    ),
    ("ingest:article_prepare", "article", {}),
    (
        "ingest:article_new_version",
        "article",
        {"text": "The mayor said the bridge cost 14 million euros.\n\nThe bridge opened in 1998."},
    ),
    ("ingest:import_job_retry", "job", {}),
    ("claim_add", "article", {"quote": "Critics disagree."}),
    ("bulk_action", "article", {"verdict": "disputed", "claims": "CLAIM:1"}),
    ("reject_below", "article", {"below": "0.5"}),
    ("propose_more", "article", {}),
    ("undo", "article", {}),
    ("claim_review", "claim", {"version": 1, "verdict": "disputed", "confirm_no_evidence": "1"}),
    ("accept", "claim", {"version": 1}),
    ("reject", "claim", {"version": 1}),
    ("restore", "claim", {"version": 1}),
    ("span", "claim", {"version": 1, "start": 0, "end": 8}),
    ("split", "claim", {"version": 1, "at": 25}),
    ("merge", "claim", {"version": 1}),
    ("merge_undo", "claim", {"event": 1}),
    ("claim_correct", "claim", {"version": 1, "verdict": "disputed", "text": "x", "reason": "y"}),
    ("evidence_add", "claim", {"source_query": "Reuters", "stance": "supports"}),
    ("evidence_edit", "evidence", {"source_query": "Reuters", "stance": "context", "version": 1}),
    ("evidence_remove", "evidence", {"version": 1}),
    ("article_status", "article", {"to": "second_review", "expected": "in_review"}),
    ("article_assign", "article", {"editors": []}),
    ("article_language", "article", {"language": "uk"}),
    ("bulk_assign", None, {"articles": "ARTICLE", "editor": "EDITOR"}),
    ("claim_wording", "claim", {"version": 1, "text": "Reworded", "attribution": "x"}),
    ("second_opinion", "claim", {"verdict": "disputed"}),
    ("search:claim_same_as", "claim", {"action": "unlink", "version": 1}),
    ("ledger:archive_again", "evidence", {}),
    ("comment_add", "claim", {"text": "Which budget? @eddie"}),
    ("comment_edit", "comment", {"text": "Which year's budget?"}),
    ("comment_withdraw", "comment", {}),
    ("notifications:mark_read", "notification", {}),
    ("notifications:mark_all_read", None, {}),
    ("notifications:preferences", None, {"email_kinds": ["mentioned"]}),
]
# Writes only admins may make (editors get 403 like readers).
ADMIN_ONLY = {"claim_correct"}
# Writes only the author of the row may make (the editor persona wrote it; admins get 403).
AUTHOR_ONLY = {"comment_edit", "comment_withdraw"}


@pytest.fixture
def objects(editor, db):
    claim = ClaimFactory(quote="the bridge cost 12 million euros")
    evidence = add_evidence(claim=claim, editor=editor, source=SourceFactory(name="Reuters"))
    job = ImportJob.objects.create(kind="url", url="https://example.org/", status="failed")
    comment = post_comment(claim=claim, author=editor, text="Is this the 2019 figure?")
    notification = Notification.objects.create(user=editor, kind="mentioned", text="x", url="/")
    return {
        "article": claim.article,
        "claim": claim,
        "evidence": evidence,
        "job": job,
        "comment": comment,
        "notification": notification,
    }


def request_for(name, kind, payload, objects, editor):
    url = reverse(
        name if ":" in name else f"reviews:{name}", args=[objects[kind].pk] if kind else []
    )
    data = {}
    for key, value in payload.items():
        value = (
            {
                "CLAIM:1": f"{objects['claim'].pk}:1",
                "ARTICLE": objects["article"].pk,
                "EDITOR": editor.pk,
            }.get(value, value)
            if isinstance(value, str)
            else value
        )
        data[key] = value
    return url, data


def test_every_write_url_is_listed():
    """A new POST view, in the core or any leaf, must be added to WRITES (and so to this matrix)."""
    read_only = {
        "reviews:article_list",
        "ingest:import_job",
        "reviews:articles",
        "reviews:article_review",
        "reviews:claim_card",
        "reviews:claim_window",
        "reviews:article_text",
        "reviews:source_search",
        "reviews:article_history",
        "reviews:article_revisions",
        "reviews:article_revision",
        "reviews:article_changes",
        "reviews:claim_history",
        "reviews:agreement",
        "reviews:healthz",
        "reviews:session_token",
        "search:search",
        "search:similar_claims",
        "search:evidence_memory",
        "exports:article_report",
        "exports:article_report_markdown",
        "exports:article_claimreview",
        "exports:article_claims_csv",
        "exports:claim_claimreview",
        "exports:exports",
        "exports:reviewed_claims_csv",
        "dashboard:dashboard",
        "dashboard:my_queue",
        "ledger:evidence_archive",
        "ledger:snapshot",
        "notifications:list",
        "notifications:bell",
    }
    names = {
        f"{resolver.namespace}:{pattern.name}"
        for resolver in get_resolver().url_patterns
        if getattr(resolver, "namespace", None)
        in {"reviews", "ingest", "search", "exports", "dashboard", "ledger", "notifications"}
        for pattern in resolver.url_patterns
    }
    writes = {name if ":" in name else f"reviews:{name}" for name, _, _ in WRITES}
    assert names - read_only == writes


def snapshot():
    jobs = list(ImportJob.objects.values_list("status", flat=True))
    read = Notification.objects.exclude(read_at=None).count()
    return (
        Event.objects.count(),
        Evidence.objects.current().count(),
        jobs,
        read,
        Preference.objects.count(),
    )


@pytest.mark.parametrize(("name", "kind", "payload"), WRITES, ids=[w[0] for w in WRITES])
def test_anonymous_users_are_sent_to_log_in(name, kind, payload, objects, editor):
    url, data = request_for(name, kind, payload, objects, editor)
    before = snapshot()
    response = Client().post(url, data)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    htmx = Client().post(url, data, **HTMX)
    assert htmx.status_code == 401 and htmx["HX-Trigger"] == "session-expired"
    assert snapshot() == before


@pytest.mark.parametrize(("name", "kind", "payload"), WRITES, ids=[w[0] for w in WRITES])
def test_readers_get_403_and_nothing_changes(name, kind, payload, objects, editor, reader):
    url, data = request_for(name, kind, payload, objects, editor)
    before = snapshot()
    client = logged_in(reader)
    assert client.post(url, data).status_code == 403
    assert client.post(url, data, **HTMX).status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("persona", ["editor", "admin"])
@pytest.mark.parametrize(("name", "kind", "payload"), WRITES, ids=[w[0] for w in WRITES])
def test_editors_and_staff_are_let_through(request, persona, name, kind, payload, objects, editor):
    url, data = request_for(name, kind, payload, objects, editor)
    response = logged_in(request.getfixturevalue(persona)).post(url, data, **HTMX)
    if (name in ADMIN_ONLY and persona == "editor") or (name in AUTHOR_ONLY and persona == "admin"):
        assert response.status_code == 403, name
        return
    assert response.status_code not in (401, 403), name
    assert "/accounts/login/" not in response.get("Location", "")
