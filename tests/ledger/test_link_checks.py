"""Link checks (`manage.py check_links`): a later visit to each cited page, recorded as a new
row next to the unchanged snapshot; the card and the dashboard's "needs a look" show it."""

import io
from datetime import timedelta

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from reviews.claims import set_verdict
from reviews.evidence import add_evidence
from reviews.ledger.models import Archive, LinkCheck, Snapshot
from reviews.models import Article
from tests.factories import ClaimFactory
from tests.helpers import full_card, logged_in, run_worker
from tests.ledger.pages import STORY, story_html

EXCERPT = "3,000 cars cross it every day"


def cite(claim, editor, source, url, excerpt=EXCERPT):
    item = add_evidence(claim=claim, editor=editor, source=source, url=url, excerpt=excerpt)
    run_worker()
    return item


def check_links(*args) -> str:
    out = io.StringIO()
    call_command("check_links", *args, stdout=out)
    return out.getvalue()


def test_an_unchanged_page_is_recorded_as_unchanged(editor, claim, reuters, pages):
    pages.add("/story", story_html())
    cite(claim, editor, reuters, pages.base + "/story")
    output = check_links()
    check = LinkCheck.objects.get()
    assert not check.needs_look and check.summary == "unchanged" and check.status == 200
    assert "Checked 1 links: 1 unchanged, 0 need a look" in output
    assert not Archive.objects.get().needs_look


def test_a_changed_page_and_a_lost_excerpt_are_detected_and_the_snapshot_kept(
    editor_client, editor, claim, reuters, pages
):
    pages.add("/story", story_html())
    cite(claim, editor, reuters, pages.base + "/story")
    snapshot = Snapshot.objects.get()
    pages.add("/story", story_html([*STORY[:2], "Traffic figures were withdrawn."]))

    output = check_links()

    check = LinkCheck.objects.get()
    assert check.changed and check.excerpt_lost and not check.gone and not check.moved
    assert check.snapshot == snapshot and check.sha256 != snapshot.sha256
    assert Snapshot.objects.get().text == snapshot.text  # the archived words stay as cited
    assert "1 need a look (0 gone, 0 moved, 1 changed, 1 lost the excerpt)" in output
    card = full_card(editor_client, claim)
    assert "content changed; excerpt no longer in the page" in card
    # The archived page lists the check.
    html = editor_client.get(snapshot.get_absolute_url()).content.decode()
    assert "HTTP 200, content changed; excerpt no longer in the page" in html


def test_a_page_gone_404_is_detected(editor_client, editor, claim, reuters, pages):
    pages.add("/story", story_html())
    cite(claim, editor, reuters, pages.base + "/story")
    del pages.routes["/story"]

    check_links()

    check = LinkCheck.objects.get()
    assert check.gone and check.status == 404
    assert check.summary == "gone (The site answered 404 Not Found)"
    assert "gone (The site answered 404 Not Found)" in full_card(editor_client, claim)


def test_a_page_that_now_redirects_is_moved(editor, claim, reuters, pages):
    pages.add("/story", story_html())
    cite(claim, editor, reuters, pages.base + "/story")
    pages.add("/new-home", story_html())
    pages.add("/story", status=301, Location="/new-home")
    check_links()
    check = LinkCheck.objects.get()
    assert check.moved and not check.changed and check.final_url == pages.base + "/new-home"


def test_a_page_that_could_not_be_archived_is_tried_again(editor, claim, reuters, pages):
    cite(claim, editor, reuters, pages.base + "/later")  # 404 at citation
    assert Archive.objects.get().state == "failed"
    pages.add("/later", story_html())
    output = check_links()
    assert "1 archived now" in output
    assert Archive.objects.get().state == "archived" and Snapshot.objects.count() == 2
    assert LinkCheck.objects.count() == 0


def test_a_page_cited_twice_is_fetched_once_per_run(editor, claim, second_claim, reuters, pages):
    pages.add("/story", story_html())
    cite(claim, editor, reuters, pages.base + "/story")
    cite(second_claim, editor, reuters, pages.base + "/story")
    pages.add("/story", story_html([*STORY[:2], "Changed."]))
    seen = []
    pages.routes = CountingRoutes(pages.routes, seen)
    check_links()
    assert LinkCheck.objects.count() == 2 and seen.count("/story") == 1


class CountingRoutes(dict):
    def __init__(self, routes, seen):
        super().__init__(routes)
        self.seen = seen

    def get(self, path, default=None):
        self.seen.append(path)
        return super().get(path, default)


def test_the_dashboard_lists_claims_whose_evidence_needs_a_look(
    editor_client, editor, claim, reuters, pages, django_assert_max_num_queries
):
    pages.add("/story", story_html())
    pages.add("/steady", story_html())
    other = ClaimFactory(text="Another claim, cited to a steady page")
    cite(claim, editor, reuters, pages.base + "/story")
    cite(other, editor, reuters, pages.base + "/steady")
    pages.add("/story", status=410, body=b"gone")
    check_links()

    url = reverse("dashboard:dashboard")
    page = editor_client.get(url).content.decode()
    assert 'id="filter-look"' in page and "Needs a look" in page
    with django_assert_max_num_queries(12):
        response = editor_client.get(url, {"status": "look"})
    html = response.content.decode()
    assert response.status_code == 200
    assert claim.text[:40] in html and other.text not in html
    assert "gone (The site answered 410 Gone)" in html
    # Archiving again makes the current page the baseline: the claim leaves the list.
    pages.add("/story", story_html())
    item = claim.evidence.get()
    editor_client.post(reverse("ledger:archive_again", args=[item.pk]))
    run_worker()
    html = editor_client.get(url, {"status": "look"}).content.decode()
    assert claim.text[:40] not in html and "No claims here." in html


def test_a_snapshot_a_stopped_worker_left_queued_is_taken_by_the_next_check(
    editor, claim, reuters, pages
):
    pages.add("/story", story_html())
    add_evidence(claim=claim, editor=editor, source=reuters, url=pages.base + "/story")
    # No worker ran: the entry is queued; an hour later the worker is taken to be gone.
    assert "Checked 0 links" in check_links() and not Snapshot.objects.exists()
    Archive.objects.update(updated_at=timezone.now() - timedelta(hours=2))
    assert "1 archived now" in check_links()
    assert Archive.objects.get().state == "archived"


def test_needs_a_look_leaves_out_a_blind_second_review_the_user_is_doing(
    editor, second_editor, claim, reuters, pages
):
    pages.add("/story", story_html())
    cite(claim, editor, reuters, pages.base + "/story")
    del pages.routes["/story"]
    check_links()
    claim.refresh_from_db()
    set_verdict(claim=claim, editor=editor, verdict="corroborated", note="", expected_version=1)
    Article.objects.filter(pk=claim.article_id).update(
        status=Article.Status.SECOND_REVIEW, second_review_blind=True
    )
    url = reverse("dashboard:dashboard")
    blind = logged_in(second_editor).get(url, {"status": "look"}).content.decode()
    assert "No claims here." in blind and "flagged-claim" not in blind
    assert 'filter-count">1<' in blind  # the claim still counts in the filter's number
    first = logged_in(editor).get(url, {"status": "look"}).content.decode()
    assert 'class="flagged-claim"' in first  # a first reviewer sees it
