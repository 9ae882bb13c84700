from django.apps import AppConfig


class LedgerConfig(AppConfig):
    """A leaf of reviews: the evidence ledger (snapshots of cited pages and link checks).

    It listens to the core's `reviews.signals.evidence_saved` and joins its archive entry to
    the evidence cards and exports load (`reviews.hooks.join_to_shown_evidence`)."""

    name = "reviews.ledger"
    label = "ledger"
    verbose_name = "Evidence ledger"

    def ready(self) -> None:
        from reviews import hooks, signals
        from reviews.ledger import receivers

        signals.evidence_saved.connect(receivers.evidence_saved, dispatch_uid="ledger.snapshot")
        hooks.join_to_shown_evidence(receivers.with_archive)
        hooks.add_claim_filter("look", "Needs a look", receivers.needs_look)
