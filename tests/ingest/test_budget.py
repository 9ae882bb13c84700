"""The proposal budget: the best-scored candidates up to a share of the body's sentences."""

from reviews.ingest.detection import propose_within_budget
from reviews.ingest.detection.proposals import Proposal, select_within_budget


def candidate(start: int, score: float, *reasons: str) -> Proposal:
    return Proposal(start=start, end=start + 5, text="x" * 5, score=score, reasons=list(reasons))


def test_the_budget_keeps_the_best_scored_in_reading_order_and_holds_back_the_rest():
    found = [candidate(0, 0.4), candidate(10, 0.9), candidate(20, 0.6), candidate(30, 0.5)]
    split = select_within_budget(found, 4, share=0.5, always_above=0.97)
    assert [p.start for p in split.proposed] == [10, 20]
    assert [p.start for p in split.held_back] == [0, 30]
    assert split.body_sentences == 4


def test_confident_candidates_and_caption_statements_pass_whatever_the_budget():
    found = [
        candidate(0, 0.99),
        candidate(10, 0.98),
        candidate(20, 0.3, "caption"),
        candidate(30, 0.8),
    ]
    split = select_within_budget(found, 10, share=0.1, always_above=0.97)
    assert [p.start for p in split.proposed] == [0, 10, 20]
    assert [p.start for p in split.held_back] == [30]


def test_a_full_budget_proposes_every_candidate():
    text = (
        "Harbour town opens new bridge\n\n"
        "The bridge cost 40 million euros, the council said. It is 300 metres long. "
        "According to the ministry, 3,000 cars cross it every day."
    )
    full = propose_within_budget(text, share=1.0, always_above=0.97)
    tight = propose_within_budget(text, share=0.34, always_above=1.0)
    assert full.held_back == [] and len(full.proposed) >= 2
    assert len(tight.proposed) == 1
    assert tight.proposed[0].score == max(p.score for p in full.proposed)
    assert {p.start for p in tight.proposed + tight.held_back} == {p.start for p in full.proposed}
