"""Forms of the review desk: what a claim, evidence or bulk action may be sent as."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reviews import evidence
from reviews.htmx import as_id
from reviews.models import Article, ClaimState, Source, Stance, Verdict

NOT_A_VERDICT = "“%(value)s” is not a verdict. Pick one of the buttons."


class ClaimReviewForm(forms.Form):
    """Verdict buttons and the note share one form: a verdict click also saves the note."""

    verdict = forms.ChoiceField(
        choices=Verdict.choices, required=False, error_messages={"invalid_choice": NOT_A_VERDICT}
    )
    note = forms.CharField(required=False, max_length=settings.MAX_NOTE_CHARS, strip=False)
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    # The verdict the editor confirmed without evidence ("1": any): pressing another verdict's
    # key while the confirmation shows must ask again, not slip through.
    confirm_no_evidence = forms.CharField(required=False, max_length=20)

    def confirmed(self, verdict: str) -> bool:
        given = self.cleaned_data.get("confirm_no_evidence", "")
        return given in ("1", "on", "true") or (bool(given) and given == verdict)

    def clean_note(self) -> str:
        # Normalise browser line endings so an untouched note is not a change.
        return self.cleaned_data["note"].replace("\r\n", "\n").strip()


class AddClaimForm(forms.Form):
    """A new claim, from a selection's offsets or from words quoted from the article."""

    start = forms.IntegerField(
        min_value=0,
        max_value=4 * settings.MAX_ARTICLE_CHARS,
        required=False,
        widget=forms.HiddenInput,
    )
    end = forms.IntegerField(
        min_value=0,
        max_value=4 * settings.MAX_ARTICLE_CHARS,
        required=False,
        widget=forms.HiddenInput,
    )
    quote = forms.CharField(
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=_("Words from the article"),
        help_text=_("Paste or type the exact words; or select them in the text."),
    )
    attribution = forms.CharField(required=False, max_length=300, label=_("Claimed by"))
    submission = forms.CharField(required=False, max_length=64)  # reviews/idempotency.py

    def __init__(self, *args, article: Article | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article

    def clean(self) -> dict:
        cleaned = super().clean()
        quote = " ".join((cleaned.get("quote") or "").split())
        if quote:
            start, end = self.find_quote(quote)
            cleaned["start"], cleaned["end"] = start, end
        elif cleaned.get("start") is None or cleaned.get("end") is None:
            raise forms.ValidationError(
                _("Select words in the text, or quote them, to add a claim.")
            )
        return cleaned

    def find_quote(self, quote: str) -> tuple[int, int]:
        """Find quoted words in the body, allowing any white space between them."""
        import re

        pattern = re.compile(r"\s+".join(re.escape(word) for word in quote.split(" ")))
        matches = list(pattern.finditer(self.article.body))
        if not matches:
            raise forms.ValidationError(
                _("Those words are not in the article; check the spelling or select them instead.")
            )
        if len(matches) > 1:
            raise forms.ValidationError(
                _("Those words appear %(count)d times; quote a few more words.")
                % {"count": len(matches)}
            )
        return matches[0].start(), matches[0].end()


# No offset can lie past the longest text an article may have.
MAX_OFFSET = 4 * settings.MAX_ARTICLE_CHARS


class SpanForm(forms.Form):
    version = forms.IntegerField(min_value=1)
    start = forms.IntegerField(min_value=0, max_value=MAX_OFFSET, required=False)
    end = forms.IntegerField(min_value=0, max_value=MAX_OFFSET, required=False)
    at = forms.IntegerField(min_value=0, max_value=MAX_OFFSET, required=False)


class BulkActionForm(forms.Form):
    """Selected claims arrive as "pk:version" so each keeps its own stale-edit check."""

    ACTIONS = {"accept": ClaimState.ACCEPTED, "reject": ClaimState.REJECTED}

    verdict = forms.ChoiceField(
        choices=Verdict.choices, required=False, error_messages={"invalid_choice": NOT_A_VERDICT}
    )
    action = forms.ChoiceField(choices=[("accept", "Accept"), ("reject", "Reject")], required=False)

    def clean(self) -> dict:
        cleaned = super().clean()
        if not cleaned.get("verdict") and not cleaned.get("action"):
            raise forms.ValidationError(_("Choose a verdict, accept or reject."))
        selected = self.data.getlist("claims") if hasattr(self.data, "getlist") else []
        if not selected:
            raise forms.ValidationError(
                _("Select at least one claim first (x, or the Select boxes).")
            )
        versions = {}
        for item in selected:
            pk, _sep, version = (as_id(part) for part in item.partition(":"))
            if pk is None or version is None:
                raise forms.ValidationError(_("The selection is malformed; reload the page."))
            versions[pk] = version
        cleaned["claims_at_versions"] = versions
        cleaned["state"] = self.ACTIONS.get(cleaned.get("action"))
        return cleaned

    def done_label(self) -> str:
        if self.cleaned_data.get("verdict"):
            return f"set to {Verdict(self.cleaned_data['verdict']).label}"
        return {"accept": "accepted", "reject": "rejected"}[self.cleaned_data["action"]]


class EvidenceForm(forms.Form):
    """Evidence for a claim. The source is picked from the type-ahead (its id), typed by
    exact name (works without JavaScript), or added as a new source with its kind."""

    source = forms.IntegerField(required=False, widget=forms.HiddenInput)
    source_query = forms.CharField(max_length=200, label=_("Source"))
    new_source_kind = forms.ChoiceField(
        choices=[("", "—"), *Source.Kind.choices], required=False, label=_("New source of kind")
    )
    url = forms.URLField(
        max_length=2000,
        required=False,
        assume_scheme="https",
        label=_("Link"),
        error_messages={"invalid": "That is not a web address (https://…)."},
    )
    excerpt = forms.CharField(
        required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}), label=_("Quote")
    )
    stance = forms.ChoiceField(choices=Stance.choices, initial=Stance.SUPPORTS)
    accessed_on = forms.DateField(
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        label=_("Accessed"),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # A new source that looks like an existing one must be confirmed (evidence.similar_source).
    confirm_new_source = forms.BooleanField(required=False)
    # Only on a published article: what is corrected and why (reviews/corrections.py).
    correction = forms.CharField(required=False, max_length=2000, label=_("Correction"))
    submission = forms.CharField(required=False, max_length=64)  # reviews/idempotency.py

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.near_duplicate = None

    def clean(self) -> dict:
        cleaned = super().clean()
        sources = evidence.visible_sources(self.user)
        name = " ".join((cleaned.get("source_query") or "").split())
        chosen = None
        if cleaned.get("source"):
            chosen = sources.filter(pk=cleaned["source"]).first()
        if chosen is None and name:
            chosen = sources.filter(name__iexact=name).first()
        if chosen is None and name and cleaned.get("new_source_kind"):
            if not evidence.may_create_sources(self.user):
                raise forms.ValidationError(
                    _("Only admins can add sources; ask one to add “%(name)s”.") % {"name": name}
                )
            twin = evidence.similar_source(name, self.user, link=self.data.get("url", ""))
            if twin is not None and not cleaned.get("confirm_new_source"):
                self.near_duplicate = twin
                raise forms.ValidationError(
                    _(
                        "“%(name)s” is already in the registry: pick it from the list, or tick"
                        " “Add as a new source anyway”."
                    )
                    % {"name": twin.name}
                )
            cleaned["new_source_name"] = name
        elif chosen is None and name:
            raise forms.ValidationError(
                f"“{name}” is not in the source registry. Pick a source from the list, "
                "or choose a kind to add it as a new source."
            )
        cleaned["source_object"] = chosen
        return cleaned

    def evidence_fields(self) -> dict:
        return {
            name: self.cleaned_data[name] for name in ("url", "excerpt", "stance", "accessed_on")
        }

    def resolved_source(self) -> Source:
        if self.cleaned_data["source_object"] is not None:
            return self.cleaned_data["source_object"]
        return evidence.create_source(
            user=self.user,
            name=self.cleaned_data["new_source_name"],
            kind=self.cleaned_data["new_source_kind"],
        )


class WordingForm(forms.Form):
    """How the claim is worded for the review (ClaimReview's claimReviewed) and who makes it."""

    text = forms.CharField(
        max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), label=_("Claim")
    )
    attribution = forms.CharField(max_length=300, required=False, label=_("Claimed by"))
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)

    def clean_text(self) -> str:
        text = " ".join(self.cleaned_data["text"].split())
        if not text:
            raise forms.ValidationError(_("The claim needs some words."))
        return text


