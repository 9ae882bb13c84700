"""Importing articles: paste, upload, URL; every bad input gets a message and stores nothing."""

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reviews.models import Article, Claim
from tests.factories import ArticleFactory
from tests.helpers import import_url
from tests.pages import allowed_site, seed_as_html
from tests.seed import read_seed

IMPORT = reverse("ingest:article_import")
GLUED = (
    "Raid report\n\nRussian fighters came to penetrate 42 kilometers into Russian "
    "territoryassured today one of the leaders of the attackers."
)
SHORT = (
    "Harbour town opens new bridge\n\n"
    "The mayor said the bridge cost 12 million euros, twice the first estimate.\n\n"
    "According to the ministry, 3,000 cars cross it every day."
)


def paste(client, text, title=""):
    return client.post(IMPORT, {"method": "paste", "paste-text": text, "paste-title": title})


def upload(client, name, data: bytes):
    return client.post(
        IMPORT, {"method": "file", "file-file": SimpleUploadedFile(name, data)}, follow=False
    )


def fetch(client, url):
    return import_url(client, url)  # the request, the worker, then the progress page


@pytest.fixture
def pages(settings):
    with allowed_site(settings) as pages:
        yield pages


def test_import_page_offers_three_ways_in(editor_client):
    html = editor_client.get(IMPORT).content.decode()
    for heading in ("Paste text", "Upload a file", "Fetch a web page"):
        assert heading in html
    assert 'enctype="multipart/form-data"' in html


def test_pasted_text_becomes_an_article_with_proposed_claims(editor_client, editor):
    response = paste(editor_client, SHORT)
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"] == article.get_absolute_url()
    assert article.title == "Harbour town opens new bridge"
    assert article.body.startswith("The mayor said")
    assert (article.origin, article.created_by) == ("paste", editor)
    proposals = list(article.claims.values_list("text", "state", "origin", "attribution"))
    assert (
        "According to the ministry, 3,000 cars cross it every day.",
        "proposed",
        "proposed",
        "the ministry",
    ) in proposals
    page = editor_client.get(response["Location"]).content.decode()
    assert f"Imported; {len(proposals)} claims proposed." in page


def test_a_proposal_budget_holds_back_the_weaker_candidates(editor_client, settings):
    settings.PROPOSAL_SHARE = 0.33
    paste(editor_client, SHORT)
    article = Article.objects.get()
    proposed = list(article.claims.values_list("score", flat=True))
    held_back = [candidate["score"] for candidate in article.held_back]
    # A third of the three body sentences: the best one proposed, the others one click away.
    assert len(proposed) == 1 and len(held_back) >= 1
    assert proposed[0] >= max(held_back)
    page = editor_client.get(article.get_absolute_url()).content.decode()
    assert f"{len(held_back)} more sentence" in page and "scored below the proposal cut" in page


def test_a_given_title_keeps_the_first_line_in_the_body(editor_client):
    paste(editor_client, SHORT, title="My title")
    article = Article.objects.get()
    assert article.title == "My title" and article.body.startswith("Harbour town")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   \n\n  ", "The article is empty"),
        ("", "The article is empty: paste its text."),
    ],
)
def test_empty_paste_is_refused(editor_client, text, message):
    response = paste(editor_client, text)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert Article.objects.count() == 0


def test_oversized_paste_is_refused_and_the_text_is_kept(editor_client, settings):
    settings.MAX_ARTICLE_CHARS = 1000
    text = "Title\n\n" + "The army said 40 soldiers died. " * 40
    response = paste(editor_client, text)
    html = response.content.decode()
    assert response.status_code == 422
    assert "The article is too long (1,286 characters; the limit is 1,000)." in html
    assert "The army said 40 soldiers died." in html  # the textarea keeps what was pasted
    assert Article.objects.count() == 0


