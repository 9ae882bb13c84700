"""Who makes a claim, from the reported speech around it: silence rather than a wrong name.

A speaker is only named when a reporting pattern places it ("…,” X said", "…, said X",
"according to X", "X said that …", "X, who …, said", "…, officials estimated") and the
phrase it places reads as a person, an organisation or a role: capitalised names, or a
role noun ("officials", "a spokesperson for the ministry") with only determiners,
prepositions and modifiers around it. A clause, a sentence-initial noun ("Fuel rose …"),
a pronoun or anything with a verb in it is not a speaker, and then nothing is returned.

Used for proposals (reviews.ingest) and for claims an editor adds by selecting text.
"""

from __future__ import annotations

import re

from reviews import reported_speech

VERBS = (
    "said|says|say|told|tells|added|adds|stated|states|announced|announces|claimed|claims"
    "|claim|warned|warns|estimated|estimates|estimate|confirmed|confirms|denied|denies|insisted"
    "|insists|noted|notes|argued|argues|explained|explains|wrote|writes|reported|reports"
    "|predicted|predicts|acknowledged|acknowledges|admitted|admits|alleged|alleges|declared"
    "|declares|assured|assures|maintained|maintains|stressed|stresses|emphasized|emphasised"
    "|emphasizes|emphasises|cautioned|cautions|conceded|concedes|disclosed|revealed|reveals"
    "|testified|believes|believe|argue|think|thinks|agreed|agree|agrees"
)
TIME = (
    r"(?:today|yesterday|tonight|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
    r"|Sunday)|(?:this|last) (?:week|month|year|morning|evening)|earlier|later|previously"
    r"|in (?:a|an) (?:statement|interview|email|e-mail|letter|speech|post|press release)"
    r"(?: [^,.;]{0,60})?|at (?:a|the) [^,.;]{0,60}|on (?:Twitter|Facebook|X)|in [A-Z][\w-]+"
    r"|on [A-Z][a-z]+ \d{1,2}|this \w+)"
)
# Lower-case words a speaker phrase may hold besides capitalised names.
_ROLE_NOUNS_WORDS = """
    official officials spokesperson spokesman spokeswoman spokespeople police ministry minister
    ministers president secretary authorities authority source sources researchers researcher
    scientists scientist experts expert analysts analyst authors author doctors doctor
    commission company government military army agency department office court prosecutor
    prosecutors investigators investigator witnesses witness residents resident statement
    report reports data study survey leaders leader representative representatives
    administration embassy council committee board union group organization organisation
    campaign lawyer lawyers attorney attorneys judge sheriff coroner chief director head deputy
    adviser advisers advisor advisors commander commanders officer officers troops forces
    spokesmen aides aide economists economist regulator regulators observers monitors activists
    organisers organizers airline carrier firm bank operator utility insurer manufacturer maker
    owner owners staff medics rescuers firefighters agents agent governor mayor lawmakers
    lawmaker senator senators legislators ambassador envoy diplomats diplomat negotiators
    attackers partisans militants rebels fighters protesters demonstrators trader traders
    strategist strategists professor teacher teachers students student parents pilot crew
"""
ROLE_NOUNS = set(_ROLE_NOUNS_WORDS.split())
_MODIFIERS_WORDS = """
    the a an one two three several some many most other its his her their our this that these
    those of for at in from on with and to senior local state federal national regional
    international former top interior foreign defense defence health public chief deputy
    anonymous unnamed independent military civilian medical economic financial legal spokes own
    press human rights emergency security intelligence police fire rescue government company
    airport hospital court city county district provincial municipal white house new general
    main lead leading head assistant acting executive
"""
MODIFIERS = set(_MODIFIERS_WORDS.split())
NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
NUMBER_WORDS |= {"eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "thousand"}
LEADS = {"on", "in", "at", "from", "with", "to", "of", "for", "by", "when", "if", "as", "after"}
LEADS |= {"before", "while", "although", "though", "because", "since", "once", "until", "unless"}
# Words that turn a phrase into a clause: "Oil fell after sources", "Ukrainian media is …".
_CLAUSE_WORDS_WORDS = """
    is are was were be been being has have had will would can could may might must should do
    does did not no who whom which that what after before when while because since although
    though if as than but so then there here also fell rose said says told according it its he
    she they
"""
CLAUSE_WORDS = set(_CLAUSE_WORDS_WORDS.split())
PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "this", "that", "there", "who"}
GLUED_TAIL = re.compile(r"^([A-Z][a-z]{2,})who$")  # "Keir Gileswho works": scraping glue

