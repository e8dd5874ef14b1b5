"""Missions' entries in the main navigation (see core.navigation)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import navigation
from core.navigation import MAIN, STAFF, NavItem
from marketplace.role_checks import MEDIATOR, holds

from .models import Dispute


def nav_items(request, member):
    user = request.user
    if not user.is_authenticated:
        return
    if member is not None and member.is_company:
        yield NavItem(
            _("My needs"),
            reverse("missions:needs"),
            icon="clipboard-check",
            order=20,
            match="/missions/needs/",
        )
    if member is not None and member.is_expert:
        yield NavItem(
            _("Needs for me"),
            reverse("missions:needs"),
            icon="search",
            order=20,
            match="/missions/needs/",
        )
        yield NavItem(
            _("My proposals"),
            reverse("missions:proposals"),
            icon="send",
            order=25,
            match="/missions/proposals/",
        )
    if member is not None:
        yield NavItem(
            _("Missions"),
            reverse("missions:missions"),
            icon="briefcase",
            order=27,
            section=MAIN,
        )
    if holds(user, MEDIATOR):
        assigned = Dispute.objects.filter(
            mediator=user, state__in=Dispute.OPEN_STATES
        ).count()
        yield NavItem(
            _("Disputes to mediate"),
            reverse("missions:missions"),
            icon="people-fill",
            badge=assigned,
            badge_label=ngettext("%(count)s open", "%(count)s open", assigned)
            % {"count": assigned},
            section=STAFF,
            order=30,
        )


navigation.register(nav_items)
