"""Spaces' entry in the main navigation: experts only (nobody else sees inside)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core import navigation
from core.navigation import MAIN, NavItem


def nav_items(request, member):
    if member is None or not member.is_expert:
        return
    yield NavItem(
        _("Peer spaces"),
        reverse("spaces:list"),
        icon="people",
        section=MAIN,
        order=55,
        match="/spaces/",
    )


navigation.register(nav_items)
