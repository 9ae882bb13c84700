"""The three ways an article comes in: pasted text, an uploaded file, a web address."""

from django import forms
from django.conf import settings


class PasteForm(forms.Form):
    title = forms.CharField(
        required=False, max_length=500, help_text="Leave empty to use the first line."
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10}),
        strip=False,
        label="Article text",
        error_messages={"required": "The article is empty: paste its text."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The page refuses an over-long paste before sending it, so the text stays in the
        # field (static/js/app.js); the server says the same if one gets through.
        self.fields["text"].widget.attrs["data-max-chars"] = settings.MAX_ARTICLE_CHARS


class UploadForm(forms.Form):
    file = forms.FileField(
        label="File (.txt, .md or .html)",
        error_messages={
            "required": "Choose a file to upload.",
            "empty": "The file is empty: there is no text to review.",
        },
    )


class UrlForm(forms.Form):
    url = forms.URLField(
        max_length=2000,
        assume_scheme="https",
        label="Web address",
        error_messages={"invalid": "That is not a web address (https://…)."},
    )
