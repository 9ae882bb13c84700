"""The three ways an article comes in: pasted text, an uploaded file, a web address."""

from django import forms


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
