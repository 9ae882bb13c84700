"""What the desk publishes besides JSON-LD: the claims of a report, CSV and Markdown.

Plain functions over plain querysets, so the views stay thin and the tests can call them.
Every list is loaded with a fixed number of queries (prefetches), whatever the number of
claims. ClaimReview JSON-LD is in reviews/exports/claimreview.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable
from typing import IO
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from reviews.exports.claimreview import (
    RATING_VALUES,
    absolute,
    claim_url,
    report_url,
    verdict_date,
)
from reviews.languages import language_name
from reviews.models import Article, Claim, ClaimState, Evidence, Verdict, VerdictRecord

FLAG_NO_EVIDENCE = "verdict without evidence"
FLAG_NO_NOTE = "unverified without a note"


# Loading ------------------------------------------------------------------------------------


def with_export_data(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """Claims with their current evidence and verdict history, in two extra queries."""
    return claims.select_related("updated_by").prefetch_related(
        Prefetch(
            "evidence",
            queryset=Evidence.objects.shown(),  # with its archived copy (the ledger's join)
            to_attr="current_evidence",
        ),
        Prefetch(
            "verdict_history",
            queryset=VerdictRecord.objects.select_related("editor").order_by("created_at", "pk"),
            to_attr="history",
        ),
        Prefetch("corrections", to_attr="correction_list"),
    )


def report_claims(article: Article) -> list[Claim]:
    """The article's claims that are not rejected, in reading order, numbered as on the
    review page (where rejected claims keep their numbers), so "claim 8" is the same claim
    on every screen."""
    numbers = {pk: n for n, pk in enumerate(article.claims.values_list("pk", flat=True), 1)}
    claims = list(with_export_data(article.claims.exclude(state=ClaimState.REJECTED)))
    for claim in claims:
        claim.number = numbers[claim.pk]
        claim.article = article  # no query per claim for the article
        add_facts(claim)
    return claims


def add_facts(claim: Claim) -> Claim:
    """What templates show beside the claim: the verdict date and the flags."""
    reviewed = claim.verdict != Verdict.UNREVIEWED
    claim.verdict_day = verdict_date(claim) if reviewed else None
    claim.flags = flags(claim)
    return claim


def corrections_of(claims: list[Claim]) -> list:
    """Every correction of the listed claims, newest first, each with its claim's number."""
    found = []
    for claim in claims:
        for correction in getattr(claim, "correction_list", []):
            correction.number = claim.number
            found.append(correction)
    return sorted(found, key=lambda c: (c.made_at, c.pk), reverse=True)


def reviewed_claims(article: Article) -> list[Claim]:
    """What is exported as ClaimReview: not rejected and given a verdict."""
    return [c for c in report_claims(article) if c.verdict != Verdict.UNREVIEWED]


def reviewed_claims_between(start: dt.date | None, end: dt.date | None) -> list[Claim]:
    """All reviewed claims whose verdict date (see verdict_date) falls in [start, end].

    The database narrows the candidates (a verdict date is never after the claim's last
    change, nor before its first verdict record); the exact date is computed from the
    prefetched history. Numbers are each claim's position in its article's report.
    """
    claims = Claim.objects.exclude(state=ClaimState.REJECTED).exclude(verdict=Verdict.UNREVIEWED)
    if start is not None:
        claims = claims.filter(updated_at__gte=day_start(start))
    if end is not None:
        # The verdict date of a claim without any record is its last change.
        claims = claims.filter(created_before_or_history(day_start(end + dt.timedelta(days=1))))
    claims = with_export_data(claims.select_related("article").distinct()).order_by(
        "article__created_at", "article_id", "start", "end", "pk"
    )
    chosen = [
        c
        for c in claims
        if (start is None or verdict_date(c) >= start) and (end is None or verdict_date(c) <= end)
    ]
    positions: dict[int, int] = {}
    counters: dict[int, int] = {}
    article_ids = {c.article_id for c in chosen}
    in_reading_order = (
        Claim.objects.filter(article_id__in=article_ids)
        .exclude(state=ClaimState.REJECTED)
        .values_list("article_id", "pk")
    )
    for article_id, pk in in_reading_order:
        counters[article_id] = counters.get(article_id, 0) + 1
        positions[pk] = counters[article_id]
    for claim in chosen:
        claim.number = positions.get(claim.pk, 0)
        add_facts(claim)
    return chosen


