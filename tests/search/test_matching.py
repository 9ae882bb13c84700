"""'Checked before?' matching: wording does not hide a repeated claim, figures do matter."""

import pytest
from django.db import connection

from reviews.models import Article, Claim
from reviews.search import matching, similarity
from reviews.search.stored import claim_text_vector
from tests.search.matching_pairs import CASES, PAIRS

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (pg_trgm, GIN indexes)"
)


def score(a: str, b: str) -> float:
    return similarity.similarity(similarity.profile(a), similarity.profile(b))


def test_the_labelled_set_has_at_least_30_pairs():
    assert len(PAIRS) >= 30
    assert {same for _, _, same in PAIRS} == {True, False}


@pytest.mark.parametrize("case", CASES, ids=[c.claim[:40] for c in CASES])
def test_paraphrase_matches_and_outranks_its_near_miss(case):
    same, near_miss = score(case.claim, case.same), score(case.claim, case.near_miss)
    assert same >= matching.MIN_SCORE, f"paraphrase scored {same}"
    assert same > near_miss, f"near miss ({case.why}) scored {near_miss} >= {same}"


def test_each_claim_finds_its_paraphrase_first_among_all_labelled_texts():
    pool = [c.same for c in CASES] + [c.near_miss for c in CASES]
    for case in CASES:
        best, _ = matching.rank(case.claim, pool)[0]
        assert best == case.same, case.claim


def test_the_seed_example_sees_through_wording_and_numbers_matter():
    claim = "The Russian Volunteer Corps advanced 42 kilometres into Russia."
    paraphrase = "Fighters penetrated 42 km into Russian territory."
    other_figure = "Fighters penetrated 24 km into Russian territory."
    assert score(claim, paraphrase) > 2 * score(claim, other_figure)


@pytest.mark.parametrize(
    ("text", "numbers", "concept"),
    [
        ("3,000 cars", {"3000"}, "car"),
        ("12 million euros", {"1.2e+07"}, "eur"),
        ("€12m", {"1.2e+07"}, "eur"),
        ("forty-two kilometres", {"42"}, "km"),
        ("42-km push", {"42"}, "km"),
        ("7.2 per cent", {"7.2"}, "%"),
        ("18m cubic metres", {"1.8e+07"}, "m"),
    ],
)
def test_figures_are_read_with_their_units(text, numbers, concept):
    profile = similarity.profile(text)
    assert profile.numbers == numbers
    assert concept in profile.concepts


def test_trigram_similarity_is_pg_trgm_similarity():
    # SELECT similarity('advanced 42 km', 'advance 42 km') gives 0.8125 in PostgreSQL 15.
    a, b = similarity.trigrams("advanced 42 km"), similarity.trigrams("advance 42 km")
    assert similarity.trigram_similarity(a, b) == pytest.approx(0.8125, abs=1e-4)


# --- through the database (both backends) ---------------------------------------------------


def make_claim(text: str, **fields) -> Claim:
    article = Article.objects.create(title=text[:40], body=text)
    return Claim.objects.create(article=article, start=0, end=len(text), text=text, **fields)


@pytest.mark.django_db
def test_similar_claims_come_from_other_articles_best_first():
    query_claims = {}
    for case in CASES:
        query_claims[case] = make_claim(case.claim)
        make_claim(case.same)
        make_claim(case.near_miss)
    for case, claim in query_claims.items():
        found = [m.claim.text for m in matching.similar_claims(claim)]
        assert found, case.claim
        assert found[0] == case.same, case.claim
        assert claim.text not in found  # the claim itself is never its own match
        if case.near_miss in found:
            assert found.index(case.near_miss) > 0


@pytest.mark.django_db
def test_claims_of_the_same_article_and_rejected_claims_are_not_offered():
    claim = make_claim("The bridge cost 12 million euros to build.")
    Claim.objects.create(
        article=claim.article, start=0, end=5, text="The bridge cost 12 million euros."
    )
    make_claim("Construction of the bridge cost €12m.", state=Claim.State.REJECTED)
    kept = make_claim("The bridge cost 12 million euros in all.")
    assert [m.claim for m in matching.similar_claims(claim)] == [kept]


@pytest.mark.django_db
def test_unrelated_claims_are_not_listed():
    claim = make_claim("The bridge cost 12 million euros to build.")
    make_claim("Wolves killed 40 sheep in the valley this spring.")
    assert matching.similar_claims(claim) == []


@pytest.mark.django_db
def test_matching_queries_do_not_grow_with_matches(django_assert_max_num_queries):
    from tests.factories import SourceFactory

    claim = make_claim("The bridge cost 12 million euros to build.")
    source = SourceFactory()
    for n in range(12):
        other = make_claim(f"The bridge cost 12 million euros to build, report {n} says.")
        other.evidence.create(source=source, excerpt=f"excerpt {n}")
    with django_assert_max_num_queries(6):
        matches = matching.similar_claims(claim)
        assert all(len(m.claim.current_evidence) == 1 for m in matches)
    assert len(matches) == matching.LIMIT


@pytest.mark.postgres
@needs_postgres
@pytest.mark.django_db
@pytest.mark.parametrize("index", ["claim_text_vector", "claim_text_trgm"])
def test_candidate_queries_use_the_gin_indexes(index):
    claim = make_claim("Fighters penetrated 42 km into Russian territory.")
    profile = similarity.profile(claim.text)
    base = matching.candidates_queryset(claim)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        # On an empty table the partial index of live claims (any verdict) looks as cheap as
        # any other; out of the way for this transaction only, the planner must take the GIN.
        cursor.execute("DROP INDEX claim_live_verdict")
    if index == "claim_text_vector":
        from django.contrib.postgres.search import SearchQuery

        query = SearchQuery(matching._tsquery(profile), search_type="raw", config="english")
        qs = base.annotate(v=claim_text_vector()).filter(v=query)
    else:
        from django.db.models import F, TextField
        from django.db.models.expressions import RawSQL

        words = RawSQL("%s", (matching._rare_words(profile),), TextField())
        qs = base.filter(matching.WordSimilarTo(words, F("text")))
    assert index in qs.order_by().explain()


@pytest.mark.postgres
@needs_postgres
@pytest.mark.django_db
def test_corpus_frequencies_come_from_the_stored_text_vector_statistics(monkeypatch):
    for n in range(40):
        place = "Kozinka" if n % 4 == 0 else f"Village{n}"
        make_claim(f"Troops shelled {place} on day {n}, officials said.")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reviews_claim")
    monkeypatch.setitem(matching._corpus, "at", -1e9)  # read the statistics now
    freqs = matching.corpus_frequencies()
    assert freqs["troop"] == pytest.approx(1.0, abs=0.05)  # in every claim
    assert freqs["kozinka"] == pytest.approx(0.25, abs=0.05)  # in one claim of four
