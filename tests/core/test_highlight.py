from types import SimpleNamespace

from reviews.highlight import highlight_paragraphs, paragraph_spans, paragraphs_of_claims

BODY = "First para has a claim.\n\nSecond one\nhas two lines and more words."


def span(start, end, pk=1):
    return SimpleNamespace(start=start, end=end, pk=pk)


def test_paragraphs_split_on_blank_lines_only():
    assert [BODY[a:b] for a, b in paragraph_spans(BODY)] == [
        "First para has a claim.",
        "Second one\nhas two lines and more words.",
    ]


def test_segments_rebuild_each_paragraph_exactly():
    claims = [span(6, 22, 1), span(11, 14, 2), span(25, 45, 3)]
    paragraphs = highlight_paragraphs(BODY, claims)
    assert ["".join(s.text for s in p.segments) for p in paragraphs] == [
        BODY[a:b] for a, b in paragraph_spans(BODY)
    ]
    assert [p.dom_id for p in paragraphs] == ["para-0", "para-25"]


def test_nested_claim_colours_its_words_and_the_outer_claim_the_rest():
    outer, inner = span(6, 22, 1), span(11, 14, 2)
    segments = highlight_paragraphs(BODY, [outer, inner])[0].segments
    by_text = {s.text: s for s in segments}
    assert by_text["has"].claim is inner
    assert by_text["para "].claim is outer
    assert by_text["First "].claim is None
    assert by_text[" a claim"].ends_claims == [outer]


def test_a_claim_across_a_paragraph_break_is_cut_into_both_paragraphs():
    crossing = span(17, 30)
    first, second = highlight_paragraphs(BODY, [crossing])
    assert first.segments[-1].text == "claim." and first.segments[-1].claim is crossing
    assert second.segments[0].text == "Secon" and second.segments[0].claim is crossing


def test_paragraph_kind_comes_from_the_stored_structure():
    blocks = [{"kind": "body", "start": 0, "end": 23}, {"kind": "caption", "start": 25, "end": 64}]
    assert [p.kind for p in highlight_paragraphs(BODY, [], blocks)] == ["body", "caption"]


def test_paragraphs_of_claims_are_only_the_ones_they_touch():
    a, b = span(0, 5, 1), span(30, 34, 2)
    assert [p.start for p in paragraphs_of_claims(BODY, [a, b], [b])] == [25]
