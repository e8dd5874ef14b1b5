"""Awards: accepting a proposal creates the mission; the expert confirms or declines it.

A withdrawn, declined or lapsed award gives the need back to the company and
puts the proposals it declined back in the running.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.refusals import Refusal
from marketplace.models import User
from marketplace.selectors import profile_for_member
from marketplace.services import identity_reveal

from .. import effects
from ..models import Milestone, Mission, Proposal
from ..models.missions import WHOLE_MISSION
from .locks import (
    mission_select_for_update,
    need_select_for_update,
    proposals_select_for_update,
)
from .needs import award_by
from .permissions import acting_member, check_company_member
from .transitions import fire, mission_event, proposal_event, rule_days


@transaction.atomic
def proposal_accept(*, proposal: Proposal, by: User, reason: str = "") -> Mission:
    """Award the need: accept this proposal, decline the others, create the mission.

    The need's row lock serialises two awards of one need: the second finds
    the need awarded and is refused.
    """
    need = need_select_for_update(proposal.need_id)
    check_company_member(acting_member(by), need.organization_id)
    others = list(proposals_select_for_update(need, state__in=Proposal.ACTIVE_STATES))
    proposal = next((item for item in others if item.pk == proposal.pk), None)
    if proposal is None:
        raise Refusal(_("This proposal can no longer be accepted."))
    proposal.need = need
    fire(need, "award", by=None, reason=reason, data={"proposal": str(proposal.pk)})
    from_state = fire(proposal, "accept", by=by, reason=reason)
    proposal_event(proposal, "accept", from_state, by, reason)
    for other in others:
        if other.pk != proposal.pk:
            other.need = need
            from_state = fire(
                other,
                "decline",
                by=None,
                reason=_("Another proposal was accepted."),
                by_award=True,
            )
            proposal_event(other, "decline", from_state, None)
    mission = Mission(
        need=need,
        proposal=proposal,
        organization_id=need.organization_id,
        expert_id=proposal.expert_id,
        title=need.title,
        agreed_value_cents=proposal.value_cents,
        currency=proposal.currency,
        confirm_by=timezone.now() + rule_days("missions.award_confirmation_days"),
        milestones_left=max(1, len(proposal.milestones or [])),
    )
    mission.full_clean(exclude=["need", "proposal", "state"])
    mission.save()
    parts = proposal.milestones or [
        {"title": str(WHOLE_MISSION), "amount_cents": proposal.value_cents}
    ]
    Milestone.objects.bulk_create(
        Milestone(
            mission=mission,
            position=index,
            title=str(part["title"])[:200],
            amount_cents=part["amount_cents"],
            due_on=_due_on(part),
        )
        for index, part in enumerate(parts, start=1)
    )
    effects.audit(
        actor=by,
        action="mission.awarded",
        target=mission,
        to_state=mission.state,
        reason=reason,
        data={"proposal": str(proposal.pk), "value_cents": mission.agreed_value_cents},
    )
    return mission


def _due_on(part: dict) -> dt.date | None:
    """The date a proposal's milestone promised (ISO in the proposal's JSON)."""
    try:
        return dt.date.fromisoformat(str(part.get("due_on") or ""))
    except ValueError:
        return None


def _reveal_to_client(mission: Mission, by: User) -> None:
    """Confirming a mission is signing a contract: the company learns who the expert is."""
    profile = profile_for_member(mission.expert)
    if profile is not None and profile.pseudonymous:
        identity_reveal(
            profile=profile,
            organization=mission.organization,
            by=by,
            reason=_("Mission confirmed: %(title)s") % {"title": mission.title[:150]},
        )


def _undo_award(mission: Mission, by: User | None, reason: str) -> None:
    """A withdrawn, declined or lapsed award: the need and its proposals come back."""
    need = need_select_for_update(mission.need_id)
    fire(need, "reopen", by=None, reason=reason, award_by=award_by())
    for proposal in proposals_select_for_update(
        need, state=Proposal.State.DECLINED, declined_by_award=True
    ):
        proposal.need = need
        from_state = fire(proposal, "reinstate", by=None, reason=reason)
        proposal_event(proposal, "reinstate", from_state, None)


@transaction.atomic
def mission_confirm(*, mission: Mission, by: User, reason: str = "") -> Mission:
    """The expert confirms the award: the mission starts."""
    mission = mission_select_for_update(mission.pk)
    from_state = fire(mission, "confirm", by=by, reason=reason, at=timezone.now())
    _reveal_to_client(mission, by)
    mission_event(mission, "confirm", from_state, by, reason)
    return mission


@transaction.atomic
def mission_decline_award(*, mission: Mission, by: User, reason: str) -> Mission:
    return mission_unaward("decline_award", mission, by, reason)


@transaction.atomic
def mission_withdraw_award(*, mission: Mission, by: User, reason: str) -> Mission:
    return mission_unaward("withdraw_award", mission, by, reason)


def mission_unaward(
    name: str, mission: Mission, by: User | None, reason: str
) -> Mission:
    """Undo an award of a mission (`lapse` is the timers', with `by` None)."""
    if by is not None and not reason.strip():
        raise ValidationError({"reason": _("Say why.")})
    need = need_select_for_update(mission.need_id)  # lock order: need first
    mission = mission_select_for_update(mission.pk)
    mission.need = need
    kwargs = (
        {"at": timezone.now()}
        if name == "lapse"
        else {"at": timezone.now(), "why": reason}
    )
    from_state = fire(mission, name, by=by, reason=reason, **kwargs)
    _undo_award(mission, by, reason or _("The award lapsed."))
    mission_event(mission, name, from_state, by, reason)
    return mission
