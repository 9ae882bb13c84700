"""The three ways an article comes in: pasted text, an uploaded file, a web address."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class PasteForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=500,
        help_text=_("Leave empty to use the first line."),
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10}),
        strip=False,
        label=_("Article text"),
        error_messages={"required": _("The article is empty: paste its text.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The page refuses an over-long paste before sending it, so the text stays in the
        # field (static/js/app.js); the server says the same if one gets through.
        self.fields["text"].widget.attrs["data-max-chars"] = settings.MAX_ARTICLE_CHARS


class NewVersionForm(forms.Form):
    """A newer version of an existing article: its text pasted, or its page fetched again."""

    text = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        strip=False,
        label=_("The new version's text"),
        help_text=_("Paste the whole updated article, headline first."),
    )
    url = forms.URLField(
        required=False,
        max_length=2000,
        assume_scheme="https",
        label=_("…or fetch its web page again"),
        error_messages={"invalid": _("That is not a web address (https://…).")},
    )

    def clean(self):
        data = super().clean()
        if not self.errors and bool(data.get("text", "").strip()) == bool(data.get("url")):
            raise forms.ValidationError(
                _("Paste the new text or give its web address (one of the two).")
            )
        return data


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File (.txt, .md or .html)"),
        error_messages={
            "required": _("Choose a file to upload."),
            "empty": _("The file is empty: there is no text to review."),
        },
    )


class UrlForm(forms.Form):
    url = forms.URLField(
        max_length=2000,
        assume_scheme="https",
        label=_("Web address"),
        error_messages={"invalid": _("That is not a web address (https://…).")},
    )
