from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "messaging"
    verbose_name = _("Messaging")
    default_auto_field = "django.db.models.BigAutoField"
    dashboard_panels = ["messaging/conversations_panel.html"]

    def ready(self):
        # in ready(): receivers and jobs register once every app is loaded
        from . import (
            notifications,  # noqa: F401 (registers the digest's notification kind)
            receivers,  # noqa: F401 (system messages, participants kept in step)
            timers,  # noqa: F401 (registers the digest job)
        )
