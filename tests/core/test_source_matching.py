"""The source type-ahead finds a registered source by its words and by the link's site, and a
new source that duplicates one is questioned. Reported: typing "Reuters news agency" did not
suggest the existing "Reuters", even with a reuters.com link, so duplicates were easy."""

from django.urls import reverse

from reviews.evidence import search_sources
from reviews.models import Evidence, Source
from tests.factories import SourceFactory
from tests.helpers import HTMX


def options(client, **params) -> str:
    return client.get(reverse("reviews:source_search"), params, **HTMX).content.decode()


def test_words_of_the_name_find_the_source(editor_client, editor, db):
    SourceFactory(name="Reuters", domain="reuters.com")
    SourceFactory(name="Agence France-Presse", domain="afp.com")
    html = options(editor_client, source_query="Reuters news agency")
    assert 'data-source-name="Reuters"' in html
    assert html.index("Reuters") < html.index("Add “Reuters news agency”")
    assert [s.name for s in search_sources("Reuters news agency", editor)][0] == "Reuters"


def test_the_links_site_finds_the_source(editor_client, db):
    SourceFactory(name="Reuters", domain="reuters.com")
    html = options(editor_client, source_query="Thomson wire", url="https://www.reuters.com/x")
    assert 'data-source-name="Reuters"' in html


def test_a_near_duplicate_new_source_asks_first(editor_client, claim):
    SourceFactory(name="Reuters", domain="reuters.com")
    url = reverse("reviews:evidence_add", args=[claim.pk])
    data = {
        "source_query": "Reuters news agency",
        "new_source_kind": "news_agency",
        "stance": "supports",
        "accessed_on": "2026-01-02",
    }
    response = editor_client.post(url, data, **HTMX)
    assert response.status_code == 422
    html = response.content.decode()
    assert "“Reuters” is already in the registry" in html
    assert 'name="confirm_new_source"' in html
    assert Source.objects.count() == 1 and Evidence.objects.count() == 0
    editor_client.post(url, data | {"confirm_new_source": "1"}, **HTMX)
    assert Source.objects.filter(name="Reuters news agency").exists()
    assert Evidence.objects.get().source.name == "Reuters news agency"
