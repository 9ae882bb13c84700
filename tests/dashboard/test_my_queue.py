"""My queue: open articles assigned to me, the first due first, and unassigned ones."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews.dashboard import queries as dashboard
from reviews.models import Article, ClaimState, Verdict
from tests.factories import ArticleFactory, ClaimFactory, UserFactory

URL = reverse("dashboard:my_queue")
Status = Article.Status


def at(day: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{day}T12:00:00+00:00")


def section(html: str, heading_id: str) -> str:
    return html.split(f'<h2 id="{heading_id}">', 1)[1].split("</section>", 1)[0]


def titles(html: str) -> list[str]:
    return re.findall(r'<a href="/articles/\d+/">([^<]*)</a>', html)


def assigned(user, title: str, **fields) -> Article:
    article = ArticleFactory(title=title, **fields)
    article.assignees.add(user)
    return article


def test_queue_needs_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_post_is_not_allowed(editor_client):
    assert editor_client.post(URL).status_code == 405


def test_my_open_assignments_first_due_first(editor, editor_client):
    assigned(editor, "Newer", status=Status.NEW, due_at=at("2026-02-01"))
    assigned(editor, "Oldest", status=Status.SECOND_REVIEW, due_at=at("2026-01-01"))
    assigned(editor, "Middle", status=Status.IN_REVIEW, due_at=at("2026-01-15"))
    assigned(editor, "Finished", status=Status.DONE)
    assigned(editor, "Out", status=Status.PUBLISHED)
    shared = assigned(editor, "Shared", due_at=at("2026-03-01"))
    shared.assignees.add(UserFactory())
    assigned(UserFactory(), "Someone else's")
    html = editor_client.get(URL).content.decode()
    mine = section(html, "mine-heading")
    assert titles(mine) == ["Oldest", "Middle", "Newer", "Shared"]
    assert mine.startswith('Assigned to you <span class="count">(4)</span>')


def test_unassigned_open_articles_first_due_first(editor, editor_client):
    ArticleFactory(title="Later", status=Status.NEW, due_at=at("2026-02-01"))
    ArticleFactory(title="Earlier", status=Status.IN_REVIEW, due_at=at("2026-01-01"))
    ArticleFactory(title="Closed", status=Status.DONE)
    assigned(UserFactory(), "Taken")
    assigned(editor, "Mine")
    html = editor_client.get(URL).content.decode()
    unassigned = section(html, "unassigned-heading")
    assert titles(unassigned) == ["Earlier", "Later"]
    assert "(2)" in unassigned
    assert titles(section(html, "mine-heading")) == ["Mine"]


def test_rows_show_progress_and_what_is_left(editor, editor_client):
    article = assigned(editor, "Bridge")
    ClaimFactory(article=article, verdict=Verdict.CORROBORATED)
    ClaimFactory(article=article)
    ClaimFactory(article=article, state=ClaimState.PROPOSED)
    ClaimFactory(article=article, state=ClaimState.REJECTED)
    done = assigned(editor, "All checked")
    ClaimFactory(article=done, verdict=Verdict.DISPUTED)
    assigned(editor, "Blank")
    mine = section(editor_client.get(URL).content.decode(), "mine-heading")
    assert '<progress max="3" value="1"' in mine
    assert "1 of 3 claims reviewed" in mine
    assert "2 claims left" in mine
    assert "(1 proposal to accept or reject)" in mine
    assert "All reviewed" in mine
    assert "No claims yet" in mine


def test_empty_queue_says_so(editor_client):
    html = editor_client.get(URL).content.decode()
    assert "Nothing is assigned to you that is still open." in html
    assert "Every open article has someone assigned." in html


def test_long_unassigned_list_shows_the_first_due_and_points_to_the_dashboard(editor_client):
    for day in range(1, 28):
        ArticleFactory(title=f"Day {day:02}", due_at=at(f"2026-01-{day:02}"))
    unassigned = section(editor_client.get(URL).content.decode(), "unassigned-heading")
    assert titles(unassigned) == [f"Day {day:02}" for day in range(1, 26)]
    assert "(27)" in unassigned
    assert "The 25 due first are shown" in unassigned
    assert 'href="/dashboard/?status=open&amp;sort=due"' in unassigned


def test_titles_are_escaped(editor, editor_client):
    assigned(editor, "<script>alert(1)</script>", outlet="<b>x</b>")
    html = editor_client.get(URL).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>x</b>" not in html


def test_queue_functions_are_per_user(editor):
    other = UserFactory()
    mine = assigned(editor, "Mine")
    assigned(other, "Theirs")
    assert list(dashboard.my_queue(editor)) == [mine]
    assert list(dashboard.unassigned_needing_review()) == []


def test_queries_do_not_grow_with_articles(editor, editor_client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(URL).status_code == 200
        return len(captured)

    def add_articles():
        ClaimFactory(article=assigned(editor, "Mine"))
        ClaimFactory(article=ArticleFactory(title="Free"))

    add_articles()
    few = queries()
    for _ in range(10):
        add_articles()
    assert queries() == few
