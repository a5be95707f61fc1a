"""The double review's and the agreement page's addresses (in the articles namespace)."""

from django.urls import path

import newsdrift.url_converters  # noqa: F401 (registers the <id:…> converter used below)

from . import adjudication_views, page_views, views

review = "double-reviews/<id:pk>/"
unit = review + "units/<id:unit_pk>/"

urlpatterns = [
    path("comparisons/<id:pk>/double-review/", views.request_review, name="double_review_ask"),
    path(review, views.blind_review, name="blind_review"),
    path(unit + "suggestions/<id:flag_pk>/", views.decide, name="blind_decide"),
    path(unit + "flags/", views.add_flag, name="blind_flag_add"),
    path(unit + "flags/<id:flag_pk>/remove/", views.remove_flag, name="blind_flag_remove"),
    path(unit + "mark/", views.mark, name="blind_mark"),
    path(review + "done/", views.hand_in, name="blind_done"),
    path(review + "withdraw/", views.withdraw_review, name="double_review_withdraw"),
    path(review + "adjudicate/", adjudication_views.adjudication, name="adjudicate"),
    path("agreement/", page_views.agreement, name="agreement"),
    path("agreement/csv/", page_views.agreement_csv, name="agreement_csv"),
]
