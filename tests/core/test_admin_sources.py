"""The source registry in Django admin: counts, where cited, filters, merging duplicates;
evidence and the audit trail are read-only there."""

import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reviews.claims import set_verdict
from reviews.models import Article, Event, Evidence, Source
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory
from tests.helpers import logged_in

CHANGELIST = "admin:reviews_source_changelist"


def cite(claim, source, **fields) -> Evidence:
    return Evidence.objects.create(claim=claim, source=source, excerpt="x", **fields)


def row_of(html: str, name: str) -> str:
    start = html.index(f">{name}</a>")
    return html[start : html.index("</tr>", start)]


def test_changelist_counts_current_evidence_and_distinct_claims(admin_client, claim, second_claim):
    reuters = SourceFactory(name="Reuters")
    SourceFactory(name="Uncited Agency")
    cite(claim, reuters)
    cite(claim, reuters)
    cite(second_claim, reuters)
    removed = cite(second_claim, reuters)
    Evidence.objects.filter(pk=removed.pk).update(removed_at=timezone.now())
    html = admin_client.get(reverse(CHANGELIST)).content.decode()
    assert '<td class="field-evidence_count">3</td>' in row_of(html, "Reuters")
    assert '<td class="field-claim_count">2</td>' in row_of(html, "Reuters")
    assert '<td class="field-evidence_count">0</td>' in row_of(html, "Uncited Agency")


def test_changelist_queries_do_not_grow_with_sources(admin_client, claim):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(reverse(CHANGELIST)).status_code == 200
        return len(queries)

    cite(claim, SourceFactory())
    few = count()
    for _ in range(5):
        cite(claim, SourceFactory())
    assert count() == few


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"country": "Spain"}, "EFE", "Ukrinform"),
        ({"reliability__exact": "medium"}, "Ukrinform", "EFE"),
        ({"kind__exact": "think_tank"}, "Chatham House", "EFE"),
        ({"q": "chatham"}, "Chatham House", "Ukrinform"),
    ],
)
def test_sources_filter_by_country_reliability_kind_and_search(admin_client, query, shown, hidden):
    SourceFactory(name="EFE", country="Spain", reliability="high")
    SourceFactory(name="Ukrinform", country="Ukraine", reliability="medium")
    SourceFactory(name="Chatham House", kind="think_tank", country="United Kingdom")
    html = admin_client.get(reverse(CHANGELIST), query).content.decode()
    assert f">{shown}</a>" in html and f">{hidden}</a>" not in html


def test_change_page_lists_where_the_source_is_cited_read_only(admin_client, claim):
    Article.objects.filter(pk=claim.article_id).update(title="Bridge <b>costs</b>")
    source = SourceFactory(name="Reuters")
    cite(claim, source, stance="contradicts")
    other = cite(ClaimFactory(article=ArticleFactory(title="Removed one")), source)
    Evidence.objects.filter(pk=other.pk).update(removed_at=timezone.now())
    html = admin_client.get(reverse("admin:reviews_source_change", args=[source.pk])).content
    html = html.decode()
    review = reverse("reviews:article_review", args=[claim.article_id])
    assert f'<a href="{review}#claim-{claim.pk}">Bridge &lt;b&gt;costs&lt;/b&gt;</a>' in html
    assert "“the bridge cost 12 million euros” (contradicts the claim)" in html
    assert "Removed one" not in html
    assert 'name="cited_in"' not in html


def merge_post(client, sources, **extra):
    data = {"action": "merge_selected", ACTION_CHECKBOX_NAME: [s.pk for s in sources], **extra}
    return client.post(reverse(CHANGELIST), data)


def test_merge_asks_which_source_to_keep_before_changing_anything(admin_client, claim):
    reuters, duplicate = SourceFactory(name="Reuters"), SourceFactory(name="Reuters news agency")
    cite(claim, duplicate)
    cite(claim, duplicate)
    response = merge_post(admin_client, [reuters, duplicate])
    html = response.content.decode()
    assert response.status_code == 200
    assert "Merge duplicate sources" in html
    assert f'type="radio" name="keep" value="{duplicate.pk}"' in html
    # The most cited source is offered as the one to keep.
    assert re.search(rf"value=\"{duplicate.pk}\"[^>]*checked", html)
    assert Source.objects.count() == 2 and Event.objects.count() == 0


