"""Page furniture is told apart from body text, whatever the site's wording."""

import pytest

from reviews.ingest.detection import propose_claims, structure_text
from reviews.ingest.detection.furniture import furniture_kind


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("By Jane Doe and John Roe", "furniture"),
        ("Analysis: Jane Doe, Daily Planet", "furniture"),
        ("Jane Doe, BBC Europe correspondent", "furniture"),
        ("UPDATED: Tue., Nov. 19, 2019", "furniture"),
        ("Updated at 1:23 p.m.", "furniture"),
        ("Published 3 March 2024", "furniture"),
        ("Copyright 2024 Daily Planet. All rights reserved.", "furniture"),
        ("Follow Daily Planet on Facebook, Twitter and Instagram.", "furniture"),
        ("Subscribe to the morning newsletter", "furniture"),
        ("12 comments", "furniture"),
        ("From the Business section", "furniture"),
        ("___", "furniture"),
        ("Weather", "furniture"),
        ("— Jane Doe (@janedoe) March 3, 2024", "furniture"),
        ("기사입력 :[ 2018-08-25 15:24 ]", "furniture"),
        ("(Graphic: Oil prices in 2024 - here)", "caption"),
        ("This chart shows the states where the law has passed.", "caption"),
        ("Photo 3 of 12", "caption"),
        ("Read the full transcript of the interview here", "related"),
    ],
)
def test_furniture_lines(line, kind):
    assert furniture_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "The mayor said the bridge cost 12 million euros.",
        "42 killed.",
        "Prices rose by 3% in March, the statistics office said.",
        "By 2030 the city wants to plant 10,000 trees.",
    ],
)
def test_body_sentences_are_not_furniture(line):
    assert furniture_kind(line) is None


ARTICLE = """The river rose by 3 metres overnight, the agency said.

Read more: Floods hit the north for the second year

About 2,000 people were evacuated from the old town, officials said.

Keep reading

Storms return to the coast

Schools close for a week

The mayor said repairs would cost 4 million euros.

- Photos: The Flooded Old Town
- Live: Weather Warnings Across The Region

Copyright 2024 Daily Planet. All rights reserved."""


def test_related_links_and_furniture_are_never_proposed():
    kinds = {b.text: b.kind for b in structure_text(ARTICLE, may_start_with_headline=False)}
    assert kinds["Read more: Floods hit the north for the second year"] == "related"
    assert kinds["Copyright 2024 Daily Planet. All rights reserved."] == "furniture"
    assert kinds["- Photos: The Flooded Old Town\n- Live: Weather Warnings Across The Region"] == (
        "related"
    )
    proposed = " ".join(p.text for p in propose_claims(ARTICLE, threshold=0.0))
    assert "About 2,000 people were evacuated" in proposed  # body after a "Read more" link
    assert "The mayor said repairs would cost 4 million euros." in proposed
    for furniture in ("Floods hit the north", "Storms return", "Copyright", "Flooded Old Town"):
        assert furniture not in proposed


def test_a_list_of_links_run_into_a_sentence_is_cut_out():
    text = (
        "A man admitted he threatened the senator Jane DoeJane DoeTech Week: Chips bill stalls"
        " | Senators call for rules | Apps face questions MORE in a court hearing on Monday."
    )
    proposals = propose_claims(text, threshold=0.0)
    assert [p.text for p in proposals] == ["A man admitted he threatened the senator Jane Doe"]
