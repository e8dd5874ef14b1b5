"""Messaging's dashboard item: unread messages."""

from django.urls import reverse
from django.utils.translation import ngettext

from core import dashboard
from core.dashboard import WAITING, DashboardItem

from .selectors import unread_total


def dashboard_items(request, member):
    if member is None:
        return
    count = unread_total(member=member)
    yield DashboardItem(
        WAITING,
        ngettext("%(count)s unread message", "%(count)s unread messages", count)
        % {"count": count},
        reverse("missions:conversations"),
        count=count,
        icon="chat-dots",
        priority=40,
    )


dashboard.register(dashboard_items)
