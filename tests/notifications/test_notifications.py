"""Notifications: who is told what (assignment, mention, second-review request, a reviewed
claim changed by someone else), in the app (bell, page, read) and by e-mail after the
commit, through the task worker, as each editor chose."""

import smtplib

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews.claims import set_verdict, set_wording
from reviews.comments import edit_comment, post_comment
from reviews.models import Article, Claim
from reviews.notifications.models import Notification, Preference
from reviews.workflow import assign, change_status
from tests.factories import ArticleFactory, EditorFactory
from tests.helpers import HTMX, logged_in, run_worker


@pytest.fixture
def sam(db):
    return EditorFactory(username="sam", email="sam@example.org")


@pytest.fixture
def eddie(db):
    return EditorFactory(username="eddie", email="eddie@example.org")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the commit, as a real request's commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_mention_notifies_in_the_app_and_by_email(eddie, sam, claim, committed, mailoutbox):
    url = reverse("reviews:comment_add", args=[claim.pk])
    with committed():
        response = logged_in(eddie).post(
            url, {"text": "@sam is this the 2019 budget? @eddie"}, **HTMX
        )
    assert response.status_code == 200
    note = Notification.objects.get()  # not one for eddie's own name
    assert (note.user, note.kind, note.actor, note.claim) == (sam, "mentioned", eddie, claim)
    comment = claim.comments.get()
    assert note.url == f"/claims/{claim.pk}/card/#comment-{comment.pk}"
    assert "eddie mentioned you on the claim “the bridge cost 12 million euros”" in note.text
    assert "is this the 2019 budget?" in note.text
    assert mailoutbox == []  # the worker sends it, not the request
    run_worker()
    [mail] = mailoutbox
    assert mail.to == ["sam@example.org"]
    assert mail.subject.startswith("[factcheck] eddie mentioned you on the claim")
    assert f"http://testserver/claims/{claim.pk}/card/#comment-{comment.pk}" in mail.body
    assert "http://testserver/notifications/preferences/" in mail.body
    note.refresh_from_db()
    assert note.emailed_at is not None
    run_worker()
    assert len(mailoutbox) == 1  # sent once


def test_an_edit_notifies_only_those_named_for_the_first_time(eddie, sam, claim, committed):
    nora = EditorFactory(username="nora")
    with committed():
        comment = post_comment(claim=claim, author=eddie, text="@sam look")
    with committed():
        edit_comment(comment=comment, editor=eddie, text="@sam look, and @nora too")
    assert sorted(Notification.objects.values_list("user__username", flat=True)) == [
        "nora",
        "sam",
    ]
    assert nora.notifications.count() == 1


def test_assignment_notifies_the_newly_assigned(eddie, sam, committed, mailoutbox):
    article = ArticleFactory(title="Bridge costs")
    url = reverse("reviews:article_assign", args=[article.pk])
    with committed():
        logged_in(eddie).post(url, {"editors": [sam.pk, eddie.pk]}, **HTMX)
    note = Notification.objects.get()  # eddie assigned himself: nothing for him
    assert (note.user, note.kind, note.article) == (sam, "assigned", article)
    assert (
        note.text == "eddie assigned you to “Bridge costs”."
        and note.url == f"/articles/{article.pk}/"
    )
    with committed():
        assign([article], user=eddie, editors=[sam], replace=False)  # already assigned
    assert Notification.objects.count() == 1
    run_worker()
    assert [m.to for m in mailoutbox] == [["sam@example.org"]]


def test_a_second_review_request_tells_the_other_assignees(eddie, sam, committed):
    EditorFactory(username="nora")  # not assigned: not told
    article = ArticleFactory()
    article.assignees.set([eddie, sam])
    with committed():
        change_status(article, user=eddie, to="second_review", expected="in_review")
    note = Notification.objects.get()
    assert (note.user, note.kind) == (sam, "second_review")
    assert note.url == f"/articles/{article.pk}/?second=1"


def test_with_nobody_else_assigned_every_other_editor_is_asked(eddie, sam, committed):
    nora = EditorFactory(username="nora")
    article = ArticleFactory()
    with committed():
        change_status(article, user=eddie, to="second_review", expected="in_review")
    users = set(Notification.objects.values_list("user", flat=True))
    assert users == {sam.pk, nora.pk}


