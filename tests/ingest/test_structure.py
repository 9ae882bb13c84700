"""Article structure: only body text should ever be searched for claims."""

import pytest

from reviews.ingest.detection.structure import structure_text
from tests.seed import read_seed


@pytest.fixture(scope="module")
def seed_text() -> str:
    return read_seed()


@pytest.fixture(scope="module")
def seed_blocks(seed_text):
    return structure_text(seed_text)


def texts_of(blocks, kind):
    return [block.text for block in blocks if block.kind == kind]


def test_block_offsets_index_the_given_text(seed_text, seed_blocks):
    for block in seed_blocks:
        assert seed_text[block.start : block.end] == block.text


def test_first_short_line_is_the_headline(seed_blocks):
    assert seed_blocks[0].kind == "headline"
    assert seed_blocks[0].text.startswith("Anti-Putin partisans challenge the Kremlin")
    assert texts_of(seed_blocks, "headline") == [seed_blocks[0].text]


def test_photo_captions_and_repeated_caption_titles_are_captions(seed_blocks):
    captions = texts_of(seed_blocks, "caption")
    assert captions.count("Russian opposition soldiers who raided Belgorod") == 3
    assert "A partisan who participated in the operation in Belgorod (Reuters)" in captions
    assert "Russian partisans spoke to a hundred journalists (Reuters)" in captions
    assert len(captions) == 7
    assert not any("(Reuters)" in text for text in texts_of(seed_blocks, "body"))


def test_source_line_is_recognised(seed_blocks):
    assert texts_of(seed_blocks, "source_line") == ["(With information from EFE and Reuters)"]


def test_keep_reading_block_holds_the_linked_headlines(seed_blocks):
    related = texts_of(seed_blocks, "related")
    assert len(related) == 1
    assert related[0].startswith("Keep reading:")
    assert related[0].endswith("with a revolution.”")
    assert seed_blocks[-1].kind == "related"


def test_body_keeps_the_reporting_paragraphs(seed_blocks):
    body = texts_of(seed_blocks, "body")
    assert len(body) == 13
    assert body[0].startswith("Russian fighters opposed to the Russian president")
    assert body[-1].startswith("“It shows that the russian border")


def test_lines_of_one_body_paragraph_form_one_block():
    text = "Short title\n\nFirst line of a paragraph,\ncontinued on the next line.\n\nAnother one."
    blocks = structure_text(text)
    assert [block.kind for block in blocks] == ["headline", "body", "body"]
    assert blocks[1].text == "First line of a paragraph,\ncontinued on the next line."


def test_long_first_sentence_is_body_not_headline():
    text = (
        "The ministry said on Monday that it had spent more than three billion dollars on the "
        "new programme, which critics say has not reduced waiting times in any region at all.\n\n"
        "Second paragraph."
    )
    assert structure_text(text)[0].kind == "body"


@pytest.mark.parametrize(
    "caption",
    [
        "Firefighters at the scene in Kharkiv (AFP)",
        "The minister arrives in Madrid (EFE)",
        "Protesters outside the court (AP Photo/Jane Doe)",
        "A damaged building (Photo: Reuters)",
    ],
)
def test_agency_credits_mark_captions(caption):
    text = f"Headline\n\nBody sentence one.\n\n{caption}\n\nBody sentence two."
    assert [block.kind for block in structure_text(text)] == ["headline", "body", "caption", "body"]


def test_parenthesised_acronym_at_sentence_end_is_not_a_caption():
    text = "Headline\n\nThe raid was led by the Russian Volunteer Corps (CVR).\n\nMore text."
    assert [block.kind for block in structure_text(text)] == ["headline", "body", "body"]


def test_body_text_after_the_related_links_is_body_again():
    long_paragraph = (
        "Meanwhile the regional governor said that 12 villages had been evacuated overnight. "
        "Officials added that power had been restored in most of them by the morning, while "
        "schools would remain closed until the end of the week according to the local council."
    )
    text = f"Headline\n\nBody.\n\nRead more:\n\nA linked headline\n\n{long_paragraph}"
    assert [block.kind for block in structure_text(text)] == [
        "headline",
        "body",
        "related",
        "body",
    ]


def test_read_more_with_the_link_on_the_same_line_is_related():
    text = "Headline\n\nBody.\n\nRead more: Partisans raid Belgorod again"
    assert structure_text(text)[-1].kind == "related"


def test_a_stored_body_never_starts_with_a_headline():
    body = "The mayor said the bridge cost 12 million euros.\n\nCritics disagree."
    assert structure_text(body)[0].kind == "headline"  # a pasted article may lead with one
    assert [b.kind for b in structure_text(body, may_start_with_headline=False)] == ["body", "body"]
