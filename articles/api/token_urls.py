from django.urls import path

import newsdrift.url_converters  # noqa: F401 (registers the <id:…> converter used below)
from articles.api import token_views

urlpatterns = [
    path("api-tokens/", token_views.tokens, name="api_tokens"),
    path("api-tokens/new/", token_views.create, name="api_token_create"),
    path("api-tokens/<id:pk>/revoke/", token_views.revoke, name="api_token_revoke"),
]
