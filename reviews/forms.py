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
