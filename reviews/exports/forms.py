"""The date range of the reviewed-claims CSV."""

from django import forms


class DateRangeForm(forms.Form):
    """Both ends optional and inclusive; a claim's date is the day its verdict was given."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The query string says ?from=…&to=…; "from" is a Python keyword, hence no attributes.
        for name, label in (("from", "From"), ("to", "To")):
            self.fields[name] = forms.DateField(
                label=label,
                required=False,
                # <input type=date> only takes ISO dates; the locale format would be dropped.
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            raise forms.ValidationError("The start date is after the end date.")
        return cleaned
