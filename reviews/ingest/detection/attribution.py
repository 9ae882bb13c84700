"""Who makes a claim: "The Russian army declared ...", "..., said X", "according to X".

Regular expressions over one sentence (plus the next one, for '..." he stated. Keir Giles
...'), run on a glue-repaired copy so "Gileswho" still yields "Keir Giles". Attributions are
returned primary first and joined with "; " when a sentence cites several sources.
"""

from __future__ import annotations

import re

from reviews.ingest.detection.repair import repair_text

SPEECH_VERBS = (
    "said|says|say|stated|states|state|declared|declares|assured|assures|claimed|claims|claim"
    "|told|tells|announced|announces|added|adds|explained|explains|insisted|insists|noted|notes"
    "|warned|warns|argued|argues|confirmed|confirms|denied|denies|reported|reports|asserted"
    "|asserts|affirmed|affirms|maintained|maintains|acknowledged|acknowledges|admitted|admits"
    "|estimated|estimates|indicated|indicates|revealed|reveals|stressed|stresses|emphasized"
    "|emphasised|emphasizes|wrote|writes|alleged|alleges|believes|believed|predicted|predicts"
)
_ADVERBS = r"(?:also|again|later|earlier|previously|then|further|reportedly|has|had|have|once)"
_TIME = (
    r"(?:today|yesterday|tonight|this week|last week|this morning|on (?:Monday|Tuesday|Wednesday"
    r"|Thursday|Friday|Saturday|Sunday)|in a statement|in an interview)"
)
_PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "this", "that", "there", "who"}
_SUBJECT_LEADS = (
    "on|in|at|when|if|after|before|although|though|while|meanwhile|however|later|earlier"
    "|yesterday|today|speaking|asked|as|since|because|but|and|so|then|also"
)
_ROLE_NOUNS = (
    r"leader|commander|head|chief|president|minister|spokes(?:man|woman|person)|analysts?"
    r"|experts?|officials?|authorities|director|governor|mayor|general|agency|ministry"
)

_SUBJECT_VERB = re.compile(
    rf"^(?P<who>[A-Z][^“”\"]{{1,160}}?)(?:\s+{_ADVERBS})*\s+(?:{SPEECH_VERBS})\b"
)
_POSTPOSED = re.compile(
    rf"(?:[,”\"’]|\w)\s+(?:{SPEECH_VERBS})(?:\s+{_TIME})?\s+"
    r"(?P<who>(?:the|a|an|one|two|some|several|many|[A-Z])[^,;:.“”\"]{1,120})"
    r"(?P<closed>(?=\s*[,;]|\s*[.!?]?\s*$))?"
)
_QUOTE_THEN_PRONOUN = re.compile(
    rf"[,”\"’]\s*(?:he|she|they)\s+(?:{SPEECH_VERBS})\.?\s*$", re.IGNORECASE
)
_ACCORDING_TO = re.compile(
    r"\baccording to (?P<who>(?:(?!according to)[^,;:.“”\"]){1,120})", re.IGNORECASE
)
_FOR_ROLE = re.compile(rf"^For (?P<who>(?:the |an? )?[^,]{{0,60}}\b(?:{_ROLE_NOUNS})\b[^,]*),")
_PASSIVE_BY = re.compile(
    r"\b(?:identified|reported|confirmed|cited|quoted|described|named|cited) by "
    r"(?P<who>[^,;:.“”\"]{1,80}?)(?= as\b|[,;:.]|$)"
)
_NAME_AT_START = re.compile(r"^(?P<who>(?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’.-]+)\s+[a-z]")
_CUT_AT = re.compile(
    r"\s+(?:who|whom|whose|which|that|is|was|are|were|has|had|have|will|would|as|at|on"
    r"|in a|in an|during|after|since|because)\b.*$"
    r"|\s+(?:and|but)\s+[a-z].*$|\s*\([^)]{0,8}$"
)
_REPORT_PREFIX = re.compile(r"^(?:an? |the )?reports? (?:by |from |of |in )?", re.IGNORECASE)


def _clean(who: str) -> str:
    who = _CUT_AT.sub("", who.strip())
    who = re.sub(rf"(?:\s+{_ADVERBS})+$", "", who)
    who = _REPORT_PREFIX.sub("", who) or who
    return who.strip(" ,;:–—-")


def _is_useful(who: str) -> bool:
    return bool(who) and who.lower() not in _PRONOUNS and len(who.split()) <= 18


def _subject(sentence: str) -> tuple[str, int]:
    """The speaker before the first speech verb, and where that verb ends (0 if none)."""
    match = _SUBJECT_VERB.match(sentence)
    if not match:
        return "", 0
    who = match["who"]
    if who.endswith(",") and "," not in who[:-1]:
        return "", 0  # "Prices rose 5 percent, said the bank": the speaker comes after
    who = who.rstrip(",")  # "The leader of the other group, the Legion, said"
    if sentence[match.end() :].startswith(","):  # "The figure, officials said, was 40."
        who = who.rsplit(",", 1)[-1]
    lead = re.match(rf"(?i)(?:{_SUBJECT_LEADS})\b", who)
    if lead:  # "On Tuesday, the ministry said" -> "the ministry"; "If the army said" -> none
        who = who.split(",", 1)[1] if "," in who else ""
    ends_with_determiner = re.search(r"\b(?:the|their|its|his|her|our|a|an|as)$", who)
    subordinate = re.search(r"\b(?:who|which|that|when|if)\b|[:;]", who)
    if ends_with_determiner or subordinate or who.count(",") > 2:
        return "", 0  # "the stated goal", or a verb of a subordinate clause
    return _clean(who), match.end()


def _postposed(sentence: str, search_from: int) -> list[str]:
    """'..., said X.' and 'X happened, assured today one of the leaders.'"""
    speakers = []
    for match in _POSTPOSED.finditer(sentence, search_from):
        if match["closed"] is not None:  # the speaker ends the sentence or a clause
            speakers.append(_clean(match["who"]))
    return speakers


def _speaker_named_next(sentence: str, next_sentence: str) -> str:
    """'“...,” he stated. Keir Giles, who works at ...' names the speaker afterwards."""
    if not _QUOTE_THEN_PRONOUN.search(sentence):
        return ""
    match = _NAME_AT_START.match(repair_text(next_sentence.strip()))
    return match["who"] if match else ""


def find_attributions(sentence: str, *, next_sentence: str = "") -> list[str]:
    """Every source a sentence names, primary speaker first; empty when none is named."""
    text = repair_text(sentence)
    found = []
    for opening in (_ACCORDING_TO.match(text), _FOR_ROLE.match(text)):
        if opening:  # "According to analysts, ..." / "For the leader of the formation, ..."
            found.append(_clean(opening["who"]))
    subject, verb_end = _subject(text)
    found.append(subject)
    found += _postposed(text, verb_end)
    found.append(_speaker_named_next(text, next_sentence))
    found += [_clean(m["who"]) for m in _ACCORDING_TO.finditer(text)]
    found += [_clean(m["who"]) for m in _PASSIVE_BY.finditer(text)]
    unique: list[str] = []
    for who in found:
        if _is_useful(who) and who.lower() not in {seen.lower() for seen in unique}:
            unique.append(who)
    return unique


def find_attribution(sentence: str, *, next_sentence: str = "") -> str:
    """The sources of a sentence as one string ("" when none), for the claim's speaker."""
    return "; ".join(find_attributions(sentence, next_sentence=next_sentence))
