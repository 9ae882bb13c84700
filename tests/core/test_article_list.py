import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews.claims import set_verdict
from tests.factories import ArticleFactory, ClaimFactory


def test_list_shows_each_article_with_its_progress(reader_client, editor, claim, second_claim):
    set_verdict(claim=claim, editor=editor, verdict="corroborated", note="", expected_version=1)
    ArticleFactory(title="Empty one")
    html = reader_client.get(reverse("reviews:article_list")).content.decode()
    assert f'href="/articles/{claim.article_id}/">{claim.article.title}</a>' in html
    assert "1 of 2 claims reviewed" in html
    assert '<progress max="2" value="1"' in html
    assert "0 of 0 claims reviewed" in html
    assert "{#" not in html and "The one article table" not in html  # no template comment
    assert '<span class="outlet">Test Outlet</span>' in html


def test_empty_list_says_so(reader_client):
    assert b"No articles yet." in reader_client.get(reverse("reviews:article_list")).content


def test_list_queries_do_not_grow_with_articles(reader_client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            reader_client.get(reverse("reviews:article_list"))
        return len(captured)

    ClaimFactory()
    few = queries()
    for _ in range(10):
        ClaimFactory()
    assert queries() == few


def test_list_comes_in_pages_that_keep_the_newest_first(reader_client, monkeypatch):
    monkeypatch.setattr("reviews.paging.PER_PAGE", 3)
    for n in range(7):
        ArticleFactory(title=f"Story {n}")  # created in order: Story 6 is the newest
    url = reverse("reviews:article_list")

    def shown(html: str) -> list[str]:
        return re.findall(r'<a href="/articles/\d+/">(Story \d)</a>', html)

    first = reader_client.get(url).content.decode()
    assert shown(first) == ["Story 6", "Story 5", "Story 4"]
    assert "Page 1 of 3" in first and "(1–3 of 7)" in first
    assert f'id="page-next" rel="next" href="{url}?page=2"' in first
    assert "page-previous" not in first
    second = reader_client.get(url, {"page": 2}).content.decode()
    assert shown(second) == ["Story 3", "Story 2", "Story 1"]
    assert f'id="page-previous" rel="prev" href="{url}"' in second
    last = reader_client.get(url, {"page": 3}).content.decode()
    assert shown(last) == ["Story 0"] and "page-next" not in last
    # A page number that is not one gives the nearest page, never an error.
    assert shown(reader_client.get(url, {"page": "x"}).content.decode()) == shown(first)
    assert shown(reader_client.get(url, {"page": 99}).content.decode()) == ["Story 0"]


def test_one_page_has_no_page_links(reader_client):
    ArticleFactory(title="Alone")
    html = reader_client.get(reverse("reviews:article_list")).content.decode()
    assert "Alone" in html and 'class="pager"' not in html


def test_list_queries_do_not_grow_with_pages_of_articles(reader_client, monkeypatch):
    monkeypatch.setattr("reviews.paging.PER_PAGE", 5)
    url = reverse("reviews:article_list")

    def queries(**params) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert reader_client.get(url, params).status_code == 200
        return len(captured)

    ClaimFactory()
    one = queries()
    for _ in range(30):
        ClaimFactory()
    assert queries() == one
    assert queries(page=4) == one
    # No article body in any statement's columns: a table row never needs one.
    with CaptureQueriesContext(connection) as captured:
        reader_client.get(url)
    assert not any('"body"' in q["sql"].split(" FROM ")[0] for q in captured)
