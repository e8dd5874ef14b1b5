"""The open accounts, in the main navigation for everyone."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core import navigation
from core.navigation import MAIN, NavItem


def nav_items(request, member):
    yield NavItem(
        _("Open accounts"),
        reverse("transparency:dashboard"),
        icon="bar-chart-line",
        order=25 if not request.user.is_authenticated else 70,
        section=MAIN,
        match="/transparency/",
    )


navigation.register(nav_items)