class ClaimFilterForm(forms.Form):
    """How the review page lists its claims: sorted and filtered, all optional."""

    SORTS = [
        ("position", _("Reading order")),
        ("score", _("Check-worthiness")),
        ("verdict", _("Verdict")),
        ("speaker", _("Speaker")),
    ]

    sort = forms.ChoiceField(choices=SORTS, required=False, label=_("Sort by"))
    # Beside the states, the two marks a new version of the article leaves (revisions.py).
    state = forms.ChoiceField(
        choices=[
            ("", _("Any state")),
            *ClaimState.choices,
            ("rereview", "Needs re-review"),
            ("old_revision", "Not in the current version"),
        ],
        required=False,
    )
    verdict = forms.ChoiceField(choices=[("", _("Any verdict")), *Verdict.choices], required=False)
    speaker = forms.CharField(required=False, max_length=300)
    min_score = forms.FloatField(required=False, min_value=0, max_value=1, label=_("Score from"))

    def criteria(self) -> dict:
        """The valid values only: a bad one is dropped, never an error page."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in ("", None)}


class DueForm(forms.Form):
    """An article's deadline, from a datetime-local field (empty: no deadline)."""

    due = forms.DateTimeField(
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        error_messages={"invalid": "Give the deadline as a date and a time."},
    )


