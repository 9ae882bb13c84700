"""Wait for htmx to finish, not for the clock.

htmx swaps new content in, then binds it (hx-post and the like) at settle time, a moment
later: until then the swapped element, or the element it sits in, carries htmx-added (and
htmx-settling), and a click on a button in it would submit the form natively. Assertions
and axe checks made in that moment see a half-done page.
"""

import re

from playwright.sync_api import Locator, expect

BUSY = re.compile(r"\bhtmx-(request|added|settling|swapping)\b")


def expect_settled(element: Locator) -> None:
    """The element is in the page, not waiting on a request, and htmx has bound it."""
    expect(element).not_to_have_class(BUSY)
    expect(element.locator(".htmx-request")).to_have_count(0)
    expect(element.page.locator(".htmx-added, .htmx-settling, .htmx-swapping")).to_have_count(0)


COMPACT = re.compile(r"\bcompact\b")


def open_card(card: Locator) -> Locator:
    """Use a claim card as an editor does (focus it): the review page sends cards compact and
    swaps the full card in, forms and all, once one becomes current. Returns the card."""
    card.focus()
    expect(card).not_to_have_class(COMPACT)
    expect_settled(card)
    return card


def card(page, number: int) -> Locator:
    """The review page's claim card with this number (1 is the first in the list)."""
    return page.locator(".claim-list .claim-card").nth(number - 1)
