import pytest
from django.core.management import CommandError, call_command

from reviews.models import Article
from tests.seed import read_seed


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_articles", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_imports_files_and_folders_and_reports_each(db, tmp_path):
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "bridge.txt").write_text(
        "Bridge opens\n\nThe mayor said the bridge cost 12 million euros.", "utf-8"
    )
    (folder / "copy.md").write_text(
        "# Bridge opens\n\nThe mayor said the bridge cost 12 million euros.", "utf-8"
    )
    (folder / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")  # not text at all
    (folder / "notes.pdf").write_bytes(b"%PDF")  # not an article type: not collected
    out = run(str(folder))
    assert "imported  " in out and "“Bridge opens”" in out
    assert "duplicate " in out and "copy.md" in out
    assert "failed    " in out and "is a binary file, not text" in out
    assert "1 imported, 1 skipped as duplicates, 1 failed." in out
    assert Article.objects.get().origin == "command"


def test_glued_words_are_fixed_on_request(db, tmp_path):
    path = tmp_path / "seed.txt"
    path.write_text(read_seed(), "utf-8")
    out = run(str(path), "--fix-glued-words")
    article = Article.objects.get()
    assert "territory assured" in article.body
    assert article.claims.count() >= 7
    assert "1 imported" in out


def test_without_the_flag_claims_are_proposed_and_the_fixes_offered(db, tmp_path):
    """The seed through the command once gave 0 proposals: they waited on the glued words."""
    path = tmp_path / "seed.txt"
    path.write_text(read_seed(), "utf-8")
    out = run(str(path))
    article = Article.objects.get()
    assert f"/articles/{article.pk}/prepare/" in out
    assert article.claims.count() >= 7
    assert len(article.repairs) == 7 and "territoryassured" in article.body


def test_missing_path_is_an_error(db, tmp_path):
    with pytest.raises(CommandError, match="No such file or folder"):
        run(str(tmp_path / "nope.txt"))
