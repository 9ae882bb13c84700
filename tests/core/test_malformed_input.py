"""Nothing a user can send gives a 5xx: every route, GET and POST, with malformed values for
every parameter the app reads (the ones reported: "²" as a version, "abc" as ids, huge
offsets), as an editor and as an admin."""

import pytest
from django.urls import get_resolver, reverse

from reviews.evidence import add_evidence
from tests.factories import ClaimFactory, SourceFactory
from tests.helpers import HTMX, logged_in

PARAMETERS = [
    "version", "verdict", "note", "confirm_no_evidence", "start", "end", "at", "quote",
    "attribution", "claims", "action", "to", "expected", "editors", "articles", "editor",
    "other", "event", "rev", "viewers", "q", "page", "kind", "status", "sort", "from",
    "below", "word", "ticked", "min_score", "speaker", "state", "second", "text", "source",
    "source_query", "new_source_kind", "url", "excerpt", "stance", "accessed_on", "method",
    "paste-text", "paste-title", "url-url", "date_from", "date_to", "source_id",
]  # fmt: skip
MALFORMED = ["²", "abc", "-1", "9" * 40, "", "1:²", "\x00", "<script>", "1.5e309", "nan"]
NAMESPACES = {"reviews", "ingest", "search", "exports", "dashboard"}


def routes():
    for resolver in get_resolver().url_patterns:
        if getattr(resolver, "namespace", None) in NAMESPACES:
            for pattern in resolver.url_patterns:
                yield f"{resolver.namespace}:{pattern.name}", "<int:pk>" in str(pattern.pattern)


@pytest.fixture
def objects(editor, db):
    claim = ClaimFactory(quote="the bridge cost 12 million euros", score=0.5)
    add_evidence(claim=claim, editor=editor, source=SourceFactory(name="Reuters"))
    return claim


@pytest.mark.parametrize("persona", ["editor", "admin"])
def test_every_route_survives_malformed_values(request, persona, objects):
    client = logged_in(request.getfixturevalue(persona))
    failures = []
    for name, takes_pk in routes():
        # The claim's and its article's pks (often the same number), and one that is neither.
        pks = sorted({objects.pk, objects.article_id, 999999}) if takes_pk else [None]
        for pk in pks:
            try:
                url = reverse(name, args=[pk] if pk else [])
            except Exception:  # noqa: BLE001 - a route that takes other arguments
                continue
            for value in MALFORMED:
                data = dict.fromkeys(PARAMETERS, value)
                for method in (client.get, client.post):
                    for headers in ({}, HTMX):
                        response = method(url, data, **headers)
                        if response.status_code >= 500:
                            failures.append((name, pk, method.__name__, repr(value)))
    assert failures == []
