from django import forms

from reviews.notifications.models import Kind


class PreferenceForm(forms.Form):
    email_kinds = forms.MultipleChoiceField(
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Also send me an e-mail when",
    )
