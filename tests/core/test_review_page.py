import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews.claims import set_verdict
from reviews.models import Article, Claim
from reviews.review_page import WINDOW
from tests.factories import ArticleFactory
from tests.helpers import HTMX, full_card


def review_url(article):
    return reverse("reviews:article_review", args=[article.pk])


def test_each_claim_is_highlighted_in_place_with_its_verdict(
    editor_client, editor, claim, second_claim
):
    set_verdict(claim=claim, editor=editor, verdict="disputed", note="", expected_version=1)
    html = editor_client.get(review_url(claim.article)).content.decode()
    assert (
        f'<mark id="seg-{claim.start}" class="hl verdict-disputed state-accepted" '
        f'data-claim="{claim.pk}" data-start="{claim.start}">'
        "the bridge cost 12 million euros</mark>"
    ) in html
    assert f'data-start="{second_claim.start}">3,000 cars cross it every day</mark>' in html
    # Verdict named in text next to the colour, for screen readers and colour-blind readers.
    assert f'href="#claim-{claim.pk}" aria-label="Claim 1: Disputed">1<i>✗</i></a>' in html
    assert "1 of 2 claims reviewed" in html


def test_claim_cards_list_text_attribution_and_verdict_buttons(editor_client, claim):
    html = editor_client.get(review_url(claim.article)).content.decode()
    assert "Claimed by <strong>the mayor</strong>" in html
    # The page sends a compact card; its forms come when it is used.
    compact = 'class="claim-card verdict-unreviewed state-accepted compact"'
    assert f'{compact} data-claim="{claim.pk}" data-version="1"' in html
    assert f'data-card="/claims/{claim.pk}/card/"' in html
    assert f'hx-post="/claims/{claim.pk}/review/"' not in html
    html = full_card(editor_client, claim)
    assert f'<article id="claim-{claim.pk}" class="claim-card verdict-unreviewed' in html
    assert "Claim 1</a></h3>" in html  # numbered as on the page
    for verdict in ("corroborated", "disputed", "unverified"):
        assert f'name="verdict" value="{verdict}"' in html
    assert "Clear verdict" not in html  # nothing to clear yet
    assert f'hx-post="/claims/{claim.pk}/review/"' in html
    assert f'action="/claims/{claim.pk}/review/"' in html  # works without JavaScript


def test_rejected_claims_are_not_highlighted(editor_client, claim, second_claim):
    Claim.objects.filter(pk=second_claim.pk).update(state=Claim.State.REJECTED)
    html = editor_client.get(review_url(claim.article)).content.decode()
    # Still listed, to be restored, but not highlighted and not counted in progress.
    assert 'aria-label="Claim 2, rejected"' in html
    assert f'data-claim="{second_claim.pk}" data-start' not in html
    assert ">3,000 cars cross it every day</span>" in html
    assert "0 of 1 claim reviewed" in html


def test_article_without_claims_says_so(editor_client, article):
    assert b"No claims in this article yet." in editor_client.get(review_url(article)).content


def test_unknown_article_is_404(editor_client):
    assert editor_client.get("/articles/999999/").status_code == 404


def article_with_claims(count: int):
    sentence = "Officials said 40 people attended. "
    article = ArticleFactory(body=sentence * count)
    Claim.objects.bulk_create(
        Claim(article=article, start=i * len(sentence), end=(i + 1) * len(sentence) - 1, text="x")
        for i in range(count)
    )
    return article


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_review_page_queries_do_not_grow_with_claims(editor_client, editor):
    small, large = article_with_claims(5), article_with_claims(300)
    for claim in Claim.objects.filter(article=large)[:50]:
        set_verdict(claim=claim, editor=editor, verdict="disputed", note="n", expected_version=1)
    assert count_queries(editor_client, review_url(small)) == count_queries(
        editor_client, review_url(large)
    )
    assert count_queries(editor_client, review_url(large)) <= 8


