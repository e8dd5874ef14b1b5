"""Billing's dashboard items: the membership step, and transfers for the treasurer."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import dashboard
from core.dashboard import STEP, WAITING, DashboardItem
from marketplace.role_checks import TREASURER, holds

from .models import BankTransfer
from .selectors import membership_is_active


def dashboard_items(request, member):
    if member is not None:
        yield DashboardItem(
            STEP,
            _("Pay your yearly membership"),
            reverse("billing:overview"),
            icon="card-checklist",
            priority=20,
            done=membership_is_active(member),
            hint=_(
                "By card or by bank transfer: it opens proposals, missions and votes."
            ),
        )
    if holds(request.user, TREASURER):
        count = BankTransfer.objects.filter(status=BankTransfer.Status.PENDING).count()
        yield DashboardItem(
            WAITING,
            ngettext(
                "%(count)s bank transfer to record",
                "%(count)s bank transfers to record",
                count,
            )
            % {"count": count},
            reverse("billing:treasury"),
            count=count,
            icon="bank",
            priority=50,
        )


dashboard.register(dashboard_items)