def test_your_reviewed_claim_changed_by_someone_else(eddie, sam, claim, committed):
    with committed():
        set_verdict(claim=claim, editor=eddie, verdict="disputed", note="", expected_version=1)
        set_verdict(claim=claim, editor=eddie, verdict="disputed", note="n", expected_version=2)
    assert not Notification.objects.exists()  # his own changes
    with committed():
        set_verdict(claim=claim, editor=sam, verdict="corroborated", note="", expected_version=3)
    note = Notification.objects.get()
    assert (note.user, note.kind, note.claim) == (eddie, "claim_changed", claim)
    assert note.text.startswith("sam set the verdict on the claim “the bridge cost")
    assert note.text.endswith("whose verdict you gave.") and note.url == f"/claims/{claim.pk}/card/"
    with committed():  # sam's verdict now stands: a change by eddie tells sam
        set_wording(
            claim=claim, editor=eddie, text="Bridge: 12m", attribution="", expected_version=4
        )
    assert Notification.objects.filter(user=sam, kind="claim_changed").count() == 1


def test_evidence_changed_by_someone_else_tells_the_reviewer(eddie, sam, claim, committed):
    from reviews.evidence import add_evidence, remove_evidence
    from tests.factories import SourceFactory

    with committed():
        set_verdict(claim=claim, editor=eddie, verdict="disputed", note="", expected_version=1)
        own = add_evidence(claim=claim, editor=eddie, source=SourceFactory(name="Reuters"))
    assert not Notification.objects.exists()
    with committed():
        remove_evidence(evidence=own, editor=sam, expected_version=1)
    note = Notification.objects.get()
    assert (note.user, note.kind) == (eddie, "claim_changed")
    assert note.text.startswith("sam removed evidence on the claim")


def test_one_unread_change_notice_per_claim(eddie, sam, claim, committed):
    with committed():
        set_verdict(claim=claim, editor=eddie, verdict="disputed", note="", expected_version=1)
    with committed():
        set_wording(claim=claim, editor=sam, text="A", attribution="", expected_version=2)
        set_wording(claim=claim, editor=sam, text="B", attribution="", expected_version=3)
    with committed():
        set_wording(claim=claim, editor=sam, text="C", attribution="", expected_version=4)
    assert Notification.objects.filter(user=eddie).count() == 1


def test_a_change_that_rolls_back_tells_nobody(eddie, sam, claim, committed):
    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        post_comment(claim=claim, author=eddie, text="@sam never mind")
        raise RuntimeError("the save failed after the comment")
    with committed():
        post_comment(claim=claim, author=eddie, text="no mention")
    assert not Notification.objects.exists()


def test_email_follows_each_editors_preferences(eddie, sam, claim, committed, mailoutbox):
    nobody = EditorFactory(username="nomail", email="")
    client = logged_in(sam)
    assert client.get(reverse("notifications:preferences")).status_code == 200
    response = client.post(reverse("notifications:preferences"), {"email_kinds": ["assigned"]})
    assert response.status_code == 302
    assert Preference.objects.get(user=sam).email_kinds == ["assigned"]
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert 'value="assigned" id="id_email_kinds_0" checked' in page
    assert 'value="mentioned" id="id_email_kinds_1" checked' not in page
    with committed():
        post_comment(claim=claim, author=eddie, text="@sam @nomail see this")
    run_worker()
    assert mailoutbox == []  # sam turned mentions off; nomail has no address
    assert Notification.objects.filter(user__in=[sam, nobody]).count() == 2  # in the app: always
    bad = client.post(reverse("notifications:preferences"), {"email_kinds": ["spam"]})
    assert bad.status_code == 200 and "not one of the available choices" in bad.content.decode()


def test_a_failing_mail_server_loses_nothing(eddie, sam, claim, committed, monkeypatch, caplog):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPConnectError(421, "try later")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    url = reverse("reviews:comment_add", args=[claim.pk])
    with committed():
        response = logged_in(eddie).post(url, {"text": "@sam urgent"}, **HTMX)
    assert response.status_code == 200 and claim.comments.count() == 1
    run_worker()
    note = Notification.objects.get(user=sam)
    assert note.emailed_at is None  # sent on a later try, not marked as sent
    assert "notification e-mail to user" in caplog.text


