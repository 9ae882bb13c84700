"""Articles in Spanish, Russian and Ukrainian: language, sentences, speakers and proposals."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from reviews.exports.claimreview import claim_review
from reviews.ingest.detection import find_glued_words, split_sentences
from reviews.ingest.importing import create_article, draft_from_text
from reviews.models import Article, Claim, Event
from reviews.speakers import find_attribution
from tests.factories import ArticleFactory, ClaimFactory

SPANISH = (
    "Inundaciones en el sur\n\n"
    "Las autoridades regionales informaron este martes de que más de 70 personas murieron "
    "tras las inundaciones que afectaron a tres provincias del sur del país.\n\n"
    "Según el ministerio del Interior, los equipos de rescate evacuaron a unas 4.500 personas "
    "durante la noche y otras 300 siguen desaparecidas. El Sr. Álvarez, portavoz de la "
    "Protección Civil, afirmó que el nivel del río subió casi dos metros en menos de seis "
    "horas.\n\n"
    "El alcalde de la ciudad aseguró que las ayudas llegarán la próxima semana. Creemos que "
    "todos debemos ayudar. Gracias a los voluntarios.\n\n"
    "La agencia meteorológica estatal prevé nuevas lluvias para el jueves, con acumulaciones "
    "de hasta 120 litros por metro cuadrado."
)
RUSSIAN = (
    "Наводнение на юге\n\n"
    "По словам министра по чрезвычайным ситуациям, в результате наводнения погибли более 70 "
    "человек, ещё около 300 считаются пропавшими без вести.\n\n"
    "Спасатели эвакуировали из затопленных районов около 4500 жителей. Уровень воды в реке "
    "за шесть часов поднялся почти на два метра."
)
UKRAINIAN = (
    "Повінь на півдні\n\n"
    "За словами міністра внутрішніх справ, внаслідок повені загинули понад 70 людей, ще "
    "близько 300 вважаються зниклими безвісти.\n\n"
    "Рятувальники евакуювали із затоплених районів близько 4500 мешканців. Рівень води в "
    "річці за шість годин піднявся майже на два метри."
)


def imported(text, user):
    article, _ = create_article(draft_from_text(text, origin=Article.Origin.PASTE), user=user)
    return article


@pytest.mark.parametrize(
    ("text", "language"), [(SPANISH, "es"), (RUSSIAN, "ru"), (UKRAINIAN, "uk")]
)
def test_a_pasted_article_gets_its_language(editor, text, language):
    assert imported(text, editor).language == language


def test_an_english_quote_does_not_decide_a_spanish_article(editor):
    quoted = SPANISH + "\n\n“We will rebuild every bridge,” the minister told reporters."
    assert imported(quoted, editor).language == "es"


def test_spanish_sentences_keep_titles_and_questions_apart():
    text = "El Sr. García llegó a las 10 a.m. a la ciudad. ¿Quién lo sabe? Nadie lo sabe."
    sentences = [span.text for span in split_sentences(text, language="es")]
    assert sentences == [
        "El Sr. García llegó a las 10 a.m. a la ciudad.",
        "¿Quién lo sabe?",
        "Nadie lo sabe.",
    ]


def test_ukrainian_sentences_use_the_russian_rules():
    text = "Це сталося в м. Києві вчора. Загинули 70 людей."
    sentences = [span.text for span in split_sentences(text, language="uk")]
    assert sentences == ["Це сталося в м. Києві вчора.", "Загинули 70 людей."]


@pytest.mark.parametrize(
    ("sentence", "language", "speaker"),
    [
        ("Según el ministerio, más de 70 personas murieron.", "es", "el ministerio"),
        ("Más de 70 personas murieron, según fuentes oficiales.", "es", "fuentes oficiales"),
        ("El alcalde de la ciudad aseguró que llegarán.", "es", "El alcalde de la ciudad"),
        ("Avanzaron 42 kilómetros, afirmó hoy uno de los líderes.", "es", "uno de los líderes"),
        ("По словам министра обороны, погибли более 70 человек.", "ru", "министра обороны"),
        ("Президент США Барак Обама заявил, что всё.", "ru", "Президент США Барак Обама"),
        ("Погибли 70 человек, — сообщил Владимир Маркин.", "ru", "Владимир Маркин"),
        ("За словами міністра, загинули понад 70 людей.", "uk", "міністра"),
        ("Міністр Юрій Продан заявив, що питання складне.", "uk", "Міністр Юрій Продан"),
    ],
)  # fmt: skip
def test_reported_speech_names_its_speaker(sentence, language, speaker):
    assert find_attribution(sentence, language=language) == speaker


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Combustible subió un 10% en marzo, dijo.", "es"),  # a sentence-initial noun
        ("Según él, no hubo muertos.", "es"),  # a pronoun
        ("Las lluvias de la semana pasada dijeron poco.", "es"),
        ("Топливо подорожало на 10% в марте.", "ru"),
        ("По его словам, ФИФА не намерена мириться с нарушениями.", "ru"),
        ("Он заявил, что уровень диоксина превышен вдвое.", "ru"),
        ("Вони повідомили, що документи виготовлялися в приміщенні.", "uk"),
    ],
)
def test_no_speaker_rather_than_a_wrong_one(sentence, language):
    assert find_attribution(sentence, language=language) == ""


def test_glued_word_repair_runs_on_english_only():
    assert find_glued_words("territoryassured today", language="en")
    assert find_glued_words("territoryassured today", language="es") == []


def test_a_spanish_article_gets_some_proposals_not_every_sentence(editor):
    article = imported(SPANISH, editor)
    proposed = list(article.claims.filter(state="proposed").values_list("text", "attribution"))
    sentences = len(split_sentences(article.body, language="es"))
    assert 0 < len(proposed) < sentences
    assert ("Gracias a los voluntarios.", "") not in proposed
    texts = dict(proposed)
    ministry = next(t for t in texts if t.startswith("Según el ministerio"))
    assert texts[ministry] == "el ministerio del Interior"


def test_the_review_page_shows_the_language(editor_client, editor):
    article = imported(RUSSIAN, editor)
    html = editor_client.get(article.get_absolute_url()).content.decode()
    assert "Language: Russian (ru)" in html
    assert 'lang="ru"' in html  # screen readers read the text in its own language
    assert reverse("reviews:article_language", args=[article.pk]) in html


def test_an_editor_corrects_the_language_and_it_is_audited(editor_client, editor):
    article = ArticleFactory(language="ru")
    url = reverse("reviews:article_language", args=[article.pk])
    form = editor_client.get(url).content.decode()
    assert 'name="language"' in form and 'value="uk"' in form
    response = editor_client.post(url, {"language": "UK"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Language: Ukrainian (uk)" in response.content.decode()
    article.refresh_from_db()
    assert article.language == "uk"
    event = Event.objects.get(article=article, action="article.language")
    assert (event.before, event.after, event.actor) == (
        {"language": "ru"},
        {"language": "uk"},
        editor,
    )
    history = editor_client.get(reverse("reviews:article_history", args=[article.pk]))
    assert "corrected the article&#x27;s language" in history.content.decode()


def test_a_code_that_is_no_language_is_refused_and_nothing_changes(editor_client):
    article = ArticleFactory(language="es")
    url = reverse("reviews:article_language", args=[article.pk])
    response = editor_client.post(url, {"language": "<script>"})
    assert response.status_code in (200, 302, 400)
    article.refresh_from_db()
    assert article.language == "es"
    assert not Event.objects.filter(article=article, action="article.language").exists()


def test_readers_cannot_correct_the_language(reader_client):
    article = ArticleFactory(language="es")
    response = reader_client.post(
        reverse("reviews:article_language", args=[article.pk]), {"language": "en"}
    )
    assert response.status_code in (302, 403)
    article.refresh_from_db()
    assert article.language == "es"


def test_claimreview_says_which_language_the_claim_and_the_review_are_in(db, settings):
    settings.LANGUAGE_CODE = "en-gb"
    article = ArticleFactory(language="es", published_on=dt.date(2024, 5, 2))
    claim = ClaimFactory(article=article, verdict="corroborated")
    review = json.loads(json.dumps(claim_review(claim), default=str))
    assert review["inLanguage"] == "en-GB"
    assert review["itemReviewed"]["inLanguage"] == "es"
    assert review["itemReviewed"]["appearance"]["inLanguage"] == "es"


def test_claimreview_leaves_an_unknown_language_out(db):
    claim = ClaimFactory(article=ArticleFactory(language=""), verdict="corroborated")
    assert "inLanguage" not in claim_review(claim)["itemReviewed"]
    assert Claim.objects.count() == 1
