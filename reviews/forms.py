from django import forms
from django.conf import settings

from reviews.models import Verdict


class ClaimReviewForm(forms.Form):
    """Verdict buttons and the note share one form: a verdict click also saves the note."""

    verdict = forms.ChoiceField(
        choices=Verdict.choices,
        required=False,
        error_messages={"invalid_choice": "“%(value)s” is not a verdict. Pick one of the buttons."},
    )
    note = forms.CharField(required=False, max_length=settings.MAX_NOTE_CHARS, strip=False)
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)

    def clean_note(self) -> str:
        # Normalise browser line endings so an untouched note is not a change.
        return self.cleaned_data["note"].replace("\r\n", "\n").strip()


class BulkVerdictForm(forms.Form):
    """Selected claims arrive as "pk:version" so each keeps its own stale-edit check."""

    verdict = forms.ChoiceField(
        choices=Verdict.choices,
        error_messages={"invalid_choice": "“%(value)s” is not a verdict. Pick one of the buttons."},
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        selected = self.data.getlist("claims") if hasattr(self.data, "getlist") else []
        if not selected:
            raise forms.ValidationError("Select at least one claim first (x, or the Select boxes).")
        versions = {}
        for item in selected:
            pk, _, version = item.partition(":")
            if not (pk.isdigit() and version.isdigit()):
                raise forms.ValidationError("The selection is malformed; reload the page.")
            versions[int(pk)] = int(version)
        cleaned["claims_at_versions"] = versions
        return cleaned
