"""Nothing a user can send gives a 5xx: every route, GET and POST, with malformed values for
every parameter the app reads (the ones reported: "²" as a version, "abc" as ids, huge
offsets), as an editor and as an admin; then Hypothesis-generated requests."""

import pytest
from django.urls import NoReverseMatch, get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


# Property-based: any values, any subset of the parameters, several values per name, on any
# route. Hypothesis searches for a request that breaks the "no 5xx, no bare 400" rule and
# shrinks it to the smallest one when it finds it.
VALUES = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(MALFORMED),
    st.from_regex(r"\A\d{1,6}:\d{1,3}\Z"),  # "pk:version" pairs
)
REQUESTS = st.tuples(
    st.sampled_from(sorted(dict(routes()).items())),
    st.dictionaries(st.sampled_from(PARAMETERS), st.lists(VALUES, min_size=1, max_size=3)),
    st.sampled_from(["get", "post"]),
    st.booleans(),
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(request_=REQUESTS)
def test_no_request_gets_a_server_error_or_a_bare_400(editor_client, objects, request_):
    (name, takes_pk), data, method, with_htmx = request_
    try:
        url = reverse(name, args=[objects.pk] if takes_pk else [])
    except NoReverseMatch:  # a route that takes other arguments
        return
    response = getattr(editor_client, method)(url, data, **(HTMX if with_htmx else {}))
    assert response.status_code < 500 and response.status_code != 400, (name, method, data)
