"""Finding a quoted excerpt in a page's text: word for word, about, or not at all."""

import pytest

from reviews.ledger.excerpt import locate

PAGE = (
    "HARBOUR TOWN — The council's accounts show the bridge cost 12.4 million euros,\n"
    "twice the first estimate. According to the ministry, 3,000 cars cross it every day.\n"
    "Shops say the works cost them a summer of trade."
)


def passage(excerpt: str) -> tuple[str, str]:
    match = locate(excerpt, PAGE)
    return match.kind, PAGE[match.start : match.end] if match.start is not None else ""


@pytest.mark.parametrize(
    "excerpt",
    [
        "the bridge cost 12.4 million euros, twice the first estimate",
        "The Bridge Cost 12.4 Million Euros,  twice the\nfirst estimate",  # case, spaces
        "“the council’s accounts show the bridge cost”",  # curly quotes and apostrophe
    ],
)
def test_the_same_words_are_found_exactly_in_the_page_own_form(excerpt):
    kind, found = passage(excerpt)
    assert kind == "exact"
    assert found.split()[-1].strip(".,") in PAGE and found in PAGE
    assert len(found.split()) == len(excerpt.split())


def test_small_differences_are_found_about_with_the_page_words():
    kind, found = passage("the ministry said 3,000 cars cross the bridge every day")
    assert kind == "fuzzy"
    assert found.startswith("ministry") or found.startswith("the ministry")
    assert found.endswith("every day")


def test_an_ellipsis_joins_two_parts_found_in_order():
    kind, found = passage("The council's accounts show … twice the first estimate")
    assert kind == "fuzzy"
    assert found.startswith("The council's") and found.endswith("first estimate")
    assert passage("twice the first estimate … The council's accounts show")[0] == "missing"


@pytest.mark.parametrize(
    "excerpt",
    [
        "The mayor resigned after the vote on the bridge budget",
        "12 million",  # short and not in the page: only an exact match would count
        "",
    ],
)
def test_other_words_are_missing(excerpt):
    assert passage(excerpt)[0] == "missing"


def test_a_changed_figure_in_a_short_excerpt_is_not_found():
    # Three words of four the same is under the bar: a changed number is a different claim.
    assert passage("cost 13.4 million euros")[0] == "missing"
