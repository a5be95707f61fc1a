"""Admin pages for articles and their sentences (read-only: sentences never change)."""

from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html_join

from articles.admin.common import (
    NamedBlankValuesFilter,
    ReadOnlyMixin,
    RowLabelMixin,
    admin_link,
    count_of,
    review_link,
    shorten,
)
from articles.models import (
    Article,
    ArticleFetch,
    Comparison,
    Sentence,
    lead_subquery,
    title_or_lead,
)
from articles.stories.names_store import refresh_names_of_article


class SentenceInline(ReadOnlyMixin, admin.TabularInline):
    model = Sentence
    fields = ("position", "kind", "paragraph", "text", "start", "end")
    readonly_fields = fields
    ordering = ("position",)
    extra = 0
    can_delete = False
    show_change_link = False


class FetchInline(ReadOnlyMixin, admin.TabularInline):
    """Where an article imported by URL came from (the page itself is on the overview)."""

    model = ArticleFetch
    fk_name = "article"
    fields = ("url", "final_url", "fetched_at", "status", "content_type", "size", "version")
    readonly_fields = fields
    ordering = ("-fetched_at",)
    extra = 0
    can_delete = False
    show_change_link = False
    verbose_name = "fetched page"


@admin.register(Article)
class ArticleAdmin(RowLabelMixin, admin.ModelAdmin):
    # Django 6 reads a scheme-less address as https; say so now rather than warn.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = (
        "shown_title",
        "role",
        "outlet",
        "word_count",
        "sentence_count",
        "comparison_count",
        "imported_at",
        "origin",
    )
    list_filter = (
        "role",
        ("outlet", NamedBlankValuesFilter),
        ("language", NamedBlankValuesFilter),
        "imported_at",
    )
    search_fields = ("title", "outlet", "byline", "body")
    list_select_related = ("imported_by",)
    # The text and its fingerprint are what comparisons were built from: read-only.
    # Metadata an importer may have got wrong stays editable.
    readonly_fields = (
        "title",
        "role",
        "body",
        "word_count",
        "sha256",
        "origin",
        "imported_at",
        "imported_by",
        "comparisons",
    )
    fields = (
        "title",
        "role",
        "outlet",
        "byline",
        "dateline",
        "url",
        "published_at",
        "language",
        "word_count",
        "sha256",
        "origin",
        "imported_at",
        "imported_by",
        "comparisons",
        "body",
    )
    inlines = [FetchInline, SentenceInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        as_source = count_of(Comparison, "source")
        as_retranslation = count_of(Comparison, "retranslation")
        return (
            super()
            .get_queryset(request)
            .annotate(
                sentences_n=count_of(Sentence, "article"),
                comparisons_n=as_source + as_retranslation,
                lead=lead_subquery("pk"),
            )
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # articles come in in pairs, through "Import a pair"

    def save_model(self, request: HttpRequest, obj: Article, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and {"outlet", "published_at"} & set(form.changed_data):
            # The names index counts each occurrence under its copy's outlet and time.
            refresh_names_of_article(obj.pk)

    def row_label(self, obj: Article) -> str:
        return title_or_lead(obj.title, obj.lead)

    @admin.display(description="Title", ordering="title")
    def shown_title(self, obj: Article) -> str:
        return shorten(title_or_lead(obj.title, obj.lead), 100)

    @admin.display(description="Sentences", ordering="sentences_n")
    def sentence_count(self, obj: Article) -> int:
        return obj.sentences_n

    @admin.display(description="Comparisons", ordering="comparisons_n")
    def comparison_count(self, obj: Article) -> int:
        return obj.comparisons_n

    @admin.display(description="Comparisons")
    def comparisons(self, obj: Article) -> str:
        rows = Comparison.objects.filter(source=obj) | Comparison.objects.filter(retranslation=obj)
        rows = rows.order_by("pk")
        if not rows:
            return "-"
        return format_html_join(
            ", ",
            "{} ({})",
            ((admin_link(Comparison, c.pk, f"comparison {c.pk}"), review_link(c.pk)) for c in rows),
        )


@admin.register(Sentence)
class SentenceAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("short_text", "kind", "position", "paragraph", "article_link")
    list_filter = ("kind", "article__role")
    search_fields = ("text",)
    list_select_related = ("article",)
    readonly_fields = ("article_link", "position", "paragraph", "kind", "start", "end", "text")
    fields = readonly_fields

    @admin.display(description="Text")
    def short_text(self, obj: Sentence) -> str:
        return shorten(obj.text)

    @admin.display(description="Article", ordering="article")
    def article_link(self, obj: Sentence) -> str:
        label = obj.article.title or f"article {obj.article_id} (untitled)"
        return admin_link(Article, obj.article_id, shorten(label, 60))
