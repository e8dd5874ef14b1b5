"""Root URLs. Each app mounts its own urls.py; Wagtail serves what is left."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from cms import reports as site_reports
from cms import views as site_views
from core.observability.metrics import metrics_view
from marketplace import security_views
from marketplace import views as account_views
from messaging import urls as messaging_urls
from missions import urls as missions_urls

from . import views

# conversations keep the paths and names they had inside missions
# (/missions/conversations/..., "missions:conversation"): mounted here, since
# missions may not import messaging
_missions_and_conversations = [
    *missions_urls.urlpatterns,
    path("conversations/", include(messaging_urls)),
]

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("metrics", metrics_view, name="metrics"),
    # the admin sites' sign-in pages skip the second factor: allauth's instead
    path("admin/login/", views.admin_sign_in),
    path("cms-admin/login/", views.admin_sign_in),
    path("admin/", admin.site.urls),
    path("cms-admin/", include(wagtailadmin_urls)),
    path("accounts/", include("allauth.urls")),
    # Django's set_language, reading `next` in the chosen language (cms.views)
    path("i18n/setlang/", site_views.set_language, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/", include("config.api_urls")),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("design-system/", views.design_system, name="design_system"),
    path(
        "notifications/read/",
        account_views.notifications_read,
        name="notifications_read",
    ),
    path(
        "settings/e-mails/", account_views.email_preferences, name="email_preferences"
    ),
    path("settings/api-tokens/", security_views.tokens, name="settings_tokens"),
    path(
        "settings/api-tokens/<str:token_id>/revoke/",
        security_views.token_revoke,
        name="settings_token_revoke",
    ),
    # staff without two-factor authentication land here (config.middleware)
    path(
        "settings/two-factor/",
        security_views.two_factor_required,
        name="two_factor_required",
    ),
    path("", include("marketplace.urls")),
    path("missions/", include((_missions_and_conversations, "missions"))),
    path("billing/", include("billing.urls")),
    path("governance/", include("governance.urls")),
    path("spaces/", include("spaces.urls")),
    # the one archive of monthly reports is the Wagtail index (cms.reports)
    path("transparency/reports/", site_reports.archive, name="report_archive"),
    path("transparency/", include("transparency.urls")),
    path("", include("cms.urls")),
]
# the public pages: French at unprefixed addresses, English under /en/
# (cms.middleware.LocaleMiddleware keeps the reader's language elsewhere)
handler404 = "cms.views.page_not_found"
handler500 = "cms.views.server_error"
urlpatterns += i18n_patterns(
    path("", include(wagtail_urls)), prefix_default_language=False
)

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns = staticfiles_urlpatterns() + urlpatterns
