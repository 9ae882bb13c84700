from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """A leaf of reviews: tells editors what concerns them (in the app and by e-mail).

    Listens to the core's signals (reviews/signals.py); the core never imports it.
    """

    name = "reviews.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from reviews.notifications import receivers

        receivers.connect()
