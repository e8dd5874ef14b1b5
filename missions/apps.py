from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MissionsConfig(AppConfig):
    name = "missions"
    verbose_name = _("Missions")
    default_auto_field = "django.db.models.BigAutoField"
    dashboard_panels = ["missions/dashboard_panel.html"]

    def ready(self):
        # in ready(): notification kinds register once every app is loaded
        from marketplace.profiles import sections

        from . import (
            notifications,  # noqa: F401
            reputation,
        )

        # the expert profile shows their published reviews
        sections.register(reputation.reviews_section)
