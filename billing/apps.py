from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = _("Billing")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import (  # noqa: F401 (dashboard items, nav entries, /metrics probes, "My data" parts)
            dashboard,
            metrics,
            navigation,
            personal_data,
            services,
        )
