"""Taking snapshots of cited pages and checking them later: the ledger's writes.

Pages are fetched by the core's guarded fetcher (reviews/fetch.py), the same as URL imports:
the same refusal of private addresses (settings.IMPORT_ALLOWED_HOSTS for tests), the same
deadline and size limit. A failed fetch is a snapshot too, with its error, so the card can
say plainly why there is no archived copy.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

import trafilatura
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from reviews.fetch import FetchedPage, FetchRefused, fetch_page
from reviews.ledger import excerpt as excerpts
from reviews.ledger.models import Archive, Found, LinkCheck, Snapshot
from reviews.models import Evidence

logger = logging.getLogger(__name__)
GONE_STATUSES = {404, 410, 451}


@dataclass
class Visit:
    """A page as fetched now: what a snapshot or a check stores."""

    url: str
    final_url: str = ""
    status: int | None = None
    content_type: str = ""
    sha256: str = ""
    text: str = ""
    error: str = ""


def visit(url: str) -> Visit:
    try:
        page = fetch_page(url)
    except FetchRefused as refused:
        return Visit(url=url, status=refused.status, error=str(refused))
    return Visit(
        url=url,
        final_url=page.url,
        status=page.status,
        content_type=page.content_type,
        sha256=hashlib.sha256(page.body).hexdigest(),
        text=page_text(page),
    )


def page_text(page: FetchedPage) -> str:
    if page.content_type == "text/plain":
        return page.body.decode(page.charset or "utf-8", errors="replace").replace("\x00", "")
    text = trafilatura.extract(
        page.body, url=page.url, include_comments=False, include_tables=True, favor_recall=True
    )
    return (text or "").replace("\x00", "")


def excerpt_check(excerpt: str, text: str) -> dict:
    if not excerpt.strip():
        return {"found": Found.NO_EXCERPT, "match_start": None, "match_end": None}
    match = excerpts.locate(excerpt, text)
    return {
        "found": {"exact": Found.EXACT, "fuzzy": Found.FUZZY}.get(match.kind, Found.MISSING),
        "match_start": match.start,
        "match_end": match.end,
    }


def take_snapshot(evidence: Evidence, page: Visit | None = None) -> Snapshot:
    """Fetch the cited page (unless given) and store it as the evidence's snapshot."""
    page = page or visit(evidence.url)
    archive_url = ask_web_archive(evidence.url) if page.error == "" else ""
    with transaction.atomic():
        snapshot = Snapshot.objects.create(
            evidence=evidence,
            url=evidence.url,
            final_url=page.final_url,
            status=page.status,
            content_type=page.content_type,
            sha256=page.sha256,
            text=page.text,
            error=page.error,
            excerpt=evidence.excerpt,
            archive_url=archive_url,
            **(excerpt_check(evidence.excerpt, page.text) if not page.error else {}),
        )
        state = Archive.State.FAILED if page.error else Archive.State.ARCHIVED
        Archive.objects.update_or_create(
            evidence=evidence,
            defaults={
                "state": state,
                "snapshot": snapshot,
                "last_check": None,
                "needs_look": False,
                "updated_at": timezone.now(),
            },
        )
    return snapshot


def copy_snapshot(evidence: Evidence, original: Snapshot) -> Snapshot:
    """The copy of an evidence item cites the same page as it was archived: the same
    snapshot, stored again for the copy (a snapshot belongs to one evidence item)."""
    fields = {
        f.name: getattr(original, f.name)
        for f in Snapshot._meta.concrete_fields
        if f.name not in ("id", "evidence", "copied_from")
    }
    if evidence.excerpt != original.excerpt and not original.error:
        fields |= {"excerpt": evidence.excerpt, **excerpt_check(evidence.excerpt, original.text)}
    snapshot = Snapshot.objects.create(evidence=evidence, copied_from=original, **fields)
    Archive.objects.update_or_create(
        evidence=evidence,
        defaults={
            "state": Archive.State.FAILED if original.error else Archive.State.ARCHIVED,
            "snapshot": snapshot,
            "updated_at": timezone.now(),
        },
    )
    return snapshot


def check_link(archive: Archive, page: Visit | None = None) -> LinkCheck:
    """Visit the page again and record how it differs from the snapshot."""
    snapshot, evidence = archive.snapshot, archive.evidence
    page = page or visit(snapshot.url)
    gone = bool(page.error)
    text_changed = not gone and page.text.strip() != snapshot.text.strip()
    lost = False
    if not gone and text_changed and snapshot.found in (Found.EXACT, Found.FUZZY):
        lost = excerpt_check(evidence.excerpt, page.text)["found"] == Found.MISSING
    with transaction.atomic():
        check = LinkCheck.objects.create(
            evidence=evidence,
            snapshot=snapshot,
            status=page.status,
            final_url=page.final_url,
            sha256=page.sha256,
            error=page.error,
            gone=gone,
            moved=not gone and page.final_url.rstrip("/") != snapshot.final_url.rstrip("/"),
            changed=text_changed,
            excerpt_lost=lost,
        )
        Archive.objects.filter(pk=archive.pk).update(
            last_check=check, needs_look=check.needs_look, updated_at=timezone.now()
        )
    return check


def ask_web_archive(url: str) -> str:
    """Ask a public web archive to save the page (settings.LEDGER_WEB_ARCHIVE_SAVE_URL, off
    when empty); the archived copy's address, or "" when it did not work. Best effort: the
    snapshot stands without it."""
    save_url = settings.LEDGER_WEB_ARCHIVE_SAVE_URL
    if not save_url:
        return ""
    try:
        page = fetch_page(save_url + url)
    except FetchRefused as refused:
        logger.warning("web archive did not save %s: %s", url, refused)
        return ""
    return page.url if page.url != save_url + url else ""
