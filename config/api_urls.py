"""Everything under /api/: each app's api.py adds its own routes here."""

from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerView,
)

from marketplace import api as account_api

from . import api

urlpatterns = [
    path("me/", api.me, name="api-me"),
    path("auth/token/", account_api.token, name="api-token"),
    path("auth/tokens/", account_api.tokens, name="api-tokens"),
    path(
        "auth/tokens/<str:token_id>/",
        account_api.token_revoke,
        name="api-token-revoke",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"
    ),
    path(
        "redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"
    ),
    path("", include("marketplace.api_urls")),
    path("", include("missions.api")),
    path("", include("messaging.api")),
    path("", include("billing.api")),
    path("", include("governance.api")),
    path("", include("spaces.api")),
]
