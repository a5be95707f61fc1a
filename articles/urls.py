from django.urls import path

import newsdrift.url_converters  # noqa: F401 (registers the <id:…> converter used below)
from articles.agreement.urls import urlpatterns as agreement_urls
from articles.analytics import views as analytics
from articles.assignments import views as assignments
from articles.discussion import views as discussion
from articles.stories import names_views
from articles.stories import views as stories
from articles.timeline import views as timeline
from articles.views import (
    alignment_fixes,
    bulk_actions,
    dashboard,
    flag_actions,
    jobs,
    ledger,
    overview,
    provenance,
    reading_mode,
    step,
    unit_actions,
    unit_history,
)

app_name = "articles"

unit = "comparisons/<id:pk>/units/<id:unit_pk>/"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("comparisons/<id:pk>/", overview.comparison, name="comparison"),
    path("analytics/", analytics.analytics, name="analytics"),
    path("analytics/csv/<slug:chart>/", analytics.analytics_csv, name="analytics_csv"),
    path("names/", names_views.names, name="names"),
    path("names/csv/", names_views.names_csv, name="names_csv"),
    path("names/<id:pk>/", names_views.name_pair, name="name_pair"),
    path("names/<id:pk>/ignore/", names_views.ignore_pair, name="name_ignore"),
    path("stories/<id:article_id>/", stories.story, name="story"),
    path("stories/<id:article_id>/shared/", stories.decide, name="story_shared"),
    path("stories/<id:article_id>/compare/", stories.compare, name="story_compare"),
    path("jobs/", jobs.job_list, name="jobs"),
    path("jobs/analysing/", jobs.analysing_banner, name="jobs_analysing"),
    path("jobs/<id:pk>/", jobs.job, name="job"),
    path("jobs/<id:pk>/cancel/", jobs.cancel, name="job_cancel"),
    path("jobs/<id:pk>/download/", jobs.download, name="job_download"),
    path(
        "comparisons/<id:pk>/pages/<id:fetch_pk>/",
        provenance.fetched_page,
        name="fetched_page",
    ),
    path("comparisons/<id:pk>/review/", step.start, name="start"),
    path("comparisons/<id:pk>/read/", reading_mode.reading, name="reading"),
    path("comparisons/<id:pk>/step/<id:position>/", step.step, name="step"),
    path("comparisons/<id:pk>/undo/", unit_actions.undo, name="undo"),
    path("comparisons/<id:pk>/done/", unit_actions.done, name="done"),
    path("comparisons/<id:pk>/reopen/", unit_actions.reopen, name="reopen"),
    path("assignments/", assignments.assign, name="assign"),
    path("comparisons/<id:pk>/pick-up/", assignments.pick_up, name="pick_up"),
    path("comparisons/<id:pk>/approval/", assignments.approval, name="approval"),
    path("comparisons/<id:pk>/approve/", assignments.approve, name="approve"),
    path("comparisons/<id:pk>/send-back/", assignments.send_back, name="send_back"),
    path("comparisons/<id:pk>/ledger/<id:index>/confirm/", ledger.confirm, name="ledger_confirm"),
    path("comparisons/<id:pk>/ledger/<id:index>/dismiss/", ledger.dismiss, name="ledger_dismiss"),
    path(unit + "flags/<id:flag_pk>/accept/", flag_actions.accept, name="flag_accept"),
    path(unit + "flags/<id:flag_pk>/dismiss/", flag_actions.dismiss, name="flag_dismiss"),
    path(unit + "flags/<id:flag_pk>/edit/", flag_actions.edit, name="flag_edit"),
    path(unit + "flags/", flag_actions.add, name="flag_add"),
    path(
        unit + "flags/<id:flag_pk>/dismiss-like/",
        bulk_actions.dismiss_like,
        name="flag_dismiss_like",
    ),
    path(
        unit + "flags/<id:flag_pk>/accept-like/", bulk_actions.accept_like, name="flag_accept_like"
    ),
    path(unit + "mark/", unit_actions.mark, name="unit_mark"),
    path(unit + "merge/", alignment_fixes.merge, name="unit_merge"),
    path(unit + "split/", alignment_fixes.split, name="unit_split"),
    path(unit + "link/", alignment_fixes.link, name="unit_link"),
    path(unit + "history/", unit_history.history, name="unit_history"),
    # Discussion and history (articles/discussion, articles/timeline).
    path("comparisons/<id:pk>/timeline/", timeline.timeline, name="timeline"),
    path("comparisons/<id:pk>/comments/", discussion.add, name="comment_add"),
    path(
        "comparisons/<id:pk>/comments/<id:comment_pk>/edit/",
        discussion.edit,
        name="comment_edit",
    ),
    path(
        "comparisons/<id:pk>/comments/<id:comment_pk>/delete/",
        discussion.delete,
        name="comment_delete",
    ),
    path("notifications/", discussion.notifications, name="notifications"),
    path("notifications/count/", discussion.unread_count, name="notifications_count"),
    path("notifications/read/", discussion.read_all, name="notifications_read_all"),
    path(
        "notifications/<id:notification_pk>/read/",
        discussion.read_one,
        name="notification_read",
    ),
]

# Blind double review, adjudication and the agreement page (articles/agreement).
urlpatterns += agreement_urls