def test_script_in_pasted_text_is_stored_as_text_and_shown_escaped(editor_client):
    paste(editor_client, "Title\n\nHe said <script>alert(1)</script> 40 times.")
    article = Article.objects.get()
    assert "<script>alert(1)</script>" in article.body
    page = editor_client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_same_text_again_offers_the_existing_article(editor_client):
    paste(editor_client, SHORT)
    existing = Article.objects.get()
    response = paste(editor_client, SHORT.replace("\n\n", "\n\n\n"))  # white space differs
    html = response.content.decode()
    assert response.status_code == 422
    assert f"This article is already here: “{existing.title}”." in html
    assert f'href="{existing.get_absolute_url()}"' in html
    assert Article.objects.count() == 1


@pytest.mark.parametrize("name", ["story.txt", "story.md"])
def test_text_and_markdown_files_import(editor_client, name):
    data = ("# " if name.endswith(".md") else "") + SHORT
    response = upload(editor_client, name, data.encode("utf-8"))
    article = Article.objects.get()
    assert response.status_code == 302
    assert article.title == "Harbour town opens new bridge" and article.origin == "file"


def test_html_file_is_reduced_to_article_text(editor_client):
    page = seed_as_html(SHORT)
    upload(editor_client, "story.html", page.encode("utf-8"))
    article = Article.objects.get()
    assert article.title == "Harbour town opens new bridge"
    assert "tracking" not in article.body and "<" not in article.body
    assert "Privacy" not in article.body and "Sports" not in article.body
    assert article.body.startswith("The mayor said the bridge cost 12 million euros")
    assert (article.outlet, str(article.published_on)) == ("Infobae", "2023-05-24")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a binary file, not text"),
        ("report.pdf", b"%PDF-1.4", "is not a .txt, .md or .html file"),
        ("empty.txt", b"", "The file is empty"),
        ("blank.txt", b"  \n\n ", "The article is empty"),
        (
            "nav.html",
            b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
            "No article text",
        ),
    ],
)
def test_bad_files_get_a_clear_message(editor_client, name, data, message):
    response = upload(editor_client, name, data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert Article.objects.count() == 0


def test_url_import_extracts_the_article(editor_client, pages):
    pages.add("/story", seed_as_html(SHORT))
    response = fetch(editor_client, pages.base + "/story")
    article = Article.objects.get()
    assert response.status_code == 302
    assert (article.url, article.origin) == (pages.base + "/story", "url")
    assert article.body.startswith("The mayor said")
    assert article.claims.exists()


def test_url_import_follows_redirects_and_stores_the_final_address(editor_client, pages):
    pages.add("/old", status=301, Location="/new")
    pages.add("/new", seed_as_html(SHORT))
    fetch(editor_client, pages.base + "/old")
    assert Article.objects.get().url == pages.base + "/new"


def test_plain_text_url_imports_as_text(editor_client, pages):
    pages.add("/story.txt", SHORT, content_type="text/plain; charset=utf-8")
    fetch(editor_client, pages.base + "/story.txt")
    assert Article.objects.get().title == "Harbour town opens new bridge"


def test_same_url_again_offers_the_existing_article(editor_client, pages):
    pages.add("/story", seed_as_html(SHORT))
    fetch(editor_client, pages.base + "/story")
    response = fetch(editor_client, pages.base + "/story")
    assert "This article is already here" in response.content.decode()
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    ("setup", "path", "message"),
    [
        (
            lambda p: p.add("/img", b"\x89PNG", content_type="image/png"),
            "/img",
            "is not a web page or text (it is “image/png”)",
        ),
        (lambda p: None, "/missing", "The site answered 404"),
        (lambda p: p.add("/big", "x" * 3000), "/big", "The page is larger than"),
        (lambda p: p.add("/slow", "late", delay=2.0), "/slow", "did not answer within 0.5 seconds"),
        (
            lambda p: p.add("/to-local", status=302, Location="http://localhost:9/"),
            "/to-local",
            "is private or local",
        ),
        (
            lambda p: p.add("/to-metadata", status=302, Location="http://169.254.169.254/latest"),
            "/to-metadata",
            "(169.254.169.254) is private or local",
        ),
        (
            lambda p: p.add("/to-ftp", status=302, Location="ftp://example.org/x"),
            "/to-ftp",
            "Only http:// and https://",
        ),
        (lambda p: p.add("/loop", status=302, Location="/loop"), "/loop", "Too many redirects"),
    ],
)
def test_bad_urls_get_a_clear_message(editor_client, pages, settings, setup, path, message):
    # Only the slow server gets the short timeout: a busy machine must not fail the others.
    settings.IMPORT_TIMEOUT_SECONDS = 0.5 if path == "/slow" else 10
    settings.IMPORT_MAX_BYTES = 2000
    setup(pages)
    response = fetch(editor_client, pages.base + path)
    html = response.content.decode()
    assert response.status_code == 200  # the progress page, where the worker left the job
    assert "The import failed." in html and message in html and ">Retry</button>" in html
    assert Article.objects.count() == 0


