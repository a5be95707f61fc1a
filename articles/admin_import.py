"""The admin's import pages: import a pair (with a preview), and bulk import.

Flow of "Import a pair": the form (files or pasted text) is read and checked; the
read articles are kept on the server (an ImportPreview row) under a random token that
the user's session holds, never sent back to the browser, and the preview page shows
how each side was read; confirming imports them (checked again) through
`importer.import_pair` and opens the analysed comparison.

These views are mounted by ComparisonAdmin.get_urls inside `admin_site.admin_view`
(staff only, CSRF, never cached) and each checks the import permission itself.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.admin import AdminSite
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from articles.analysis.segment import segment_article
from articles.analysis.types import BODY, BOILERPLATE, BYLINE, CAPTION, CREDIT, TITLE
from articles.article_reader import ArticleImportError, ArticleText, check_article, check_pair
from articles.fetching.page import FetchedPage
from articles.import_forms import SIDES, BulkImportForm, PairImportForm
from articles.importer import import_pair
from articles.jobs import JobRefused
from articles.jobs.bulk import submit_bulk_import, submit_pair_import
from articles.models import Comparison, Flag, ImportPreview
from articles.roles import can_import
from newsdrift.request_checks import OVERSIZED, explains_oversized_posts

SESSION_KEY = "newsdrift_import_previews"  # the tokens of the user's previews
# Previews kept per user: enough for a few tabs; older ones are dropped.
MAX_PREVIEWS = 3
# A preview not confirmed by then is gone (and its row deleted at the next preview).
PREVIEW_LIFETIME = dt.timedelta(hours=2)
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")
METADATA_KINDS = (BOILERPLATE, CAPTION, BYLINE, CREDIT)


def _require_import(request: HttpRequest) -> None:
    if not can_import(request.user):
        raise PermissionDenied


def _page(request: HttpRequest, admin_site: AdminSite, title: str, **context) -> dict:
    return {
        **admin_site.each_context(request),
        "opts": Comparison._meta,
        "title": title,
        **context,
    }


# Import a pair ------------------------------------------------------------------


@explains_oversized_posts
@login_required
@require_http_methods(["GET", "POST"])
def import_form(request: HttpRequest, admin_site: AdminSite) -> HttpResponse:
    """The upload/paste form; a valid post goes on to the preview."""
    _require_import(request)
    page_error = ""
    if request.method == "POST":
        form = PairImportForm(request.POST, request.FILES)
        if form.is_valid() and form.articles:
            token = _stash(request, form)
            return redirect("admin:articles_comparison_import_preview", token=token)
    else:
        if request.GET.get("refused") == OVERSIZED:
            # A post too large to read was sent back here (newsdrift/request_checks.py):
            # pasted texts count toward Django's limit on form fields, files do not.
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            page_error = (
                f"pasted texts: together larger than the limit of {_size(limit)}; "
                "upload them as files instead"
            )
        preview = _preview(request, request.GET.get("draft", ""))
        form = PairImportForm(initial=(preview.draft if preview else None) or None)
    return render(
        request,
        "admin/articles/comparison/import_pair.html",
        _page(request, admin_site, "Import a pair", form=form, page_error=page_error),
    )


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):g} MiB" if n >= 1024 * 1024 else f"{n:,} bytes"


@dataclass(frozen=True, slots=True)
class SidePreview:
    """How one side was read, as the preview shows it."""

    side: str
    article: ArticleText
    has_title: bool
    body_sentences: int
    # The body's first sentences as they will be compared, to check the split.
    first_sentences: list[str]
    metadata: list[tuple[str, str]]  # (kind, line) of lines kept out of the comparison
    metadata_counts: dict[str, int]


FIRST_SENTENCES_SHOWN = 3


def preview_of(side: str, article: ArticleText) -> SidePreview:
    segments = segment_article(article.title, article.body)
    metadata = [(s.kind, s.text) for s in segments if s.kind in METADATA_KINDS]
    counts = Counter(kind for kind, _ in metadata)
    body = [s.text for s in segments if s.kind == BODY]
    return SidePreview(
        side=side,
        article=article,
        has_title=any(s.kind == TITLE for s in segments),
        body_sentences=len(body),
        first_sentences=body[:FIRST_SENTENCES_SHOWN],
        metadata=metadata,
        metadata_counts={kind: counts.get(kind, 0) for kind in METADATA_KINDS},
    )


@login_required
@require_GET
def import_preview(request: HttpRequest, admin_site: AdminSite, token: str) -> HttpResponse:
    """What was read from each side, before anything is saved."""
    _require_import(request)
    articles = _unstash(request, token)
    if articles is None:
        return _expired(request)
    sides = [preview_of(side, article) for side, article in zip(SIDES, articles, strict=True)]
    return render(
        request,
        "admin/articles/comparison/import_preview.html",
        _page(
            request,
            admin_site,
            "Check the import",
            token=token,
            sides=sides,
            back_url=_back_url(token),
        ),
    )


@login_required
@require_POST
def import_confirm(request: HttpRequest, admin_site: AdminSite) -> HttpResponse:
    """Import the previewed pair and open the analysed comparison."""
    _require_import(request)
    token = request.POST.get("token", "")
    articles = _unstash(request, token)
    if articles is None:
        return _expired(request)
    source, retranslation = articles
    job = outcome = None
    try:
        # The stashed articles were checked when read; checked again here because the
        # limits (and this code) may have changed since the preview.
        check_article(source)
        check_article(retranslation)
        check_pair(source, retranslation)
        if is_large(source, retranslation):
            job = submit_pair_import(source, retranslation, user=request.user)
        else:
            outcome = import_pair(source, retranslation, user=request.user)
    except (ArticleImportError, JobRefused) as error:
        messages.error(request, str(error))
        return HttpResponseRedirect(_back_url(token))
    _drop(request, token)
    if job is not None:
        messages.success(
            request, "A long pair: it is analysed in the background, and this page follows it."
        )
        return redirect(job)
    comparison = outcome.comparison
    if outcome.created:
        units = comparison.units.count()
        suggestions = Flag.objects.filter(
            unit__comparison=comparison, status=Flag.Status.SUGGESTED
        ).count()
        messages.success(
            request,
            f"Imported and analysed comparison {comparison.pk}: {units} units, "
            f"{suggestions} suggestions to review.",
        )
    else:
        messages.info(
            request,
            f"This pair was imported before, as comparison {comparison.pk}; nothing changed.",
        )
    return redirect("articles:comparison", comparison.pk)


def is_large(source: ArticleText, retranslation: ArticleText) -> bool:
    """A pair whose analysis would keep the browser waiting: done as a job instead
    (NEWSDRIFT_INLINE_PAIR_MAX_SENTENCES sentences on its longer side)."""
    limit = settings.NEWSDRIFT_INLINE_PAIR_MAX_SENTENCES
    return any(len(segment_article(a.title, a.body)) > limit for a in (source, retranslation))


def _expired(request: HttpRequest) -> HttpResponse:
    messages.error(request, "This import preview has expired or was already imported; start again.")
    return redirect("admin:articles_comparison_import")


def _back_url(token: str) -> str:
    return f"{reverse('admin:articles_comparison_import')}?{urlencode({'draft': token})}"


# The stash ---------------------------------------------------------------------------
# The read articles stay on the server, so what the confirm step imports is exactly
# what this server read and previewed: the browser only holds the token. They are kept
# in a table, not in the session (which every request of the user loads), and the
# session lists the tokens it may use, so a token from another session is refused.


def _tokens(request: HttpRequest) -> list[str]:
    stored = request.session.get(SESSION_KEY)
    return [t for t in stored if isinstance(t, str)] if isinstance(stored, list) else []


def _preview(request: HttpRequest, token: str) -> ImportPreview | None:
    """The user's unexpired preview under `token`, if this session made it."""
    # Checked before any query: the token comes from an address or a form.
    if not _TOKEN.fullmatch(token or "") or token not in _tokens(request):
        return None
    return ImportPreview.objects.filter(
        token=token, user=request.user, expires_at__gt=timezone.now()
    ).first()


