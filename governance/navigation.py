"""Governance's entries in the main navigation: the rules for visitors, governance for members."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core import navigation
from core.navigation import MAIN, NavItem


def nav_items(request, member):
    if not request.user.is_authenticated:
        yield NavItem(
            _("Rules"),
            reverse("governance:rules"),
            icon="journal-text",
            order=20,
            match="/governance/",
        )
        return
    yield NavItem(
        _("Governance"),
        reverse("governance:motions"),
        icon="bank2",
        order=60,
        section=MAIN,
        match="/governance/",
    )


navigation.register(nav_items)