_NAME = r"[A-Z][\w'’.&-]*"
_PHRASE = r"[^,;:“”\"()]{1,80}?"
_CLOSE = r"(?=\s*(?:[,;:]|[.!?][\"”’]?\s*$|$))"
_AFTER_VERB = rf"(?:\s+{TIME})*"

# "…,” X said." / "…, X said on Tuesday." / "…, X told reporters."
_SPEAKER_THEN_VERB = re.compile(
    rf"(?:[,”\"’]|\b—)\s+(?P<who>{_PHRASE}),?\s+(?:{VERBS})\b"
    rf"(?P<rest>{_AFTER_VERB}(?:\s+(?:reporters|journalists|the [\w ]{{1,30}}|[A-Z][\w.]+"
    rf"(?: [A-Z][\w.]+)*))?{_AFTER_VERB})(?P<end>\s*(?:[,;:]|[.!?][\"”’]?\s*$|$))"
)
# "…, said X." / "“…,” said X, the mayor."
_VERB_THEN_SPEAKER = re.compile(
    rf"(?:[,”\"’])\s+(?:{VERBS}){_AFTER_VERB}\s+(?P<who>{_PHRASE}){_CLOSE}"
)
# "… advanced 42 km, assured today one of the leaders." (the verb may be glued on)
_INVERTED = re.compile(
    rf"(?:\s|(?<=[a-z]))(?:{VERBS})(?:\s+{TIME})+\s+(?P<who>{_PHRASE})\s*[.!?]?[\"”’]?\s*$"
)
# "According to X, …" / "…, according to X."
_ACCORDING_TO = re.compile(rf"\baccording to (?P<who>{_PHRASE}){_CLOSE}", re.IGNORECASE)
# In run-on text the source is cut where its clause starts: "according to Ukrainian media
# is the former …", "According to White Rexwho …".
_ACCORDING_TO_LOOSE = re.compile(
    r"\baccording to (?P<who>(?:[\w'’.-]+\s+){0,5}?[\w'’.-]+?)"
    r"(?:who\b|\s+(?:who|which|is|was|are|were|has|had|have|according)\b)",
    re.IGNORECASE,
)
_OPENING_SOURCE = re.compile(r"^According to ", re.IGNORECASE)
# "X said (that) …" / "X, who …, said …" / "X told Reuters …" at the start of the sentence.
_INTRO = (
    r"(?:(?:On|In|At|Late|Early|Earlier|Later|Last|This|Speaking|Meanwhile|However"
    r"|Separately|Also|Yesterday|Today|Then|Now)\b[^,]{0,40},\s+)?"
)
_SUBJECT = re.compile(
    rf"^{_INTRO}(?P<who>{_PHRASE})(?:,\s+(?P<aside>[^,]{{1,120}}),)?(?:\s+(?:also|again|later|"
    rf"earlier|previously|then|further|first))?\s+(?P<verb>{VERBS})\b(?P<passive>\s+to\s+(?:be|have))?"
)
_AUXILIARY_BEFORE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|not|n[’']t)\s*$", re.IGNORECASE
)
_PRONOUN_SPEAKS = re.compile(rf"\b(?:he|she|they|we|I)\s+(?:{VERBS})\b")
_QUOTE_THEN_PRONOUN = re.compile(rf"[,”\"’]\s*(?:he|she|they)\s+(?:{VERBS})\.?\s*$", re.I)
_NAME_AT_START = re.compile(rf"^(?P<who>(?:{_NAME}\s+){{1,3}}{_NAME})\s+[a-z]")


def _tokens(phrase: str) -> list[str]:
    return re.findall(r"[\w'’.&-]+", phrase)


