"""Governance's dashboard items: each vote open to the member, and adopted
motions whose review date has come (with their indicator's current value)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core import dashboard
from core.dashboard import WAITING, DashboardItem
from core.templatetags.ui import format_when

from . import indicators
from .selectors import is_voter, open_votes_for


def dashboard_items(request, member):
    if member is not None and is_voter(member):
        for motion, voted in open_votes_for(member):
            if voted:
                continue
            yield DashboardItem(
                WAITING,
                _("Vote on “%(title)s”") % {"title": motion.title},
                reverse("governance:motion_vote", args=[motion.pk]),
                count=1,
                icon="check2-square",
                priority=45,
                hint=_("Voting closes on %(date)s.")
                % {"date": format_when(motion.voting_closes_at)},
            )
    if member is None:
        return
    for motion, value in indicators.motions_for_review():
        label = indicators.INDICATORS[motion.indicator].label
        yield DashboardItem(
            WAITING,
            _("Review the adopted motion “%(title)s”") % {"title": motion.title},
            reverse("governance:motion", args=[motion.pk]),
            count=1,
            icon="arrow-counterclockwise",
            priority=70,
            hint=_("%(indicator)s: %(value)s") % {"indicator": label, "value": value},
        )


dashboard.register(dashboard_items)