def _stash(request: HttpRequest, form: PairImportForm) -> str:
    now = timezone.now()
    # Every new preview clears the expired ones, whoever made them.
    ImportPreview.objects.filter(expires_at__lte=now).delete()
    kept = list(
        ImportPreview.objects.filter(user=request.user)
        .order_by("-created_at", "-id")
        .values_list("token", flat=True)[: MAX_PREVIEWS - 1]
    )
    ImportPreview.objects.filter(user=request.user).exclude(token__in=kept).delete()
    token = secrets.token_urlsafe(24)
    ImportPreview.objects.create(
        token=token,
        user=request.user,
        created_at=now,
        expires_at=now + PREVIEW_LIFETIME,
        articles=[_article_to_dict(article) for article in form.articles],
        draft=_draft_of(form),
    )
    request.session[SESSION_KEY] = [t for t in _tokens(request) if t in kept] + [token]
    return token


def _draft_of(form: PairImportForm) -> dict[str, str]:
    """What the form held, to fill it in again when the user goes back.

    Browsers cannot be handed a file again; pasted text and metadata can.
    """
    draft = {}
    for name, value in form.cleaned_data.items():
        if name.endswith("_file") or value in (None, ""):
            continue
        if isinstance(value, dt.datetime):
            value = value.isoformat(sep=" ", timespec="minutes")
        draft[name] = str(value)
    return draft