def created_before_or_history(moment: dt.datetime) -> Q:
    return Q(verdict_history__created_at__lt=moment) | Q(
        verdict_history__isnull=True, updated_at__lt=moment
    )


def day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


# Facts about one claim ----------------------------------------------------------------------


def editors(claim: Claim) -> list[str]:
    """Who gave verdicts or notes, first to last, each once."""
    names: list[str] = []
    for record in claim.history:
        name = record.editor.get_username() if record.editor else "(deleted user)"
        if name not in names:
            names.append(name)
    return names


def flags(claim: Claim) -> list[str]:
    """What a reader of the report should not have to take on trust."""
    found = []
    if claim.verdict in RATING_VALUES and not claim.current_evidence:
        found.append(FLAG_NO_EVIDENCE)
    if claim.verdict == Verdict.UNVERIFIED and not claim.note.strip():
        found.append(FLAG_NO_NOTE)
    return found


# CSV ----------------------------------------------------------------------------------------

CSV_COLUMNS = [
    "article_id",
    "article_title",
    "article_url",
    "claim_number",
    "claim_id",
    "claim",
    "attribution",
    "verdict",
    "note",
    "verdict_date",
    "editors",
    "last_changed_by",
    "evidence_count",
    "evidence",
    "flags",
    "claimreview_url",
    # One line per evidence item, in the order of the evidence column.
    "evidence_archived_at",
    "evidence_snapshot_status",
    "evidence_snapshot_sha256",
    "evidence_snapshot_url",
    "article_language",
    "translated_from_url",
    "translated_from_language",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str:
    """A spreadsheet would run a cell starting with = + - @ as a formula: quote it."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def evidence_line(evidence: Evidence) -> str:
    parts = [f"{evidence.source.name} ({evidence.get_stance_display().lower()})"]
    if evidence.excerpt:
        parts.append(f"“{evidence.excerpt}”")
    if evidence.url:
        parts.append(evidence.url)
    parts.append(f"accessed {evidence.accessed_on.isoformat()}")
    return ": ".join(parts[:2]) + "".join(f" {p}" for p in parts[2:])


def archived_copy(evidence: Evidence):
    """The evidence's snapshot, when the evidence ledger joined it (Evidence.objects.shown()
    loads it with the evidence), or None: not archived, or no ledger installed."""
    try:
        return evidence.archive.snapshot
    except (AttributeError, ObjectDoesNotExist):
        return None


def snapshot_status(evidence: Evidence) -> str:
    """What the ledger knows of the cited page: "archived, HTTP 200", "not archived: why"."""
    snapshot = archived_copy(evidence)
    if not evidence.url:
        return ""
    if snapshot is None:
        return "not archived yet"
    if snapshot.error:
        return f"not archived: {snapshot.error}"
    status = f"archived, HTTP {snapshot.status}"
    if snapshot.found == "missing":
        status += ", excerpt not in the page"
    check = evidence.archive.last_check
    if check is not None and check.needs_look:
        status += f"; since: {check.summary}"
    return status


def archive_columns(evidences: list[Evidence]) -> list[str]:
    rows = []
    for evidence in evidences:
        snapshot = archived_copy(evidence)
        ok = snapshot is not None and not snapshot.error
        rows.append(
            (
                timezone.localtime(snapshot.fetched_at).isoformat() if ok else "",
                snapshot_status(evidence),
                snapshot.sha256 if ok else "",
                absolute(snapshot.get_absolute_url()) if snapshot is not None else "",
            )
        )
    return ["\n".join(column) for column in zip(*rows, strict=True)] if rows else [""] * 4


def csv_row(claim: Claim) -> list[str]:
    reviewed = claim.verdict != Verdict.UNREVIEWED
    return [
        cell(v)
        for v in [
            claim.article_id,
            claim.article.title,
            claim.article.url,
            claim.number,
            claim.pk,
            claim.text,
            claim.attribution,
            claim.verdict,
            claim.note,
            verdict_date(claim).isoformat() if reviewed else "",
            "; ".join(editors(claim)),
            claim.updated_by.get_username() if claim.updated_by else "",
            len(claim.current_evidence),
            "\n".join(evidence_line(e) for e in claim.current_evidence),
            "; ".join(flags(claim)),
            claim_url(claim) if reviewed else "",
            *archive_columns(claim.current_evidence),
            claim.article.language,
            claim.article.original_url,
            claim.article.original_language,
        ]
    ]


def write_csv(claims: Iterable[Claim], out: IO[str]) -> None:
    """UTF-8 CSV (the response adds a BOM so spreadsheets detect the encoding)."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for claim in claims:
        writer.writerow(csv_row(claim))


