"""Proposals on real news pages and speakers on real sentences (bench/corpus/).

    python -m bench.claims_pages [--json]

Each page goes through the HTML import exactly as an editor's would (trafilatura, then the
stored body), then the glued-word check and the claim proposals on the text as imported.
Per page and in total: expected claims covered (a proposal contains the key), proposals made,
proposals per body sentence, furniture leaked (a furniture string inside a proposal),
wrong repairs (a suggested fix for a token that is not glued). Then the attribution set:
precision and coverage of the speaker found for each labelled sentence.

The labels were written without looking at the detector; nothing here tunes it.
"""

from __future__ import annotations

import argparse
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from reviews.ingest.detection import (  # noqa: E402
    candidates,
    detect_language,
    find_glued_words,
    split_sentences,
    structure_text,
)
from reviews.ingest.detection.proposals import select_within_budget  # noqa: E402
from reviews.ingest.importing import draft_from_html  # noqa: E402
from reviews.speakers import find_attribution  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "corpus"
RESULTS = Path(__file__).resolve().parent / "results" / "claims_pages.json"
# The budget curve: coverage and proposals per body sentence at these shares (one scoring pass).
CURVE_SHARES = (0.25, 0.33, 0.4, 0.5, 0.6, 0.75, 1.0)


def squash(text: str) -> str:
    return " ".join(text.split())


@dataclass
class PageResult:
    page: str
    language: str
    expected: int
    covered: int
    key_expected: int
    key_covered: int
    proposals: int
    body_sentences: int
    furniture: int
    furniture_leaked: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    wrong_repairs: list[str] = field(default_factory=list)
    glued_found: int = 0
    glued_expected: int = 0

    @property
    def per_sentence(self) -> float:
        return self.proposals / self.body_sentences if self.body_sentences else 0.0


def leaks(furniture: str, body: str, proposals) -> bool:
    """A proposal overlaps the furniture where it stands as page structure: at a line start
    (a one-word tag such as "arrombamento" also occurs inside real sentences)."""
    start = body.find(furniture)
    while start != -1:
        at_line_start = start == 0 or body[start - 1] == "\n" or len(furniture.split()) > 4
        end = start + len(furniture)
        if at_line_start and any(p.start < end and start < p.end for p in proposals):
            return True
        start = body.find(furniture, start + 1)
    return False


@dataclass
class ScoredPage:
    """A page imported and scored once; the budget is applied afterwards."""

    spec: dict
    body: str
    language: str
    found: list
    sentences: int


def score_page(spec: dict, html: str) -> ScoredPage:
    draft = draft_from_html(html, origin="file", url=spec.get("url", ""))
    language = detect_language(draft.body)  # as the import does: "de" and "pt" pages too
    found, sentences = candidates(draft.body, language=language)
    return ScoredPage(spec, draft.body, language, found, sentences)


def evaluate_page(scored: ScoredPage, share: float) -> PageResult:
    spec, body, language = scored.spec, scored.body, scored.language
    made = select_within_budget(
        scored.found,
        scored.sentences,
        share=share,
        always_above=settings.PROPOSAL_ALWAYS_ABOVE,
    ).proposed
    proposals = [squash(body[p.start : p.end]) for p in made]
    blocks = structure_text(body, may_start_with_headline=False)
    body_sentences = sum(
        len(split_sentences(b.text, offset=b.start, language=language))
        for b in blocks
        if b.kind == "body"
    )
    keys = [squash(item["key"]) for item in spec["expected_claims"]]
    priority = {squash(item["key"]) for item in spec["expected_claims"] if item.get("priority")}
    missed = [key for key in keys if not any(key in proposal for proposal in proposals)]
    leaked = [f for f in spec.get("furniture", []) if leaks(f, body, made)]
    glued = set(spec.get("glued_words", []))
    fixes = find_glued_words(body, language=language)
    wrong = [f"{fix.original} -> {fix.replacement}" for fix in fixes if fix.original not in glued]
    return PageResult(
        page=spec["id"],
        language=spec.get("language", "en"),
        expected=len(keys),
        covered=len(keys) - len(missed),
        key_expected=len(priority),
        key_covered=len(priority - set(missed)),
        proposals=len(proposals),
        body_sentences=body_sentences,
        furniture=len(spec.get("furniture", [])),
        furniture_leaked=leaked,
        missed=missed,
        wrong_repairs=wrong,
        glued_found=sum(1 for fix in fixes if fix.original in glued),
        glued_expected=len(glued),
    )