def test_review_page_of_a_long_imported_article_stays_constant(editor_client, editor):
    from reviews.ingest.importing import propose_for_article
    from reviews.models import Article

    paragraph = (
        "The ministry said 3,000 soldiers crossed the border on Tuesday, according to Reuters. "
        "Analysts said the figure was twice as high as last year.\n\n"
    )
    long_article = Article.objects.create(title="Long", body=paragraph * 150)
    assert len(propose_for_article(long_article)) >= 150
    small = article_with_claims(5)
    assert count_queries(editor_client, review_url(long_article)) == count_queries(
        editor_client, review_url(small)
    )


def test_sorted_and_filtered_lists_cost_the_same_queries(editor_client, editor):
    small, large = article_with_claims(5), article_with_claims(300)
    Claim.objects.filter(article=large).update(state="proposed", score=0.4)
    query = "?sort=score&state=proposed&verdict=unreviewed&min_score=0.2"
    assert count_queries(editor_client, review_url(small) + query) == count_queries(
        editor_client, review_url(large) + query
    )


def test_the_list_sorts_and_filters_while_the_text_keeps_every_highlight(editor_client):
    article = article_with_claims(4)
    claims = list(article.claims.order_by("start"))
    for claim, (score, state, speaker) in zip(
        claims,
        [
            (0.2, "proposed", ""),
            (0.9, "proposed", "the ministry"),
            (0.6, "accepted", ""),
            (0.7, "proposed", "the ministry"),
        ],
        strict=True,
    ):
        Claim.objects.filter(pk=claim.pk).update(score=score, state=state, attribution=speaker)
    html = editor_client.get(review_url(article), {"sort": "score", "state": "proposed"}).content
    html = html.decode()
    cards = re.findall(r'<article id="claim-(\d+)" class="claim-card', html)
    assert cards == [str(claims[i].pk) for i in (1, 3, 0)]  # proposed only, best first
    assert "(3 of 4)" in html
    assert html.count('class="hl ') == 4  # the text still shows all four
    speaker = editor_client.get(review_url(article), {"speaker": "the ministry"}).content.decode()
    assert re.findall(r'<article id="claim-(\d+)" class="claim-card', speaker) == [
        str(claims[1].pk),
        str(claims[3].pk),
    ]
    nonsense = editor_client.get(review_url(article), {"sort": "x", "min_score": "abc"})
    assert nonsense.status_code == 200  # a bad filter is ignored, never an error page


def test_reject_below_a_score_is_one_audited_action(editor_client, editor):
    article = article_with_claims(4)
    claims = list(article.claims.order_by("start"))
    for claim, score in zip(claims, [0.1, 0.3, 0.6, None], strict=True):
        Claim.objects.filter(pk=claim.pk).update(score=score, state="proposed")
    response = editor_client.post(
        reverse("reviews:reject_below", args=[article.pk]), {"below": "0.5"}, **HTMX
    )
    assert response.status_code == 200
    assert "2 proposals scoring under 0.50 rejected." in response.content.decode()
    states = list(article.claims.order_by("start").values_list("state", flat=True))
    assert states == ["rejected", "rejected", "proposed", "proposed"]
    assert article.events.filter(action="claim.state").count() == 2
    refused = editor_client.post(reverse("reviews:reject_below", args=[article.pk]), {"below": "x"})
    assert refused.status_code == 302
    assert list(article.claims.order_by("start").values_list("state", flat=True)) == states


def test_show_more_proposes_the_next_candidates_below_the_cut(editor_client):
    article = article_with_claims(1)
    body = article.body
    article.held_back = [
        {"start": 0, "end": 10, "text": body[0:10], "score": 0.5, "attribution": ""},
        {"start": 20, "end": 30, "text": body[20:30], "score": 0.4, "attribution": ""},
    ]
    article.save(update_fields=["held_back"])
    page = editor_client.get(review_url(article)).content.decode()
    assert "2 more sentences scored below the proposal cut." in page
    response = editor_client.post(reverse("reviews:propose_more", args=[article.pk]), **HTMX)
    assert "2 more claims proposed." in response.content.decode()
    article.refresh_from_db()
    assert article.held_back == []
    assert article.claims.filter(state="proposed").count() == 2


