from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "marketplace"
    verbose_name = _("Marketplace")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import (  # noqa: F401 (dashboard items, nav entries, /metrics probes)
            dashboard,
            navigation,
            periodic,
            roles,  # why: ready() runs once models load; roles and sites use them
            sites,
        )

        # after every app's migrations, so all permissions exist
        post_migrate.connect(lambda **kwargs: roles.sync_roles(), weak=False)
        # the site allauth names in its e-mails: Ouvrage, not "example.com"
        post_migrate.connect(sites.sync_site, sender=self, weak=False)
