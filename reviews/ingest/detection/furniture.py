"""Page furniture: the lines of a news page that are structure, never claims.

Bylines, date and update lines, copyright, social and newsletter prompts, comment counts,
section labels, separators, graphic and photo lines. Each rule looks at one line alone and
is written for the shapes such lines take on any site, not for one site's wording; a line
that reads as prose (a full sentence with a verb and a full stop) is left to the body.
"""

from __future__ import annotations

import re

LABEL_MAX_WORDS = 3
BYLINE_MAX_WORDS = 10
BIO_MAX_WORDS = 60

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?"
_DATE = (
    rf"(?:{_WEEKDAY}\s*)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?(?:\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}}"
    r"|\d{1,2}/\d{1,2}/\d{2,4})"
)
_TIME = r"\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)?(?:\s*[A-Z]{2,4})?"
_DATE_LINE = re.compile(
    rf"^(?:(?:last\s+)?(?:updated|published|posted|modified|first published)\b[:\s]*)?"
    rf"(?:on|at)?\s*(?:{_DATE}|{_TIME})(?:\s*(?:,|at|-|–|\|)?\s*(?:{_DATE}|{_TIME}))*\.?$",
    re.IGNORECASE,
)
_STAMP = re.compile(
    r"^(?:last\s+)?(?:updated|published|posted|modified|first published)\b[^.!?]{0,60}$",
    re.IGNORECASE,
)
_ROLE = (
    r"correspondent|editor|reporter|writer|columnist|analyst|contributor|producer"
    r"|bureau chief|staff|journalist|news desk"
)
_BYLINE = re.compile(
    rf"^(?:(?i:by|von|por|par|door|di)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+)*"
    rf"(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+)*)*(?:\s*[,|–-].*)?"
    rf"|(?i:analysis|opinion|comment|review)\s*(?::|by)\s+.+"
    rf"|[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){{1,3}},\s+[^.]*\b(?:{_ROLE})s?\b[^.]*)$"
)
_COPYRIGHT = re.compile(r"(?:©|\(c\)|\bcopyright\b|\ball rights reserved\b)", re.IGNORECASE)
_SOCIAL = re.compile(
    r"\bfollow\s+(?:us|him|her|them|me|[\w'’. ]{1,40}?)\s+on\s+(?:twitter|facebook|instagram"
    r"|linkedin|tiktok|youtube|x\b)|\bfollow\s+(?:us|him|her|them|me)\b.{0,40}@\w+"
    r"|^follow\b.{0,80}\b(?:coverage|updates|live)\b"
    r"|^(?:subscribe|sign up)\b|\bnewsletter\b.{0,40}$|^share (?:this|on)\b",
    re.IGNORECASE,
)
_TWEET_SIGNATURE = re.compile(r"^[—–-]\s*.{1,80}\(@\w+\)")
_COMMENTS = re.compile(r"^(?:\d[\d,]*\s+)?comments?(?:\s*\(\d+\))?$", re.IGNORECASE)
_GRAPHIC = re.compile(
    r"^\(?\s*(?:graphic|chart|photo|image|video|map|gallery|infographic|watch|listen)s?\s*:"
    r"|^(?:main\s+)?(?:image|photo|picture)\s+credit\b"
    r"|^this\s+(?:graphic|chart|map|infographic|photo|image|video)\b"
    r"|^(?:photo|image|slide)\s+\d+\s+(?:of|/)\s+\d+",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"^[\W_]+$")
_SECTION = re.compile(r"^(?:from the|more from the|in the)\s+\w+\s+section\b", re.IGNORECASE)
_READ_LINK = re.compile(
    r"^(?:read|see|watch|listen to|view|download)\s+(?:the\s+)?(?:full|complete|whole|original|"
    r"entire)\b.{0,80}$",
    re.IGNORECASE,
)
# A short line carrying a numeric date or a clock time, in any language ("기사입력 :[
# 2018-08-25 15:24 ]", "Publié le 03/04/2024 à 10:15").
_NUMERIC_STAMP = re.compile(
    r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}:\d{2}"
)
_MORE_LINK = re.compile(r"\bMORE$")  # a run of linked headlines ending in a "MORE" link
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*$")


def word_count(text: str) -> int:
    return len(text.split())


def furniture_kind(line: str) -> str | None:
    """ "furniture", "caption" or "related" when the line is page structure, else None."""
    text = line.strip()
    words = word_count(text)
    if not text:
        return None
    if _SEPARATOR.match(text) or _COMMENTS.match(text) or _SECTION.match(text):
        return "furniture"
    if _GRAPHIC.search(text):
        return "caption"
    if _MORE_LINK.search(text):
        return "related"
    if _TWEET_SIGNATURE.match(text):
        return "furniture"
    if words <= BIO_MAX_WORDS and (_COPYRIGHT.search(text) or _SOCIAL.search(text)):
        return "furniture"
    if _READ_LINK.match(text):
        return "related"
    if words <= 12 and (_DATE_LINE.match(text) or _STAMP.match(text)):
        return "furniture"
    if words <= 8 and _NUMERIC_STAMP.search(text) and not _SENTENCE_END.search(text):
        return "furniture"
    if words <= BYLINE_MAX_WORDS and _BYLINE.match(text) and not _SENTENCE_END.search(text):
        return "furniture"
    if words <= LABEL_MAX_WORDS and not _SENTENCE_END.search(text) and not _has_digit_fact(text):
        return "furniture"  # a section label, a tag or a one-word heading
    return None


def _has_digit_fact(text: str) -> bool:
    """'42 killed' is short but states something; a label rarely carries a number."""
    return any(ch.isdigit() for ch in text)
