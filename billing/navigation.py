"""Billing's entries in the main navigation: membership, and the treasury for treasurers."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import navigation
from core.navigation import ACCOUNT, STAFF, NavItem
from marketplace.role_checks import TREASURER, holds

from .models import BankTransfer


def nav_items(request, member):
    user = request.user
    if member is not None:
        yield NavItem(
            _("Membership"),
            reverse("billing:overview"),
            icon="card-checklist",
            section=ACCOUNT,
            order=20,
            match="/billing/",
        )
    if holds(user, TREASURER):
        pending = BankTransfer.objects.filter(
            status=BankTransfer.Status.PENDING
        ).count()
        yield NavItem(
            _("Treasury"),
            reverse("billing:treasury"),
            icon="bank",
            badge=pending,
            badge_label=ngettext(
                "%(count)s transfer to record",
                "%(count)s transfers to record",
                pending,
            )
            % {"count": pending},
            section=STAFF,
            order=10,
        )


navigation.register(nav_items)
