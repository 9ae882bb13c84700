from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from reviews import spans
from reviews.ingest.importing import (
    HTML_SUFFIXES,
    TEXT_SUFFIXES,
    DuplicateArticle,
    ImportRefused,
    create_article,
    draft_from_file,
)
from reviews.models import Article


class Command(BaseCommand):
    help = (
        "Import .txt, .md and .html files (or every such file in the given folders) as "
        "articles, propose their claims, and print what was imported, skipped and why."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="files or folders")
        parser.add_argument("--user", help="username recorded as the importer")
        parser.add_argument(
            "--fix-glued-words",
            action="store_true",
            help="apply every proposed fix for words glued together, without asking",
        )

    def handle(self, *args, paths: list[Path], user: str | None, fix_glued_words: bool, **options):
        files = self.collect(paths)
        importer = self.importer(user)
        imported, duplicates, failed, waiting = [], [], [], []
        for path in tqdm(files, desc="Importing", unit="file", disable=not files):
            try:
                draft = draft_from_file(path.name, path.read_bytes(), origin=Article.Origin.COMMAND)
                article, fixes = create_article(draft, user=importer)
            except DuplicateArticle as duplicate:
                duplicates.append((path, duplicate.existing))
            except (ImportRefused, OSError) as error:
                failed.append((path, str(error)))
            else:
                if fixes and fix_glued_words:
                    spans.apply_repairs(article=article, editor=importer, chosen=article.repairs)
                elif fixes:
                    waiting.append((path, article, len(fixes)))
                imported.append((path, article))
        self.report(imported, duplicates, failed, waiting)
        if failed and not imported:
            raise CommandError("Nothing was imported.")

    def collect(self, paths: list[Path]) -> list[Path]:
        suffixes = TEXT_SUFFIXES | HTML_SUFFIXES
        files = []
        for path in paths:
            if path.is_dir():
                files += sorted(p for p in path.rglob("*") if p.suffix.lower() in suffixes)
            elif path.exists():
                files.append(path)
            else:
                raise CommandError(f"No such file or folder: {path}")
        return files

    def importer(self, username: str | None):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No user named {username!r}.") from error

    def report(self, imported, duplicates, failed, waiting) -> None:
        for path, article in imported:
            self.stdout.write(
                f"  imported  {path}: “{article.title}” ({article.claims.count()} claims)"
            )
        for path, existing in duplicates:
            self.stdout.write(
                f"  duplicate {path}: already article {existing.pk} “{existing.title}”"
            )
        for path, reason in failed:
            self.stdout.write(self.style.ERROR(f"  failed    {path}: {reason}"))
        for path, article, count in waiting:
            self.stdout.write(
                self.style.WARNING(
                    f"  to check  {path}: {count} glued words offered as fixes (claims are "
                    f"proposed); open /articles/{article.pk}/prepare/"
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(imported)} imported, {len(duplicates)} skipped as duplicates, "
                f"{len(failed)} failed."
            )
        )
