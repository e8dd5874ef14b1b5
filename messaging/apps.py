from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "messaging"
    verbose_name = _("Messaging")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # in ready(): receivers and jobs register once every app is loaded
        from . import (  # noqa: F401 (dashboard items, nav entries, "My data" parts)
            dashboard,
            navigation,
            notifications,
            personal_data,
            receivers,
            timers,
        )
