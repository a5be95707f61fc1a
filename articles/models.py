"""newsdrift's data: articles, their sentences, comparisons, aligned units, flags and
the audit trail of every editor's change."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from articles.analysis import categories, types
from newsdrift.url_reversal import reverse_ids

# An article scraped without a headline is shown by its story's opening words.
UNTITLED_WORDS = 12


def title_or_lead(title: str, lead: str | None) -> str:
    """An article's title, or the opening words of its first body sentence."""
    if title:
        return title
    words = " ".join((lead or "").split()[:UNTITLED_WORDS])
    return f"(untitled) {words}…" if words else "(untitled)"


def lead_subquery(article_ref: str) -> Subquery:
    """The first body sentence of the article `article_ref` (an OuterRef path) points to,
    as an annotation: lists show untitled articles without a query per row."""
    first = Sentence.objects.filter(article=OuterRef(article_ref), kind=types.BODY)
    return Subquery(first.order_by("position").values("text")[:1])


CATEGORY_CHOICES = [(code, label) for code, (label, _) in categories.CATEGORIES.items()]


class Severity(models.TextChoices):
    MINOR = categories.MINOR, "Minor"
    MAJOR = categories.MAJOR, "Major"
    CRITICAL = categories.CRITICAL, "Critical"


class Article(models.Model):
    class Role(models.TextChoices):
        SOURCE = "source", "Source"
        RETRANSLATION = "retranslation", "Retranslation"

    title = models.CharField(max_length=500, blank=True)
    body = models.TextField(help_text="The article text as imported, metadata lines included.")
    outlet = models.CharField(max_length=200, blank=True)
    byline = models.CharField(max_length=500, blank=True)
    dateline = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=16, default="en")
    word_count = models.PositiveIntegerField(
        default=0, help_text="Words in the title and body sentences (the drift score's base)."
    )
    role = models.CharField(max_length=16, choices=Role.choices)
    sha256 = models.CharField(
        max_length=64,
        unique=True,
        editable=False,
        help_text="SHA-256 of the normalised title and body: the same text is one article.",
    )
    origin = models.CharField(max_length=255, help_text='File name, or "admin upload".')
    imported_at = models.DateTimeField(default=timezone.now, editable=False)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-imported_at", "-id"]
        indexes = [models.Index(fields=["outlet"]), models.Index(fields=["role"])]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        """The title, or the opening words of the story when it was scraped without one."""
        return title_or_lead(self.title, None if self.title else self.lead_text())

    def lead_text(self) -> str:
        first = self.sentences.filter(kind=types.BODY).order_by("position").first()
        return first.text if first else ""


