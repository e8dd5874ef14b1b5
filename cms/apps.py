from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Public site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # nav entries, the "My data" part, and the receiver of transparency's month_sealed
        from . import navigation, personal_data, reports  # noqa: F401
        from .setup import ensure_home_page  # models are loaded only now

        post_migrate.connect(ensure_home_page, sender=self)
