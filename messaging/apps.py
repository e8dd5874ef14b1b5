from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "messaging"
    verbose_name = _("Messaging")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # in ready(): receivers and jobs register once every app is loaded
        # the app's share of "My data" (export) and of the account erasure
        from marketplace.profiles import privacy

        from . import (  # noqa: F401 (dashboard items, nav entries)
            dashboard,
            navigation,
            notifications,
            personal_data,
            receivers,
            timers,
        )

        privacy.register_exporter(
            "messages", personal_data.export_messages, label=personal_data.LABEL
        )
        privacy.register_eraser("messages", personal_data.erase_messages)
