from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from articles.api.routes import api_urls
from newsdrift import health

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("api/v1/", api_urls),
    path("account/", include("articles.api.token_urls")),
    path("reports/", include("articles.report_urls")),
    path("", include("articles.urls")),
]
