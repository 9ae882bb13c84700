"""Turn pasted text, uploaded files and fetched pages into articles.

Everything is reduced to plain text before it is stored: HTML goes through trafilatura,
which keeps the article's text and drops navigation, scripts and other boilerplate, and
no HTML is kept or rendered. Bad input raises ImportRefused with a message for the
editor; nothing is stored until the whole import has succeeded.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import charset_normalizer
import trafilatura
from django.conf import settings
from django.db import IntegrityError, transaction

from reviews.fetch import FetchRefused, fetch_page
from reviews.ingest.detection import (
    GlueFix,
    Proposals,
    detect_language,
    find_glued_words,
    propose_within_budget,
    structure_text,
)
from reviews.models import Article, ArticleRevision, Claim, body_hash
from reviews.revisions import RevisionRefused, import_revision
from reviews.spans import store_proposals

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MANY_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+", re.MULTILINE)
MIN_ARTICLE_WORDS = 8


class ImportRefused(Exception):
    """The input cannot become an article; the message tells the editor why."""


class DuplicateArticle(ImportRefused):
    def __init__(self, existing: Article):
        super().__init__(f"This article is already here: “{existing.title}”.")
        self.existing = existing


@dataclass
class ArticleDraft:
    title: str
    body: str
    origin: str
    outlet: str = ""
    byline: str = ""
    url: str = ""
    published_on: date | None = None
    note: str = ""  # for the editor, e.g. how the file's encoding was guessed


def normalise_text(text: str) -> str:
    """One canonical form, so offsets, duplicates and proposals agree across import paths."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = CONTROL_CHARS.sub("", text.replace("\u00a0", " "))
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return MANY_BLANK_LINES.sub("\n\n", text).strip()


def check_size(text: str) -> None:
    if not text.strip():
        raise ImportRefused("The article is empty: there is no text to review.")
    if len(text) > settings.MAX_ARTICLE_CHARS:
        raise ImportRefused(
            f"The article is too long ({len(text):,} characters; "
            f"the limit is {settings.MAX_ARTICLE_CHARS:,})."
        )


def draft_from_text(text: str, *, origin: str, title: str = "", url: str = "") -> ArticleDraft:
    """Plain text: a short first line is taken as the headline unless a title is given."""
    text = normalise_text(text)
    check_size(text)
    if not title:
        blocks = structure_text(text)
        if blocks and blocks[0].kind == "headline" and len(blocks) > 1:
            title = blocks[0].text.strip()
            text = text[blocks[0].end :].strip()
        else:
            title = text.split("\n", 1)[0][:120]
    check_size(text)
    return ArticleDraft(title=title[:500], body=text, origin=origin, url=url)


def draft_from_html(html: str | bytes, *, origin: str, url: str = "") -> ArticleDraft:
    document = trafilatura.bare_extraction(
        html, url=url or None, with_metadata=True, include_comments=False, include_tables=False
    )
    text = (document.text if document else "") or ""
    if len(text.split()) < MIN_ARTICLE_WORDS:  # a menu or a cookie notice is not an article
        raise ImportRefused("No article text was found in that page.")
    title = normalise_text(document.title or "")
    # trafilatura gives one line per paragraph; the headline may come first.
    lines = [line.strip() for line in normalise_text(text).split("\n") if line.strip()]
    if lines and title and lines[0] == title:
        lines = lines[1:]
    body = "\n\n".join(lines)
    check_size(body)
    return ArticleDraft(
        title=(title or lines[0][:120])[:500],
        body=body,
        origin=origin,
        outlet=(document.sitename or "")[:200],
        byline=(document.author or "")[:300],
        url=url[:2000],
        published_on=parse_date(document.date),
    )


def parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """The file's text, and a note when its encoding had to be guessed ("" for UTF-8).

    A byte-order mark decides (UTF-8, UTF-16, UTF-32); UTF-8 is tried next; anything else
    is guessed by charset-normalizer, and the guess is said, since accents may be wrong.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), ""
            except UnicodeDecodeError as error:
                raise ImportRefused(f"“{name}” is damaged {encoding} text.") from error
    if b"\x00" in data[:8192]:
        raise ImportRefused(f"“{name}” is a binary file, not text. Upload .txt, .md or .html.")
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError as error:
        guess = charset_normalizer.from_bytes(data).best()
        if guess is None:
            raise ImportRefused(
                f"“{name}” is not text we can read (byte {error.start}). "
                "Save it as UTF-8 and upload it again."
            ) from error
        label = guess.encoding.replace("_", "-")
        note = f"The file was not UTF-8; it was read as {label} (a guess: check the accents)."
        return str(guess), note


def draft_from_file(name: str, data: bytes, *, origin: str = Article.Origin.FILE) -> ArticleDraft:
    suffix = PurePath(name).suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        raise ImportRefused(f"“{name}” is not a .txt, .md or .html file.")
    if len(data) > settings.IMPORT_MAX_BYTES:
        raise ImportRefused(f"“{name}” is larger than {settings.IMPORT_MAX_BYTES // 1_000_000} MB.")
    text, note = decode_text(data, name)
    if suffix in HTML_SUFFIXES:
        draft = draft_from_html(text, origin=origin)
    else:
        if suffix in {".md", ".markdown"}:
            text = MARKDOWN_HEADING.sub("", text)
        draft = draft_from_text(text, origin=origin)
    draft.note = note
    return draft


def draft_from_url(url: str) -> ArticleDraft:
    try:
        page = fetch_page(url.strip())
    except FetchRefused as refused:
        raise ImportRefused(str(refused)) from refused
    if page.content_type == "text/plain":
        text = page.body.decode(page.charset or "utf-8", errors="replace")
        return draft_from_text(text, origin=Article.Origin.URL, url=page.url)
    return draft_from_html(page.body, origin=Article.Origin.URL, url=page.url)


TRACKING_PARAMETERS = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid)$", re.I)


def normalise_url(url: str) -> str:
    """One form per page: host in lower case, no fragment, no tracking parameters."""
    if not url:
        return ""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
         if not TRACKING_PARAMETERS.match(k)]
    )  # fmt: skip
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", query, ""))


def import_new_version(article: Article, draft: ArticleDraft, *, user) -> ArticleRevision:
    """The draft becomes the article's current text, as a new revision; its claims are
    re-anchored (reviews/revisions.py). Raises ImportRefused with the reason."""
    blocks = [
        {"kind": block.kind, "start": block.start, "end": block.end}
        for block in structure_text(draft.body, may_start_with_headline=False)
    ]
    try:
        return import_revision(
            article=article,
            body=draft.body,
            editor=user,
            title=draft.title,
            url=normalise_url(draft.url)[:2000],
            blocks=blocks,
        )
    except RevisionRefused as refused:
        raise ImportRefused(str(refused)) from refused


def revision_message(revision: ArticleRevision) -> str:
    counts = revision.counts
    return (
        f"Revision {revision.number} imported: {counts['unchanged']} claims unchanged,"
        f" {counts['moved']} moved, {counts['changed']} changed wording (flagged for re-review),"
        f" {counts['not_found']} not found."
    )


def newer_version_of(draft: ArticleDraft) -> Article | None:
    """The article already imported from the draft's web address, when the text differs
    (an identical text is still refused as a duplicate)."""
    if not draft.url:
        return None
    same_page = Article.objects.filter(url=draft.url).order_by("pk").first()
    if same_page is None or same_page.content_hash == body_hash(draft.body):
        return None
    return same_page


def find_duplicate(draft: ArticleDraft) -> Article | None:
    same_text = Article.objects.filter(content_hash=body_hash(draft.body))
    if draft.url:
        return (Article.objects.filter(url=draft.url) | same_text).order_by("pk").first()
    return same_text.order_by("pk").first()


def create_article(
    draft: ArticleDraft, *, user, on_stored: Callable[[Article], None] | None = None
) -> tuple[Article, list[GlueFix]]:
    """Store the draft and propose claims on the text as imported.

    Words that seem glued together are stored as fixes to offer; proposals never wait for
    them, and a fix accepted later moves the claims with the text (spans.apply_repairs).
    `on_stored(article)` runs inside the transaction that stores the article and its
    proposals, so whatever it writes (an import job's link) commits with them or not at all.
    """
    draft.url = normalise_url(draft.url)[:2000]
    newer = newer_version_of(draft)
    if newer is not None:  # the same page, changed since: a revision, not a duplicate
        with transaction.atomic():
            newer.new_revision = import_new_version(newer, draft, user=user)
            if on_stored is not None:
                on_stored(newer)
        return newer, []
    existing = find_duplicate(draft)
    if existing:
        raise DuplicateArticle(existing)
    try:
        return store_article(draft, user=user, on_stored=on_stored)
    except IntegrityError as error:  # the same text or page imported at the same moment
        existing = find_duplicate(draft)
        if existing is None:
            raise
        raise DuplicateArticle(existing) from error


def store_article(
    draft: ArticleDraft, *, user, on_stored: Callable[[Article], None] | None = None
) -> tuple[Article, list[GlueFix]]:
    # The slow part (detection) runs before the transaction, so no write lock waits on it.
    language = detect_language(draft.body)
    fixes = find_glued_words(draft.body, language=language)
    blocks, found = plan_proposals(draft.body, language)
    with transaction.atomic():
        article = Article(
            title=draft.title,
            body=draft.body,
            outlet=draft.outlet,
            byline=draft.byline,
            url=draft.url,
            published_on=draft.published_on,
            origin=draft.origin,
            created_by=user,
            language=language,
        )
        article.repairs = [
            {"start": f.start, "end": f.end, "original": f.original, "replacement": f.replacement}
            for f in fixes
        ]
        article.full_clean(validate_constraints=False)  # the database decides, race-free
        article.save()
        store_proposals(
            article=article, blocks=blocks, proposals=found.proposed, held_back=found.held_back
        )
        if on_stored is not None:
            on_stored(article)
    return article, fixes


def plan_proposals(body: str, language: str = "en") -> tuple[list[dict], Proposals]:
    """The article's structure and its automatic claim proposals, not yet stored."""
    blocks = [
        {"kind": block.kind, "start": block.start, "end": block.end}
        for block in structure_text(body, may_start_with_headline=False)
    ]
    found = propose_within_budget(
        body,
        share=settings.PROPOSAL_SHARE,
        always_above=settings.PROPOSAL_ALWAYS_ABOVE,
        may_start_with_headline=False,
        language=language,
    )
    return blocks, found


def propose_for_article(article: Article) -> list[Claim]:
    """Store the article's structure and its automatic claim proposals (once)."""
    blocks, found = plan_proposals(article.body, article.language)
    return store_proposals(
        article=article, blocks=blocks, proposals=found.proposed, held_back=found.held_back
    )
