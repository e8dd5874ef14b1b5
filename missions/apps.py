from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MissionsConfig(AppConfig):
    name = "missions"
    verbose_name = _("Missions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # in ready(): notification kinds register once every app is loaded
        from marketplace.profiles import sections

        from . import (  # noqa: F401 (dashboard items, nav entries)
            dashboard,
            navigation,
            notifications,
            reputation,
        )

        # the expert profile shows their published reviews
        sections.register(reputation.reviews_section)

        # the app's share of "My data" (export) and of the account erasure
        from marketplace.profiles import privacy

        from . import personal_data

        privacy.register_exporter(
            "missions", personal_data.export_missions, label=personal_data.LABEL
        )
        privacy.register_eraser("missions", personal_data.erase_missions)
