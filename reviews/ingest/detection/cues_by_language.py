"""The word-list cues of features.py for Spanish, Russian and Ukrainian, and a neutral set.

Each language fills the same slots as the English lists (number words and units,
comparisons, dates, opinion and promise wording, first and second person, speech verbs,
past tense, copulas), so one feature vector means the same thing in every language. A
language without lists here (Dutch, Arabic, …) gets only the language-neutral cues:
digits, quotes, capitalised words, question and exclamation marks, length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NEVER = re.compile(r"(?!x)x")  # matches nothing


@dataclass(frozen=True)
class Cues:
    quantity: re.Pattern = _NEVER
    comparison: re.Pattern = _NEVER
    date: re.Pattern = _NEVER
    opinion: re.Pattern = _NEVER
    person: re.Pattern = _NEVER
    speech: re.Pattern = _NEVER
    past: re.Pattern = _NEVER
    copula: re.Pattern = _NEVER


def _words(pattern: str) -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)


def _stems(pattern: str) -> re.Pattern:
    """Words starting with one of the stems (Slavic words inflect at the end)."""
    return re.compile(rf"(?<!\w)(?:{pattern})\w*", re.IGNORECASE)


SPANISH = Cues(
    quantity=_words(
        r"docenas?|cientos?|cien|mil|miles|millón|millones|billón|billones|por ciento|mitad"
        r"|tercio|cuarto|doble|triple|diez|veinte|treinta|cuarenta|cincuenta|sesenta|setenta"
        r"|ochenta|noventa|kilómetros?|km|metros?|euros?|dólares?|toneladas?|personas|muertos"
        r"|heridos|soldados|tropas|votos|casos|víctimas|%"
    ),
    comparison=_words(
        r"más|menos|mayor|menor|mejor|peor|récord|aumentó|aumentaron|disminuyó|subió|subieron"
        r"|bajó|bajaron|cayó|cayeron|creció|crecieron|duplicó|triplicó|primer|primera|último"
        r"|última|nunca|jamás|sólo|solo|únicamente"
    ),
    date=_words(
        r"1[89]\d\d|20\d\d|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre"
        r"|octubre|noviembre|diciembre|lunes|martes|miércoles|jueves|viernes|sábado|domingo"
        r"|ayer|hoy|el año pasado|este año"
    ),
    opinion=_words(
        r"creo|pienso|espero|quiero|vamos a|debemos|tenemos que|hay que|debería|deberían"
        r"|podría|podrían|quizás|quizá|tal vez|probablemente|maravillos[oa]|terrible|vergüenza"
        r"|francamente"
    ),
    person=_words(
        r"yo|nosotros|nosotras|nuestro|nuestra|nuestros|nuestras|mi|mis|tú|usted|ustedes"
    ),
    speech=_words(
        r"dijo|dijeron|afirmó|afirmaron|aseguró|aseguraron|declaró|señaló|indicó|explicó"
        r"|anunció|informó|advirtió|confirmó|denunció|sostuvo|añadió|agregó|según|reconoció"
    ),
    past=re.compile(
        r"(?<!\w)\w{3,}(?:ó|aron|ieron|aba|aban|ía|ían)(?!\w)|(?<!\w)fue(?:ron)?(?!\w)"
    ),
    copula=_words(r"es|son|era|eran|fue|fueron|ha|han|había|habían|está|están|hay"),
)

RUSSIAN = Cues(
    quantity=_stems(
        r"десят|сот|тысяч|тыс\.|миллион|млн|миллиард|млрд|процент|половин|треть|четверт"
        r"|вдвое|втрое|двадцат|тридцат|сорок|пятьдесят|шестьдесят|семьдесят|восемьдесят"
        r"|девяност|километр|км|метр|рубл|доллар|евро|тонн|человек|погибш|раненн|солдат"
        r"|военнослужащ|голос|случа|жертв"
    ),
    comparison=_stems(
        r"более|больше|менее|меньше|выше|ниже|крупнейш|рекорд|увеличил|сократил|вырос|выросл"
        r"|снизил|упал|упала|удвоил|впервые|первый|первая|последн|никогда|только|лишь"
    ),
    date=re.compile(
        r"(?<!\w)(?:1[89]\d\d|20\d\d)(?!\d)|(?<!\w)(?:январ|феврал|март|апрел|ма[йя]|июн|июл"
        r"|август|сентябр|октябр|ноябр|декабр|понедельник|вторник|сред[уа]|четверг|пятниц"
        r"|суббот|воскресень|вчера|сегодня|в прошлом году|в этом году)\w*",
        re.IGNORECASE,
    ),
    opinion=_stems(
        r"думаю|считаю|надеюсь|хочу|будем|должны|нужно|надо|следует|мог бы|могли бы|может быть"
        r"|возможно|наверное|вероятно|прекрасн|ужасн|позор|честно говоря"
    ),
    person=_words(r"я|мы|наш|наша|наше|наши|мой|моя|мои|ты|вы|ваш|ваша|ваши"),
    speech=_stems(
        r"заявил|сообщил|сказал|отметил|подчеркнул|объявил|пояснил|добавил|рассказал|признал"
        r"|по словам|по данным|как сообщ"
    ),
    past=re.compile(r"(?<!\w)\w{2,}(?:ал|ял|ил|ел|ул|ла|ли|ло)(?:сь|ся)?(?!\w)", re.IGNORECASE),
    copula=_words(r"является|являются|был|была|было|были|есть|имеет|имеют"),
)

UKRAINIAN = Cues(
    quantity=_stems(
        r"десят|сот|тисяч|тис\.|мільйон|млн|мільярд|млрд|відсот|половин|третин|чверт|вдвічі"
        r"|втричі|двадцят|тридцят|сорок|п'ятдесят|шістдесят|сімдесят|вісімдесят|дев'яност"
        r"|кілометр|км|метр|гривн|грн|долар|євро|тонн|людей|осіб|загибл|поранен|солдат"
        r"|військовослужбов|голос|випадк|жертв"
    ),
    comparison=_stems(
        r"більше|більш|менше|вище|нижче|найбільш|рекорд|збільшил|скоротил|зріс|зросл|знизил"
        r"|впав|впала|подвоїл|вперше|перший|перша|останн|ніколи|лише|тільки"
    ),
    date=re.compile(
        r"(?<!\w)(?:1[89]\d\d|20\d\d)(?!\d)|(?<!\w)(?:січн|лют|берез|квітн|травн|червн|липн"
        r"|серпн|вересн|жовтн|листопад|грудн|понеділ|вівтор|серед|четвер|п'ятниц|субот|неділ"
        r"|вчора|сьогодні|минулого року|цього року)\w*",
        re.IGNORECASE,
    ),
    opinion=_stems(
        r"думаю|вважаю|сподіваюс|хочу|будемо|маємо|мусимо|потрібно|треба|слід|міг би|могли б"
        r"|можливо|мабуть|ймовірно|чудов|жахлив|ганьб|чесно кажучи"
    ),
    person=_words(r"я|ми|наш|наша|наше|наші|мій|моя|мої|ти|ви|ваш|ваша|ваші"),
    speech=_stems(
        r"заявив|заявил|повідомив|повідомил|сказав|сказал|зазначив|зазначил|наголосив"
        r"|підкреслив|оголосив|пояснив|додав|розповів|визнав|за словами|за даними|як повідом"
    ),
    past=re.compile(r"(?<!\w)\w{2,}(?:ав|ив|ів|ла|ли|ло)(?:ся|сь)?(?!\w)", re.IGNORECASE),
    copula=_words(r"є|був|була|було|були|має|мають|становить|становили"),
)

NEUTRAL = Cues()
BY_LANGUAGE = {"es": SPANISH, "ru": RUSSIAN, "uk": UKRAINIAN}


def cues_for(language: str) -> Cues:
    return BY_LANGUAGE.get((language or "").split("-")[0].lower(), NEUTRAL)
