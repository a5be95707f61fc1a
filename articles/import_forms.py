"""Forms of the admin's import pages: one pair (files or pasted text), or a bulk file.

The forms only read and check; they write nothing. Reading goes through
`articles.article_reader` (and `articles.bulk_import`), the same code as the
`import_pair` command, so a file is accepted or refused with the same message either
way. A refusal becomes a form error on the input it is about.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator

from articles.article_reader import (
    PASTED,
    SIDES,
    SUPPORTED,
    ArticleImportError,
    ArticleText,
    check_pair,
    read_pasted_article,
    read_uploaded_article,
    reading_side,
)
from articles.bulk_import import Limits, PairInput, read_bulk_upload
from articles.importer import article_limits

SIDE_LABELS = {"source": "source", "retranslation": "retranslation"}


def bulk_limits() -> Limits:
    return Limits(upload_bytes=settings.NEWSDRIFT_MAX_BULK_BYTES, article=article_limits())


def _side_fields(side: str) -> dict[str, forms.Field]:
    label = SIDE_LABELS[side].capitalize()
    return {
        f"{side}_file": forms.FileField(
            label=f"{label} file",
            required=False,
            # An empty file is refused by the reader, with its message.
            allow_empty_file=True,
            help_text=f"A {SUPPORTED} file.",
            widget=forms.ClearableFileInput(attrs={"accept": ".txt,.text,.md,.html,.htm,.json"}),
        ),
        f"{side}_text": forms.CharField(
            label=f"…or paste the {SIDE_LABELS[side]} text",
            required=False,
            strip=False,
            widget=forms.Textarea(attrs={"rows": 8, "cols": 80}),
            help_text="Plain text: the first line that reads as a headline becomes the title.",
        ),
        f"{side}_title": forms.CharField(
            label=f"{label} title",
            required=False,
            max_length=500,
            help_text="Replaces the read title.",
        ),
        f"{side}_outlet": forms.CharField(label=f"{label} outlet", required=False, max_length=200),
        f"{side}_byline": forms.CharField(label=f"{label} byline", required=False, max_length=500),
        f"{side}_url": forms.URLField(
            label=f"{label} URL",
            required=False,
            max_length=1000,
            assume_scheme="https",
            validators=[URLValidator(schemes=["http", "https"])],
        ),
        f"{side}_published_at": forms.DateTimeField(
            label=f"{label} publication date",
            required=False,
            help_text="e.g. 2021-06-28 14:30 (UTC)",
        ),
    }


class PairImportForm(forms.Form):
    """A source and its retranslation, each an uploaded file or a pasted text."""

    META_FIELDS = ("title", "outlet", "byline", "url", "published_at")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for side in SIDES:
            self.fields.update(_side_fields(side))
        self.articles: tuple[ArticleText, ArticleText] | None = None

    def side_fields(self, side: str) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith(f"{side}_")]

    def sides(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(SIDE_LABELS[side].capitalize(), self.side_fields(side)) for side in SIDES]

    def clean(self) -> dict:
        cleaned = super().clean()
        read: dict[str, ArticleText] = {}
        for side in SIDES:
            article = self._read_side(side, cleaned)
            if article is not None:
                read[side] = article
        if len(read) == 2:
            try:
                check_pair(read["source"], read["retranslation"])
            except ArticleImportError as error:
                self.add_error(self._input_of("retranslation", cleaned), str(error))
            else:
                self.articles = (read["source"], read["retranslation"])
        return cleaned

    def _input_of(self, side: str, cleaned: dict) -> str:
        return f"{side}_file" if cleaned.get(f"{side}_file") else f"{side}_text"

    def _read_side(self, side: str, cleaned: dict) -> ArticleText | None:
        upload: UploadedFile | None = cleaned.get(f"{side}_file")
        pasted: str = cleaned.get(f"{side}_text") or ""
        label = SIDE_LABELS[side]
        if upload and pasted:
            self.add_error(f"{side}_text", f"{label}: choose a file or paste the text, not both")
            return None
        if not upload and not pasted:
            if f"{side}_file" not in self.errors:
                self.add_error(f"{side}_file", f"{label}: choose a file or paste the text")
            return None
        try:
            with reading_side(side):
                if upload:
                    # The declared size is checked before anything is read.
                    article = read_uploaded_article(
                        upload, upload.name, size=upload.size, limits=article_limits()
                    )
                else:
                    article = read_pasted_article(pasted, PASTED, limits=article_limits())
        except ArticleImportError as error:
            self.add_error(self._input_of(side, cleaned), str(error))
            return None
        overrides = {key: cleaned.get(f"{side}_{key}") for key in self.META_FIELDS}
        return article.with_overrides(**overrides)


class BulkImportForm(forms.Form):
    file = forms.FileField(
        label="Pairs file",
        allow_empty_file=True,
        help_text="A .jsonl file (one pair per line) or a .zip archive (one folder per pair).",
        widget=forms.ClearableFileInput(attrs={"accept": ".jsonl,.ndjson,.zip"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.pairs: list[PairInput] = []

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        try:
            self.pairs = read_bulk_upload(
                upload, upload.name, size=upload.size, limits=bulk_limits()
            )
        except ArticleImportError as error:
            raise forms.ValidationError(str(error)) from error
        return upload
