from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = _("Billing")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # the app's share of "My data" (export) and of the account erasure
        from marketplace.profiles import privacy

        from . import (  # noqa: F401 (dashboard items, nav entries)
            dashboard,
            navigation,
            personal_data,
            services,
        )

        privacy.register_exporter(
            "billing", personal_data.export_billing, label=personal_data.LABEL
        )
        privacy.register_eraser("billing", personal_data.erase_billing)
