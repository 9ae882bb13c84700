"""An article's language: names for its BCP 47 code, and the editor's correction (audited).

The code is detected on import (reviews.ingest.detection.language); an editor corrects it
from the review page header when the detector got it wrong or could not tell.
"""

from __future__ import annotations

import re

from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from reviews import audit
from reviews.models import Article, Claim

_BCP47 = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}$")
# Offered first in the correction form: the desk's languages; any other code may be typed.
COMMON = ("en", "es", "ru", "uk", "fr", "de", "pt", "it", "nl", "ar", "pl", "tr")


class LanguageRefused(Exception):
    """The code is not a language tag; the message says why."""


def is_language_code(code: str) -> bool:
    """A BCP 47 tag of the shapes stored here: "es", "pt-BR", "zh-Hant", "sr-Latn-RS"."""
    return bool(_BCP47.match(code or ""))


def language_name(code: str) -> str:
    """ "Spanish" for "es"; the code itself when Django does not know it; "" for ""."""
    if not code:
        return ""
    info = LANG_INFO.get(code) or LANG_INFO.get(code.split("-")[0].lower()) or {}
    return info.get("name", code)


def choices(current: str = "") -> list[tuple[str, str]]:
    """(code, "Spanish (es)") for the form: the desk's languages, then the current one."""
    codes = [*COMMON, *([current] if current and current not in COMMON else [])]
    return [(code, f"{language_name(code)} ({code})") for code in codes]


def normalise(code: str) -> str:
    """ "ES" -> "es", "pt-br" -> "pt-BR": language lower case, a two-letter region upper."""
    parts = (code or "").strip().replace("_", "-").split("-")
    head, rest = parts[0].lower(), parts[1:]
    return "-".join([head, *(p.upper() if len(p) == 2 else p.title() for p in rest)])


def set_original(article: Article, *, user, url: str, language: str) -> bool:
    """Record (or clear) the original an article translates: its address and language,
    each change audited as `article.translation`; False when nothing changed."""
    url = (url or "").strip()
    code = normalise(language) if (language or "").strip() else ""
    if code and not is_language_code(code):
        raise LanguageRefused(f"“{language[:40]}” is not a language code such as es or pt-BR.")
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise LanguageRefused(
                f"“{url[:60]}” is not a web address (http:// or https://)."
            ) from None
        if len(url) > 2000:
            raise LanguageRefused("The original's address is over 2,000 characters.")
    if url and not code:
        raise LanguageRefused("Say which language the original is in (a code such as es).")
    with transaction.atomic():
        changed = audit.set_article_field(
            article, user=user, action="article.translation", field="original_url", value=url
        )
        changed |= audit.set_article_field(
            article,
            user=user,
            action="article.translation",
            field="original_language",
            value=code,
        )
    return changed


def set_language(article: Article, *, user, language: str) -> bool:
    """Store the editor's correction and record it; False when nothing changed."""
    code = normalise(language) if language.strip() else ""
    if code and not is_language_code(code):
        raise LanguageRefused(f"“{language[:40]}” is not a language code such as es or pt-BR.")
    with transaction.atomic():
        changed = audit.set_article_field(
            article, user=user, action="article.language", field="language", value=code
        )
        if changed:  # the claims' copy, which search stems them by
            Claim.objects.filter(article_id=article.pk).update(language=code)
    return changed
