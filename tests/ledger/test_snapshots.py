"""Snapshot at citation: saving evidence with a link queues a task that archives the page
through the import fetcher, with its hash and whether the quoted excerpt is in it."""

import hashlib
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from reviews.evidence import edit_evidence
from reviews.ledger.models import Archive, Snapshot
from reviews.models import Article, Event, Evidence
from tests.helpers import HTMX, full_card, run_worker
from tests.ledger.pages import STORY, story_html

EXCERPT = "the bridge cost 12.4 million euros, twice the first estimate"


def add(client, claim, source, url, excerpt=EXCERPT):
    data = {
        "source": source.pk,
        "source_query": source.name,
        "url": url,
        "excerpt": excerpt,
        "stance": "supports",
        "accessed_on": "2026-11-20",
    }
    return client.post(reverse("reviews:evidence_add", args=[claim.pk]), data, **HTMX)


def test_evidence_with_a_link_is_archived_with_its_hash_and_the_excerpt_found(
    editor_client, claim, reuters, pages
):
    page = story_html()
    pages.add("/story", page)
    response = add(editor_client, claim, reuters, pages.base + "/story")
    assert response.status_code == 200
    assert "Archiving the page…" in response.content.decode()  # queued, not fetched in the request
    assert Snapshot.objects.count() == 0 and DBTaskResult.objects.count() == 1

    run_worker()

    snapshot = Snapshot.objects.get()
    assert snapshot.evidence == Evidence.objects.get()
    assert (snapshot.status, snapshot.content_type) == (200, "text/html")
    assert snapshot.final_url == pages.base + "/story"
    assert snapshot.sha256 == hashlib.sha256(page.encode()).hexdigest()
    assert STORY[2] in snapshot.text and "tracking" not in snapshot.text  # trafilatura's text
    assert snapshot.found == "exact"
    assert snapshot.passage == EXCERPT
    card = full_card(editor_client, claim)
    assert f"archived {snapshot.fetched_at:%-d %b %Y}" in card
    assert reverse("ledger:snapshot", args=[snapshot.pk]) in card
    assert "not in the archived page" not in card


def test_an_excerpt_worded_a_little_differently_is_found_fuzzily_with_the_page_words(
    editor_client, claim, reuters, pages
):
    pages.add("/story", story_html())
    add(editor_client, claim, reuters, pages.base + "/story", excerpt=(
        "The council’s accounts show that the bridge cost 12.4 million euros, "
        "twice the first estimates"
    ))  # fmt: skip
    run_worker()
    snapshot = Snapshot.objects.get()
    assert snapshot.found == "fuzzy"
    assert snapshot.passage.startswith("The council's accounts show the bridge cost")
    assert snapshot.passage.endswith("twice the first estimate")


def test_an_excerpt_not_in_the_page_is_a_warning_on_the_card(editor_client, claim, reuters, pages):
    pages.add("/story", story_html())
    add(editor_client, claim, reuters, pages.base + "/story", excerpt="The mayor resigned today")
    run_worker()
    assert Snapshot.objects.get().found == "missing"
    card = full_card(editor_client, claim)
    assert "The excerpt is not in the archived page." in card


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [("/gone", 404, "The site answered 404"), ("/error", 500, "The site answered 500")],
)
def test_a_failed_fetch_is_recorded_and_said_plainly(
    editor_client, claim, reuters, pages, path, status, message
):
    pages.add("/error", b"oops", status=500)
    add(editor_client, claim, reuters, pages.base + path)
    run_worker()
    snapshot = Snapshot.objects.get()
    assert (snapshot.status, snapshot.sha256, snapshot.text) == (status, "", "")
    assert snapshot.error.startswith(message)
    assert Archive.objects.get().state == "failed"
    card = full_card(editor_client, claim)
    assert "Not archived:" in card and message in card


def test_the_snapshot_fetch_refuses_private_addresses_exactly_as_imports_do(
    editor_client, claim, reuters, pages, settings
):
    pages.add("/story", story_html())
    settings.IMPORT_ALLOWED_HOSTS = []  # the server is still there, but not allow-listed
    url = pages.base + "/story"
    add(editor_client, claim, reuters, url)
    run_worker()
    snapshot = Snapshot.objects.get()
    assert snapshot.status is None and snapshot.text == ""
    assert snapshot.error == (
        "The address of “127.0.0.1” (127.0.0.1) is private or local; "
        "only public web pages can be imported."
    )
    # The very words a URL import of the same address is refused with.
    imported = editor_client.post(
        reverse("ingest:article_import"), {"method": "url", "url-url": url}
    )
    run_worker()
    assert snapshot.error in editor_client.get(imported["Location"]).content.decode()


def test_editing_the_link_archives_the_new_page_and_keeps_the_old_snapshot(
    editor, claim, reuters, pages, editor_client
):
    pages.add("/story", story_html())
    pages.add("/other", story_html([*STORY[:2], "Something else entirely."]))
    add(editor_client, claim, reuters, pages.base + "/story")
    run_worker()
    item = Evidence.objects.get()
    edit_evidence(
        evidence=item, editor=editor, expected_version=item.version, url=pages.base + "/other"
    )
    run_worker()
    first, second = Snapshot.objects.order_by("pk")
    assert (first.url, second.url) == (pages.base + "/story", pages.base + "/other")
    assert Archive.objects.get().snapshot == second
    # A note-only change (same link, same excerpt) does not fetch again.
    edit_evidence(evidence=item, editor=editor, expected_version=item.version, stance="contradicts")
    run_worker()
    assert Snapshot.objects.count() == 2


