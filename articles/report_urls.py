from django.urls import path

import newsdrift.url_converters  # noqa: F401 (registers the <id:…> converter used below)
from articles import report_views

app_name = "reports"

urlpatterns = [
    path(
        "comparisons/<id:pk>.<str:fmt>",
        report_views.comparison_report,
        name="comparison",
    ),
    path("comparisons/<id:pk>/print/", report_views.comparison_print, name="print"),
    path("selection.<str:fmt>", report_views.selection_report, name="selection"),
    path("selection-job.<str:fmt>", report_views.selection_export_job, name="selection_job"),
]
