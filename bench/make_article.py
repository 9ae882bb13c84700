"""Create a benchmark article with N claims (one per sentence), half reviewed; print its pk.

Run with the bench environment (DJANGO_SETTINGS_MODULE, DATABASE_URL) after migrate.
"""

import sys

import django

django.setup()

from reviews.models import Article, Claim, Verdict  # noqa: E402  (after django.setup)


def main(count: int) -> int:
    sentences = [
        f"Officials said {n * 37} people crossed the bridge on day {n}, "
        f"up {n % 9 + 1}% on the week before."
        for n in range(1, count + 1)
    ]
    paragraphs = [" ".join(sentences[i : i + 5]) for i in range(0, count, 5)]
    body = "\n\n".join(paragraphs)
    article = Article.objects.create(title=f"Bench article, {count} claims", body=body)
    claims, offset = [], 0
    for n, sentence in enumerate(sentences):
        start = body.index(sentence, offset)
        offset = start + len(sentence)
        reviewed = (Verdict.CORROBORATED, Verdict.DISPUTED)[n // 2 % 2]
        verdict = reviewed if n % 2 else Verdict.UNREVIEWED
        claims.append(
            Claim(
                article=article,
                start=start,
                end=offset,
                text=sentence,
                verdict=verdict,
                attribution="officials",
            )
        )
    Claim.objects.bulk_create(claims)
    return article.pk


if __name__ == "__main__":
    print(main(int(sys.argv[1])))