# Markdown -----------------------------------------------------------------------------------

MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~])")
# List markers, headings and rules only count at a line start, before a space or a repeat.
LINE_START_SPECIAL = re.compile(r"^(\s*(?:\d+)?)([-+=#.)])(?=[\s=#-]|$)", re.MULTILINE)


def md(text: str) -> str:
    """User text as literal Markdown: no links, emphasis, HTML or headings sneak in."""
    text = MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return LINE_START_SPECIAL.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", text)


def md_url(url: str) -> str:
    """A URL as a Markdown autolink: characters that could close it or open HTML encoded."""
    return "<" + quote(url, safe=":/?#[]@!$&'()*+,;=%~") + ">"


def quoted(text: str) -> str:
    return "\n".join(f"> {md(line)}".rstrip() for line in text.strip().splitlines())


def article_markdown(article: Article, claims: list[Claim]) -> str:
    lines = [f"# {md(article.title)}", ""]
    meta = [md(v) for v in (article.outlet, article.byline) if v]
    if article.published_on:
        meta.append(article.published_on.isoformat())
    if meta:
        lines += [" · ".join(meta), ""]
    if article.url:
        lines += [f"Original article: {md_url(article.url)}", ""]
    if article.original_language:
        source = f"Translated from {md(language_name(article.original_language))}"
        if article.original_url:
            source += f": {md_url(article.original_url)}"
        lines += [source, ""]
    if article.status != Article.Status.PUBLISHED:
        lines += ["**Draft: not published.**", ""]
    lines += [
        f"Fact-check report by {md(settings.DESK_NAME)}: {md_url(report_url(article))}",
        "",
        summary_line(claims),
        "",
    ]
    for claim in claims:
        lines += [f"## Claim {claim.number}: {claim.get_verdict_display()}", "", quoted(claim.text)]
        if claim.attribution:
            lines += ["", f"Claimed by: {md(claim.attribution)}"]
        if claim.verdict != Verdict.UNREVIEWED:
            lines += ["", f"Verdict given: {verdict_date(claim).isoformat()}"]
        if claim.note.strip():
            lines += ["", "Note:", "", quoted(claim.note)]
        if claim.current_evidence:
            lines += ["", "Evidence:", ""]
            for evidence in claim.current_evidence:
                item = f"- {md(evidence.source.name)}, {evidence.get_stance_display().lower()}"
                if evidence.excerpt:
                    item += f": “{md(' '.join(evidence.excerpt.split()))}”"
                if evidence.url:
                    item += f" {md_url(evidence.url)}"
                item += f" (accessed {evidence.accessed_on.isoformat()}"
                snapshot = archived_copy(evidence)
                if snapshot is not None and not snapshot.error:
                    day = timezone.localdate(snapshot.fetched_at).isoformat()
                    item += f"; archived {day}: {md_url(absolute(snapshot.get_absolute_url()))}"
                elif evidence.url:
                    item += f"; {md(snapshot_status(evidence))}"
                lines.append(f"{item})")
        for flag in flags(claim):
            lines += ["", f"**Flag:** {flag}."]
        for correction in getattr(claim, "correction_list", []):
            day = timezone.localdate(correction.made_at).isoformat()
            lines += ["", f"**Correction, {day}:** {md(' '.join(correction.reason.split()))}"]
        lines.append("")
    return "\n".join(lines)


def verdict_counts(claims: Iterable[Claim]) -> list[tuple[str, str, int]]:
    """(value, label, count) for each verdict, in the list's order, zeros included."""
    counts = dict.fromkeys(Verdict.values, 0)
    for claim in claims:
        counts[claim.verdict] += 1
    return [(value, Verdict(value).label, counts[value]) for value in Verdict.values]


def checked_count(claims: list[Claim]) -> int:
    """Claims given a verdict: a claim nobody has reviewed yet is not "checked"."""
    return sum(1 for claim in claims if claim.verdict != Verdict.UNREVIEWED)


def summary_line(claims: list[Claim]) -> str:
    parts = [f"{count} {label.lower()}" for _, label, count in verdict_counts(claims) if count]
    noun = "claim" if len(claims) == 1 else "claims"
    checked = f"{checked_count(claims)} of {len(claims)} {noun} checked"
    return checked + (f": {', '.join(parts)}." if parts else ".")
