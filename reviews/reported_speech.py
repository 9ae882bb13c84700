"""Speakers of reported speech in Spanish, Russian and Ukrainian: silence rather than a wrong name.

The same rule as the English patterns in reviews.speakers: a reporting pattern places the
speaker ("según X", "X afirmó que …", "…, dijo X"; "по словам X", "X заявил, что …",
"…, — сообщил X"; "за словами X", "X заявив …") and the phrase it places must read as a
name or a role: capitalised words, role nouns ("el ministerio", "представник міністерства")
with determiners, prepositions and their complements. A pronoun ("по его словам", "він
заявив"), a clause or a time phrase is not a speaker, and then nothing is returned.
"""

from __future__ import annotations

import re

LANGUAGES = ("es", "ru", "uk")
_ES_VERBS = (
    r"(?:ha |han )?(?:dijo|dicho|dijeron|afirmó|afirmado|afirmaron|afirma|afirman|aseguró|asegurado"
    r"|aseguraron|asegura|aseguran|declaró|declarado|declararon|señaló|señalado|señalaron|indicó"
    r"|indicado|indicaron|explicó|explicado|anunció|anunciado|anunciaron|informó|informado"
    r"|informaron|advirtió|advirtieron|confirmó|confirmaron|denunció|denunciaron|sostuvo|subrayó"
    r"|añadió|agregó|manifestó|reconoció|estimó|estimaron|apuntó|destacó|insistió|precisó"
    r"|detalló|comunicó|reveló|admitió|negó|dice|dicen)"
)
_ES_TIME = (
    r"(?:hoy|ayer|este \w+|el (?:lunes|martes|miércoles|jueves|viernes|sábado|domingo)"
    r"|en (?:un|una) (?:comunicado|entrevista|declaración|rueda de prensa|mensaje)[^,.;]{0,40}"
    r"|a (?:la prensa|los periodistas|\w+))"
)
_ES_ROLES_WORDS = """
    ministerio ministro ministra portavoz portavoces gobierno autoridades autoridad
    fuentes fuente policía ejército fiscalía fiscal presidente presidenta alcalde
    alcaldesa gobernador gobernadora líder líderes dirigente dirigentes responsable
    responsables funcionario funcionarios oficiales expertos experto analistas médicos
    testigos vecinos residentes organización agencia empresa compañía comisión comité
    consejo tribunal juez jueza servicio servicios mando mandos comandante militares
    soldados milicianos partisanos informe estudio datos agencias diario periódico
    cadena embajada secretario secretaria director directora jefe jefa delegado
    representante representantes investigadores científicos sindicato observadores
    activistas organizadores bomberos rescatistas socorristas ong
"""
_ES_ROLES = set(_ES_ROLES_WORDS.split())
_ES_FUNCTION_WORDS = """
    el la los las lo un una unos unas uno de del al y e en a por para con sus su otro
    otros otra otras varios varias algunos algunas dos tres
"""
_ES_FUNCTION = set(_ES_FUNCTION_WORDS.split())
_ES_OF = {"de", "del", "la", "las", "los"}
_ES_ADJECTIVES = re.compile(
    r"^(?:ucranian|rus|estadounidense|español|europe|local|regional|nacional|internacional"
    r"|oficial|militar|sanitari|médic|humanitari|federal|municipal|provincial|estatal|alt|"
    r"principal|jefe|israelí|palestin|británic|francés|frances|alemán|aleman|chin)\w*$"
)

