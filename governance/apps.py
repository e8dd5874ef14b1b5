from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Governance")
    default_auto_field = "django.db.models.BigAutoField"
    dashboard_panels = ["governance/dashboard_panel.html"]

    def ready(self):
        from . import rules

        post_migrate.connect(rules.store_defaults, sender=self)
