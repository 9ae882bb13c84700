from django.core.management.base import BaseCommand

from reviews.ingest.demo import load_demo


class Command(BaseCommand):
    help = "Create demo logins and load the demo articles with hand-entered claims (idempotent)."

    def handle(self, *args, **options) -> None:
        logins, loaded, skipped = load_demo()
        for article, created in loaded:
            state = "loaded" if created else "already there"
            self.stdout.write(f"  {state}: {article.title} ({article.claims.count()} claims)")
        for reason in skipped:
            self.stdout.write(self.style.WARNING(f"  skipped, {reason}"))
        self.stdout.write(self.style.SUCCESS("\nDemo logins (the address is on the next lines):"))
        for login in logins:
            self.stdout.write(f"  {login.username:<8} / {login.password}   {login.role}")