_SLAVIC_VERBS = (
    r"(?:заявил[аи]?|сообщил[аи]?|сказал[аи]?|отметил[аи]?|подчеркнул[аи]?|объявил[аи]?"
    r"|пояснил[аи]?|добавил[аи]?|уточнил[аи]?|рассказал[аи]?|признал[аи]?|предупредил[аи]?"
    r"|считает|считают|говорит|говорят|утверждает|утверждают|заявив|заявила|заявили"
    r"|повідомив|повідомила|повідомили|сказав|сказала|сказали|зазначив|зазначила|зазначили"
    r"|наголосив|наголосила|наголосили|підкреслив|підкреслила|вказав|вказала|вказали"
    r"|оголосив|оголосила|оголосили|пояснив|пояснила|додав|додала|розповів|розповіла|визнав"
    r"|вважає|вважають|каже|кажуть|стверджує|стверджують|попередив|попередила)"
)
_SLAVIC_ACCORDING = (
    r"(?:По словам|По данным|По сообщению|По сообщениям|По информации|По оценкам|По мнению"
    r"|Как (?:сообщил[аио]?|заявил[аио]?|передал[аио]?|сообщает|сообщают|пишет|отметил[аи]?)"
    r"|За словами|За даними|За інформацією|За повідомленням|За підрахунками|За оцінками"
    r"|На думку|Як (?:повідомив|повідомила|повідомили|повідомляє|повідомляли|заявив|заявила"
    r"|заявили|пише|зазначив|зазначили))"
)
_SLAVIC_ROLE_STEMS = (
    "министр",
    "міністр",
    "министерств",
    "міністерств",
    "представител",
    "представник",
    "чиновник",
    "власт",
    "влад",
    "полици",
    "поліці",
    "врач",
    "лікар",
    "доктор",
    "эксперт",
    "експерт",
    "источник",
    "джерел",
    "пресс-служб",
    "прес-служб",
    "ведомств",
    "відомств",
    "штаб",
    "прокурор",
    "прокуратур",
    "следовател",
    "слідч",
    "суд",
    "мэр",
    "мер",
    "губернатор",
    "глав",
    "голов",
    "президент",
    "премьер",
    "прем'єр",
    "прем’єр",
    "спикер",
    "речник",
    "пресс-секретар",
    "прес-секретар",
    "командующ",
    "командувач",
    "командир",
    "администраци",
    "адміністраці",
    "правительств",
    "уряд",
    "служб",
    "компани",
    "компані",
    "работник",
    "працівник",
    "журналист",
    "журналіст",
    "сотрудник",
    "співробітник",
    "депутат",
    "посол",
    "наблюдател",
    "спостерігач",
    "аналитик",
    "аналітик",
    "учен",
    "вчен",
    "жител",
    "мешкан",
    "свидетел",
    "свідк",
    "военн",
    "військов",
    "армі",
    "арми",
    "генштаб",
    "агентств",
    "издани",
    "видання",
    "радиостанци",
    "радіостанці",
    "телеканал",
    "газет",
    "ЗМІ",
    "СМИ",
    "организаци",
    "організаці",
    "комитет",
    "комітет",
    "комисси",
    "комісі",
    "совет",
    "рад",
    "фонд",
    "банк",
)
_SLAVIC_FUNCTION_WORDS = """
    в во у из з із от від по при с со для на и і та й к до об о про за между між
"""
_SLAVIC_FUNCTION = set(_SLAVIC_FUNCTION_WORDS.split())
_SLAVIC_PRONOUNS_WORDS = """
    он она оно они его её ее их это этот эта мы я вы ты він вона воно вони його її це ми
    ви ти цей ця свої свой своих который которая которые який яка які тот той
"""
_SLAVIC_PRONOUNS = set(_SLAVIC_PRONOUNS_WORDS.split())
_SLAVIC_ADJECTIVE = re.compile(
    r"(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ых|их|ым|им|ой|ей|ую|юю|ний|ній|на|не"
    r"|ні|ська|ський|ське|ські|ського|ської|ських|цька|цький|цькі|цького|ова|ові|ового)$"
)
_SLAVIC_VERB_FORM = re.compile(r"(?:л|ла|ло|ли|ться|тся|ся|сь|ав|ив)$")

_PHRASE = r"[^,;:()—–]{1,90}?"
_END = r"\s*[.!?]?[\"”’»]?\s*$"


def _words(phrase: str) -> list[str]:
    """Words, with a «quoted name» kept as one word."""
    return re.findall(r"«[^»]{1,60}»|[\w'’\".-]+", phrase)


def _clean_words(raw: str) -> list[str]:
    """The phrase's words; a full stop is kept inside ("Sr. Álvarez") but not at the end."""
    words = [w.lstrip(".") for w in _words(raw) if w.strip(".")]
    if words:
        words[-1] = words[-1].rstrip(".")
    return words


def _es_speaker(raw: str) -> str:
    words = _clean_words(raw)
    if not words or len(words) > 9:
        return ""
    has_name_or_role = False
    for index, word in enumerate(words):
        lower = word.lower()
        if word[:1].isupper() and not (index == 0 and lower in _ES_FUNCTION) or lower in _ES_ROLES:
            has_name_or_role = True
        elif lower in _ES_FUNCTION or _ES_ADJECTIVES.match(lower):
            continue
        elif has_name_or_role and index and words[index - 1].lower() in _ES_OF:
            continue  # "el alcalde de la ciudad": the role's complement
        elif not word[:1].isupper():
            return ""
    if words[0].lower() in {"que", "lo", "esto", "eso", "él", "ella", "ellos", "ellas"}:
        return ""
    return " ".join(words) if has_name_or_role else ""


def _slavic_speaker(raw: str, *, trailing: bool = False) -> str:
    """The phrase as a speaker; with `trailing`, its longest valid end ("В тот же день
    Южная Корея" -> "Южная Корея")."""
    words = _clean_words(raw)
    if not words or (len(words) > 12 and not trailing):
        return ""
    if any(w.lower() in _SLAVIC_PRONOUNS or w[:1].isdigit() for w in words) and not trailing:
        return ""
    ok = [
        _slavic_word_ok(word, has_role=any(_is_role(w) for w in words[:index]))
        for index, word in enumerate(words)
    ]
    if not trailing and not all(ok):
        return ""
    start = len(words)
    while start > 0 and ok[start - 1]:
        start -= 1
    kept = words[start:]
    while trailing and kept and not _may_open(kept[0]):
        kept.pop(0)  # "же день Южная Корея": the time phrase before the subject
    while kept and kept[0].lower() in _SLAVIC_FUNCTION:
        kept.pop(0)
    if not kept or len(kept) > 12 or not _may_open(kept[0]):
        return ""
    if not any(w.strip('«»"')[:1].isupper() or _is_role(w) for w in kept):
        return ""
    return " ".join(kept)


