"""The fixed vocabularies: verdicts, claim states and origins, evidence stances."""

from django.db import models


class Verdict(models.TextChoices):
    UNREVIEWED = "unreviewed", "Not yet reviewed"
    CORROBORATED = "corroborated", "Corroborated"
    DISPUTED = "disputed", "Disputed"
    UNVERIFIED = "unverified", "Unverified"


class ClaimState(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class ClaimOrigin(models.TextChoices):
    PROPOSED = "proposed", "Proposed automatically"
    EDITOR = "editor", "Added by an editor"


class Stance(models.TextChoices):
    SUPPORTS = "supports", "Supports the claim"
    CONTRADICTS = "contradicts", "Contradicts the claim"
    CONTEXT = "context", "Context"