class RejectBelowForm(forms.Form):
    below = forms.FloatField(
        min_value=0,
        max_value=1,
        error_messages={"invalid": "Give a score between 0 and 1, such as 0.5."},
    )


class MergeForm(forms.Form):
    """A confirmed merge: the next claim as the editor saw it, and the verdict that stays."""

    version = forms.IntegerField(min_value=1, max_value=2**62)
    following = forms.CharField(required=False, max_length=40)  # "pk:version"
    verdict = forms.ChoiceField(
        choices=Verdict.choices, required=False, error_messages={"invalid_choice": NOT_A_VERDICT}
    )

    def clean_following(self) -> tuple[int, int] | None:
        value = self.cleaned_data["following"]
        if not value:
            return None
        pk, _sep, version = value.partition(":")
        if as_id(pk) is None or as_id(version) is None:
            raise forms.ValidationError(
                _("Open the merge again: the next claim is not recognised.")
            )
        return as_id(pk), as_id(version)


class UndoMergeForm(forms.Form):
    event = forms.IntegerField(min_value=1, max_value=2**62)


class CorrectionForm(forms.Form):
    """A change to a published claim: verdict, note and wording at once, with the reason
    shown on the public report."""

    verdict = forms.ChoiceField(
        choices=Verdict.choices, error_messages={"invalid_choice": NOT_A_VERDICT}
    )
    note = forms.CharField(required=False, max_length=settings.MAX_NOTE_CHARS, strip=False)
    text = forms.CharField(
        max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), label=_("Claim")
    )
    attribution = forms.CharField(max_length=300, required=False, label=_("Claimed by"))
    reason = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=_("What is corrected and why (shown on the public report)"),
        error_messages={"required": "Say what is corrected and why: readers see it."},
    )
    version = forms.IntegerField(min_value=1, max_value=2**62, widget=forms.HiddenInput)

    def clean_note(self) -> str:
        return self.cleaned_data["note"].replace("\r\n", "\n").strip()

    def clean_text(self) -> str:
        return " ".join(self.cleaned_data["text"].split())
