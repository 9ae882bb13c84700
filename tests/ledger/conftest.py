import pytest

from tests.factories import SourceFactory
from tests.pages import Pages, serve


@pytest.fixture
def pages(settings):
    """A local web server the guarded fetcher may reach (allow-listed, as for URL imports)."""
    pages = Pages()
    server = serve(pages)
    settings.IMPORT_ALLOWED_HOSTS = [f"127.0.0.1:{server.server_address[1]}"]
    pages.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield pages
    server.shutdown()


@pytest.fixture
def reuters(db):
    return SourceFactory(name="Reuters", kind="news_agency", reliability="high")
