from datetime import timedelta

from django.core.management.base import BaseCommand

from reviews.ledger.checks import check_links


class Command(BaseCommand):
    help = (
        "Visit the pages cited as evidence again and record what changed since they were "
        "archived (gone, moved, content changed, excerpt no longer there); try again the "
        "pages that could not be archived. Meant for cron, e.g. once a day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-hours",
            type=float,
            default=None,
            help="Only links not checked for this many hours (default: all).",
        )
        parser.add_argument("--limit", type=int, default=None, help="At most this many links.")

    def handle(self, *args, older_than_hours=None, limit=None, **options):
        older = timedelta(hours=older_than_hours) if older_than_hours is not None else None
        counts = check_links(older_than=older, limit=limit)
        self.stdout.write(
            f"Checked {counts['checked']} links: {counts['unchanged']} unchanged, "
            f"{counts['needs a look']} need a look ({counts['gone']} gone, {counts['moved']} "
            f"moved, {counts['changed']} changed, {counts['excerpt_lost']} lost the excerpt)."
        )
        if counts["archived now"] or counts["still not archived"]:
            self.stdout.write(
                f"Tried again {counts['archived now'] + counts['still not archived']} pages "
                f"not archived before: {counts['archived now']} archived now."
            )
