"""The search page: active search over articles and claims, filters, pages, escaping."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews.claims import set_verdict
from reviews.models import Article, Claim, Evidence
from reviews.search import fulltext as search
from tests.factories import ArticleFactory, ClaimFactory, EditorFactory, SourceFactory
from tests.helpers import HTMX

URL = reverse("search:search")
needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL full-text search"
)


def make_claim(text: str, article: Article | None = None, **fields) -> Claim:
    article = article or Article.objects.create(title=f"On {text[:30]}", body=text)
    start = article.body.index(text)
    return Claim.objects.create(
        article=article, start=start, end=start + len(text), text=text, **fields
    )


def results(client, **params) -> str:
    response = client.get(URL, params, **HTMX)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def claims(db):
    return {
        "raid": make_claim("Fighters advanced 42 kilometres into Russia.", verdict="disputed"),
        "bridge": make_claim("The bridge cost 12 million euros.", verdict="corroborated"),
        "ferry": make_claim("The ferry carries 450 passengers.", attribution="the operator"),
    }


def test_search_page_needs_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_page_without_query_invites_to_type(editor_client, claims):
    html = editor_client.get(URL).content.decode()
    assert 'role="search"' in html
    assert "Type words to search articles and claims" in html
    assert 'class="result' not in html


def test_full_page_form_works_without_javascript(editor_client, claims):
    html = editor_client.get(URL, {"q": "bridge"}).content.decode()
    assert f'action="{URL}"' in html and 'method="get"' in html  # plain GET form
    assert f'hx-get="{URL}"' in html
    assert "delay:300ms" in html  # debounced as you type
    assert "<title>Search" in html
    assert "The <mark>bridge</mark> cost 12 million euros." in html


def test_htmx_gets_only_the_results_partial(editor_client, claims):
    html = results(editor_client, q="ferry")
    assert html.lstrip().startswith('<div id="search-results"')
    assert "<title>" not in html
    assert "<mark>ferry</mark>" in html
    assert "1 claim and 1 article match" in html  # the article body mentions it too


def test_history_restore_gets_the_whole_page(editor_client, claims):
    headers = HTMX | {"HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}
    html = editor_client.get(URL, {"q": "ferry"}, **headers).content.decode()
    assert "<title>Search" in html


def test_claims_match_on_text_attribution_and_note(editor_client, claims):
    Claim.objects.filter(pk=claims["bridge"].pk).update(note="Checked with the harbour office")
    assert "The ferry carries" in results(editor_client, q="operator")
    assert "The bridge cost" in results(editor_client, q="harbour")


def test_articles_match_on_title_outlet_and_body(editor_client, db):
    Article.objects.create(title="Flood defences", outlet="Riverside Post", body="Walls rose.")
    Article.objects.create(title="Budget", outlet="Daily", body="The council spent on walls.")
    html = results(editor_client, q="riverside", kind="articles")
    assert "Flood defences" in html and "Budget" not in html
    html = results(editor_client, q="walls", kind="articles")
    assert "Flood defences" in html and "Budget" in html


def test_result_links_to_the_claim_on_the_review_page(editor_client, claims):
    claim = claims["raid"]
    html = results(editor_client, q="kilometres")
    assert f'href="{claim.article.get_absolute_url()}#claim-{claim.pk}"' in html
    assert "Disputed" in html


def test_words_must_all_match(editor_client, claims):
    html = results(editor_client, q="bridge passengers")
    assert "0 claims" in html and "No claims match" in html


def test_query_and_user_text_are_escaped(editor_client, db):
    make_claim("Officials said <script>alert(1)</script> about the bridge.")
    html = results(editor_client, q="<script>alert(1)</script> bridge")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    full = editor_client.get(URL, {"q": '"><img src=x onerror=alert(1)>'}).content.decode()
    assert "<img src=x" not in full
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in full


def test_snippet_marks_only_matches_and_escapes_the_rest():
    snippet = search.cut_snippet("Tom & Jerry <b>say</b> the bridge fell", "bridge")
    assert snippet == "Tom &amp; Jerry &lt;b&gt;say&lt;/b&gt; the <mark>bridge</mark> fell"
    headline = search.marked(f"a <i> {search.MARK_START}bridge{search.MARK_END}")
    assert headline == "a &lt;i&gt; <mark>bridge</mark>"


def test_long_text_snippet_is_a_window_around_the_match():
    text = "Filler words. " * 50 + "The bridge cost 12 million euros." + " More words." * 50
    snippet = search.cut_snippet(text, "bridge")
    assert "<mark>bridge</mark>" in snippet
    assert snippet.startswith("…") and snippet.endswith("…")
    assert len(snippet) < 300


# --- filters ----------------------------------------------------------------------------------


def test_filter_by_verdict(editor_client, claims):
    html = results(editor_client, verdict="disputed")
    assert "advanced 42 kilometres" in html
    assert "The bridge cost" not in html and "The ferry" not in html


def test_filter_by_article_status(editor_client, claims):
    Article.objects.filter(pk=claims["ferry"].article_id).update(status=Article.Status.DONE)
    html = results(editor_client, status="done")
    assert "The ferry carries" in html and "The bridge cost" not in html
    html = results(editor_client, status="done", kind="articles")
    assert "On The ferry carries" in html and "On The bridge" not in html


def test_filter_by_evidence_source(editor_client, claims):
    reuters, other = SourceFactory(name="Reuters"), SourceFactory(name="Other wire")
    Evidence.objects.create(claim=claims["bridge"], source=reuters)
    Evidence.objects.create(
        claim=claims["ferry"],
        source=reuters,
        removed_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC),
    )
    Evidence.objects.create(claim=claims["raid"], source=other)
    html = results(editor_client, source=reuters.pk)
    assert "The bridge cost" in html
    assert "The ferry" not in html  # its Reuters evidence was removed
    assert "advanced 42" not in html
    assert "1 claim and 1 article match" in html


def test_filter_by_editor_who_reviewed(editor_client, claims):
    alice, bob = EditorFactory(username="alice"), EditorFactory(username="bob")
    set_verdict(
        claim=claims["ferry"], editor=alice, verdict="corroborated", note="", expected_version=1
    )
    set_verdict(claim=claims["bridge"], editor=bob, verdict="disputed", note="", expected_version=1)
    html = results(editor_client, editor=alice.pk)
    assert "The ferry carries" in html and "The bridge cost" not in html


def test_filter_by_article_date(editor_client, claims):
    Article.objects.filter(pk=claims["raid"].article_id).update(
        published_on=datetime.date(2024, 5, 17)
    )
    Article.objects.filter(pk=claims["bridge"].article_id).update(
        published_on=datetime.date(2023, 1, 2)
    )
    html = results(editor_client, date_from="2024-01-01", date_to="2024-12-31")
    assert "advanced 42" in html and "The bridge cost" not in html
    assert "The ferry" not in html  # added today, no publication date


def test_rejected_claims_are_not_found(editor_client, claims):
    Claim.objects.filter(pk=claims["bridge"].pk).update(state=Claim.State.REJECTED)
    assert "No claims match" in results(editor_client, q="bridge")


def test_invalid_filter_shows_the_error(editor_client, claims):
    html = editor_client.get(URL, {"q": "bridge", "verdict": "maybe"}).content.decode()
    assert 'role="alert"' in html and "Select a valid choice" in html


# --- pages and query counts -------------------------------------------------------------------


@pytest.fixture
def many_claims(db):
    sentence = "The dam holds {n} cubic metres of water. "
    article = ArticleFactory(body="".join(sentence.format(n=n) for n in range(45)))
    for n in range(45):
        make_claim(sentence.format(n=n).strip(), article=article)
    return article


def test_results_are_paginated(editor_client, many_claims):
    html = results(editor_client, q="dam")
    assert "45 claims" in html
    assert html.count('class="result claim-result"') == search.PER_PAGE
    assert "Page 1 of 3" in html
    assert 'rel="next" href="?q=dam&amp;page=2"' in html
    assert 'hx-push-url="true"' in html
    last = results(editor_client, q="dam", page=3)
    assert last.count('class="result claim-result"') == 5
    assert 'rel="prev"' in last and 'rel="next"' not in last
    assert "Page 3 of 3" in results(editor_client, q="dam", page=99)  # out of range: last


def count_queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        results(client, **params)
    return len(queries)


def test_search_queries_do_not_grow_with_results(editor_client, claims, many_claims):
    results(editor_client, q="warm")  # SQLite looks once per process for its FTS5 index
    few = count_queries(editor_client, q="ferry")
    many = count_queries(editor_client, q="dam")
    assert few == many
    assert count_queries(editor_client, q="dam", kind="articles") == many
    assert many <= 7  # session, user, two permission lookups (roles), two counts, one page


@pytest.mark.postgres
@needs_postgres
def test_postgres_ranks_title_matches_first_and_stems_words(editor_client, db):
    Article.objects.create(title="Market report", body="Prices of drones were stable.")
    Article.objects.create(title="Drones over the border", body="Sirens at night.")
    html = results(editor_client, q="drone", kind="articles")
    assert html.index("Drones over the border") < html.index("Market report")
    assert "<mark>drones</mark>" in html


@pytest.mark.postgres
@needs_postgres
def test_postgres_search_uses_the_gin_indexes(db):
    criteria = search.Criteria(q="bridge")
    with connection.cursor() as cursor:
        # On near-empty tables the planner would rather walk the claims' article index.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        # On an empty table the partial index of live claims looks as cheap as any other;
        # out of the way for this transaction only, the planner must take the GIN index.
        cursor.execute("DROP INDEX claim_live_verdict")
    assert "claim_search_vector" in search.claims_for(criteria).explain()
    assert "article_search_vector" in search.articles_for(criteria).explain()


@pytest.mark.postgres
@needs_postgres
def test_postgres_stems_each_article_in_its_own_language(editor_client, db):
    # Spanish stemming: "bombardeos" finds "bombardeo"; Russian: "обстрелы" finds "обстрела".
    Article.objects.create(
        title="Bélgorod", body="El bombardeo dejó la ciudad sin luz.", language="es"
    )
    Article.objects.create(
        title="Белгород", body="После обстрела город остался без света.", language="ru"
    )
    html = results(editor_client, q="bombardeos", kind="articles")
    assert "Bélgorod" in html and "<mark>bombardeo</mark>" in html
    html = results(editor_client, q="обстрелы", kind="articles")
    assert "Белгород" in html and "<mark>обстрела</mark>" in html


@pytest.mark.postgres
@needs_postgres
def test_postgres_claims_follow_their_articles_language(editor, editor_client, db):
    from reviews import languages, spans

    article = Article.objects.create(title="Nota", body="Los drones atacaron la central eléctrica.")
    spans.add_claim(article=article, editor=editor, start=0, end=len(article.body))
    # Undetected articles are stemmed as English: the Spanish plural does not reduce.
    assert "Los drones" not in results(editor_client, q="dron", kind="claims")
    languages.set_language(article, user=editor, language="es")
    assert article.claims.get().language == "es"
    assert "<mark>drones</mark>" in results(editor_client, q="dron", kind="claims")


def test_text_search_configuration_per_language():
    from reviews.search_configs import config_for

    assert config_for("es") == "spanish"
    assert config_for("pt-BR") == "portuguese"
    assert config_for("ru") == "russian"
    assert config_for("uk") == "simple"  # PostgreSQL has no Ukrainian configuration
    assert config_for("") == "english"  # stored before languages were detected


@pytest.mark.postgres
@needs_postgres
def test_postgres_websearch_syntax(editor_client, claims):
    html = results(editor_client, q='bridge -ferry "million euros"')
    assert "The bridge cost" in html and "The ferry" not in html


def test_search_finds_other_forms_of_a_word(editor_client, db):
    """The default database stems too (FTS5 on SQLite, the English configuration on
    PostgreSQL): "killed" finds "kill" and "killing" (reported: found only substrings)."""
    article = ArticleFactory(body="Officials said the strike killed 12 people.")
    ClaimFactory(article=article, quote="Officials said the strike killed 12 people.")
    other = ArticleFactory(body="Drones kill civilians, the report says.")
    ClaimFactory(article=other, quote="Drones kill civilians, the report says.")
    html = results(editor_client, q="killing")
    assert "2 claims" in html
    assert "<mark>killed</mark>" in html and "<mark>kill</mark>" in html
    assert "1 article" not in results(editor_client, q="kills drones missing")


def test_search_follows_edits_of_the_indexed_text(editor_client, editor, db):
    """The stored vectors (PostgreSQL) and the FTS5 index (SQLite) follow saves: a note added
    with a verdict, a new title, a claim's new wording; the old words no longer match."""
    claim = make_claim("The tunnel cost 12 million euros.")
    article = claim.article
    assert "tunnel" not in results(editor_client, q="quarry")
    set_verdict(
        claim=claim,
        editor=editor,
        verdict="unverified",
        note="Asked the quarry",
        expected_version=1,
    )
    assert "The tunnel cost 12 million euros." in results(editor_client, q="quarry")
    Article.objects.filter(pk=article.pk).update(title="Aqueduct opening")
    assert ">Aqueduct opening</a>" in results(editor_client, q="aqueduct", kind="articles")
    Claim.objects.filter(pk=claim.pk).update(text="The viaduct cost 12 million euros.")
    assert "The <mark>viaduct</mark> cost" in results(editor_client, q="viaduct")
    assert "viaduct" not in results(editor_client, q="tunnel")
