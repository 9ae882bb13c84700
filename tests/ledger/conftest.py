import pytest

from tests.factories import SourceFactory
from tests.pages import allowed_site


@pytest.fixture
def pages(settings):
    """A local web server the guarded fetcher may reach (allow-listed, as for URL imports)."""
    with allowed_site(settings) as pages:
        yield pages


@pytest.fixture
def reuters(db):
    return SourceFactory(name="Reuters", kind="news_agency", reliability="high")