def test_an_edit_keeps_the_list_filtered_as_the_page_had_it(editor_client):
    article = article_with_claims(4)
    claims = list(article.claims.order_by("start"))
    for claim, score in zip(claims, [0.1, 0.3, 0.6, 0.9], strict=True):
        Claim.objects.filter(pk=claim.pk).update(score=score, state="proposed")
    page = f"http://testserver{review_url(article)}?sort=score&state=proposed"
    response = editor_client.post(
        reverse("reviews:reject_below", args=[article.pk]),
        {"below": "0.2"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL=page,
    )
    html = response.content.decode()
    shown = re.findall(r'<article id="claim-(\d+)" class="claim-card', html)
    assert shown == [str(claims[i].pk) for i in (3, 2, 1)]  # proposed only, best first


def test_a_300_claim_page_stays_small_and_sends_a_window_of_cards(editor_client, editor):
    from bench.make_article import main as make_bench_article

    article = Article.objects.get(pk=make_bench_article(300))
    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get(review_url(article))
    html = response.content.decode()
    assert len(response.content) <= 150_000
    assert len(queries) <= 10
    assert html.count('class="claim-ref ') == 300  # every claim highlighted in the text
    assert html.count('<article id="claim-') == WINDOW  # the list's first window
    assert "(300)" in html
    assert f'hx-get="/articles/{article.pk}/claims/?from={WINDOW}" hx-trigger="revealed"' in html


def test_the_next_window_keeps_the_filters_and_sort(editor_client):
    article = article_with_claims(2 * WINDOW + 12)
    claims = list(article.claims.order_by("start"))
    Claim.objects.filter(pk__in=[c.pk for c in claims[::2]]).update(state="proposed", score=0.4)
    proposed = claims[::2]  # WINDOW + 6 of them: the list shows WINDOW first
    url = reverse("reviews:claim_window", args=[article.pk])
    query = f"?state=proposed&sort=score&from={WINDOW}"
    html = editor_client.get(url + query, **HTMX).content.decode()
    ids = re.findall(r'<article id="claim-(\d+)"', html)
    assert len(ids) == len(proposed) - WINDOW
    assert set(map(int, ids)) <= {c.pk for c in proposed}
    assert "more-claims" not in html  # the end of the list
    page = editor_client.get(review_url(article) + "?state=proposed").content.decode()
    assert "from=30" in page and "state=proposed" in page
    everything = editor_client.get(url + "?from=5&all=1", **HTMX).content.decode()
    assert everything.count('<article id="claim-') == 2 * WINDOW + 12 - 5
    for bad in ("?from=-3", "?from=x", "?from=²", "?from=99999999999999999999"):
        assert editor_client.get(url + bad, **HTMX).status_code == 200


def test_a_full_card_costs_the_same_queries_whatever_the_article(editor_client):
    small, large = article_with_claims(3), article_with_claims(300)
    first, last = small.claims.order_by("start").first(), large.claims.order_by("start").last()
    card_queries = []
    for claim in (first, last):
        with CaptureQueriesContext(connection) as queries:
            full_card(editor_client, claim)
        card_queries.append(len(queries))
    assert card_queries[0] == card_queries[1] <= 7
    assert "Claim 300</a></h3>" in full_card(editor_client, last)
    assert editor_client.get("/claims/999999/card/", **HTMX).status_code == 404


def test_without_javascript_a_claim_is_reviewed_on_its_own_page(editor_client, claim):
    """Compact cards carry no forms: their number links to the claim's page, which has them
    all, and its forms post and come back as before."""
    html = editor_client.get(claim.article.get_absolute_url()).content.decode()
    assert f'<a href="/claims/{claim.pk}/card/" class="claim-anchor">' in html
    page = editor_client.get(f"/claims/{claim.pk}/card/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "<!doctype html>" in body.lower()
    assert f'action="/claims/{claim.pk}/review/"' in body and 'name="note"' in body
    saved = editor_client.post(
        f"/claims/{claim.pk}/review/",
        {"version": 1, "verdict": "disputed", "note": "x", "confirm_no_evidence": "1"},
    )
    assert saved.status_code == 302


def verdict_save(client, claim, version=1):
    url = reverse("reviews:claim_review", args=[claim.pk])
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            url, {"verdict": "unverified", "note": "n", "version": version}, **HTMX
        )
    assert response.status_code == 200
    return response, len(queries)


def test_a_verdict_save_is_one_fragment_in_a_fixed_number_of_round_trips(editor_client):
    small, large = article_with_claims(5), article_with_claims(300)
    _, small_queries = verdict_save(editor_client, small.claims.first())
    response, large_queries = verdict_save(editor_client, large.claims.order_by("start")[150])
    # session, user, the reviewer permission (one query), the claim; one transaction (a
    # savepoint under the tests' own transaction) with the conditional UPDATE that also
    # checks publication, the event, the article's revision, the history row; then the
    # article, the claims' positions (number, highlight, and the progress counted from
    # them) and the card's evidence. No re-read of the claim.
    assert small_queries == large_queries == 13
    html = response.content.decode()
    assert len(response.content) <= 4096
    assert html.count("<article ") == 1 and "Claim 151</a>" in html
    assert 'hx-swap-oob="true"' in html  # progress and the claim's highlight, out of band


def test_a_long_text_comes_in_parts_each_highlighted(editor_client):
    from reviews.review_page import TEXT_WINDOW

    paragraph = "Officials said 40 people attended the meeting on Monday. " * 20
    body = "\n\n".join([paragraph] * (3 * TEXT_WINDOW // len(paragraph)))
    article = ArticleFactory(body=body)
    last = body.rindex("Officials")
    Claim.objects.create(article=article, start=0, end=56, text="first")
    Claim.objects.create(article=article, start=last, end=last + 56, text="far")
    html = editor_client.get(review_url(article)).content.decode()
    assert len(html) < 2 * TEXT_WINDOW
    assert '<mark id="seg-0"' in html and f'<mark id="seg-{last}"' not in html
    following = int(re.search(r'/text/\?from=(\d+)" hx-trigger="revealed"', html).group(1))
    assert following < len(body)
    url = reverse("reviews:article_text", args=[article.pk])
    parts, start = [], following
    while start is not None:
        part = editor_client.get(f"{url}?from={start}", **HTMX).content.decode()
        parts.append(part)
        found = re.search(r'/text/\?from=(\d+)" hx-trigger="revealed"', part)
        start = int(found.group(1)) if found else None
    assert len(parts) >= 2
    assert f'<mark id="seg-{last}"' in parts[-1] and 'aria-label="Claim 2: ' in parts[-1]
    assert html.count('<p id="para-') + sum(p.count('<p id="para-') for p in parts) == (
        body.count("\n\n") + 1
    )
    for bad in ("?from=x", "?from=-1", "?from=99999999999999999999999"):
        assert editor_client.get(url + bad, **HTMX).status_code == 200


def test_a_note_only_save_reads_no_article_text(editor_client):
    article = article_with_claims(5)
    claim = article.claims.first()
    url = reverse("reviews:claim_review", args=[claim.pk])
    with CaptureQueriesContext(connection) as queries:
        response = editor_client.post(
            url, {"verdict": "", "note": "Asked the ministry", "version": 1}, **HTMX
        )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Asked the ministry</textarea>" in html and 'id="para-' not in html
    selected = [q["sql"].split(" FROM ")[0] for q in queries if q["sql"].startswith("SELECT")]
    assert not any('"body"' in columns for columns in selected)


def test_a_full_card_has_its_number_in_reading_order(editor_client):
    article = article_with_claims(12)
    eighth = article.claims.order_by("start")[7]
    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get(reverse("reviews:claim_card", args=[eighth.pk]), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "Claim 8</a>" in html and "Claim 7<" not in html
    selected = [q["sql"].split(" FROM ")[0] for q in queries if q["sql"].startswith("SELECT")]
    assert not any('"body"' in columns for columns in selected)
