"""Spaces' entry in the main navigation: experts only (nobody else sees inside)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core import navigation
from core.navigation import MAIN, STAFF, NavItem


def nav_items(request, member):
    if getattr(request.user, "is_superuser", False):
        yield NavItem(
            _("Spaces (platform)"),
            reverse("spaces:staff"),
            icon="people",
            section=STAFF,
            order=80,
        )
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
