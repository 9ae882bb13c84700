"""The search page's query and filters."""

from django import forms
from django.contrib.auth import get_user_model

from reviews.models import Article, Source, Verdict


class SearchForm(forms.Form):
    """The query and the filters; everything optional, unknown values are form errors."""

    q = forms.CharField(required=False, max_length=200, label="Search")
    kind = forms.ChoiceField(
        required=False, choices=[("claims", "Claims"), ("articles", "Articles")], label="Show"
    )
    verdict = forms.ChoiceField(required=False, choices=[("", "Any verdict"), *Verdict.choices])
    status = forms.ChoiceField(
        required=False, choices=[("", "Any status"), *Article.Status.choices]
    )
    source = forms.ModelChoiceField(
        required=False, queryset=Source.objects.filter(confirmed=True), empty_label="Any source"
    )
    editor = forms.ModelChoiceField(
        required=False,
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
        empty_label="Any editor",
        label="Reviewed by",
    )
    date_from = forms.DateField(
        required=False, label="Dated from", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        required=False, label="Dated to", widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        data["q"] = " ".join((data.get("q") or "").split())
        data["kind"] = data.get("kind") or "claims"
        return data
