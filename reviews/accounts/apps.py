from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """A leaf of reviews: its own forms, views, URLs and templates."""

    name = "reviews.accounts"
    label = "accounts"
    verbose_name = "Accounts"