def score_pages() -> list[ScoredPage]:
    scored = []
    for path in sorted((CORPUS / "pages").glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        html = path.with_suffix(".html").read_text(encoding="utf-8", errors="replace")
        scored.append(score_page(spec, html))
    return scored


def evaluate_pages(share: float, scored: list[ScoredPage] | None = None) -> list[PageResult]:
    return [evaluate_page(page, share) for page in scored or score_pages()]


def speaker_matches(found: str, row: dict) -> bool:
    wanted = [row["speaker"], *row.get("speaker_alt", [])]
    return any(squash(found).lower() == squash(w).lower() for w in wanted if w)


def evaluate_attribution(path: Path = CORPUS / "attribution.jsonl") -> dict:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    named = correct = labelled = 0
    wrong = []
    for row in rows:
        found = find_attribution(row["text"])
        labelled += bool(row["speaker"])
        if not found:
            continue
        named += 1
        if row["speaker"] and speaker_matches(found, row):
            correct += 1
        else:
            wrong.append({"text": row["text"], "found": found, "speaker": row["speaker"]})
    return {
        "sentences": len(rows),
        "with_speaker": labelled,
        "named": named,
        "correct": correct,
        "precision": round(correct / named, 4) if named else None,
        "coverage": round(correct / labelled, 4) if labelled else None,
        "wrong": wrong,
    }


def totals(results: list[PageResult]) -> dict:
    expected = sum(r.expected for r in results)
    covered = sum(r.covered for r in results)
    key_expected = sum(r.key_expected for r in results)
    key_covered = sum(r.key_covered for r in results)
    proposals = sum(r.proposals for r in results)
    sentences = sum(r.body_sentences for r in results)
    return {
        "pages": len(results),
        "expected_claims": expected,
        "covered": covered,
        "recall": round(covered / expected, 4) if expected else None,
        "key_claims": key_expected,
        "key_covered": key_covered,
        "key_recall": round(key_covered / key_expected, 4) if key_expected else None,
        "proposals": proposals,
        "body_sentences": sentences,
        "proposals_per_body_sentence": round(proposals / sentences, 4) if sentences else None,
        "furniture_leaked": sum(len(r.furniture_leaked) for r in results),
        "wrong_repairs": sum(len(r.wrong_repairs) for r in results),
        "glued_found": sum(r.glued_found for r in results),
        "glued_expected": sum(r.glued_expected for r in results),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list misses and leaks")
    parser.add_argument(
        "--share",
        type=float,
        default=settings.PROPOSAL_SHARE,
        help="proposal budget (share of body sentences); default: the PROPOSAL_SHARE setting",
    )
    args = parser.parse_args()
    print(f"proposal budget: {args.share:.2f} of body sentences")
    scored = score_pages()
    results = evaluate_pages(args.share, scored)
    print(
        f"{'page':34} {'key':>7} {'all':>7} {'props':>6} {'/sent':>6} {'leaked':>6}"
        f" {'wrong fix':>9}"
    )
    for r in results:
        print(
            f"{r.page:34} {r.key_covered:>3}/{r.key_expected:<3} {r.covered:>3}/{r.expected:<3}"
            f" {r.proposals:>6} {r.per_sentence:>6.2f}"
            f" {len(r.furniture_leaked):>6} {len(r.wrong_repairs):>9}"
        )
        if args.details:
            for key in r.missed:
                print(f"    missed: {key}")
            for item in r.furniture_leaked:
                print(f"    leaked: {item}")
            for fix in r.wrong_repairs:
                print(f"    wrong fix: {fix}")
    total = totals(results)
    print(
        f"{'TOTAL':34} {total['key_covered']:>3}/{total['key_claims']:<3}"
        f" {total['covered']:>3}/{total['expected_claims']:<3} {total['proposals']:>6}"
        f" {total['proposals_per_body_sentence']:>6.2f} {total['furniture_leaked']:>6}"
        f" {total['wrong_repairs']:>9}"
        f"   glued found {total['glued_found']}/{total['glued_expected']}"
    )
    curve = {f"{share:.2f}": totals(evaluate_pages(share, scored)) for share in CURVE_SHARES}
    print("budget curve (share: expected claims covered, key claims, proposals per sentence):")
    for share, row in curve.items():
        print(
            f"  {share}: {row['covered']}/{row['expected_claims']} ({row['recall']:.1%}),"
            f" key {row['key_covered']}/{row['key_claims']} ({row['key_recall']:.1%}),"
            f" {row['proposals_per_body_sentence']:.2f} per sentence"
        )
    attribution = evaluate_attribution()
    print(
        f"attribution: {attribution['sentences']} sentences, {attribution['with_speaker']} with a"
        f" speaker; named {attribution['named']}, correct {attribution['correct']}: precision"
        f" {attribution['precision']}, coverage {attribution['coverage']}"
    )
    if args.details:
        for item in attribution["wrong"]:
            print(
                f"    wrong speaker: {item['found']!r} (label {item['speaker']!r}): {item['text']}"
            )
    RESULTS.write_text(
        json.dumps(
            {
                "benchmark": "bench/claims_pages.py",
                "corpus": "bench/corpus (18 pages of scrapinghub/article-extraction-benchmark)",
                "proposal_share": args.share,
                "total": total,
                "budget_curve": curve,
                "pages": [asdict(r) | {"per_sentence": round(r.per_sentence, 4)} for r in results],
                "attribution": attribution,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
