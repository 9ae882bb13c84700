"""Automatic claim proposals and text clean-up for imported articles (pure Python, no Django).

- structure.structure_text: headline, body, captions, related links, source lines
- repair.find_glued_words / apply_fixes: "territoryassured" -> "territory assured"
- sentences.split_sentences: sentence spans with exact offsets, per language
- language.detect_language: the body's majority language as a BCP 47 code
- propose_claims: check-worthy body sentences with score, attribution and reasons
"""

from reviews.ingest.detection.language import detect_language
from reviews.ingest.detection.proposals import (
    Proposal,
    Proposals,
    candidates,
    propose_claims,
    propose_within_budget,
)
from reviews.ingest.detection.repair import GlueFix, apply_fixes, find_glued_words
from reviews.ingest.detection.sentences import Span, split_sentences
from reviews.ingest.detection.structure import Block, structure_text

__all__ = [
    "Block",
    "GlueFix",
    "Proposal",
    "Proposals",
    "candidates",
    "detect_language",
    "propose_within_budget",
    "Span",
    "apply_fixes",
    "find_glued_words",
    "propose_claims",
    "split_sentences",
    "structure_text",
]
