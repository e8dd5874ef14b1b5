from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground floor: the rules registry and what every app shares."""

    name = "core"
    verbose_name = _("Platform rules")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import rules  # models are loaded only now
        from .observability import tasks  # its signal receivers, connected below

        post_migrate.connect(rules.store_defaults, sender=self)
        tasks.connect()