class ArticleFetch(models.Model):
    """The web page an article was read from, when it was imported by URL: its address,
    the address that answered, when, and the page itself (articles/fetching/).

    Fetching an address again whose text changed gives a new article (an article is
    its text), and a new fetch with the next `version` of that address; the earlier
    article and its comparisons stay as they were.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="fetches")
    url = models.URLField(max_length=2000, help_text="The address asked for.")
    final_url = models.URLField(max_length=2000, help_text="The address that answered.")
    canonical_url = models.URLField(max_length=2000, blank=True)
    fetched_at = models.DateTimeField()
    status = models.PositiveSmallIntegerField(default=200)
    content_type = models.CharField(max_length=200, blank=True)
    redirects = models.PositiveSmallIntegerField(default=0)
    size = models.PositiveIntegerField(default=0, help_text="Bytes received.")
    html = models.TextField(help_text="The page as fetched (decoded to text).")
    version = models.PositiveIntegerField(
        default=1, help_text="1 for the first text fetched from this address, then 2, 3…"
    )
    replaces = models.ForeignKey(
        Article,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The article this address gave before its text changed.",
    )

    class Meta:
        ordering = ["-fetched_at", "-id"]
        indexes = [models.Index(fields=["url", "-version"])]

    def __str__(self) -> str:
        return f"{self.url} (version {self.version}, {self.fetched_at:%Y-%m-%d %H:%M})"


class Sentence(models.Model):
    """One segment of an article: a sentence of its title or body, or a metadata line."""

    class Kind(models.TextChoices):
        TITLE = types.TITLE, "Title"
        BODY = types.BODY, "Body"
        BOILERPLATE = types.BOILERPLATE, "Boilerplate"
        CAPTION = types.CAPTION, "Caption"
        BYLINE = types.BYLINE, "Byline"
        CREDIT = types.CREDIT, "Credit"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sentences")
    position = models.PositiveIntegerField()
    paragraph = models.PositiveIntegerField()
    text = models.TextField()
    start = models.PositiveIntegerField(help_text="Offset into the body (title for titles).")
    end = models.PositiveIntegerField()
    kind = models.CharField(max_length=16, choices=Kind.choices)

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "position"], name="sentence_unique_position"
            ),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="sentence_span"),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_aligned_kind(self) -> bool:
        return self.kind in types.ALIGNABLE_KINDS


class Comparison(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "New"
        IN_REVIEW = "in_review", "In review"
        # Marked done by its reviewer, waiting for an approver (articles.assignments).
        IN_APPROVAL = "in_approval", "Awaiting approval"
        DONE = "done", "Done"

    source = models.ForeignKey(
        Article, on_delete=models.PROTECT, related_name="comparisons_as_source"
    )
    retranslation = models.ForeignKey(
        Article, on_delete=models.PROTECT, related_name="comparisons_as_retranslation"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    analysed_at = models.DateTimeField(null=True, blank=True)
    analysis_version = models.CharField(max_length=32, blank=True)
    # Names spelled differently on the two sides (articles.analysis.ledger), stored with
    # the analysis so that the overview does not recompute it on every request.
    ledger = models.JSONField(default=list, blank=True)
    last_activity_at = models.DateTimeField(null=True, blank=True)
    last_editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Staff may close a comparison with suggestions or units still open; why they did is
    # kept with it (and in its audit event) so that every report can say so. Emptied
    # when the comparison is reopened.
    closed_open_reason = models.TextField(
        blank=True,
        help_text="Why the comparison was marked done with suggestions or units still open.",
    )
    # Changed since the analytics' daily tables last counted it: set by the review's
    # writes (one more column in the UPDATE they make anyway), cleared by
    # `articles.analytics.aggregates.catch_up`, so that a decision does not wait for
    # the tables every editor's decisions add to (issue 18).
    # db_default: rows inserted in SQL around the application (the benchmark archive's
    # copies) need not name it; `rebuild_analytics` counts such rows.
    analytics_stale = models.BooleanField(default=False, db_default=False, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "retranslation"], name="comparison_unique_pair"
            ),
            models.CheckConstraint(
                condition=~Q(source=models.F("retranslation")), name="comparison_two_articles"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-created_at"]),
            # Few rows are stale at any time: `catch_up` finds them without a scan.
            models.Index(fields=["id"], condition=Q(analytics_stale=True), name="comparison_stale"),
        ]
        permissions = [
            ("review_comparison", "Can review comparisons: flag, decide, fix alignments"),
            ("import_articles", "Can import article pairs and re-run analyses"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.source.display_title}"

    def get_absolute_url(self) -> str:
        return reverse_ids("articles:comparison", [self.pk])  # dashboard: 25 a page


class AlignmentUnit(models.Model):
    """One step of the alignment: the source and retranslation sentences it pairs.

    The sentences are referred to by their positions in their article (sentences never
    change once imported) and their joined text is kept here, so that showing or
    exporting a unit needs no join.
    """

    class Kind(models.TextChoices):
        MATCH = types.MATCH, "Match"
        OMISSION = types.OMISSION, "Omission"
        ADDITION = types.ADDITION, "Addition"

    class ReviewState(models.TextChoices):
        UNREVIEWED = "unreviewed", "Unreviewed"
        OK = "ok", "OK"
        FLAGGED = "flagged", "Flagged"

    # What the analysis decides about a unit (as against the review's state): the one
    # list that re-analysis, the alignment fixes and the audit snapshots all write.
    ANALYSIS_FIELDS = (
        "source_positions",
        "target_positions",
        "source_text",
        "target_text",
        "kind",
        "similarity",
        "moved",
        "is_title",
    )

    comparison = models.ForeignKey(Comparison, on_delete=models.CASCADE, related_name="units")
    position = models.PositiveIntegerField()
    source_positions = models.JSONField(default=list, blank=True)
    target_positions = models.JSONField(default=list, blank=True)
    source_text = models.TextField(blank=True)
    target_text = models.TextField(blank=True)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    similarity = models.FloatField(default=0.0)
    moved = models.BooleanField(
        default=False, help_text="The retranslation sentence left its place in the story."
    )
    is_title = models.BooleanField(default=False)
    review_state = models.CharField(
        max_length=16, choices=ReviewState.choices, default=ReviewState.UNREVIEWED
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # Optimistic locking: every change increments it, and a change made against an
    # older version is refused (two editors on one unit).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["comparison", "position"]
        constraints = [
            models.UniqueConstraint(fields=["comparison", "position"], name="unit_unique_position"),
            models.CheckConstraint(
                condition=Q(similarity__gte=0) & Q(similarity__lte=1), name="unit_similarity_range"
            ),
        ]
        indexes = [models.Index(fields=["comparison", "review_state"])]

    def __str__(self) -> str:
        return f"Unit {self.number} of comparison {self.comparison_id}"

    @property
    def number(self) -> int:
        """The unit's number as people see it: positions count from 0, numbers from 1."""
        return self.position + 1


