"""The admin's "Import a story" form: one source file and several copy files.

Reading goes through `articles.article_reader`, as every import does: a file is
accepted or refused with the same message as by `import_pair`. A refused file is a
form error naming it, and nothing is queued.
"""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile

from articles.article_reader import (
    SUPPORTED,
    ArticleImportError,
    ArticleText,
    read_uploaded_article,
    reading_side,
)
from articles.importer import article_limits
from articles.stories.importing import MAX_COPIES, check_story

ACCEPT = ".txt,.text,.md,.html,.htm,.json"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None) -> list[UploadedFile]:
        single = super().clean
        if not data:
            single(None, initial)  # "This field is required."
            return []
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class StoryImportForm(forms.Form):
    source_file = forms.FileField(
        label="Source file",
        allow_empty_file=True,
        help_text=f"The original story: a {SUPPORTED} file.",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    copy_files = MultipleFileField(
        label="Copies",
        allow_empty_file=True,
        help_text=(
            f"Every retranslated copy of it (choose up to {MAX_COPIES} files at once). "
            "A JSON or HTML file gives its outlet and publication time."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.source: ArticleText | None = None
        self.copies: list[ArticleText] = []

    def clean(self) -> dict:
        cleaned = super().clean()
        upload = cleaned.get("source_file")
        uploads = cleaned.get("copy_files") or []
        if upload is None:
            return cleaned
        try:
            with reading_side("source"):
                self.source = _read(upload)
        except ArticleImportError as error:
            self.add_error("source_file", str(error))
            return cleaned
        if "copy_files" in self.errors:
            return cleaned
        copies = []
        for copy_upload in uploads:
            try:
                with reading_side("retranslation"):
                    copies.append(_read(copy_upload))
            except ArticleImportError as error:
                self.add_error("copy_files", str(error))
        if "copy_files" in self.errors:
            return cleaned
        try:
            check_story(self.source, copies)
        except ArticleImportError as error:
            self.add_error("copy_files", str(error))
            return cleaned
        self.copies = copies
        return cleaned


def _read(upload: UploadedFile) -> ArticleText:
    return read_uploaded_article(upload, upload.name, size=upload.size, limits=article_limits())
