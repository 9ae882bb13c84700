"""Check the evaluation corpus in bench/corpus against trafilatura's extracted text.

Run with any Python that has trafilatura>=2.0 (stdlib otherwise):

    python bench/corpus/check_corpus.py

For every page in pages/*.json the HTML beside it is extracted the way the app's HTML import
does it (reviews/importing.py, draft_from_html: trafilatura.bare_extraction with metadata,
without comments or tables; the text normalised; one line per paragraph; a first line equal
to the title dropped; paragraphs joined by blank lines). The extraction is replicated here,
not imported, so this script never depends on the product code.

Checks, per page:
  * every expected_claims key, every furniture string and every glued_words token is an exact
    substring of the extracted body (whitespace runs collapsed on both sides, nothing else);
  * claim keys are 5-12 words, appear once, and do not cross a paragraph break;
  * glued_words tokens are whole whitespace-separated tokens (punctuation stripped at the edges);
  * every expected claim has a boolean `priority` (a key claim: what a desk would check first),
    and the number of priority claims respects the page's budget: at most
    floor(0.25 * body_sentences), never below 2, and at least 2 (all claims when a page has fewer
    than 2). `body_sentences` is a positive integer in the page JSON.
It also checks attribution.jsonl and ru_uk.jsonl: fields present, and every speaker an exact
substring of its sentence. Exit status 1 when anything fails.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

import trafilatura

HERE = Path(__file__).resolve().parent
PAGES = HERE / "pages"
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MANY_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
WS = re.compile(r"\s+")
REQUIRED_PAGE_FIELDS = {
    "id",
    "origin",
    "url",
    "outlet",
    "language",
    "licence",
    "body_sentences",
    "expected_claims",
    "furniture",
    "glued_words",
}


def normalise_text(text: str) -> str:
    """Same as reviews.importing.normalise_text."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = CONTROL_CHARS.sub("", text.replace("\u00a0", " "))
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return MANY_BLANK_LINES.sub("\n\n", text).strip()


def extract(html: str) -> tuple[str, str]:
    """(title, body) as reviews.importing.draft_from_html would store them."""
    document = trafilatura.bare_extraction(
        html, url=None, with_metadata=True, include_comments=False, include_tables=False
    )
    text = (document.text if document else "") or ""
    title = normalise_text(document.title or "") if document else ""
    lines = [line.strip() for line in normalise_text(text).split("\n") if line.strip()]
    if lines and title and lines[0] == title:
        lines = lines[1:]
    return title, "\n\n".join(lines)


def collapse(text: str) -> str:
    return WS.sub(" ", text).strip()


