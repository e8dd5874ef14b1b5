from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Governance")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # the app's share of "My data" (export) and of the account erasure
        from marketplace.profiles import privacy

        from . import dashboard, navigation, personal_data  # noqa: F401 (dashboard items, nav entries)

        privacy.register_exporter(
            "governance", personal_data.export_governance, label=personal_data.LABEL
        )
        privacy.register_eraser("governance", personal_data.erase_governance)
