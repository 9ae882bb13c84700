"""ClaimReview JSON-LD (schema.org) for reviewed claims, and the public URLs it points at.

The numeric scale (schema.org `Rating`, documented in the README): corroborated = 5,
disputed = 1, on a 1 (worst) to 5 (best) scale, the common reading of fact-check ratings.
Unverified carries no number at all: any value in between would read as "half true".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from reviews.middleware import request_base_url
from reviews.models import Article, ArticleRevision, Claim, Verdict, VerdictRecord

BEST_RATING = 5
WORST_RATING = 1
RATING_VALUES = {Verdict.CORROBORATED: BEST_RATING, Verdict.DISPUTED: WORST_RATING}
CLAIM_REVIEWED_LENGTH = 75  # Google: "try to keep this less than 75 characters"


def short_claim(text: str, limit: int = CLAIM_REVIEWED_LENGTH) -> str:
    """The claim in under `limit` characters where possible, cut at a word, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–—-")
    return f"{cut}…"


def verdict_moment(claim: Claim) -> dt.datetime:
    """When the current verdict was first given (later note edits do not move it).

    The earliest record of the last unbroken run of records with the current verdict;
    the claim's last change when there is no history (e.g. data loaded by hand).
    """
    history: list[VerdictRecord] = getattr(claim, "history", None) or list(
        claim.verdict_history.order_by("created_at", "pk")
    )
    moment = None
    for record in reversed(history):
        if record.verdict != claim.verdict:
            break
        moment = record.created_at
    return moment or claim.updated_at


def verdict_date(claim: Claim) -> dt.date:
    return timezone.localdate(verdict_moment(claim))


def review_dates(claim: Claim) -> dict:
    """ClaimReview's dates. Once the fact-check is published, datePublished is that first
    publication's date whatever happens later; a correction sets dateModified."""
    first = claim.article.first_published_at
    dates = {"datePublished": (timezone.localdate(first) if first else verdict_date(claim))}
    corrections = getattr(claim, "correction_list", None)
    if corrections is None:
        corrections = list(claim.corrections.all())
    if corrections:
        dates["dateModified"] = timezone.localdate(corrections[-1].made_at).isoformat()
    dates["datePublished"] = dates["datePublished"].isoformat()
    return dates


# URLs ---------------------------------------------------------------------------------------


def absolute(path: str) -> str:
    """SITE_URL when set (production), else the host this request came to."""
    return f"{settings.SITE_URL or request_base_url.get()}{path}"


def report_url(article: Article) -> str:
    return absolute(reverse("exports:article_report", args=[article.pk]))


def claim_url(claim: Claim) -> str:
    """The ClaimReview `url`: the claim's place on the public report page."""
    return f"{report_url(claim.article)}#claim-{claim.pk}"


# ClaimReview JSON-LD ------------------------------------------------------------------------


def desk() -> dict:
    author = {"@type": "Organization", "name": settings.DESK_NAME}
    if settings.DESK_URL:
        author["url"] = settings.DESK_URL
    return author


def rating(verdict: str) -> dict:
    label = Verdict(verdict).label
    if verdict not in RATING_VALUES:
        return {"@type": "Rating", "alternateName": label}
    return {
        "@type": "Rating",
        "ratingValue": RATING_VALUES[verdict],
        "bestRating": BEST_RATING,
        "worstRating": WORST_RATING,
        "alternateName": label,
    }


def reviewed_version(claim: Claim) -> ArticleRevision | None:
    """The text the claim's verdict was given on: the revision it stays on when it was not
    found in a newer one, else the current one; None for an article with one text."""
    if claim.detached_from_id is not None:
        return claim.detached_from
    article = claim.article
    if not hasattr(article, "text_revision"):  # once per article object
        current = article.revisions.defer("body").order_by("-number")
        article.text_revision = current.first()
    return article.text_revision


def appearance(article: Article, version: ArticleRevision | None = None) -> dict:
    work: dict = {"@type": "CreativeWork", "headline": (version or article).title}
    url = version.url if version and version.url else article.url
    if url:
        work["url"] = url
    if version is not None:  # which of the article's texts was reviewed
        work["version"] = str(version.number)
    if article.published_on:
        work["datePublished"] = article.published_on.isoformat()
    if article.outlet:
        work["publisher"] = {"@type": "Organization", "name": article.outlet}
    if article.language:
        work["inLanguage"] = article.language
    if article.original_language:  # the article is a translation: of what
        original: dict = {"@type": "CreativeWork", "inLanguage": article.original_language}
        if article.original_url:
            original["url"] = article.original_url
        work["translationOfWork"] = original
    return work


def review_language() -> str:
    """The desk writes its reviews in the site's language (BCP 47, "en" for "en-us")."""
    code = settings.LANGUAGE_CODE.split("-")
    return "-".join([code[0].lower(), *(part.upper() for part in code[1:2] if len(part) == 2)])


def claim_review(claim: Claim) -> dict:
    """One schema.org ClaimReview (Google's fact-check rules), without the @context."""
    item: dict = {"@type": "Claim", "text": " ".join(claim.text.split())}
    if claim.attribution:
        # Who makes the claim is free text ("the Russian army", "analysts"): an organisation
        # is the safer reading; Google accepts Person or Organization here.
        item["author"] = {"@type": "Organization", "name": claim.attribution}
    if claim.article.published_on:
        item["datePublished"] = claim.article.published_on.isoformat()
    if claim.article.language:  # the claim is quoted as the article words it
        item["inLanguage"] = claim.article.language
    item["appearance"] = appearance(claim.article, reviewed_version(claim))
    return {
        "@type": "ClaimReview",
        "url": claim_url(claim),
        "claimReviewed": short_claim(claim.text),
        "author": desk(),
        **review_dates(claim),
        "reviewRating": rating(claim.verdict),
        "inLanguage": review_language(),
        "itemReviewed": item,
    }


def claim_review_document(claim: Claim) -> dict:
    return {"@context": "https://schema.org", **claim_review(claim)}


def article_claim_reviews(claims: Iterable[Claim]) -> dict:
    """All the article's ClaimReviews as one JSON-LD document (a @graph, possibly empty)."""
    return {
        "@context": "https://schema.org",
        "@graph": [claim_review(c) for c in claims if c.verdict != Verdict.UNREVIEWED],
    }
