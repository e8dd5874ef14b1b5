from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = _("Billing")
    default_auto_field = "django.db.models.BigAutoField"
    dashboard_panels = ["billing/dashboard_panel.html"]

    def ready(self):
        from . import services  # noqa: F401  (registers the notification kinds)