def test_loopback_and_private_addresses_are_refused_unless_allowed(editor_client, settings):
    settings.IMPORT_ALLOWED_HOSTS = []
    for url, address in [
        ("http://127.0.0.1:9/x", "127.0.0.1"),
        ("http://localhost:9/x", "127.0.0.1"),
        ("http://10.1.2.3/x", "10.1.2.3"),
        ("http://[::1]:9/x", "::1"),
        ("http://192.168.0.10/x", "192.168.0.10"),
    ]:
        html = fetch(editor_client, url).content.decode()
        assert f"({address}) is private or local" in html, url
    assert Article.objects.count() == 0


def test_unknown_host_and_bad_address_are_refused(editor_client):
    assert (
        "could not be found"
        in fetch(editor_client, "http://no-such-host.invalid/").content.decode()
    )
    assert "That is not a web address" in fetch(editor_client, "not a url").content.decode()


def test_readers_cannot_import(reader_client):
    assert paste(reader_client, SHORT).status_code == 403
    assert Article.objects.count() == 0


def test_glued_words_never_hold_back_the_proposals(editor_client):
    response = paste(editor_client, GLUED)
    article = Article.objects.get()
    assert response["Location"] == article.get_absolute_url()
    assert article.claims.exists()
    assert [fix["original"] for fix in article.repairs] == ["territoryassured"]
    page = editor_client.get(response["Location"]).content.decode()
    assert reverse("ingest:article_prepare", args=[article.pk]) in page
    assert "Review the fixes" in page


def test_a_fix_accepted_later_moves_the_claims_with_the_text(editor_client):
    paste(editor_client, GLUED)
    article = Article.objects.get()
    prepare = reverse("ingest:article_prepare", args=[article.pk])
    page = editor_client.get(prepare).content.decode()
    assert "<del>territoryassured</del><ins>territory assured</ins>" in page
    before = {c.pk: c.text for c in article.claims.all()}
    editor_client.post(prepare, {"word": ["territoryassured"]})
    article.refresh_from_db()
    assert "Russian territory assured today" in article.body and article.repairs == []
    for claim in article.claims.all():
        assert article.body[claim.start : claim.end] == claim.text
        assert claim.text == before[claim.pk].replace("territoryassured", "territory assured")
    assert article.events.filter(action="article.repaired").count() == 1


def test_unticked_words_stay_as_written_and_are_not_offered_again(editor_client):
    paste(editor_client, GLUED)
    article = Article.objects.get()
    prepare = reverse("ingest:article_prepare", args=[article.pk])
    assert (
        'name="word" value="territoryassured" checked'
        in editor_client.get(prepare).content.decode()
    )
    unticked = editor_client.get(prepare, {"ticked": "none"}).content.decode()
    assert 'value="territoryassured">' in unticked
    editor_client.post(prepare, {})
    article.refresh_from_db()
    assert "territoryassured" in article.body and article.repairs == []
    assert editor_client.get(prepare).status_code == 302


