from django.urls import path

from articles.views import dashboard, overview

app_name = "articles"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("comparisons/<int:pk>/", overview.comparison, name="comparison"),
]
