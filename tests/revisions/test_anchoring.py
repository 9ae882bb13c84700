"""The pure re-anchoring module: each kind of edit puts each claim in the right category,
and no claim is ever placed on other words."""

from __future__ import annotations

from reviews.anchoring import (
    CHANGED,
    MOVED,
    NOT_FOUND,
    UNCHANGED,
    Anchor,
    reanchor,
    summary,
)
from reviews.textdiff import text_diff, word_diff

FIRST = "The ministry said 42 kilometres of territory were taken in two days of fighting."
SECOND = "Local officials reported that three villages near the border were evacuated overnight."
THIRD = "The governor later claimed that no civilians had been hurt during the raid."
OLD = "\n\n".join([FIRST, SECOND, THIRD])


def anchor(text: str, quote: str, key=None) -> Anchor:
    start = text.index(quote)
    return Anchor(key or quote, start, start + len(quote))


QUOTES = [
    "42 kilometres of territory were taken in two days",
    "three villages near the border were evacuated overnight",
    "no civilians had been hurt during the raid",
]


def place(new: str) -> dict:
    placed = reanchor(OLD, new, [anchor(OLD, q) for q in QUOTES])
    return {p.key: p for p in placed}


def test_identical_text_leaves_every_claim_unchanged():
    placed = place(OLD)
    assert {p.outcome for p in placed.values()} == {UNCHANGED}
    assert all((p.start, p.end) == (p.old_start, p.old_end) for p in placed.values())


def test_insertion_before_a_claim_moves_it_and_the_ones_after():
    new = OLD.replace(SECOND, "Updated at 10:00. " + SECOND)
    placed = place(new)
    assert placed[QUOTES[0]].outcome == UNCHANGED
    for quote in QUOTES[1:]:
        assert placed[quote].outcome == MOVED
        assert new[placed[quote].start : placed[quote].end] == quote


def test_wording_change_inside_a_claim_is_changed_with_a_word_diff():
    new = OLD.replace("three villages", "four villages")
    placed = place(new)
    changed = placed[QUOTES[1]]
    assert changed.outcome == CHANGED
    assert (
        new[changed.start : changed.end] == "four villages near the border were evacuated overnight"
    )
    assert ("delete", "three") in changed.diff and ("insert", "four") in changed.diff
    assert placed[QUOTES[0]].outcome == UNCHANGED
    assert placed[QUOTES[2]].outcome == MOVED  # "four" is one character shorter
    assert new[placed[QUOTES[2]].start : placed[QUOTES[2]].end] == QUOTES[2]


def test_word_inserted_at_the_edge_of_a_claim_is_inside_the_new_anchor():
    new = OLD.replace("no civilians had been hurt", "no civilians had reportedly been hurt")
    placed = place(new)[QUOTES[2]]
    assert placed.outcome == CHANGED
    assert new[placed.start : placed.end] == "no civilians had reportedly been hurt during the raid"


def test_deleted_paragraph_is_not_found_and_keeps_its_old_offsets():
    new = "\n\n".join([FIRST, THIRD])
    placed = place(new)
    gone = placed[QUOTES[1]]
    assert gone.outcome == NOT_FOUND and gone.start is None
    assert (gone.old_start, gone.old_end) == (
        OLD.index(QUOTES[1]),
        OLD.index(QUOTES[1]) + len(QUOTES[1]),
    )
    assert placed[QUOTES[2]].outcome == MOVED


def test_reordered_paragraphs_move_the_claims():
    new = "\n\n".join([THIRD, FIRST, SECOND])
    placed = place(new)
    assert {p.outcome for p in placed.values()} == {MOVED}
    for quote, p in placed.items():
        assert new[p.start : p.end] == quote


def test_reorder_and_reword_together():
    new = "\n\n".join([THIRD.replace("no civilians", "no residents"), FIRST, SECOND])
    placed = place(new)
    assert placed[QUOTES[2]].outcome == CHANGED
    assert new[placed[QUOTES[2]].start : placed[QUOTES[2]].end].startswith("no residents")
    assert placed[QUOTES[0]].outcome == MOVED


def test_rewritten_claim_is_not_found_rather_than_anchored_elsewhere():
    new = OLD.replace(QUOTES[1], "the situation remained calm according to the police")
    assert place(new)[QUOTES[1]].outcome == NOT_FOUND


def test_a_similar_sentence_that_was_already_there_is_not_taken_for_an_edited_claim():
    # The article says nearly the same thing twice; the claim's paragraph is deleted.
    old = "\n\n".join(
        [
            "A third case of the plague has been reported in the region.",
            "Officials confirmed a third instance of the plague has been reported today.",
        ]
    )
    claim = anchor(old, "a third instance of the plague has been reported")
    new = "A third case of the plague has been reported in the region."
    [placed] = reanchor(old, new, [claim])
    assert placed.outcome == NOT_FOUND


def test_repeated_quote_is_placed_by_its_context_or_not_at_all():
    old = "Police said it was calm.\n\nThe army said it was calm. Then shelling began."
    second = Anchor(
        "army", old.rindex("it was calm"), old.rindex("it was calm") + len("it was calm")
    )
    # Text inserted at the top: the context still tells the two apart.
    new = "Breaking.\n\n" + old
    [placed] = reanchor(old, new, [second])
    assert placed.outcome == MOVED and placed.start == new.rindex("it was calm")
    # The army's paragraph rewritten around it: the one left is the police's, not the claim's.
    new = "Police said it was calm.\n\nNo comment from anyone."
    [placed] = reanchor(old, new, [second])
    assert placed.outcome == NOT_FOUND


def test_short_quote_is_only_found_exactly():
    old = "Casualties: 12 dead.\n\nMore later."
    claim = anchor(old, "12 dead")
    [placed] = reanchor(old, "Casualties: 14 dead.\n\nMore later.", [claim])
    assert placed.outcome == NOT_FOUND and placed.reason == "too short to find once edited"


def test_white_space_only_change_is_not_a_wording_change():
    new = OLD.replace("three villages near", "three villages  near")
    assert place(new)[QUOTES[1]].outcome == MOVED


def test_summary_counts_each_outcome():
    new = "\n\n".join([FIRST.replace("two days", "three days"), THIRD])
    assert summary(reanchor(OLD, new, [anchor(OLD, q) for q in QUOTES])) == {
        UNCHANGED: 0,
        MOVED: 1,
        CHANGED: 1,
        NOT_FOUND: 1,
    }


def test_word_diff_pieces():
    assert word_diff("a b c", "a x c") == [
        ("equal", "a"),
        ("delete", "b"),
        ("insert", "x"),
        ("equal", "c"),
    ]


def test_text_diff_gives_back_both_texts():
    new = OLD.replace("two days", "three days")
    pieces = text_diff(OLD, new)
    assert "".join(t for op, t in pieces if op != "insert") == OLD
    assert "".join(t for op, t in pieces if op != "delete") == new
    assert ("delete", "two") in pieces and ("insert", "three") in pieces
    moved = "\n\n".join([THIRD, FIRST, SECOND])
    pieces = text_diff(OLD, moved)  # a reorder reads as a paragraph deleted and inserted
    assert "".join(t for op, t in pieces if op != "delete") == moved