class Flag(models.Model):
    class Origin(models.TextChoices):
        AUTO = "auto", "Suggested by the analysis"
        EDITOR = "editor", "Added by an editor"

    class Status(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        CONFIRMED = "confirmed", "Confirmed"
        DISMISSED = "dismissed", "Dismissed"

    unit = models.ForeignKey(AlignmentUnit, on_delete=models.CASCADE, related_name="flags")
    category = models.CharField(max_length=32, choices=CATEGORY_CHOICES)
    severity = models.CharField(max_length=16, choices=Severity.choices, default=Severity.MINOR)
    origin = models.CharField(max_length=16, choices=Origin.choices)
    status = models.CharField(max_length=16, choices=Status.choices)
    source_span = models.TextField(blank=True, help_text="The words at issue in the source.")
    target_span = models.TextField(blank=True, help_text="The words at issue in the retranslation.")
    reason = models.TextField(blank=True, help_text="Why the analysis suggested it.")
    rule = models.CharField(max_length=64, blank=True, help_text="The analysis rule that fired.")
    note = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["unit", "id"]
        indexes = [
            models.Index(fields=["unit", "status"]),
            models.Index(fields=["category", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.category} ({self.severity}, {self.status})"

    @property
    def category_label(self) -> str:
        return categories.category_label(self.category)


class AuditEvent(models.Model):
    """One change an editor made to a unit or a flag: who, when, what, before and after."""

    comparison = models.ForeignKey(Comparison, on_delete=models.CASCADE, related_name="audit")
    unit = models.ForeignKey(
        AlignmentUnit, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit"
    )
    flag = models.ForeignKey(
        Flag, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, editable=False)
    action = models.CharField(max_length=64)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    undone = models.BooleanField(default=False)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["comparison", "-at"]),
            models.Index(fields=["actor", "-at"]),
        ]

    def __str__(self) -> str:
        return f"{self.action} by {self.actor} at {self.at:%Y-%m-%d %H:%M}"


class Job(models.Model):
    """A piece of background work (articles/jobs): a bulk import, a re-analysis, an
    export. Its items are the units of work; the job's state follows from theirs."""

    class Kind(models.TextChoices):
        BULK_IMPORT = "bulk_import", "Bulk import"
        REANALYSE = "reanalyse", "Re-analysis"
        EXPORT = "export", "Report export"
        WEBHOOK = "webhook", "Webhook delivery"
        URL_IMPORT = "url_import", "Import by URL"

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting for a worker"
        RUNNING = "running", "Running"
        DONE = "done", "Finished"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"

    ACTIVE_STATES = (State.QUEUED, State.RUNNING)

    kind = models.CharField(max_length=32, choices=Kind.choices)
    state = models.CharField(max_length=16, choices=State.choices, default=State.QUEUED)
    title = models.CharField(max_length=300, help_text="What the job does, as people see it.")
    params = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Last sign of life (an item claimed or finished, a runner queued): a job with work
    # left and no sign of life for a while gets a new runner (articles/jobs/recovery.py).
    touched_at = models.DateTimeField(default=timezone.now)
    total = models.PositiveIntegerField(default=0, help_text="Steps in all (items, or rows).")
    done = models.PositiveIntegerField(default=0, help_text="Steps finished.")
    error = models.TextField(blank=True, help_text="Why the job as a whole failed.")
    # An export's file (its bytes are JobFileChunk rows) and the name it downloads as.
    result_ready = models.BooleanField(default=False)
    result_name = models.CharField(max_length=200, blank=True)
    result_bytes = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["state", "-created_at"]),
            models.Index(fields=["created_by", "state"]),
        ]

    def __str__(self) -> str:
        return f"Job {self.pk}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("articles:job", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.state in self.ACTIVE_STATES

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.state == self.State.DONE else 0
        return min(100, 100 * self.done // self.total)


class JobItem(models.Model):
    """One unit of a job's work: a pair to import, a comparison to re-analyse.

    A worker claims an item by moving it from pending to running with a lease; it
    records the outcome in the same transaction as the item's own writes, so that a
    worker killed at any moment leaves the item either finished or pending again.
    """

    class State(models.TextChoices):
        PENDING = "pending", "Waiting"
        RUNNING = "running", "In progress"
        FINISHED = "finished", "Finished"

    class Outcome(models.TextChoices):
        IMPORTED = "imported", "Imported"
        PRESENT = "present", "Already present"
        REJECTED = "rejected", "Rejected"
        REANALYSED = "reanalysed", "Re-analysed"
        FAILED = "failed", "Failed"
        EXPORTED = "exported", "Exported"
        DELIVERED = "delivered", "Delivered"
        CANCELLED = "cancelled", "Not done (job cancelled)"

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    label = models.CharField(max_length=300, help_text='"line 3", a zip folder, "comparison 12"')
    # What the item works on (the pair's texts, a comparison id); emptied once finished,
    # since what it produced is stored in its own tables.
    payload = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)
    message = models.TextField(blank=True)
    comparison = models.ForeignKey(
        Comparison, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_by = models.CharField(max_length=200, blank=True, help_text="host:pid of the worker")
    lease_until = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(default=0.0, help_text="Time the item took, in seconds.")

    class Meta:
        ordering = ["job", "position"]
        constraints = [
            models.UniqueConstraint(fields=["job", "position"], name="jobitem_unique_position"),
        ]
        indexes = [
            models.Index(fields=["job", "state", "position"]),
            models.Index(fields=["state", "lease_until"]),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.get_state_display()})"


