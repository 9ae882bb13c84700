"""The review page's poll: 304/204 when nothing changed, the changed pieces after a change."""

from django.urls import reverse

from reviews.claims import set_verdict
from reviews.models import Article
from tests.factories import EditorFactory
from tests.helpers import HTMX


def poll(client, article, **params):
    article.refresh_from_db()
    params = {"rev": article.revision, "event": 0, "viewers": "", **params}
    return client.get(reverse("reviews:article_changes", args=[article.pk]), params, **HTMX)


def test_review_page_polls_with_its_revision(editor_client, claim):
    html = editor_client.get(claim.article.get_absolute_url()).content.decode()
    article = Article.objects.get(pk=claim.article_id)
    assert f"/changes/?rev={article.revision}&amp;event=0&amp;viewers=" in html
    assert 'hx-trigger="every 2s"' in html  # LIVE_POLL_SECONDS in tests/settings.py


def test_nothing_changed_answers_204_and_304(editor_client, claim):
    response = poll(editor_client, claim.article)
    assert response.status_code == 204 and response.content == b""
    again = editor_client.get(
        reverse("reviews:article_changes", args=[claim.article_id]),
        HTTP_IF_NONE_MATCH=response["ETag"],
    )
    assert again.status_code == 304


def test_a_colleagues_verdict_comes_back_as_the_changed_card(
    editor_client, claim, second_claim, second_editor
):
    page_revision = Article.objects.get(pk=claim.article_id).revision
    colleague = second_editor
    set_verdict(
        claim=second_claim, editor=colleague, verdict="disputed", note="No", expected_version=1
    )
    response = poll(editor_client, claim.article, rev=page_revision)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="claim-{second_claim.pk}" class="claim-card verdict-disputed' in html
    assert f'id="claim-{claim.pk}"' not in html  # unchanged cards are left alone
    assert "1 of 2 claims reviewed" in html
    assert "sam set the verdict" in html
    assert f"rev={page_revision + 1}" in html  # the next poll starts from here


def test_own_changes_do_not_come_back(editor_client, editor, claim):
    rev = Article.objects.get(pk=claim.article_id).revision
    set_verdict(claim=claim, editor=editor, verdict="disputed", note="", expected_version=1)
    html = poll(editor_client, claim.article, rev=rev).content.decode()
    assert f'id="claim-{claim.pk}" class="claim-card' not in html


def test_a_claim_added_elsewhere_redraws_the_text_and_list(editor_client, article):
    from reviews.spans import add_claim

    rev = Article.objects.get(pk=article.pk).revision
    add_claim(article=article, editor=EditorFactory(), start=0, end=8)
    html = poll(editor_client, article, rev=rev).content.decode()
    assert '<div id="review-body" class="review-layout" hx-swap-oob="true">' in html
    assert html.count('hx-swap-oob="true"') == 2  # body and progress; nothing nested


def test_status_change_elsewhere_redraws_the_header(editor_client, admin, article):
    from reviews.workflow import change_status

    rev = Article.objects.get(pk=article.pk).revision
    change_status(article, user=admin, to="second_review", expected="in_review")
    html = poll(editor_client, article, rev=rev).content.decode()
    assert 'id="article-header" class="article-header" hx-swap-oob="true"' in html
    assert "Needs second review" in html


def test_who_else_is_viewing_is_shown(editor_client, claim, second_editor_client):
    colleague = second_editor_client
    poll(colleague, claim.article)
    response = poll(editor_client, claim.article)
    assert response.status_code == 200
    assert "Also here: sam" in response.content.decode()
    assert poll(editor_client, claim.article, viewers="sam").status_code == 204
