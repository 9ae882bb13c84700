from django import forms
from django.utils.translation import gettext_lazy as _

from reviews.notifications.models import Kind


class PreferenceForm(forms.Form):
    email_kinds = forms.MultipleChoiceField(
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Also send me an e-mail when"),
    )
