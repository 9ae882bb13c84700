"""Deadlines: every article is due (a default after it arrives, changed when assigning), the
queue and dashboard put the first due first (then the most check-worthy), overdue articles
stand out in words, and the dashboard shows the time to verdict per article and editor."""

import datetime

from django.urls import reverse
from django.utils import timezone

from reviews.claims import set_verdict
from reviews.models import Article, Event
from tests.factories import ArticleFactory, ClaimFactory
from tests.helpers import HTMX

Status = Article.Status


def test_a_new_article_is_due_after_the_configured_hours(settings, db):
    settings.ARTICLE_DUE_HOURS = 6
    before = timezone.now()
    article = Article.objects.create(title="T", body="Body text.")
    assert before + datetime.timedelta(hours=6) <= article.due_at
    assert article.due_at <= timezone.now() + datetime.timedelta(hours=6)


def test_the_assign_form_sets_the_deadline_audited(editor_client, editor, article):
    url = reverse("reviews:article_assign", args=[article.pk])
    form = editor_client.get(url, **HTMX).content.decode()
    assert 'type="datetime-local" name="due"' in form
    response = editor_client.post(url, {"editors": [editor.pk], "due": "2026-12-24T18:30"}, **HTMX)
    assert response.status_code == 200
    article.refresh_from_db()
    assert timezone.localtime(article.due_at).strftime("%Y-%m-%d %H:%M") == "2026-12-24 18:30"
    event = Event.objects.get(action="article.due")
    assert event.actor == editor and event.after["due_at"].startswith("2026-12-24")
    bad = editor_client.post(url, {"editors": [editor.pk], "due": "soon"}, **HTMX)
    assert "Give the deadline as a date and a time." in bad.content.decode()


def test_overdue_articles_stand_out_in_words(editor_client, db):
    ArticleFactory(
        title="Late", status=Status.IN_REVIEW, due_at=timezone.now() - datetime.timedelta(hours=2)
    )
    ArticleFactory(title="Fine", status=Status.IN_REVIEW)
    ArticleFactory(
        title="Late but done",
        status=Status.DONE,
        due_at=timezone.now() - datetime.timedelta(hours=2),
    )
    html = editor_client.get(reverse("dashboard:dashboard"), {"status": "all"}).content.decode()
    assert html.count('class="overdue"') == 1
    assert html.count("Overdue</strong>") == 1
    late = ArticleFactory(title="Also late", due_at=timezone.now() - datetime.timedelta(minutes=5))
    page = editor_client.get(late.get_absolute_url()).content.decode()
    assert "<strong>Overdue:</strong> was due" in page


def test_same_deadline_puts_the_most_check_worthy_first(editor_client, db):
    due = timezone.now() + datetime.timedelta(hours=3)
    weak = ArticleFactory(title="Weak", due_at=due)
    ClaimFactory(article=weak, score=0.2)
    strong = ArticleFactory(title="Strong", due_at=due)
    ClaimFactory(article=strong, score=0.95)
    ArticleFactory(title="No deadline", due_at=None)
    html = editor_client.get(reverse("dashboard:dashboard")).content.decode()
    order = [html.index(t) for t in (">Strong<", ">Weak<", ">No deadline<")]
    assert order == sorted(order)


def test_time_to_verdict_per_article_and_editor(editor_client, editor, db):
    article = ArticleFactory(title="Bridge")
    Article.objects.filter(pk=article.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=5)
    )
    claim = ClaimFactory(article=article)
    set_verdict(claim=claim, editor=editor, verdict="disputed", note="", expected_version=1)
    html = editor_client.get(reverse("dashboard:dashboard")).content.decode()
    section = html.split('id="ttv-heading"', 1)[1]
    assert ">Bridge</a></th><td>1</td><td>5.0</td>" in section
    assert '<th scope="row">eddie</th><td>1</td><td>5.0</td>' in section
