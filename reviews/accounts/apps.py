from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """A leaf of reviews: its own forms, views, URLs and templates."""

    name = "reviews.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from reviews.accounts.interface_language import on_login

        user_logged_in.connect(on_login, dispatch_uid="accounts.interface_language")
