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
