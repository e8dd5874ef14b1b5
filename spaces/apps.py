from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpacesConfig(AppConfig):
    name = "spaces"
    verbose_name = _("Peer spaces")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import (  # noqa: F401 (nav, e-mail kinds, "My data" part)
            navigation,
            notifications,
            personal_data,
        )
