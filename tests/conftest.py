"""The shared personas and fixtures of every test.

Personas: anonymous (pytest-django's `client`), `reader` (logged in, no review rights),
`editor` and `second_editor` (the Editors group), `admin` (staff and superuser: publishes,
uses Django admin). Each has a logged-in client: `reader_client`, `editor_client`,
`second_editor_client`, `admin_client`. htmx requests: `**HTMX` (tests/helpers.py).
"""

import pytest

from tests.factories import ArticleFactory, ClaimFactory, EditorFactory, UserFactory
from tests.helpers import logged_in


@pytest.fixture
def reader(db):
    return UserFactory(username="rita")


@pytest.fixture
def editor(db):
    return EditorFactory(username="eddie")


@pytest.fixture
def second_editor(db):
    return EditorFactory(username="sam")


@pytest.fixture
def admin(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def reader_client(reader):
    return logged_in(reader)


@pytest.fixture
def editor_client(editor):
    return logged_in(editor)


@pytest.fixture
def second_editor_client(second_editor):
    return logged_in(second_editor)


@pytest.fixture
def admin_client(admin):
    """Overrides pytest-django's: logged in as the admin persona."""
    return logged_in(admin)


@pytest.fixture
def article(db):
    return ArticleFactory()


@pytest.fixture
def claim(article):
    return ClaimFactory(article=article, quote="the bridge cost 12 million euros")


@pytest.fixture
def second_claim(article):
    return ClaimFactory(
        article=article, quote="3,000 cars cross it every day", attribution="the ministry"
    )


@pytest.fixture(autouse=True)
def _fresh_claim_vectors():
    """Claim embeddings are cached per process by database name; a test's rolled-back rows
    must not linger into the next test, whose ids may be the same."""
    from reviews.search import vectors

    vectors.forget()
