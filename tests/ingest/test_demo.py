from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from reviews.models import Article, Claim, Evidence, Source, VerdictRecord, can_review


def test_load_demo_creates_logins_and_articles_and_is_idempotent(db, settings, tmp_path, capsys):
    seed = tmp_path / "seed.txt"
    seed.write_text("Seed headline\n\nThe army said it killed more than 70 militants.\n", "utf-8")
    settings.SEED_ARTICLE_PATH = seed
    call_command("load_demo")
    printed = capsys.readouterr().out
    assert "editor   / factcheck-demo" in printed
    assert "skipped, “The army said it killed more than 70 militants" not in printed
    assert "is not in seed" in printed
    request = RequestFactory().post("/accounts/login/")  # login throttling wants the request
    editor = authenticate(request, username="editor", password="factcheck-demo")
    reader = authenticate(request, username="reader", password="factcheck-demo")
    assert can_review(editor) and not can_review(reader)
    assert Article.objects.count() == 3  # three fictional articles; the stub seed lacks the quotes
    call_command("load_demo")
    assert Article.objects.count() == 3
    assert Claim.objects.count() == 10
    assert VerdictRecord.objects.count() == 5  # two on the ferry, three on the library
    assert Source.objects.count() == 9  # the registry is seeded even without the seed article
    published = Article.objects.get(status=Article.Status.PUBLISHED)
    # Published follows the workflow's rule: every claim decided.
    assert not published.claims.filter(verdict="unreviewed").exists()
    assert Source.objects.get(name="Chatham House").kind == "think_tank"


def test_load_demo_loads_the_real_seed_article_with_its_claims(db, settings):
    if not settings.SEED_ARTICLE_PATH.exists():
        import pytest

        pytest.skip(f"seed article not present at {settings.SEED_ARTICLE_PATH}")
    call_command("load_demo")
    seed = Article.objects.get(title__startswith="Anti-Putin partisans")
    texts = list(seed.claims.values_list("text", flat=True))
    assert any("42 kilometers" in t for t in texts)
    for claim in seed.claims.all():
        assert seed.body[claim.start : claim.end] == claim.text
    assert seed.status == Article.Status.IN_REVIEW  # the article to practise on
    cited = Evidence.objects.filter(claim__article=seed).values_list("source__name", flat=True)
    assert sorted(cited) == ["Reuters", "Russian Ministry of Defence", "Ukrinform"]
    call_command("load_demo")
    assert Evidence.objects.count() == 5 and Source.objects.count() == 9


def test_load_demo_loads_a_spanish_article_with_its_language_and_speakers(db, settings, tmp_path):
    settings.SEED_ARTICLE_PATH = tmp_path / "absent.txt"
    call_command("load_demo")
    spanish = Article.objects.get(title__startswith="Puerto Almendra")
    assert spanish.language == "es"
    assert list(spanish.claims.values_list("attribution", flat=True)) == [
        "el ayuntamiento",
        "La alcaldesa, Lucía Ferrer",
    ]