def test_a_snapshot_is_never_changed_once_stored(editor_client, claim, reuters, pages):
    pages.add("/story", story_html())
    add(editor_client, claim, reuters, pages.base + "/story")
    run_worker()
    snapshot = Snapshot.objects.get()
    snapshot.text = "rewritten"
    with pytest.raises(ValueError, match="never changed"):
        snapshot.save()


def test_the_archived_page_shows_the_text_escaped_with_the_excerpt_marked(
    editor_client, claim, reuters, pages
):
    paragraphs = [*STORY, "A &lt;script&gt;alert(1)&lt;/script&gt; tag in the text stays text."]
    pages.add("/story", "<p>" + "</p><p>".join(paragraphs) + "</p>")
    add(editor_client, claim, reuters, pages.base + "/story")
    run_worker()
    snapshot = Snapshot.objects.get()
    response = editor_client.get(reverse("ledger:evidence_archive", args=[snapshot.evidence_id]))
    assert response.status_code == 302 and response["Location"] == snapshot.get_absolute_url()
    html = editor_client.get(snapshot.get_absolute_url()).content.decode()
    assert f'<mark id="excerpt" class="excerpt-match">{EXCERPT}</mark>' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    assert snapshot.sha256 in html


def test_asking_to_archive_again_is_audited_and_queues_a_fresh_snapshot(
    editor_client, editor, claim, reuters, pages
):
    pages.add("/story", story_html())
    add(editor_client, claim, reuters, pages.base + "/story")
    run_worker()
    item = Evidence.objects.get()
    response = editor_client.post(reverse("ledger:archive_again", args=[item.pk]), **HTMX)
    assert response.status_code == 200
    assert "Archiving the page…" in response.content.decode()
    event = Event.objects.get(action="evidence.archive")
    assert (event.actor, event.claim, event.after) == (editor, claim, {"url": item.url})
    run_worker()
    assert Snapshot.objects.count() == 2


def test_readers_cannot_ask_to_archive_again(reader_client, claim, reuters, pages):
    item = Evidence.objects.create(claim=claim, source=reuters, url=pages.base + "/x")
    response = reader_client.post(reverse("ledger:archive_again", args=[item.pk]), **HTMX)
    assert response.status_code == 403
    assert not Event.objects.filter(action="evidence.archive").exists()


def test_the_card_reads_archives_in_the_evidence_query_whatever_their_number(
    editor_client, claim, reuters, pages
):
    pages.add("/story", story_html())

    def card_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            html = full_card(editor_client, claim)
        assert html.count("archived ") == Evidence.objects.count()
        return len(captured)

    add(editor_client, claim, reuters, pages.base + "/story")
    run_worker()
    one = card_queries()
    for excerpt in ("3,000 cars cross it every day", "most of them before nine"):
        add(editor_client, claim, reuters, pages.base + "/story", excerpt=excerpt)
    run_worker()
    assert card_queries() == one


def test_off_by_default_a_web_archive_is_asked_to_save_the_page_when_set(
    editor_client, claim, reuters, pages, settings
):
    assert settings.LEDGER_WEB_ARCHIVE_SAVE_URL == ""  # nothing leaves the desk by default
    pages.add("/story", story_html())
    cited = pages.base + "/story"
    # A stand-in for the Wayback Machine's "save" address: it redirects to the saved copy.
    pages.add(f"/save/{cited}", status=302, Location=f"/web/20261202/{cited}")
    pages.add(f"/web/20261202/{cited}", story_html())
    settings.LEDGER_WEB_ARCHIVE_SAVE_URL = pages.base + "/save/"
    add(editor_client, claim, reuters, cited)
    run_worker()
    snapshot = Snapshot.objects.get()
    assert snapshot.archive_url == f"{pages.base}/web/20261202/{cited}"
    assert snapshot.archive_url in editor_client.get(snapshot.get_absolute_url()).text


def test_an_unexpected_error_while_archiving_is_said_on_the_card(
    editor_client, claim, reuters, pages
):
    pages.add("/story", story_html())
    add(editor_client, claim, reuters, pages.base + "/story")
    with mock.patch("reviews.ledger.snapshots.page_text", side_effect=RuntimeError("boom")):
        run_worker()
    snapshot = Snapshot.objects.get()
    assert snapshot.error.startswith("Something went wrong on our side while archiving")
    assert Archive.objects.get().state == "failed"
    assert "Not archived:" in full_card(editor_client, claim)


def test_the_archived_copies_of_a_published_fact_check_stay_as_they_were(
    admin_client, claim, reuters, pages
):
    pages.add("/story", story_html())
    item = Evidence.objects.create(claim=claim, source=reuters, url=pages.base + "/story")
    Article.objects.filter(pk=claim.article_id).update(status=Article.Status.PUBLISHED)
    response = admin_client.post(reverse("ledger:archive_again", args=[item.pk]), **HTMX)
    assert response.status_code == 409
    assert "its archived copies stay as they were" in response.content.decode()
    assert not Event.objects.filter(action="evidence.archive").exists()
