"""Governance's dashboard item: votes open where the member may vote and has not yet."""

from django.urls import reverse
from django.utils.translation import ngettext

from core import dashboard
from core.dashboard import WAITING, DashboardItem

from .selectors import is_voter, open_votes_for


def dashboard_items(request, member):
    if member is None or not is_voter(member):
        return
    to_vote = [motion for motion, voted in open_votes_for(member) if not voted]
    count = len(to_vote)
    url = (
        reverse("governance:motion_vote", args=[to_vote[0].pk])
        if count == 1
        else reverse("governance:motions") + "?state=voting"
    )
    yield DashboardItem(
        WAITING,
        ngettext("%(count)s vote open to you", "%(count)s votes open to you", count)
        % {"count": count},
        url,
        count=count,
        icon="check2-square",
        priority=45,
    )


dashboard.register(dashboard_items)
