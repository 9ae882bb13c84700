import factory
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from reviews.models import Article, Claim, Source

BODY = (
    "The mayor said the bridge cost 12 million euros.\n\n"
    "According to the ministry, 3,000 cars cross it every day. Critics disagree.\n\n"
    "The bridge opened in 1998."
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("pw-for-tests")


class EditorFactory(UserFactory):
    @factory.post_generation
    def editors_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name=settings.EDITORS_GROUP))


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Agency {n}")
    kind = Source.Kind.NEWS_AGENCY


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    outlet = "Test Outlet"
    body = BODY
    status = Article.Status.IN_REVIEW


class ClaimFactory(factory.django.DjangoModelFactory):
    """Anchored to a quoted piece of the article body (default: its first sentence)."""

    class Meta:
        model = Claim
        exclude = ["quote"]

    article = factory.SubFactory(ArticleFactory)
    quote = factory.LazyAttribute(lambda o: o.article.body.split("\n")[0])
    start = factory.LazyAttribute(lambda o: o.article.body.index(o.quote))
    end = factory.LazyAttribute(lambda o: o.start + len(o.quote))
    text = factory.LazyAttribute(lambda o: o.quote)
    attribution = "the mayor"