def speaker_phrase(raw: str) -> str:
    """The phrase as a speaker ("" when it does not read as a person, body or role).

    Capitalised words are names; lower-case words are allowed when the phrase ends in a
    name or a role noun ("the central bank", "a local police source") and none of them is
    a verb form, a pronoun or a conjunction that would make the phrase a clause.
    """
    phrase = " ".join(raw.strip(" ,;:–—-").split())
    phrase = re.sub(r"^(?:and|but|while|as|so)\s+", "", phrase, flags=re.IGNORECASE)
    words = [GLUED_TAIL.sub(r"\1", word) for word in _tokens(phrase)]
    if not words or len(words) > 8 or words[0].lower() in PRONOUNS | LEADS:
        return ""  # "on Tuesday", "in a statement", "When the President …": not a speaker
    head = re.sub(r"[’']s$", "", words[-1])
    if not (head[:1].isupper() or head.lower() in ROLE_NOUNS):
        return ""
    if head.lower() in (MODIFIERS | CLAUSE_WORDS | NUMBER_WORDS) - ROLE_NOUNS:
        return ""  # "The", "Ten": a capital that starts a sentence, not a name
    for word in words:
        lower = re.sub(r"[’']s$", "", word).lower()
        if word[:1].isupper() or lower in ROLE_NOUNS | MODIFIERS:
            continue
        if lower in CLAUSE_WORDS or lower.endswith(("ly", "n't", "n’t")) or word[:1].isdigit():
            return ""
        if lower.endswith("ed") and lower not in MODIFIERS:
            return ""  # "the other volunteer group involved": a participle, not a name
    return " ".join(words)


def _subject_speaker(sentence: str) -> str:
    match = _SUBJECT.match(sentence)
    if not match or match["passive"] or _AUXILIARY_BEFORE.search(match["who"]):
        return ""
    # "The leader of the group involved, the Freedom Legion, said": the apposition names it.
    return speaker_phrase(match["who"]) or speaker_phrase(match["aside"] or "")


def find_attributions(sentence: str, *, next_sentence: str = "") -> list[str]:
    """The speakers a sentence names, the one its reporting verb points at first."""
    found = []
    for match in _SPEAKER_THEN_VERB.finditer(sentence):
        if not _AUXILIARY_BEFORE.search(sentence[: match.start("who")]):
            found.append(speaker_phrase(match["who"]))
    found += [speaker_phrase(m["who"]) for m in _VERB_THEN_SPEAKER.finditer(sentence)]
    found.append(_subject_speaker(sentence))
    found += [speaker_phrase(m["who"]) for m in _INVERTED.finditer(sentence)]
    found += [speaker_phrase(m["who"]) for m in _ACCORDING_TO.finditer(sentence)]
    found += [speaker_phrase(m["who"]) for m in _ACCORDING_TO_LOOSE.finditer(sentence)]
    if _QUOTE_THEN_PRONOUN.search(sentence) and (named := _NAME_AT_START.match(next_sentence)):
        found.append(speaker_phrase(named["who"]))
    unique: list[str] = []
    for who in found:
        if who and who.lower() not in {seen.lower() for seen in unique}:
            unique.append(who)
    return unique


def find_attribution(sentence: str, *, next_sentence: str = "", language: str = "en") -> str:
    """One speaker for the claim; "" when none is named, when the sentence names two
    different ones, or when its speaker is a pronoun ("he said"): a desk would rather fill
    it in than correct it. Spanish, Russian and Ukrainian have their own patterns
    (reviews.reported_speech); other languages get none rather than English guesses."""
    base = (language or "en").split("-")[0].lower()
    if base in reported_speech.LANGUAGES:
        return reported_speech.find_attribution(sentence, base)
    if base != "en":
        return ""
    speakers = find_attributions(sentence, next_sentence=next_sentence)
    if not speakers:
        return ""
    if _OPENING_SOURCE.match(sentence):  # "According to X, …" governs the main clause
        opening = _ACCORDING_TO.match(sentence, 0) or _ACCORDING_TO_LOOSE.match(sentence, 0)
        first = speaker_phrase(opening["who"]) if opening else ""
        if first:
            return first
    pronoun = _PRONOUN_SPEAKS.search(sentence) and not _QUOTE_THEN_PRONOUN.search(sentence)
    return speakers[0] if len(speakers) == 1 and not pronoun else ""


def sentence_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The sentence holding text[start:end] and the one after it, for a selected claim."""
    boundary = re.compile(r"[.!?][\"”’)]*\s+|\n\s*\n")
    begin = 0
    for match in boundary.finditer(text, 0, start):
        begin = match.end()
    after = boundary.search(text, end)
    stop = after.end() if after else len(text)
    following = boundary.search(text, stop)
    return text[begin:stop].strip(), text[stop : following.end() if following else len(text)]