def _may_open(word: str) -> bool:
    bare = word.strip('«»"')
    return bare[:1].isupper() or _is_role(bare) or bool(_SLAVIC_ADJECTIVE.search(bare.lower()))


def _is_role(word: str) -> bool:
    return word.strip('«»"').lower().startswith(tuple(s.lower() for s in _SLAVIC_ROLE_STEMS))


def _slavic_word_ok(word: str, *, has_role: bool) -> bool:
    bare = word.strip('«»"')
    lower = bare.lower()
    if not bare or lower in _SLAVIC_PRONOUNS or bare[:1].isdigit():
        return False
    if bare[:1].isupper() or word[:1] in '«"':
        return True
    if lower in _SLAVIC_FUNCTION or _is_role(lower):
        return True
    if _SLAVIC_VERB_FORM.search(lower) and not _SLAVIC_ADJECTIVE.search(lower):
        return False
    # A lower-case complement ("министра обороны") or an adjective ("местные власти").
    return bool(_SLAVIC_ADJECTIVE.search(lower)) or has_role


_ES_SEGUN = re.compile(
    rf"(?:^|[,;]\s+)(?:[Ss]egún|[Dd]e acuerdo con) (?P<who>{_PHRASE})(?=,|{_END})"
)
_ES_SUBJECT = re.compile(
    rf"^(?:[^,]{{1,40}},\s+)?(?P<who>{_PHRASE})(?:,\s+[^,]{{1,120}},)?\s+(?:también\s+)?"
    rf"{_ES_VERBS}(?:\s+{_ES_TIME})*(?:\s+que\b|\s*:|,)"
)
_ES_VERB_THEN = re.compile(rf"[,”\"»]\s+{_ES_VERBS}(?:\s+{_ES_TIME})*\s+(?P<who>{_PHRASE}){_END}")
_SL_ACCORDING = re.compile(rf"^{_SLAVIC_ACCORDING}\s+(?P<who>{_PHRASE}),")
_SL_VERB_THEN = re.compile(
    rf"(?:[,”\"»]\s*(?:[—–-]\s*)?|^(?:Об этом|Про це)\s+)(?:{_SLAVIC_VERBS}|пишет|пише"
    rf"|сообщается (?:в|во)|повідомляється (?:у|в))"
    rf"(?:\s+(?:в|у) (?:\w+ )?(?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье"
    rf"|понеділок|вівторок|середу|четвер|п'ятницю|суботу|неділю))?\s+(?P<who>{_PHRASE}){_END}"
)
_SL_SUBJECT = re.compile(
    rf"^(?!Как\b|Як\b|Об этом\b|Про це\b)(?P<who>[^,—–]{{1,120}}?)(?:,\s+[^,]{{1,120}},)?"
    rf"\s+(?:также\s+|также уже\s+|уже\s+|також\s+)?"
    rf"{_SLAVIC_VERBS}\b"
)
_SL_PRONOUN_SPEECH = re.compile(
    rf"(?:^|\s)(?:он|она|они|він|вона|вони)\s+(?:также\s+|також\s+)?{_SLAVIC_VERBS}\b", re.I
)
_SL_PRONOUN_WORDS = re.compile(r"\b(?:По (?:его|её|ее|их) словам|За (?:його|її|їхніми) словами)")


def find_attributions(sentence: str, language: str) -> list[str]:
    """Every speaker the sentence's reporting patterns place, in reading order."""
    text = " ".join(sentence.split())
    found: list[str] = []
    if language == "es":
        found += [_es_speaker(m["who"]) for m in _ES_SEGUN.finditer(text)]
        if match := _ES_SUBJECT.match(text):
            found.append(_es_speaker(match["who"]))
        found += [_es_speaker(m["who"]) for m in _ES_VERB_THEN.finditer(text)]
    elif language in ("ru", "uk"):
        if _SL_PRONOUN_WORDS.search(text) or _SL_PRONOUN_SPEECH.search(text):
            return []
        if match := _SL_ACCORDING.match(text):
            found.append(_slavic_speaker(match["who"]))
        found += [_slavic_speaker(m["who"]) for m in _SL_VERB_THEN.finditer(text)]
        if match := _SL_SUBJECT.match(text):
            found.append(_slavic_speaker(match["who"], trailing=True))
    unique: list[str] = []
    for who in found:
        if who and who.lower() not in {seen.lower() for seen in unique}:
            unique.append(who)
    return unique


def find_attribution(sentence: str, language: str) -> str:
    """One speaker, or "" when none is named or two different ones are."""
    speakers = find_attributions(sentence, language)
    return speakers[0] if len(speakers) == 1 else ""
