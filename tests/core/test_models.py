import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from reviews.claims import set_verdict
from reviews.models import Article, Claim, StaleEdit, Verdict, VerdictRecord
from tests.factories import ArticleFactory, ClaimFactory


def test_claim_span_outside_the_body_is_refused(article):
    claim = Claim(article=article, start=5, end=len(article.body) + 1, text="x")
    with pytest.raises(ValidationError, match="outside the article text"):
        claim.full_clean()


def test_claim_span_of_only_white_space_is_refused(article):
    gap = article.body.index("\n\n")
    claim = Claim(article=article, start=gap, end=gap + 2, text="x")
    with pytest.raises(ValidationError, match="white space"):
        claim.full_clean()


def test_empty_span_is_refused_by_the_model_and_the_database(article):
    with pytest.raises(ValidationError):
        Claim(article=article, start=4, end=4, text="x").full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.create(article=article, start=4, end=4, text="x")


def test_claim_text_defaults_to_the_anchored_words(article):
    claim = Claim(article=article, start=4, end=9, text="")
    claim.full_clean()
    assert claim.text == "mayor"


def test_verdict_outside_the_list_is_refused_by_the_model_and_the_database(claim, editor):
    with pytest.raises(ValueError):
        set_verdict(claim=claim, editor=editor, verdict="true", note="", expected_version=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(verdict="mostly-true")
    assert VerdictRecord.objects.count() == 0


def test_set_verdict_records_history_and_bumps_version(claim, editor):
    record = set_verdict(
        claim=claim,
        editor=editor,
        verdict=Verdict.DISPUTED,
        note="Budget says 15m.",
        expected_version=1,
    )
    claim.refresh_from_db()
    assert (claim.verdict, claim.note, claim.version, claim.updated_by) == (
        "disputed",
        "Budget says 15m.",
        2,
        editor,
    )
    assert list(
        VerdictRecord.objects.values_list("verdict", "note", "editor", "claim_version")
    ) == [("disputed", "Budget says 15m.", editor.pk, 2)]
    assert record.claim == claim


def test_set_verdict_on_a_stale_version_is_refused_and_changes_nothing(claim, editor):
    set_verdict(
        claim=claim, editor=editor, verdict="corroborated", note="first", expected_version=1
    )
    stale_copy = Claim.objects.get(pk=claim.pk)
    stale_copy.version = 1  # as loaded by a colleague before the first save
    with pytest.raises(StaleEdit) as raised:
        set_verdict(
            claim=stale_copy, editor=editor, verdict="disputed", note="second", expected_version=1
        )
    assert raised.value.current.note == "first"
    claim.refresh_from_db()
    assert (claim.verdict, claim.note, claim.version) == ("corroborated", "first", 2)
    assert VerdictRecord.objects.count() == 1


def test_saving_the_same_verdict_and_note_writes_no_history(claim, editor):
    set_verdict(claim=claim, editor=editor, verdict="unverified", note="n", expected_version=1)
    assert (
        set_verdict(claim=claim, editor=editor, verdict="unverified", note="n", expected_version=2)
        is None
    )
    assert VerdictRecord.objects.count() == 1


def test_verdict_history_is_append_only(claim, editor):
    record = set_verdict(
        claim=claim, editor=editor, verdict="disputed", note="", expected_version=1
    )
    record.note = "rewritten"
    with pytest.raises(ValidationError):
        record.save()
    with pytest.raises(ValidationError):
        record.delete()
    assert VerdictRecord.objects.get().note == ""


def test_article_body_is_immutable_once_claims_exist(claim):
    article = Article.objects.get(pk=claim.article_id)
    article.body = article.body.replace("12", "13")
    with pytest.raises(ValidationError, match="cannot change"):
        article.full_clean()
    with pytest.raises(ValidationError):
        article.save()
    article.refresh_from_db()
    assert "12 million" in article.body


def test_article_body_can_change_before_any_claim(article):
    article.body = "A corrected text."
    article.full_clean()
    article.save()
    article.title = "Renamed"
    article.save(update_fields=["title"])
    assert Article.objects.get(pk=article.pk).body == "A corrected text."


def test_empty_and_oversized_articles_are_refused(db, settings):
    settings.MAX_ARTICLE_CHARS = 100
    with pytest.raises(ValidationError, match="no text"):
        Article(title="t", body="  \n ").full_clean()
    with pytest.raises(ValidationError, match="longer than 100"):
        Article(title="t", body="x" * 101).full_clean()


def test_progress_counts_reviewed_claims_and_ignores_rejected_ones(article, editor):
    done = ClaimFactory(article=article)
    ClaimFactory(article=article, quote="3,000 cars cross it every day")
    ClaimFactory(article=article, state=Claim.State.REJECTED)
    set_verdict(claim=done, editor=editor, verdict="corroborated", note="", expected_version=1)
    other = ArticleFactory()
    annotated = Article.objects.with_progress().get(pk=article.pk)
    assert (annotated.claims_reviewed, annotated.claims_total) == (1, 2)
    assert Article.objects.with_progress().get(pk=other.pk).claims_total == 0
