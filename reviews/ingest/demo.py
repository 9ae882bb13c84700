"""Demo data: the seed article (when ../shared/seed is present, in review), two fictional
articles (one fully reviewed and published) and the sources they cite.

Claims are given by quoting the text they anchor to, so the offsets are computed
from the stored body and can never point at the wrong words.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from reviews import claims as claim_edits
from reviews import spans
from reviews.evidence import add_evidence
from reviews.ingest.detection import detect_language, structure_text
from reviews.models import Article, Claim, Source

DEMO_DIR = Path(__file__).resolve().parent / "demo_data"
DEMO_PASSWORD = "factcheck-demo"


class DemoTextMismatch(Exception):
    """A hand-entered claim quotes words the article file does not contain."""


@dataclass
class DemoLogin:
    username: str
    password: str
    role: str


def ensure_demo_users() -> list[DemoLogin]:
    User = get_user_model()
    editors = Group.objects.get(name=settings.EDITORS_GROUP)
    logins = [
        DemoLogin("editor", DEMO_PASSWORD, "editor: reviews claims"),
        DemoLogin("editor2", DEMO_PASSWORD, "second editor"),
        DemoLogin("reader", DEMO_PASSWORD, "read-only"),
        DemoLogin("admin", DEMO_PASSWORD, "staff: Django admin"),
    ]
    for login in logins:
        user, created = User.objects.get_or_create(username=login.username)
        if created:
            user.set_password(login.password)
            user.is_staff = user.is_superuser = login.username == "admin"
            # An address to try the password reset with (`make demo` prints the mail).
            user.email = f"{login.username}@example.org"
            user.save()
        if login.username.startswith("editor"):
            user.groups.add(editors)
    return logins


def ensure_demo_sources() -> list[Source]:
    """The sources the demo articles cite; existing ones (maybe edited by an admin) are kept."""
    specs = json.loads((DEMO_DIR / "sources.json").read_text(encoding="utf-8"))
    sources = []
    for spec in specs:
        fields = {k: v for k, v in spec.items() if k != "name"}
        source, _ = Source.objects.get_or_create(name=spec["name"], defaults=fields)
        sources.append(source)
    return sources


def add_demo_evidence(claim: Claim, items: list[dict], editor) -> None:
    for item in items:
        fields = {k: v for k, v in item.items() if k != "source"}
        source = Source.objects.get(name=item["source"])
        add_evidence(claim=claim, editor=editor, source=source, **fields)


def split_headline(text: str) -> tuple[str, str]:
    """First line is the headline; the rest, with normalised line endings, is the body."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    headline, _, body = text.partition("\n")
    return headline.strip(), body.strip()


def read_demo_text(name: str) -> str | None:
    path = settings.SEED_ARTICLE_PATH if name == "seed" else DEMO_DIR / name
    return path.read_text(encoding="utf-8") if path.exists() else None


@transaction.atomic
def load_demo_article(spec: dict, text: str, editor) -> tuple[Article, bool]:
    """Create the article with its hand-entered claims; returns (article, created)."""
    title, body = split_headline(text)
    existing = Article.objects.filter(title=title, origin=Article.Origin.DEMO).first()
    if existing:
        return existing, False
    article = Article(
        title=title,
        body=body,
        outlet=spec.get("outlet", ""),
        byline=spec.get("byline", ""),
        status=Article.Status.IN_REVIEW,
        origin=Article.Origin.DEMO,
        created_by=editor,
        language=spec.get("language") or detect_language(body),
    )
    article.blocks = [
        {"kind": block.kind, "start": block.start, "end": block.end}
        for block in structure_text(body, may_start_with_headline=False)
    ]
    article.full_clean()
    article.save()
    claims = []
    for item in spec["claims"]:
        start = body.find(item["quote"])
        if start < 0:
            raise DemoTextMismatch(f"“{item['quote'][:50]}” is not in {spec['file']}")
        claim = spans.add_claim(
            article=article,
            editor=editor,
            start=start,
            end=start + len(item["quote"]),
            attribution=item.get("attribution", ""),
        )
        claims.append(claim)
    for number, items in spec.get("evidence", {}).items():
        add_demo_evidence(claims[int(number) - 1], items, editor)
    for number, (verdict, note) in spec.get("verdicts", {}).items():
        claim = claims[int(number) - 1]
        claim_edits.set_verdict(
            claim=claim, editor=editor, verdict=verdict, note=note, expected_version=claim.version
        )
    # Its status last: a published article takes changes only as corrections.
    status = spec.get("status", Article.Status.IN_REVIEW)
    if status != article.status:
        article.status = status
        if status == Article.Status.PUBLISHED:
            article.first_published_at = timezone.now()
        article.save(update_fields=["status", "first_published_at"])
    return article, True


def load_demo() -> tuple[list[DemoLogin], list[tuple[Article, bool]], list[str]]:
    """Returns the logins, the (article, created) pairs and the reasons anything was skipped."""
    logins = ensure_demo_users()
    ensure_demo_sources()
    editor = get_user_model().objects.get(username="editor")
    specs = json.loads((DEMO_DIR / "articles.json").read_text(encoding="utf-8"))
    loaded, skipped = [], []
    for spec in specs:
        text = read_demo_text(spec["file"])
        if text is None:
            where = settings.SEED_ARTICLE_PATH if spec["file"] == "seed" else spec["file"]
            skipped.append(f"file not found: {where}")
            continue
        try:
            loaded.append(load_demo_article(spec, text, editor))
        except DemoTextMismatch as mismatch:
            skipped.append(str(mismatch))
    return logins, loaded, skipped
