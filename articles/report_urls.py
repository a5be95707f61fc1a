from django.urls import path

from articles import report_views

app_name = "reports"

urlpatterns = [
    path(
        "comparisons/<int:pk>.<str:fmt>",
        report_views.comparison_report,
        name="comparison",
    ),
    path("comparisons/<int:pk>/print/", report_views.comparison_print, name="print"),
    path("selection.<str:fmt>", report_views.selection_report, name="selection"),
    path("selection-job.<str:fmt>", report_views.selection_export_job, name="selection_job"),
]
