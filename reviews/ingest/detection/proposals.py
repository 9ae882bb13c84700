"""Propose check-worthy sentences of an article as claims, each with its speaker.

Only body text is searched: headlines, "Keep reading" links and source lines are skipped.
Photo captions are skipped too, except that a caption stating a number or quantity
("Russian partisans spoke to a hundred journalists (Reuters)") is proposed without its
photo credit and with the reason "caption": such a figure often appears nowhere else in the
article, and editors asked for it. Those captions are proposed whatever their score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reviews.ingest.detection.features import cue_reasons, cue_values, has_quantity
from reviews.ingest.detection.repair import repair_text
from reviews.ingest.detection.scoring import scorer_for
from reviews.ingest.detection.sentences import Span, split_sentences
from reviews.ingest.detection.structure import Block, structure_text
from reviews.speakers import find_attribution

_TRAILING_CREDIT = re.compile(r"\s*\([^()]*\)\s*$")
# Headlines of other stories run into a sentence by the scraper ("… | … | … MORE"): a
# sentence carrying such a list is page furniture, whatever it also says.
_LINK_LIST = re.compile(r"(?:\s\|\s.*){2,}")
_GLUE_BOUNDARY = re.compile(r"[a-z][A-Z]")  # where the scraper ran a link into the text
_LIST_END = re.compile(r"\bMORE\b")
MIN_SIDE_WORDS = 6


@dataclass(frozen=True, slots=True)
class Proposal:
    """A proposed claim: article[start:end] == text; score is check-worthiness in 0..1."""

    start: int
    end: int
    text: str
    score: float
    attribution: str = ""
    reasons: list[str] = field(default_factory=list)


def _body_sentences(blocks: list[Block], language: str) -> list[Span]:
    sentences = []
    for block in blocks:
        if block.kind != "body":
            continue
        for sentence in split_sentences(block.text, offset=block.start, language=language):
            if not _LINK_LIST.search(sentence.text):
                sentences.append(sentence)
            elif side := _without_link_list(sentence):
                sentences.append(side)
    return sentences


def _without_link_list(sentence: Span) -> Span | None:
    """The sentence's own words on the longer side of a run-in list of links, if any."""
    text = sentence.text
    first_bar = text.index(" | ")
    glue = _GLUE_BOUNDARY.search(text, 0, first_bar)
    start = glue.start() + 1 if glue else 0
    ends = list(_LIST_END.finditer(text, first_bar))
    end = ends[-1].end() if ends else len(text)
    before, after = text[:start].rstrip(), text[end:].strip()
    if max(len(before.split()), len(after.split())) < MIN_SIDE_WORDS:
        return None
    if len(before.split()) >= len(after.split()):
        return Span(sentence.start, sentence.start + len(before), before)
    offset = sentence.start + text.index(after, end)
    return Span(offset, offset + len(after), after)


def _caption_statement(block: Block) -> Span | None:
    """The caption without its "(Reuters)" credit, when it states a quantity."""
    if not _TRAILING_CREDIT.search(block.text):
        return None  # a caption title such as "Russian opposition soldiers who raided ..."
    statement = _TRAILING_CREDIT.sub("", block.text)
    if not statement or not has_quantity(statement):
        return None
    return Span(block.start, block.start + len(statement), statement)


def _assess(span: Span, next_text: str, extra_reasons: list[str], language: str) -> Proposal:
    readable = repair_text(span.text, language=language)  # glued words are unknown words
    attribution = find_attribution(span.text, next_sentence=next_text, language=language)
    cues = cue_values(readable, attribution=attribution, language=language)
    return Proposal(
        start=span.start,
        end=span.end,
        text=span.text,
        score=round(scorer_for(language).score(readable, cues=cues), 4),
        attribution=attribution,
        reasons=[*extra_reasons, *cue_reasons(cues)],
    )


@dataclass(frozen=True, slots=True)
class Proposals:
    """What an article gets: the proposals, and the candidates held back below the cut."""

    proposed: list[Proposal]
    held_back: list[Proposal]
    body_sentences: int


def propose_claims(
    text: str,
    *,
    threshold: float | None = None,
    may_start_with_headline: bool = True,
    language: str = "en",
) -> list[Proposal]:
    """Sentences worth checking, in reading order; `threshold` overrides the tuned one."""
    return candidates(
        text,
        threshold=threshold,
        may_start_with_headline=may_start_with_headline,
        language=language,
    )[0]


def candidates(
    text: str,
    *,
    threshold: float | None = None,
    may_start_with_headline: bool = True,
    language: str = "en",
) -> tuple[list[Proposal], int]:
    """Every sentence scoring over the cut-off, in reading order, and the body's sentences.
    `language` (BCP 47) picks the sentence rules, the speaker patterns and the model."""
    cutoff = scorer_for(language).proposal_threshold if threshold is None else threshold
    blocks = structure_text(text, may_start_with_headline=may_start_with_headline)
    sentences = _body_sentences(blocks, language)
    proposals = []
    for index, sentence in enumerate(sentences):
        next_text = sentences[index + 1].text if index + 1 < len(sentences) else ""
        proposal = _assess(sentence, next_text, [], language)
        if proposal.score >= cutoff:
            proposals.append(proposal)
    for block in blocks:
        statement = _caption_statement(block) if block.kind == "caption" else None
        if statement:
            proposals.append(_assess(statement, "", ["caption"], language))
    return sorted(proposals, key=lambda proposal: proposal.start), len(sentences)


def propose_within_budget(
    text: str,
    *,
    share: float,
    always_above: float,
    may_start_with_headline: bool = True,
    language: str = "en",
) -> Proposals:
    """The best-scored candidates, up to `share` of the body's sentences, so the desk gets
    triage and not every sentence; every candidate over `always_above` and every caption
    statement is proposed whatever the budget. The rest are held back, one click away."""
    found, sentences = candidates(
        text, may_start_with_headline=may_start_with_headline, language=language
    )
    return select_within_budget(found, sentences, share=share, always_above=always_above)


def select_within_budget(
    found: list[Proposal], sentences: int, *, share: float, always_above: float
) -> Proposals:
    """Split the candidates of an article with `sentences` body sentences by the budget."""
    budget = max(1, round(share * sentences)) if sentences else 0
    ranked = sorted(found, key=lambda p: (-p.score, p.start))
    chosen = {
        id(p)
        for rank, p in enumerate(ranked)
        if rank < budget or p.score >= always_above or "caption" in p.reasons
    }
    proposed = [p for p in found if id(p) in chosen]
    held_back = [p for p in found if id(p) not in chosen]
    return Proposals(proposed, held_back, sentences)
