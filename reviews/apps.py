from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_editors_group(sender, **kwargs) -> None:
    """The Editors group carries the review permission; created after every migrate."""
    from django.conf import settings
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name=settings.EDITORS_GROUP)
    permission = Permission.objects.get(content_type__app_label="reviews", codename="review_claim")
    group.permissions.add(permission)


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Fact-check reviews"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from reviews.middleware import note_login

        post_migrate.connect(ensure_editors_group, sender=self)
        user_logged_in.connect(note_login)
