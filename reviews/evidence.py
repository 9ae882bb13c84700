"""Evidence behind verdicts, and the sources editors pick it from.

Evidence is never deleted: removing it stamps removed_at, and every add, edit and
removal is written to the audit trail. Editors may add a missing source; whether it
is usable at once or waits for an admin is settings.SOURCE_CREATION.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from reviews import audit, corrections, signals
from reviews.models import Claim, Event, Evidence, Source, StaleEdit

EVIDENCE_FIELDS = ["source", "url", "excerpt", "stance", "accessed_on"]


class EvidenceRefused(Exception):
    """The evidence cannot be saved as given; the message is for the editor."""


def visible_sources(user) -> QuerySet[Source]:
    """Confirmed sources, plus the ones this user proposed and an admin has not yet confirmed."""
    mine = Q(created_by=user) if user.is_authenticated else Q(pk__in=[])
    return Source.objects.filter(Q(confirmed=True) | mine)


# Words that say what kind of source it is, not which one: "Reuters news agency" is Reuters.
GENERIC_WORDS = {"news", "agency", "the", "and", "for", "press", "media", "service", "group"}


def name_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W_]+", text.lower()) if len(w) > 2} - GENERIC_WORDS


def link_host(url: str) -> str:
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    return host.removeprefix("www.")


def same_site(source: Source, host: str) -> bool:
    domain = source.domain.lower().removeprefix("www.")
    return bool(host and domain) and (host == domain or host.endswith(f".{domain}"))


def search_sources(query: str, user, limit: int = 8, link: str = "") -> list[Source]:
    """Registry entries for what was typed and the evidence's link, best first: the exact
    name, then names starting with it, then names whose words are all in it ("Reuters news
    agency" finds Reuters), the link's site (reuters.com), then names sharing a word."""
    query = " ".join(query.replace("\x00", "").split())[:200]
    host = link_host(link.replace("\x00", "")[:2000])
    words = name_words(query)
    if not query and not host:
        return []
    wanted = Q(pk__in=[])
    if query:
        wanted |= Q(name__icontains=query) | Q(domain__icontains=query) | Q(notes__icontains=query)
    for word in sorted(words)[:6]:
        wanted |= Q(name__icontains=word)
    if host:
        wanted |= Q(domain__iexact=host) | Q(domain__iexact=host.split(".", 1)[-1])
    candidates = list(visible_sources(user).filter(wanted)[:200])

    def rank(source: Source) -> tuple:
        name, own = source.name.lower(), name_words(source.name)
        if name == query.lower():
            tier = 0
        elif query and name.startswith(query.lower()):
            tier = 1
        elif (own and own <= words) or same_site(source, host):
            tier = 2
        elif query.lower() in name:
            tier = 3
        else:
            tier = 4
        return tier, -len(own & words), source.name

    return sorted(candidates, key=rank)[:limit]


def similar_source(name: str, user, link: str = "") -> Source | None:
    """An existing source a new one called `name` would duplicate ("Reuters news agency"
    for Reuters, or any name with a link on a registered source's site)."""
    for source in search_sources(name, user, limit=3, link=link):
        own = name_words(source.name)
        if (own and own <= name_words(name)) or same_site(source, link_host(link)):
            return source
    return None


def may_create_sources(user) -> bool:
    policy = settings.SOURCE_CREATION
    return user.is_staff or policy in ("confirmed", "propose")


def create_source(*, user, name: str, kind: str) -> Source:
    name = " ".join(name.split())[:200]
    if not may_create_sources(user):
        raise EvidenceRefused(f"Only admins can add sources; ask one to add “{name}”.")
    existing = Source.objects.filter(name__iexact=name).first()
    if existing:
        return existing
    return Source.objects.create(
        name=name,
        kind=kind if kind in Source.Kind.values else Source.Kind.OTHER,
        confirmed=user.is_staff or settings.SOURCE_CREATION == "confirmed",
        created_by=user,
    )


def add_evidence(
    *, claim: Claim, editor, source: Source, copied_from: Evidence | None = None, **fields
) -> Evidence:
    with transaction.atomic():
        corrections.ensure_editable(claim, article_id=claim.article_id)
        evidence = Evidence.objects.create(claim=claim, source=source, added_by=editor, **fields)
        Event.objects.record(
            actor=editor,
            article_id=claim.article_id,
            claim_id=claim.pk,
            obj=evidence,
            action="evidence.add",
            after=audit.snapshot(evidence, EVIDENCE_FIELDS)
            | (copied_note(copied_from) if copied_from else {}),
        )
        signals.evidence_saved.send(
            Evidence, evidence=evidence, created=True, changed=set(), copied_from=copied_from
        )
    return evidence


def copied_note(original: Evidence) -> dict:
    """What the timeline says of a copy: where it came from, in words."""
    return {"copied_from": f"evidence {original.pk} of claim {original.claim_id}"}


def update_if_current(evidence: Evidence, *, expected_version: int, **fields) -> None:
    """Conditional UPDATE on the version, as for claims: a stale or removed item is refused."""
    updated = Evidence.objects.filter(
        pk=evidence.pk, version=expected_version, removed_at__isnull=True
    ).update(**fields, version=F("version") + 1)
    if not updated:
        evidence.refresh_from_db()
        raise StaleEdit(evidence)
    for name, value in fields.items():
        setattr(evidence, name, value)
    evidence.version = expected_version + 1


def edit_evidence(*, evidence: Evidence, editor, expected_version: int, **fields) -> Evidence:
    before = audit.snapshot(evidence, fields)
    with transaction.atomic():
        corrections.ensure_editable(evidence.claim, article_id=evidence.claim.article_id)
        update_if_current(evidence, expected_version=expected_version, **fields)
        Event.objects.record(
            actor=editor,
            article_id=evidence.claim.article_id,
            claim_id=evidence.claim_id,
            obj=evidence,
            action="evidence.edit",
            before=before,
            after=(after := audit.snapshot(evidence, fields)),
        )
        changed = {name for name in fields if before.get(name) != after[name]}
        signals.evidence_saved.send(
            Evidence, evidence=evidence, created=False, changed=changed, copied_from=None
        )
    return evidence


def remove_evidence(*, evidence: Evidence, editor, expected_version: int) -> Evidence:
    with transaction.atomic():
        corrections.ensure_editable(evidence.claim, article_id=evidence.claim.article_id)
        update_if_current(
            evidence,
            expected_version=expected_version,
            removed_at=timezone.now(),
            removed_by=editor,
        )
        Event.objects.record(
            actor=editor,
            article_id=evidence.claim.article_id,
            claim_id=evidence.claim_id,
            obj=evidence,
            action="evidence.remove",
            before=audit.snapshot(evidence, EVIDENCE_FIELDS),
        )
    return evidence


def copy_evidence(*, claim: Claim, other: Claim, editor) -> int:
    """Copy the other claim's current evidence, skipping items this claim already has."""
    items = Evidence.objects.current().filter(claim=other).select_related("source")
    return copy_items(claim=claim, items=list(items), editor=editor)


def copy_items(*, claim: Claim, items: list[Evidence], editor) -> int:
    """Copy evidence items onto a claim (each audited as an add that names its original; the
    ledger gives the copy the original's snapshot), skipping what the claim already has."""
    current = Evidence.objects.current()
    have = {(e.source_id, e.url, e.excerpt, e.stance) for e in current.filter(claim=claim)}
    copied = 0
    with transaction.atomic():
        for item in items:
            if (item.source_id, item.url, item.excerpt, item.stance) in have:
                continue
            add_evidence(
                claim=claim,
                editor=editor,
                source=item.source,
                copied_from=item,
                url=item.url,
                excerpt=item.excerpt,
                stance=item.stance,
                accessed_on=item.accessed_on,
            )
            have.add((item.source_id, item.url, item.excerpt, item.stance))
            copied += 1
    return copied
