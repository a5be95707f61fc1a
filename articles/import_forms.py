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
    # The pairs are imported by a background job, not in the request: no limit on
    # their analysis time, only on the upload's size and number of pairs.
    return Limits(
        upload_bytes=settings.NEWSDRIFT_MAX_BULK_BYTES,
        article=article_limits(),
        pairs=settings.NEWSDRIFT_MAX_BULK_PAIRS,
        request_seconds=None,
    )


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
        f"{side}_fetch_url": forms.URLField(
            label=f"…or fetch the {SIDE_LABELS[side]} from the web",
            required=False,
            max_length=2000,
            assume_scheme="https",
            validators=[URLValidator(schemes=["http", "https"])],
            help_text="The article's address (http or https): the page is fetched and its "
            "story, title, author, date and site name are read from it.",
            widget=forms.URLInput(attrs={"placeholder": "https://", "size": 60}),
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
        for kind in ("file", "text", "fetch_url"):
            if cleaned.get(f"{side}_{kind}"):
                return f"{side}_{kind}"
        return f"{side}_text"

    def _read_side(self, side: str, cleaned: dict) -> ArticleText | None:
        upload: UploadedFile | None = cleaned.get(f"{side}_file")
        pasted: str = cleaned.get(f"{side}_text") or ""
        address: str = cleaned.get(f"{side}_fetch_url") or ""
        label = SIDE_LABELS[side]
        given = [
            kind for kind, value in (("file", upload), ("text", pasted), ("url", address)) if value
        ]
        if len(given) > 1:
            field = f"{side}_fetch_url" if address else f"{side}_text"
            self.add_error(
                field, f"{label}: give one of a file, a pasted text or a web address, not several"
            )
            return None
        if not given:
            if not any(f"{side}_{kind}" in self.errors for kind in ("file", "fetch_url")):
                self.add_error(
                    f"{side}_file",
                    f"{label}: choose a file, paste the text or give its web address",
                )
            return None
        try:
            with reading_side(side):
                if address:
                    # Fetched here, within the request: the fetch's own time limit
                    # (NEWSDRIFT_FETCH_TIMEOUT_SECONDS) bounds the wait.
                    from articles.fetching.extract import fetch_article

                    article = fetch_article(address, limits=article_limits())
                elif upload:
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
