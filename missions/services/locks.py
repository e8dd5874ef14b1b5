"""Row locks of the missions services, taken in one order everywhere.

need → proposals → mission → milestone → dispute: a service (or a timer) that
needs several rows locks them in this order, so two of them never wait for
each other in opposite orders. Lists of rows are locked in primary key order.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core.refusals import Refusal

from ..models import Dispute, Milestone, Mission, Need, Proposal


def _select_for_update(model, pk):
    try:
        return model.objects.select_for_update().get(pk=pk)
    except model.DoesNotExist:
        raise Refusal(_("This no longer exists.")) from None


def need_select_for_update(pk) -> Need:
    return _select_for_update(Need, pk)


def proposal_select_for_update(pk) -> Proposal:
    return _select_for_update(Proposal, pk)


def proposals_select_for_update(need: Need, **filters) -> QuerySet[Proposal]:
    """The need's proposals matching `filters`, locked in primary key order."""
    return (
        Proposal.objects.select_for_update().filter(need=need, **filters).order_by("pk")
    )


def mission_select_for_update(pk) -> Mission:
    return _select_for_update(Mission, pk)


def milestone_current_select_for_update(mission: Mission) -> Milestone:
    """The first milestone of a locked mission not accepted yet, locked."""
    milestone = (
        Milestone.objects.select_for_update()
        .filter(mission=mission)
        .exclude(state=Milestone.State.ACCEPTED)
        .order_by("position")
        .first()
    )
    if milestone is None:
        raise Refusal(_("Every milestone is already accepted."))
    return milestone


def dispute_select_for_update(dispute: Dispute) -> Dispute:
    """Lock the dispute's mission, then the dispute (the services' lock order)."""
    mission = mission_select_for_update(dispute.mission_id)
    dispute = _select_for_update(Dispute, dispute.pk)
    dispute.mission = mission
    return dispute
