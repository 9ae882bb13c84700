"""Word diffs for the revision page and the re-anchoring report (pure, difflib)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """("equal" | "delete" | "insert", words) pieces turning `before` into `after`."""
    a, b = before.split(), after.split()
    pieces: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(("equal", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("delete", " ".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("insert", " ".join(b[j1:j2])))
    return pieces


DIFF_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


PARAGRAPH_UNITS = re.compile(r"(\n[ \t]*\n\s*)")
WORD_DIFF_LIMIT = 20_000  # tokens each side; a bigger changed stretch reads as replaced


def text_diff(before: str, after: str) -> list[tuple[str, str]]:
    """The whole text's changes as ("equal" | "delete" | "insert", text) pieces, white space
    kept, so the pieces of one side joined give back that side. Paragraphs are matched
    first, then words only inside the paragraphs that changed: fast on long articles."""
    pieces: list[tuple[str, str]] = []

    def add(op: str, text: str) -> None:
        if pieces and pieces[-1][0] == op:
            pieces[-1] = (op, pieces[-1][1] + text)
        elif text:
            pieces.append((op, text))

    a, b = PARAGRAPH_UNITS.split(before), PARAGRAPH_UNITS.split(after)
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            add("equal", "".join(a[i1:i2]))
            continue
        old_words = DIFF_TOKEN.findall("".join(a[i1:i2]))
        new_words = DIFF_TOKEN.findall("".join(b[j1:j2]))
        if op != "replace" or max(len(old_words), len(new_words)) > WORD_DIFF_LIMIT:
            add("delete", "".join(old_words))
            add("insert", "".join(new_words))
            continue
        words = SequenceMatcher(None, old_words, new_words)
        for word_op, k1, k2, m1, m2 in words.get_opcodes():
            if word_op == "equal":
                add("equal", "".join(old_words[k1:k2]))
            else:
                add("delete", "".join(old_words[k1:k2]))
                add("insert", "".join(new_words[m1:m2]))
    return pieces
