"""A claim's discussion thread: comments posted with htmx, @mentions, edits and withdrawals
that leave a trace, live updates, and the count on the compact card."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews.comments import mentioned_names, post_comment, resolve_mentions
from reviews.models import Article, Claim, Comment, Event
from tests.factories import EditorFactory, UserFactory
from tests.helpers import HTMX, full_card, htmx, logged_in


def post(client, claim, text, **headers):
    url = reverse("reviews:comment_add", args=[claim.pk])
    return client.post(url, {"text": text}, **(headers or HTMX))


def test_a_comment_comes_back_in_the_card_and_is_audited(editor_client, editor, claim):
    response = post(editor_client, claim, "Check the 2019 budget, the figure\nlooks old.")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<article id="claim-{claim.pk}" class="claim-card' in html
    assert '<section class="comments" id="comments-' in html
    assert "Check the 2019 budget, the figure<br>looks old." in html
    assert "1 comment</span>" in html
    assert "Claim 1: comment posted." in html
    comment = Comment.objects.get()
    assert (comment.claim, comment.author, comment.withdrawn) == (claim, editor, False)
    event = Event.objects.get(action="comment.add")
    assert (event.actor, event.claim_id, event.after) == (editor, claim.pk, {"text": comment.text})
    assert Claim.objects.get(pk=claim.pk).comment_count == 1
    assert Claim.objects.get(pk=claim.pk).version == claim.version  # not a review change


def test_the_comment_form_loads_under_the_card(editor_client, claim):
    html = full_card(editor_client, claim)
    # The card's links inherit their paragraph's target: the slot under the card.
    links = html[html.index('<p class="card-links"') :].split("</p>", 1)[0]
    assert f'hx-target="#claim-extra-{claim.pk}"' in links
    assert f'hx-get="/claims/{claim.pk}/comments/"' in links
    form = editor_client.get(reverse("reviews:comment_add", args=[claim.pk]), **HTMX)
    body = form.content.decode()
    assert form.status_code == 200 and 'name="text"' in body and "csrfmiddlewaretoken" in body
    assert f'hx-post="/claims/{claim.pk}/comments/"' in body


def test_mentions_link_editors_and_leave_anything_else_as_escaped_text(editor_client, claim):
    EditorFactory(username="sam", email="sam@example.org")
    UserFactory(username="rita")  # a reader: not an editor, so not mentionable
    text = "@SAM see this, @nobody and @rita too; mail me at eddie@example.org <b>now</b>"
    html = post(editor_client, claim, text).content.decode()
    assert '<a class="mention" href="mailto:sam@example.org">@SAM</a> see this' in html
    assert "@nobody and @rita too" in html
    assert "eddie@example.org &lt;b&gt;now&lt;/b&gt;" in html
    assert "<b>now</b>" not in html
    assert Comment.objects.get().mentions == ["sam"]


def test_mention_parsing():
    assert mentioned_names("@a, @b.c. and @a again; x@y.org (@d-e)") == ["a", "b.c", "d-e"]
    assert mentioned_names("no mention here, nor in me@example.org") == []


def test_a_mention_names_only_editors(db):
    sam = EditorFactory(username="sam")
    EditorFactory(username="samantha", is_active=False)
    assert resolve_mentions("@sam @samantha @ghost") == [sam]


def test_a_mention_without_an_address_is_still_marked(editor_client, claim):
    EditorFactory(username="sam")
    html = post(editor_client, claim, "@sam?").content.decode()
    assert '<strong class="mention">@sam</strong>?' in html


def test_an_empty_or_overlong_comment_is_refused_and_the_text_kept(editor_client, claim):
    response = post(editor_client, claim, "   ")
    assert response.status_code == 422
    assert response["HX-Retarget"] == f"#comment-form-{claim.pk}"
    assert "the comment is empty" in response.content.decode()
    long = "x" * 5001
    response = post(editor_client, claim, long)
    assert response.status_code == 422 and long in response.content.decode()
    assert "at most 5,000 characters" in response.content.decode()
    response = post(editor_client, claim, "Which budget?\x00")  # PostgreSQL refuses NUL
    assert response.status_code == 422 and "null character" in response.content.decode()
    assert not Comment.objects.exists() and not Event.objects.filter(action="comment.add")


def test_without_javascript_a_comment_redirects_back_to_the_claim(editor_client, claim):
    response = editor_client.post(reverse("reviews:comment_add", args=[claim.pk]), {"text": "ok"})
    assert response.status_code == 302 and response["Location"] == claim.get_absolute_url()
    page = editor_client.get(reverse("reviews:comment_add", args=[claim.pk]))
    assert b"<!doctype html>" in page.content.lower() and b'name="text"' in page.content


def test_the_author_edits_and_the_old_text_stays_in_the_history(editor_client, editor, claim):
    comment = post_comment(claim=claim, author=editor, text="first words")
    url = reverse("reviews:comment_edit", args=[comment.pk])
    assert "first words</textarea>" in editor_client.get(url, **HTMX).content.decode()
    html = editor_client.post(url, {"text": "better words"}, **HTMX).content.decode()
    assert "better words" in html and "first words" not in html and " · edited" in html
    event = Event.objects.get(action="comment.edit")
    assert (event.before, event.after) == ({"text": "first words"}, {"text": "better words"})
    history = editor_client.get(reverse("reviews:claim_history", args=[claim.pk]), **HTMX)
    assert "edited a comment" in history.content.decode()
    assert "first words" in history.content.decode()


def test_the_author_withdraws_and_the_comment_shows_as_withdrawn(editor_client, editor, claim):
    comment = post_comment(claim=claim, author=editor, text="wrong claim, sorry")
    url = reverse("reviews:comment_withdraw", args=[comment.pk])
    html = editor_client.post(url, **HTMX).content.decode()
    assert "Withdrawn by its author" in html and "wrong claim, sorry" not in html
    comment.refresh_from_db()
    assert comment.withdrawn and Comment.objects.count() == 1  # the row stays in the thread
    assert Claim.objects.get(pk=claim.pk).comment_count == 1
    event = Event.objects.get(action="comment.withdraw")
    assert event.before == {"text": "wrong claim, sorry"}
    again = editor_client.post(url, **HTMX)
    assert again.status_code == 403 and "withdrawn" in again.content.decode()
    edit = editor_client.post(reverse("reviews:comment_edit", args=[comment.pk]), {"text": "x"})
    assert edit.status_code == 302  # refused, sent back with the reason
    comment.refresh_from_db()
    assert comment.text == "wrong claim, sorry"


def test_only_the_author_changes_a_comment(editor, claim, second_editor_client, admin_client):
    comment = post_comment(claim=claim, author=editor, text="mine")
    for client in (second_editor_client, admin_client):
        edit = client.post(
            reverse("reviews:comment_edit", args=[comment.pk]), {"text": "x"}, **HTMX
        )
        withdraw = client.post(reverse("reviews:comment_withdraw", args=[comment.pk]), **HTMX)
        assert edit.status_code == withdraw.status_code == 403
        assert "Only its author" in edit.content.decode()
    comment.refresh_from_db()
    assert comment.text == "mine" and not comment.withdrawn
    card = full_card(second_editor_client, claim)
    assert "mine" in card and "withdraw-comment" not in card and "edit-comment" not in card


def test_a_colleagues_comment_arrives_with_the_poll(editor_client, claim, second_editor):
    article = Article.objects.get(pk=claim.article_id)
    post_comment(claim=claim, author=second_editor, text="Source? @eddie")
    params = {"rev": article.revision, "event": 0, "viewers": ""}
    url = reverse("reviews:article_changes", args=[claim.article_id])
    html = editor_client.get(url, params, **HTMX).content.decode()
    assert f'id="claim-{claim.pk}" class="claim-card' in html and 'hx-swap-oob="true"' in html
    assert 'Source? <strong class="mention">@eddie</strong>' in html
    assert "sam commented" in html


def test_the_compact_card_counts_the_comments(editor_client, editor, claim, second_claim):
    for text in ("one", "two"):
        post_comment(claim=claim, author=editor, text=text)
    html = editor_client.get(claim.article.get_absolute_url()).content.decode()
    compact = re.search(rf'<article id="claim-{claim.pk}".*?</article>', html, re.S).group(0)
    assert "2 comments</span>" in compact and "one" not in compact
    other = re.search(rf'<article id="claim-{second_claim.pk}".*?</article>', html, re.S).group(0)
    assert "comment-count" not in other


def test_a_card_costs_the_same_queries_with_1_or_30_comments(editor, claim, second_claim):
    sam = EditorFactory(username="sam", email="s@example.org")
    post_comment(claim=claim, author=editor, text="@sam one")
    for n in range(30):
        post_comment(claim=second_claim, author=sam if n % 2 else editor, text=f"@eddie {n}")
    client = logged_in(editor)
    counts = []
    for each in (claim, second_claim):
        with CaptureQueriesContext(connection) as queries:
            html = full_card(client, each)
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert html.count('<li id="comment-') == 30


def test_readers_see_the_thread_but_cannot_comment(reader_client, editor, claim):
    post_comment(claim=claim, author=editor, text="visible to readers")
    html = full_card(reader_client, claim)
    assert "visible to readers" in html and "add-comment" not in html
    assert post(reader_client, claim, "x", **htmx()).status_code == 403
    assert Comment.objects.count() == 1


def test_a_blind_second_reviewer_neither_reads_nor_joins_the_discussion(
    editor, claim, second_editor_client
):
    from reviews.claims import set_verdict

    set_verdict(claim=claim, editor=editor, verdict="disputed", note="", expected_version=1)
    post_comment(claim=claim, author=editor, text="Disputed: the budget says 11m")
    Article.objects.filter(pk=claim.article_id).update(status="second_review")
    client = second_editor_client
    history = client.get(reverse("reviews:claim_history", args=[claim.pk])).content.decode()
    assert "the budget says 11m" not in history
    assert "hidden until you have given your second review" in history
    form = client.get(reverse("reviews:comment_add", args=[claim.pk]), **HTMX)
    assert form.status_code == 403 and "once you have given your second review" in (
        form.content.decode()
    )
    assert post(client, claim, "what did they say?").status_code == 403
    assert Comment.objects.count() == 1
