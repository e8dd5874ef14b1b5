from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MissionsConfig(AppConfig):
    name = "missions"
    verbose_name = _("Missions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # in ready(): notification kinds register once every app is loaded
        from marketplace.profiles import sections

        from . import (  # noqa: F401 (dashboard items, nav entries, "My data" parts)
            dashboard,
            navigation,
            notifications,
            personal_data,
            reputation,
        )

        # the expert profile shows their published reviews
        sections.register(reputation.reviews_section)
