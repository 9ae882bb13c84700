import pytest
from django.test import Client

from tests.factories import ArticleFactory, ClaimFactory, EditorFactory, UserFactory


@pytest.fixture
def editor(db):
    return EditorFactory(username="eddie")


@pytest.fixture
def reader(db):
    return UserFactory(username="rita")


@pytest.fixture
def staff(db):
    return UserFactory(username="stan", is_staff=True)


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor):
    return logged_in(editor)


@pytest.fixture
def reader_client(reader):
    return logged_in(reader)


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
