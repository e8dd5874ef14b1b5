from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Public site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import navigation, personal_data  # noqa: F401 (nav entries, "My data" part)
        from .setup import ensure_home_page  # models are loaded only now

        post_migrate.connect(ensure_home_page, sender=self)