def priority_budget(body_sentences: int, claims: int) -> tuple[int, int]:
    """(least, most) priority claims a page may mark.

    At most a quarter of the body sentences (rounded down) but never below 2, since the app
    proposes about a third of the body; at least 2, or every claim when there are fewer.
    """
    return min(2, claims), max(2, body_sentences // 4)


def check_page(meta_path: Path) -> tuple[list[str], dict]:
    errors: list[str] = []
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    missing = REQUIRED_PAGE_FIELDS - meta.keys()
    if missing:
        errors.append(f"missing fields {sorted(missing)}")
    if meta.get("id") != meta_path.stem:
        errors.append(f"id {meta.get('id')!r} does not match file name")
    html_path = meta_path.with_suffix(".html")
    html = html_path.read_bytes().decode("utf-8-sig")  # as an uploaded .html file is read
    _, body = extract(html)
    flat = collapse(body)
    paragraphs = [collapse(p) for p in body.split("\n\n")]

    claims = meta.get("expected_claims", [])
    if not 4 <= len(claims) <= 10:
        errors.append(f"{len(claims)} expected claims (want 4-10)")
    for claim in claims:
        key = collapse(claim.get("key", ""))
        if not claim.get("why"):
            errors.append(f"claim without 'why': {key!r}")
        words = len(key.split())
        if not 5 <= words <= 12:
            errors.append(f"claim key has {words} words: {key!r}")
        count = flat.count(key)
        if count == 0:
            errors.append(f"claim key not in extracted text: {key!r}")
        elif count > 1:
            errors.append(f"claim key occurs {count} times: {key!r}")
        elif not any(key in p for p in paragraphs):
            errors.append(f"claim key crosses a paragraph break: {key!r}")
    body_sentences = meta.get("body_sentences")
    valid_count = (
        isinstance(body_sentences, int)
        and not isinstance(body_sentences, bool)
        and body_sentences > 0
    )
    if not valid_count:
        errors.append(f"body_sentences is not a positive integer: {body_sentences!r}")
    for claim in claims:
        if not isinstance(claim.get("priority"), bool):
            errors.append(f"claim without a boolean 'priority': {claim.get('key', '')!r}")
    priority = sum(1 for claim in claims if claim.get("priority") is True)
    least, most = priority_budget(body_sentences if valid_count else 0, len(claims))
    if valid_count and not least <= priority <= most:
        errors.append(
            f"{priority} priority claims, outside the budget {least}-{most} "
            f"({body_sentences} body sentences)"
        )
    for item in meta.get("furniture", []):
        if collapse(item) not in flat:
            errors.append(f"furniture not in extracted text: {item!r}")
    tokens = {t.strip(".,;:!?\"'()[]“”‘’") for t in flat.split()}
    for token in meta.get("glued_words", []):
        if token not in flat:
            errors.append(f"glued word not in extracted text: {token!r}")
        elif token not in tokens:
            errors.append(f"glued word is not a whole token: {token!r}")
    stats = {
        "id": meta_path.stem,
        "language": meta.get("language"),
        "outlet": meta.get("outlet"),
        "claims": len(claims),
        "priority": priority,
        "cap": most,
        "furniture": len(meta.get("furniture", [])),
        "glued": len(meta.get("glued_words", [])),
        "chars": len(body),
    }
    return errors, stats


def check_jsonl(path: Path, required: set[str]) -> tuple[list[str], list[dict]]:
    errors: list[str] = []
    rows: list[dict] = []
    if not path.exists():
        return [f"{path.name} is missing"], rows
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            errors.append(f"{path.name}:{number}: not JSON ({error})")
            continue
        rows.append(row)
        missing = required - row.keys()
        if missing:
            errors.append(f"{path.name}:{number}: missing {sorted(missing)}")
        speaker = row.get("speaker")
        if speaker is not None and speaker not in row.get("text", ""):
            errors.append(f"{path.name}:{number}: speaker {speaker!r} not in text")
        if speaker == "":
            errors.append(f"{path.name}:{number}: empty speaker (use null)")
    texts = [r.get("text") for r in rows]
    duplicates = {t for t in texts if texts.count(t) > 1}
    for text in sorted(duplicates):
        errors.append(f"{path.name}: duplicate sentence {text[:60]!r}")
    return errors, rows


def main() -> int:
    failed = False
    print(
        f"{'page':34} {'lang':4} {'claims':>6} {'prio':>4} {'cap':>3} {'furn':>5} {'glued':>5} "
        f"{'chars':>6}  outlet"
    )
    totals = {"claims": 0, "priority": 0, "furniture": 0, "glued": 0}
    metas = sorted(PAGES.glob("*.json"))
    for meta_path in metas:
        errors, s = check_page(meta_path)
        for key in totals:
            totals[key] += s[key]
        print(
            f"{s['id']:34} {s['language']:4} {s['claims']:6} {s['priority']:4} {s['cap']:3} "
            f"{s['furniture']:5} {s['glued']:5} {s['chars']:6}  {s['outlet']}"
        )
        for error in errors:
            failed = True
            print(f"    FAIL {error}")
    print(
        f"{len(metas)} pages, {totals['claims']} expected claims ({totals['priority']} priority), "
        f"{totals['furniture']} furniture strings, {totals['glued']} glued words"
    )

    errors, rows = check_jsonl(HERE / "attribution.jsonl", {"text", "speaker", "source"})
    with_speaker = sum(1 for r in rows if r.get("speaker"))
    pronoun = sum(1 for r in rows if r.get("note") == "pronoun")
    sources = len({r.get("source") for r in rows})
    print(
        f"attribution.jsonl: {len(rows)} sentences, {with_speaker} with a speaker, "
        f"{len(rows) - with_speaker} without ({pronoun} pronoun-only), {sources} sources"
    )
    for error in errors:
        failed = True
        print(f"    FAIL {error}")

    ru_uk = HERE / "ru_uk.jsonl"
    if ru_uk.exists():
        errors, rows = check_jsonl(ru_uk, {"text", "language", "checkworthy", "speaker", "source"})
        by_lang: dict[str, int] = {}
        for row in rows:
            by_lang[row.get("language")] = by_lang.get(row.get("language"), 0) + 1
            if not isinstance(row.get("checkworthy"), bool):
                errors.append(f"checkworthy not a boolean: {row.get('text', '')[:50]!r}")
        print(
            f"ru_uk.jsonl: {len(rows)} sentences {by_lang}, "
            f"{sum(1 for r in rows if r.get('checkworthy') is True)} check-worthy, "
            f"{sum(1 for r in rows if r.get('speaker'))} with a speaker"
        )
        for error in errors:
            failed = True
            print(f"    FAIL {error}")

    print("FAILED" if failed else "OK")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