def test_the_bell_counts_unread_and_the_page_lists_them(eddie, sam, claim, committed):
    with committed():
        comment = post_comment(claim=claim, author=eddie, text="@sam <b>look</b>")
    client = logged_in(sam)
    page = client.get(claim.article.get_absolute_url()).content.decode()
    assert 'hx-get="/notifications/bell/" hx-trigger="load"' in page
    bell = client.get(reverse("notifications:bell"), **HTMX).content.decode()
    assert 'aria-label="Notifications, 1 unread"' in bell and '<span class="bell-count"' in bell
    listing = client.get(reverse("notifications:list")).content.decode()
    assert f'href="/claims/{claim.pk}/card/#comment-{comment.pk}"' in listing
    assert "&lt;b&gt;look&lt;/b&gt;" in listing and "<b>look</b>" not in listing
    assert "1 unread." in listing
    note = Notification.objects.get()
    assert client.post(reverse("notifications:mark_read", args=[note.pk])).status_code == 302
    note.refresh_from_db()
    assert note.read_at is not None
    assert "bell-count" not in client.get(reverse("notifications:bell")).content.decode()


def test_mark_all_read_and_nobody_reads_anothers(eddie, sam, claim, committed):
    with committed():
        post_comment(claim=claim, author=eddie, text="@sam first words")
        post_comment(claim=claim, author=sam, text="@eddie two")
    mine = Notification.objects.get(user=sam)
    other = logged_in(eddie)
    assert other.post(reverse("notifications:mark_read", args=[mine.pk])).status_code == 404
    assert "first words" not in other.get(reverse("notifications:list")).content.decode()
    response = logged_in(sam).post(reverse("notifications:mark_all_read"))
    assert response.status_code == 302
    assert not Notification.objects.filter(user=sam, read_at=None).exists()
    assert Notification.objects.filter(user=eddie, read_at=None).count() == 1


def make_notifications(user, n):
    Notification.objects.bulk_create(
        Notification(user=user, kind="assigned", text=f"note {i}", url="/") for i in range(n)
    )


@pytest.mark.parametrize("name", ["notifications:list", "notifications:bell"])
def test_queries_do_not_grow_with_notifications(name, eddie, sam):
    make_notifications(eddie, 1)
    make_notifications(sam, 30)
    counts = []
    for user in (eddie, sam):
        client = logged_in(user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(name))
        assert response.status_code == 200
        counts.append(len(queries))
    # session, user, permissions (2, for the header); the list: count, page, unread count
    assert counts[0] == counts[1] <= 7
    if name == "notifications:list":
        assert response.content.decode().count('class="notification ') == 30


def test_a_long_list_comes_in_pages(eddie):
    make_notifications(eddie, 60)
    client = logged_in(eddie)
    first = client.get(reverse("notifications:list")).content.decode()
    assert first.count('class="notification ') == 50 and "note 59" in first
    second = client.get(reverse("notifications:list"), {"page": 2}).content.decode()
    assert second.count('class="notification ') == 10 and "note 0<" in second
    assert client.get(reverse("notifications:list"), {"page": "x"}).status_code == 200


def test_readers_have_no_bell(reader_client):
    page = reader_client.get(reverse("reviews:article_list")).content.decode()
    assert "/notifications/bell/" not in page
    assert reader_client.post(reverse("notifications:mark_all_read")).status_code == 403


def test_claims_and_articles_still_work_without_notifications(eddie, claim):
    """The core sends its signals whether or not anyone listens."""
    set_verdict(claim=claim, editor=eddie, verdict="disputed", note="", expected_version=1)
    assert Claim.objects.get(pk=claim.pk).verdict == "disputed"
    assert Article.objects.get(pk=claim.article_id).revision >= 1


def bulk_change_by_sam(eddie, sam, claims, capture):
    """eddie reviewed the claims; sam gives them all another verdict at once. Returns the
    statements the notifications cost after the commit."""
    from reviews.claims import bulk_change

    with capture(execute=True):
        for claim in claims:
            set_verdict(claim=claim, editor=eddie, verdict="disputed", note="n", expected_version=1)
    with capture(execute=False) as callbacks:
        bulk_change(
            article=claims[0].article,
            editor=sam,
            claims_at_versions={c.pk: 2 for c in claims},
            verdict="unverified",
        )
    with CaptureQueriesContext(connection) as queries:
        for callback in callbacks:
            callback()
    return len(queries)


def test_a_bulk_change_tells_in_a_fixed_number_of_queries(
    eddie, sam, django_capture_on_commit_callbacks
):
    from tests.core.test_review_page import article_with_claims

    few = list(article_with_claims(3).claims.all())
    many = list(article_with_claims(30).claims.all())
    capture = django_capture_on_commit_callbacks
    assert bulk_change_by_sam(eddie, sam, few, capture) == bulk_change_by_sam(
        eddie, sam, many, capture
    )
    assert Notification.objects.filter(user=eddie, kind="claim_changed").count() == 33