def test_merge_moves_every_evidence_item_and_records_each_move(admin_client, claim, second_claim):
    keep = SourceFactory(name="Reuters", url="", country="")
    dup = SourceFactory(
        name="Reuters (dup)", url="https://www.reuters.com/", country="UK", notes="typo entry"
    )
    other_dup = SourceFactory(name="reuters.com")
    items = [cite(claim, dup), cite(second_claim, dup, stance="context"), cite(claim, other_dup)]
    Evidence.objects.filter(pk=items[1].pk).update(removed_at=timezone.now())
    untouched = cite(claim, keep)
    revision = Article.objects.get(pk=claim.article_id).revision

    response = merge_post(admin_client, [keep, dup, other_dup], post="yes", keep=keep.pk)

    assert response.status_code == 302
    assert list(Source.objects.values_list("name", flat=True)) == ["Reuters"]
    moved = Evidence.objects.filter(pk__in=[i.pk for i in items]).order_by("pk")
    assert [e.source_id for e in moved] == [keep.pk] * 3
    assert [(e.excerpt, e.stance, e.claim_id, e.version) for e in moved] == [
        ("x", "supports", claim.pk, 2),
        ("x", "context", second_claim.pk, 2),
        ("x", "supports", claim.pk, 2),
    ]
    assert Evidence.objects.get(pk=items[1].pk).removed_at is not None  # still removed
    assert Evidence.objects.get(pk=untouched.pk).version == 1
    events = Event.objects.filter(action="evidence.source_merged").order_by("object_id")
    assert [(e.object_id, e.before, e.after) for e in events] == [
        (items[0].pk, {"source": dup.pk}, {"source": keep.pk}),
        (items[1].pk, {"source": dup.pk}, {"source": keep.pk}),
        (items[2].pk, {"source": other_dup.pk}, {"source": keep.pk}),
    ]
    assert Article.objects.get(pk=claim.article_id).revision == revision + 3
    keep.refresh_from_db()
    assert (keep.url, keep.country) == ("https://www.reuters.com/", "UK")
    assert "Merged from “Reuters (dup)”: typo entry" in keep.notes
    page = admin_client.get(response["Location"]).content.decode()
    assert "3 evidence items moved" in page


def test_merge_needs_two_sources(admin_client):
    source = SourceFactory()
    response = merge_post(admin_client, [source])
    assert response.status_code == 302
    page = admin_client.get(response["Location"]).content.decode()
    assert "Select at least two sources to merge." in page


def test_merge_refuses_a_kept_source_outside_the_selection(admin_client, claim):
    a, b, outsider = SourceFactory(), SourceFactory(), SourceFactory()
    cite(claim, b)
    response = merge_post(admin_client, [a, b], post="yes", keep=outsider.pk)
    assert response.status_code == 200
    assert "Choose one of the selected sources to keep." in response.content.decode()
    assert Source.objects.count() == 3


def test_staff_without_delete_permission_cannot_merge(claim):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_source", "change_source"])
    )
    a, b = SourceFactory(), SourceFactory()
    client = logged_in(staff)
    changelist = client.get(reverse(CHANGELIST)).content.decode()
    assert 'value="merge_selected"' not in changelist
    merge_post(client, [a, b], post="yes", keep=a.pk)
    assert Source.objects.count() == 2


@pytest.mark.parametrize("model", ["evidence", "event"])
def test_evidence_and_events_are_read_only_in_admin(admin_client, claim, model, editor):
    evidence = cite(claim, SourceFactory())
    set_verdict(claim=claim, editor=editor, verdict="disputed", note="n", expected_version=1)
    obj = evidence if model == "evidence" else Event.objects.first()
    assert admin_client.get(reverse(f"admin:reviews_{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:reviews_{model}_add")).status_code == 403
    change = admin_client.get(reverse(f"admin:reviews_{model}_change", args=[obj.pk]))
    assert change.status_code == 200 and b'type="submit"' not in change.content.split(b"<main")[1]
    delete = admin_client.post(
        reverse(f"admin:reviews_{model}_delete", args=[obj.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
