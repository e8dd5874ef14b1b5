from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectConfig(AppConfig):
    """The project itself: settings, URLs, ASGI, and the pages no app owns."""

    name = "config"
    label = "project"
    verbose_name = _("Ouvrage")