def _unstash(request: HttpRequest, token: str) -> tuple[ArticleText, ArticleText] | None:
    preview = _preview(request, token)
    if preview is None:
        return None
    try:
        source, retranslation = (_article_from_dict(data) for data in preview.articles)
    except (KeyError, TypeError, ValueError):
        return None
    return source, retranslation


def _drop(request: HttpRequest, token: str) -> None:
    ImportPreview.objects.filter(token=token, user=request.user).delete()
    request.session[SESSION_KEY] = [t for t in _tokens(request) if t != token]


def _article_to_dict(article: ArticleText) -> dict:
    return {
        "name": article.name,
        "format": article.format,
        "title": article.title,
        "body": article.body,
        "outlet": article.outlet,
        "byline": article.byline,
        "url": article.url,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "language": article.language,
        "fetched": article.fetched.to_dict() if article.fetched else None,
    }


def _article_from_dict(data: dict) -> ArticleText:
    published = data.get("published_at")
    return ArticleText(
        name=str(data["name"]),
        format=str(data["format"]),
        title=str(data["title"]),
        body=str(data["body"]),
        outlet=str(data.get("outlet", "")),
        byline=str(data.get("byline", "")),
        url=str(data.get("url", "")),
        published_at=dt.datetime.fromisoformat(published) if published else None,
        language=str(data.get("language") or "en"),
        fetched=FetchedPage.from_dict(data["fetched"]) if data.get("fetched") else None,
    )


# Bulk import ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def bulk_import(request: HttpRequest, admin_site: AdminSite) -> HttpResponse:
    """Upload a JSON Lines file or a zip: the file is read and checked here, and its
    pairs are imported by a background job whose page the browser goes to at once."""
    _require_import(request)
    page_error = ""
    if request.method == "POST":
        form = BulkImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                job = submit_bulk_import(
                    form.pairs, upload_name=form.cleaned_data["file"].name, user=request.user
                )
            except JobRefused as refusal:
                page_error = str(refusal)
            else:
                messages.success(
                    request,
                    f"{len(form.pairs)} pair(s) queued for import; this page follows them.",
                )
                return redirect(job)
    else:
        form = BulkImportForm()
    return render(
        request,
        "admin/articles/comparison/bulk_import.html",
        _page(
            request,
            admin_site,
            "Bulk import",
            form=form,
            page_error=page_error,
            max_pairs=settings.NEWSDRIFT_MAX_BULK_PAIRS,
        ),
    )