def test_prepare_page_with_nothing_to_decide_sends_back_to_review(editor_client, claim):
    response = editor_client.get(reverse("ingest:article_prepare", args=[claim.article_id]))
    assert response.status_code == 302


REQUIRED_SEED_CLAIMS = [
    ("42 kilometers", "one of the leaders of the attackers"),
    ("more than 70", "The Russian army"),
    ("control several towns in Belgorod for a day", "The CVR commander"),
    ("a hundred journalists", ""),
    ("“several hours”", "Freedom for Russia Legion"),
    ("Denis Kapustin", "White Rex"),
    ("the russian border is not defended", "Keir Giles"),
]


def seed_through(client, method, pages=None):
    seed = read_seed()
    if method == "paste":
        paste(client, seed)
    elif method == "file":
        upload(client, "belgorod-raid.txt", seed.encode("utf-8"))
    else:
        pages.add("/belgorod", seed_as_html(seed))
        fetch(client, pages.base + "/belgorod")
    article = Article.objects.get()
    prepare = reverse("ingest:article_prepare", args=[article.pk])
    client.post(prepare, {"word": [fix["original"] for fix in article.repairs]})
    article.refresh_from_db()
    return article


@pytest.mark.parametrize("method", ["paste", "file", "url"])
def test_seed_article_gives_the_same_text_and_the_listed_proposals(editor_client, pages, method):
    article = seed_through(editor_client, method, pages)
    lines = [line for line in article.body.split("\n") if line.strip()]
    Article.objects.all().delete()
    reference = seed_through(editor_client, "paste")
    assert lines == [line for line in reference.body.split("\n") if line.strip()]
    assert article.title.startswith("Anti-Putin partisans challenge the Kremlin")
    assert "territory assured" in article.body and "Keir Giles who" in article.body
    proposals = list(reference.claims.filter(state="proposed"))
    for words, speaker in REQUIRED_SEED_CLAIMS:
        matching = [c for c in proposals if words in c.text]
        assert matching, f"no proposal with {words!r}"
        assert any(speaker in c.attribution for c in matching), (words, matching[0].attribution)
    texts = " ".join(c.text for c in proposals)
    assert "The Kremlin said it “annihilated”" not in texts  # Keep reading links
    assert "A partisan who participated in the operation" not in texts  # caption
    assert "(With information from EFE and Reuters)" not in texts
    kinds = {block["kind"] for block in reference.blocks}
    assert {"body", "caption", "related", "source_line"} <= kinds


def test_oversized_upload_is_refused(editor_client, settings):
    settings.IMPORT_MAX_BYTES = 100
    response = upload(editor_client, "long.txt", b"Title\n\n" + b"word " * 50)
    assert "larger than" in response.content.decode()
    assert Article.objects.count() == 0


def test_duplicate_check_ignores_other_articles(editor_client):
    ArticleFactory(body="Something else entirely.")
    assert paste(editor_client, SHORT).status_code == 302
    assert Claim.objects.exists()


def test_readers_see_no_import_forms(reader_client):
    html = reader_client.get(IMPORT).content.decode()
    assert "Only editors can import articles." in html and 'name="method"' not in html


@pytest.mark.parametrize(
    "address",
    [
        "::127.0.0.1",  # IPv4-compatible
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
        "2002:7f00:1::1",  # 6to4 of 127.0.0.1
        "::ffff:10.0.0.1",  # IPv4-mapped private
        "64:ff9b:1::c0a8:1",  # local-use NAT64 of 192.168.0.1
    ],
)
def test_ipv4_hidden_in_ipv6_is_refused(address):
    from reviews.ingest.fetch import FetchRefused, public_address

    with pytest.raises(FetchRefused, match="private or local"):
        public_address(address, 80)


