"""Evidence on a claim card: add, edit, remove (softly), the source type-ahead and new sources."""

import pytest
from django.urls import reverse

from reviews.claims import set_verdict
from reviews.models import Event, Evidence, Source
from tests.factories import SourceFactory, UserFactory
from tests.helpers import HTMX, full_card, logged_in


@pytest.fixture
def reuters(db):
    return SourceFactory(
        name="Reuters", kind="news_agency", reliability="high", domain="reuters.com"
    )


def add(client, claim, htmx=True, **data):
    data = {"stance": "supports", "accessed_on": "2026-11-20", **data}
    url = reverse("reviews:evidence_add", args=[claim.pk])
    return client.post(url, data, **(HTMX if htmx else {}))


def test_add_evidence_with_a_picked_source_swaps_the_card(editor_client, editor, claim, reuters):
    response = add(
        editor_client,
        claim,
        source=reuters.pk,
        source_query="Reuters",
        url="https://reuters.com/a",
        excerpt="The bridge cost €12.4m, the council's accounts show.",
        stance="contradicts",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<article id="claim-{claim.pk}"')
    assert "Evidence (1)" in html and "<strong>Reuters</strong>" in html
    assert "Contradicts the claim" in html
    assert "The bridge cost €12.4m, the council&#x27;s accounts show." in html
    item = Evidence.objects.get()
    assert (item.source, item.stance, item.added_by, str(item.accessed_on)) == (
        reuters,
        "contradicts",
        editor,
        "2026-11-20",
    )
    event = Event.objects.get(action="evidence.add")
    assert event.after["source"] == reuters.pk and event.claim == claim


def test_typing_the_exact_source_name_works_without_javascript(editor_client, claim, reuters):
    response = add(editor_client, claim, htmx=False, source_query="reuters")
    assert response.status_code == 302
    assert Evidence.objects.get().source == reuters


def test_an_unknown_source_is_refused_with_a_way_forward(editor_client, claim):
    response = add(editor_client, claim, source_query="Daily Planet")
    html = response.content.decode()
    assert response.status_code == 422
    assert response["HX-Retarget"] == f"#evidence-form-{claim.pk}"
    assert "“Daily Planet” is not in the source registry" in html
    assert Evidence.objects.count() == 0


def test_editors_can_propose_a_new_source_inline(editor_client, editor, claim, settings):
    settings.SOURCE_CREATION = "propose"
    add(editor_client, claim, source_query="Daily Planet", new_source_kind="outlet")
    source = Source.objects.get(name="Daily Planet")
    assert (source.kind, source.confirmed, source.created_by) == ("outlet", False, editor)
    assert Evidence.objects.get().source == source


def test_when_only_admins_add_sources_editors_are_refused(editor_client, claim, settings):
    settings.SOURCE_CREATION = "admins"
    response = add(editor_client, claim, source_query="Daily Planet", new_source_kind="outlet")
    assert "Only admins can add sources" in response.content.decode()
    assert not Source.objects.filter(name="Daily Planet").exists()


def test_malformed_evidence_url_gets_a_message(editor_client, claim, reuters):
    response = add(
        editor_client, claim, source=reuters.pk, source_query="Reuters", url="ht!tp:/x y"
    )
    assert "That is not a web address" in response.content.decode()
    assert Evidence.objects.count() == 0


def test_type_ahead_returns_matching_sources_only(editor_client, reuters):
    SourceFactory(name="Thomson Reuters Foundation", kind="ngo")
    SourceFactory(name="EFE", kind="news_agency")
    SourceFactory(name="Reuters Rumours", confirmed=False, created_by=UserFactory())
    html = editor_client.get(reverse("reviews:source_search"), {"source_query": "reu"}).content
    html = html.decode()
    assert html.index(">Reuters <small>") < html.index(">Thomson Reuters Foundation <small>")
    assert "EFE" not in html
    assert "Reuters Rumours" not in html  # someone else's unconfirmed proposal
    assert "Add “reu” as a new source" in html


def test_type_ahead_escapes_the_query(editor_client):
    html = editor_client.get(reverse("reviews:source_search"), {"q": "<img src=x>"}).content
    assert b"<img src=x>" not in html and b"&lt;img src=x&gt;" in html


def test_edit_evidence_and_refuse_a_stale_edit(editor_client, editor, claim, reuters):
    add(editor_client, claim, source=reuters.pk, source_query="Reuters", excerpt="old")
    item = Evidence.objects.get()
    url = reverse("reviews:evidence_edit", args=[item.pk])
    form = editor_client.get(url, **HTMX).content.decode()
    assert "Edit evidence from Reuters" in form and ">old</textarea>" in form
    data = {"source": reuters.pk, "source_query": "Reuters", "stance": "context"}
    data |= {"accessed_on": "2026-11-21", "excerpt": "new", "version": 1}
    assert editor_client.post(url, data, **HTMX).status_code == 200
    item.refresh_from_db()
    assert (item.excerpt, item.stance, item.version) == ("new", "context", 2)
    stale = editor_client.post(url, data | {"excerpt": "mine"}, **HTMX)
    assert stale.status_code == 409
    assert "Someone changed or removed this evidence meanwhile" in stale.content.decode()
    assert Evidence.objects.get().excerpt == "new"
    event = Event.objects.get(action="evidence.edit")
    assert event.before == {
        "url": "",
        "excerpt": "old",
        "stance": "supports",
        "accessed_on": "2026-11-20",
        "source": reuters.pk,
    }
    assert event.after["excerpt"] == "new"


def test_removed_evidence_leaves_the_card_but_stays_in_the_database(editor_client, claim, reuters):
    add(editor_client, claim, source=reuters.pk, source_query="Reuters")
    item = Evidence.objects.get()
    response = editor_client.post(
        reverse("reviews:evidence_remove", args=[item.pk]), {"version": 1}, **HTMX
    )
    assert "Evidence (1)" not in response.content.decode()
    item.refresh_from_db()
    assert item.removed_at is not None
    assert Event.objects.filter(action="evidence.remove", object_id=item.pk).count() == 1


@pytest.mark.parametrize("persona", ["reader"])
def test_readers_cannot_touch_evidence(request, persona, claim, reuters, editor):
    from reviews.evidence import add_evidence

    item = add_evidence(claim=claim, editor=editor, source=reuters)
    client = logged_in(request.getfixturevalue(persona))
    assert add(client, claim, source=reuters.pk, source_query="Reuters").status_code == 403
    assert client.get(reverse("reviews:evidence_add", args=[claim.pk])).status_code == 403
    edit = reverse("reviews:evidence_edit", args=[item.pk])
    assert client.post(edit, {"source_query": "Reuters", "version": 1}).status_code == 403
    remove = reverse("reviews:evidence_remove", args=[item.pk])
    assert client.post(remove, {"version": 1}).status_code == 403
    assert Evidence.objects.current().count() == 1


def test_staff_can_add_evidence(admin, claim, reuters):
    assert (
        add(logged_in(admin), claim, source=reuters.pk, source_query="Reuters").status_code == 200
    )


def test_evidence_form_page_works_without_javascript(editor_client, claim):
    html = editor_client.get(reverse("reviews:evidence_add", args=[claim.pk])).content.decode()
    assert "<html" in html and 'name="source_query"' in html


def test_review_page_shows_evidence_and_flags_verdicts_without_it(
    editor_client, editor, claim, second_claim, reuters
):
    from reviews.evidence import add_evidence

    add_evidence(claim=claim, editor=editor, source=reuters, excerpt="12m confirmed")
    set_verdict(claim=second_claim, editor=editor, verdict="disputed", note="", expected_version=1)
    html = full_card(editor_client, claim) + full_card(editor_client, second_claim)
    assert "12m confirmed" in html
    assert html.count("No evidence yet: flagged in the report.") == 1


def test_evidence_form_names_the_claim_by_its_number(editor_client, claim, second_claim):
    url = reverse("reviews:evidence_add", args=[second_claim.pk])
    assert b"Add evidence for claim 2" in editor_client.get(url, **HTMX).content
