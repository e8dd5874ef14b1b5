"""Messaging's entry in the main navigation: conversations, with the unread count."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import navigation
from core.navigation import MAIN, NavItem

from .selectors import unread_total


def nav_items(request, member):
    if member is None:
        return
    unread = unread_total(member=member)
    yield NavItem(
        _("Conversations"),
        reverse("missions:conversations"),
        icon="chat-dots",
        badge=unread,
        badge_label=ngettext("%(count)s unread", "%(count)s unread", unread)
        % {"count": unread},
        section=MAIN,
        order=50,
        match="/missions/conversations/",
    )


navigation.register(nav_items)