def test_allowed_hosts_match_the_port_too(settings):
    from reviews.ingest.fetch import FetchRefused, public_address

    settings.IMPORT_ALLOWED_HOSTS = ["127.0.0.1:8001"]
    assert public_address("127.0.0.1", 8001) == "127.0.0.1"
    with pytest.raises(FetchRefused):
        public_address("127.0.0.1", 5432)
    settings.IMPORT_ALLOWED_HOSTS = ["localhost"]  # no port: 80 and 443 only
    with pytest.raises(FetchRefused):
        public_address("localhost", 8001)


def test_a_broken_redirect_or_an_unknown_charset_gets_a_message(editor_client, pages):
    pages.add("/broken", status=302, Location="http://[::1")
    response = fetch(editor_client, pages.base + "/broken")
    assert response.status_code == 200
    assert "The import failed." in response.content.decode()
    assert "not valid" in response.content.decode()
    text = "Harbour news\n\nThe mayor said the bridge cost 12 million euros last year."
    pages.add("/odd", text, content_type="text/plain; charset=x-no-such-charset")
    response = fetch(editor_client, pages.base + "/odd")
    assert response.status_code == 302
    assert "12 million euros" in Article.objects.get().body


@pytest.mark.parametrize(
    ("encoding", "said"),
    [("utf-16", ""), ("utf-8-sig", ""), ("cp1252", "The file was not UTF-8; it was read as")],
)
def test_files_in_other_encodings_are_read_and_the_guess_is_said(editor_client, encoding, said):
    text = (
        "Café owners protest\n\nThe café owners of the old town said rents rose by 40% "
        "this year, according to the chamber of commerce. Crème brûlée prices doubled."
    )
    response = upload(editor_client, "story.txt", text.encode(encoding))
    assert response.status_code == 302
    article = Article.objects.get()
    assert "café owners" in article.body
    page = editor_client.get(response["Location"]).content.decode()
    if said:  # a guess may get rarer letters wrong: the editor is told it was one
        assert said in page
    else:
        assert "Crème brûlée" in article.body and "read as" not in page


def test_the_same_import_at_the_same_moment_makes_one_article(editor, db):
    """The database decides: a second copy that got past the first check is refused."""
    from reviews.ingest.importing import (
        DuplicateArticle,
        create_article,
        draft_from_text,
        find_duplicate,
    )

    draft = draft_from_text(SHORT, origin=Article.Origin.PASTE)
    first, _ = create_article(draft, user=editor)
    twin = draft_from_text(SHORT, origin=Article.Origin.PASTE)
    lookups = mock.patch("reviews.ingest.importing.find_duplicate", side_effect=[None, first])
    with lookups, pytest.raises(DuplicateArticle) as refused:
        create_article(twin, user=editor)
    assert refused.value.existing == first
    assert Article.objects.count() == 1
    assert find_duplicate(twin) == first


def test_urls_are_compared_without_fragments_or_tracking(editor, db):
    from reviews.ingest.importing import normalise_url

    assert normalise_url("HTTPS://Example.ORG/news/1?utm_source=x&id=2#top") == (
        "https://example.org/news/1?id=2"
    )


def test_a_paste_too_large_to_read_gets_a_page_that_says_so(editor_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000
    response = paste(editor_client, "The mayor said the bridge cost 12 million euros. " * 100)
    assert response.status_code == 413
    assert "larger than an article may be" in response.content.decode()
    assert Article.objects.count() == 0


def test_a_paste_over_the_limit_keeps_the_text_in_the_form(editor_client, settings):
    settings.MAX_ARTICLE_CHARS = 300
    text = "Harbour news\n\n" + "The mayor said the bridge cost 12 million euros. " * 10
    response = paste(editor_client, text)
    assert response.status_code == 422
    page = response.content.decode()
    assert "The article is too long" in page and 'data-max-chars="300"' in page
    assert "The mayor said the bridge cost 12 million euros. The mayor" in page
