"""Glued-word repair: the seed's scraping damage is found, ordinary words are left alone."""

import pytest

from reviews.ingest.detection.repair import GlueFix, apply_fixes, find_glued_words, split_glued_word
from tests.seed import read_seed


@pytest.fixture(scope="module")
def seed_text() -> str:
    return read_seed()


def test_finds_every_glued_word_in_the_seed(seed_text):
    found = {(fix.original, fix.replacement) for fix in find_glued_words(seed_text)}
    assert found == {
        ("territoryassured", "territory assured"),
        ("Rexthe", "Rex the"),
        ("ukrinformand", "ukrinform and"),
        ("Rexwho", "Rex who"),
        ("Kapustinthe", "Kapustin the"),
        ("Gileswho", "Giles who"),
        ("Housea", "House a"),
    }


def test_fix_offsets_point_at_the_glued_word(seed_text):
    for fix in find_glued_words(seed_text):
        assert seed_text[fix.start : fix.end] == fix.original


@pytest.mark.parametrize(
    "word",
    [
        "counteroffensive",
        "ultranationalist",
        "themselves",
        "Belgorod",
        "Kapustin",
        "journalists",
        "Ukrinform",
        "Kapustina",
        "onto",
        "YouTube",
        "McCain",
        "NATO",
        "Zaporizhzhia",
    ],
)
def test_ordinary_words_and_names_are_not_split(word):
    assert split_glued_word(word) is None


@pytest.mark.parametrize(
    "word",
    # Words of other languages, brand names and given names: a wrong split corrupts them.
    [
        "besteht",
        "Systemen",
        "dois",
        "unidade",
        "SunExpress",
        "Hillicon",
        "Marybel",
        "OmarIlhan",
        "multiplanetary",
        "smallcaps",
    ],  # fmt: skip
)
def test_foreign_words_and_names_are_never_split(word):
    assert split_glued_word(word) is None


@pytest.mark.parametrize(
    ("glued", "parts"),
    [("borderThe", ("border", "The")), ("ofthe", ("of", "the")), ("Gileswho", ("Giles", "who"))],
)
def test_camel_case_and_typo_glue_is_split(glued, parts):
    assert split_glued_word(glued) == parts


def test_apply_fixes_spaces_the_words_and_keeps_the_rest():
    text = "Keir Gileswho works at Chatham Housea prestigious centre."
    assert apply_fixes(text, find_glued_words(text)) == (
        "Keir Giles who works at Chatham House a prestigious centre."
    )


def test_apply_fixes_refuses_a_fix_that_does_not_match_the_text():
    with pytest.raises(ValueError, match="does not match"):
        apply_fixes("Keir Giles works", [GlueFix(0, 8, "Gileswho", "Giles who")])


def test_words_inside_urls_and_emails_are_left_alone():
    text = "See https://example.org/territoryassured or press@ukrinformand.example now."
    assert find_glued_words(text) == []


def test_a_long_article_gets_every_repeated_fix(seed_text):
    # Speed is measured in bench/detection_speed.py, not here.
    copies = 10_000 // len(seed_text.split()) + 1
    article = " ".join([seed_text] * copies)
    assert len(find_glued_words(article)) == copies * len(find_glued_words(seed_text))
