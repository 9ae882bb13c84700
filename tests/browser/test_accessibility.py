"""axe-core on every page: no serious or critical violations."""

import io

import pytest
from django.core.management import call_command

from reviews.models import Article
from tests.factories import EditorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=io.StringIO())
    return Article.objects.order_by("pk").first()


def test_login_page_has_no_serious_violations(new_page, axe_check, transactional_db):
    page = new_page()
    page.goto("/accounts/login/")
    axe_check(page)


def test_article_list_has_no_serious_violations(new_page, axe_check, demo, screenshot):
    page = new_page(EditorFactory())
    page.goto("/")
    axe_check(page)
    screenshot(page, "article-list")


def test_review_page_has_no_serious_violations(new_page, axe_check, demo):
    page = new_page(EditorFactory())
    page.goto(demo.get_absolute_url())
    axe_check(page)
    page.keyboard.press("j")
    page.keyboard.press("2")  # after an htmx swap too
    page.wait_for_selector(".claim-card.verdict-disputed")
    axe_check(page)


def test_help_dialog_has_no_serious_violations(new_page, axe_check, demo):
    page = new_page(EditorFactory())
    page.goto(demo.get_absolute_url())
    page.keyboard.press("?")
    axe_check(page)
