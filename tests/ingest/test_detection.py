"""Claim proposals on the seed article, sentence spans, attribution and the shipped scorer."""

import json

import pytest

from reviews.ingest.detection import propose_claims, split_sentences
from reviews.ingest.detection.features import has_quantity
from reviews.ingest.detection.repair import repair_text
from reviews.ingest.detection.scoring import MODEL_PATH, score_sentence
from reviews.speakers import find_attribution
from tests.seed import read_seed

# A phrase of each claim the product owner expects, and who makes it.
EXPECTED_CLAIMS = {
    "42 kilometers into Russian": "one of the leaders of the attackers",
    "more than 70": "The Russian army",
    "control several towns in Belgorod for a day": "The CVR commander",
    "spoke to a hundred journalists": "",
    "“several hours” to react": "the Freedom for Russia Legion",
    "Denis Kapustin": "White Rex",  # "According to White Rex, …" governs the sentence
    "the russian border is not defended": "Keir Giles",
}


@pytest.fixture(scope="module", params=["raw", "repaired"])
def seed(request) -> str:
    text = read_seed()
    return text if request.param == "raw" else repair_text(text)


@pytest.fixture(scope="module")
def proposals(seed):
    return propose_claims(seed)


def proposal_containing(proposals, phrase):
    matching = [proposal for proposal in proposals if phrase in repair_text(proposal.text)]
    assert len(matching) == 1, f"expected one proposal with {phrase!r}, got {len(matching)}"
    return matching[0]


@pytest.mark.parametrize(("phrase", "speaker"), EXPECTED_CLAIMS.items())
def test_expected_claims_are_proposed_with_their_speaker(proposals, phrase, speaker):
    proposal = proposal_containing(proposals, phrase)
    if speaker:
        assert speaker in proposal.attribution
        assert "attributed statement" in proposal.reasons


def test_proposals_are_exact_spans_in_reading_order(seed, proposals):
    for proposal in proposals:
        assert seed[proposal.start : proposal.end] == proposal.text
        assert 0.0 <= proposal.score <= 1.0
    assert [p.start for p in proposals] == sorted(p.start for p in proposals)


def test_caption_with_a_quantity_is_proposed_without_its_credit(proposals):
    proposal = proposal_containing(proposals, "a hundred journalists")
    assert proposal.text == "Russian partisans spoke to a hundred journalists"
    assert proposal.reasons[:2] == ["caption", "number"]


def test_captions_without_quantities_headline_links_and_sources_are_not_proposed(proposals):
    proposed = " ".join(proposal.text for proposal in proposals)
    for phrase in [
        "annihilated",  # Keep reading
        "Wagner Group",  # Keep reading
        "With information from",  # source line
        "Anti-Putin partisans challenge",  # headline
        "A partisan who participated in the operation",  # caption without a number
        "(Reuters)",
    ]:
        assert phrase not in proposed


def test_the_opinion_about_extreme_right_figures_is_not_proposed(proposals):
    assert all("figures of extreme right" not in proposal.text for proposal in proposals)


def test_a_higher_threshold_proposes_fewer_claims(seed, proposals):
    strict = propose_claims(seed, threshold=0.9)
    body_strict = [proposal for proposal in strict if "caption" not in proposal.reasons]
    assert 0 < len(body_strict) < len(proposals) - 1
    assert all(proposal.score >= 0.9 for proposal in body_strict)


def test_sentence_spans_are_exact_and_keep_quotes_and_abbreviations():
    text = (
        'Intro.\n\nDr. Smith said the U.S. economy grew 3.5 percent. "It is good. Very good." '
        "He left."
    )
    spans = split_sentences(text, offset=100)
    assert [span.text for span in spans] == [
        "Intro.",
        "Dr. Smith said the U.S. economy grew 3.5 percent.",
        '"It is good. Very good."',
        "He left.",
    ]
    for span in spans:
        assert text[span.start - 100 : span.end - 100] == span.text


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "The Russian army declared on Tuesday that it had defeated militants.",
            "The Russian army",
        ),
        ("According to analysts, the raid strengthens Ukraine.", "analysts"),
        ("We spent $3 billion, according to the Pentagon.", "the Pentagon"),
        ("“We won,” said John Smith, the mayor of the town.", "John Smith"),
        ("Prices rose 5 percent last year, said the central bank.", "the central bank"),
        ("On Tuesday, the ministry said 40 people died.", "the ministry"),
        ("The figure, officials said, was 40.", "officials"),
        ("He said 40 people died.", ""),
        ("If the army said so, it is true.", ""),
        ("The two formations have the stated goal of liberating Russia.", ""),
    ],
)
def test_attribution_patterns(sentence, speaker):
    assert find_attribution(sentence) == speaker


def test_quote_attributed_to_the_person_named_in_the_next_sentence():
    sentence = "“It shows that the border is not defended,” he stated."
    assert find_attribution(sentence, next_sentence="Keir Gileswho works at Chatham House.") == (
        "Keir Giles"
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Russian partisans spoke to a hundred journalists", True),
        ("They advanced 42 kilometers", True),
        ("It took several hours to react", True),
        ("The two formations have the stated goal of liberating Russia", False),
        ("A partisan who participated in the operation", False),
    ],
)
def test_quantities_exclude_references_like_the_two(sentence, expected):
    assert has_quantity(sentence) is expected


def test_scorer_ranks_a_checkable_figure_above_small_talk():
    checkable = score_sentence("We're consuming 50 percent of the world's cocaine.")
    small_talk = score_sentence("Thank you very much, it is great to be here tonight.")
    assert checkable > 0.5 > small_talk


def test_model_artefact_is_small_plain_json():
    assert MODEL_PATH.stat().st_size < 2 * 1024 * 1024
    artefact = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert artefact["format"] == "factcheck-claim-scorer/1"
    assert 0 < artefact["proposal_threshold"] < artefact["threshold"] < 1


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # A sentence-initial noun or a whole clause is never a speaker.
        ("Fuel prices rose 5% after the storm, said the ministry.", "the ministry"),
        ("Fuel rose sharply after officials said the port would close.", ""),
        ("Hours after police said the road was open, it closed again.", ""),
        ("The port handles 40 percent of the country's imports, officials estimated.", "officials"),
        ("“We will rebuild the bridge by May,” Mr Smith said.", "Mr Smith"),
        ("Deaths rose to 40, according to a local health official.", "a local health official"),
        ("The price wasn't announced.", ""),
        ("The singer is said to be unhappy with the deal.", ""),
        ("He said the bridge cost 12 million euros.", ""),
        ("Jane Doe, who leads the union, said 300 jobs would go.", "Jane Doe"),
        ("On Monday, the central bank said inflation reached 9%.", "the central bank"),
        ("The figure was 40, the mayor said on Tuesday in a statement.", "the mayor"),
    ],
)
def test_speakers_prefer_silence_to_a_wrong_name(sentence, speaker):
    assert find_attribution(sentence) == speaker
