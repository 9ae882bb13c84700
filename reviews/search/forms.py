"""The search page's query and filters."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from reviews.models import Article, Source, Verdict


class SearchForm(forms.Form):
    """The query and the filters; everything optional, unknown values are form errors."""

    q = forms.CharField(required=False, max_length=200, label=_("Search"))
    kind = forms.ChoiceField(
        required=False,
        choices=[("claims", _("Claims")), ("articles", _("Articles"))],
        label=_("Show"),
    )
    verdict = forms.ChoiceField(
        required=False,
        choices=[("", _("Any verdict")), *Verdict.choices],
        label=_("Verdict"),
    )
    status = forms.ChoiceField(
        required=False,
        choices=[("", _("Any status")), *Article.Status.choices],
        label=_("Status"),
    )
    source = forms.ModelChoiceField(
        required=False,
        queryset=Source.objects.filter(confirmed=True),
        empty_label=_("Any source"),
        label=_("Source"),
    )
    editor = forms.ModelChoiceField(
        required=False,
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
        empty_label=_("Any editor"),
        label=_("Reviewed by"),
    )
    date_from = forms.DateField(
        required=False, label=_("Dated from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        required=False, label=_("Dated to"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        data["q"] = " ".join((data.get("q") or "").split())
        data["kind"] = data.get("kind") or "claims"
        return data