class JobFileChunk(models.Model):
    """A piece of a job's file (an export), in order.

    Kept in the database rather than on a disk so that any web server can hand out a
    file any worker machine wrote; written and read one chunk at a time, so neither
    side holds the file in memory.
    """

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="file_chunks")
    position = models.PositiveIntegerField()
    data = models.BinaryField()

    class Meta:
        ordering = ["job", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["job", "position"], name="jobfilechunk_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return f"Chunk {self.position} of job {self.job_id}"


class ImportPreview(models.Model):
    """A pair read by the admin's "Import a pair" form, kept until it is confirmed,
    dropped or expired (articles/admin_import.py).

    Kept in its own table, not in the session: two 10 MB articles in a session row made
    every later request of that user slow. The session holds only the tokens.
    """

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(db_index=True)
    # The two articles as read (source, retranslation), and what the form held, to fill
    # it in again when the user goes back.
    articles = models.JSONField()
    draft = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"Import preview {self.token[:8]}… of {self.user_id}"


# The API's tokens, the webhooks' rows and the tuning's models live in their own
# packages; imported here so that Django finds them as models of this app.
from articles.agreement.models import (  # noqa: E402, F401
    BlindDecision,
    BlindFlag,
    BlindReview,
    BlindUnit,
    DoubleReview,
)
from articles.analytics.models import (  # noqa: E402, F401
    ComparisonContribution,
    DailyDecisions,
    DailyDrift,
    DailyFlags,
)
from articles.api.models import ApiToken  # noqa: E402, F401
from articles.assignments.models import Approval, Assignment, SendBack  # noqa: E402, F401
from articles.discussion.models import Comment, Notification  # noqa: E402, F401
from articles.stories.names_models import NameOccurrence, NameSpelling  # noqa: E402, F401
from articles.tuning.models import (  # noqa: E402, F401
    IgnoreEntry,
    RuleSetting,
    TuningEffectCount,
    TuningEvent,
)
from articles.webhooks.models import WebhookDelivery, WebhookEndpoint  # noqa: E402, F401
