"""How a missions service fires a transition and tells people what happened.

`fire` refuses (Refusal, 409) what the state does not allow and
(PermissionDenied, 403) what the actor may not do, saves, and writes the audit
line (who, when, from, to, why). `mission_event` and `proposal_event` notify
the other party in the same transaction and send the signals after commit.

`by` is the acting User; `None` means the system (timers, consequences).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import ConcurrentTransition, can_proceed, has_transition_perm

from core import rules
from core.refusals import Refusal
from marketplace.models import Member, User
from marketplace.selectors import member_for_user

from .. import effects, selectors
from .. import notifications as kinds
from ..models import Mission, Proposal, side_of
from ..signals import mission_transitioned, proposal_transitioned

# what the other party reads when a mission transition happens
MISSION_MESSAGES = {
    "confirm": gettext_lazy("%(title)s: the expert confirmed the mission"),
    "decline_award": gettext_lazy("%(title)s: the expert declined the award"),
    "withdraw_award": gettext_lazy("%(title)s: the company withdrew the award"),
    "lapse": gettext_lazy("%(title)s: the award lapsed without confirmation"),
    "deliver": gettext_lazy("%(title)s: a delivery is waiting for your answer"),
    "request_changes": gettext_lazy("%(title)s: the company asks for changes"),
    "resume": gettext_lazy("%(title)s: the expert is working on the changes"),
    "accept_milestone": gettext_lazy("%(title)s: a milestone was accepted"),
    "complete": gettext_lazy("%(title)s: the mission is completed"),
    "cancel": gettext_lazy("%(title)s: the mission is cancelled"),
    "dispute": gettext_lazy("%(title)s: a dispute was opened"),
    "settle_resume": gettext_lazy(
        "%(title)s: the dispute is settled, the mission resumes"
    ),
    "settle_complete": gettext_lazy(
        "%(title)s: the dispute is settled, the mission is completed"
    ),
    "settle_cancel": gettext_lazy(
        "%(title)s: the dispute is settled, the mission is cancelled"
    ),
}
PROPOSAL_MESSAGES = {
    "shortlist": gettext_lazy("%(title)s: your proposal is shortlisted"),
    "accept": gettext_lazy("%(title)s: your proposal is accepted, confirm the mission"),
    "decline": gettext_lazy("%(title)s: your proposal was not retained"),
    "withdraw": gettext_lazy("%(title)s: an expert withdrew their proposal"),
    "reinstate": gettext_lazy("%(title)s: your proposal is back in the running"),
}


def fire(
    obj, name: str, *, by: User | None, reason: str = "", data=None, save=True, **kwargs
) -> str:
    """Run transition `name` on a locked `obj`, save it and audit it; return from_state.

    save=False leaves the save to a caller that bulk-updates rows it holds locked.
    """
    method = getattr(obj, name)
    if not can_proceed(method):
        raise Refusal(
            _("This is not possible in the state “%(state)s”.")
            % {"state": obj.get_state_display()}
        )
    if by is not None and not has_transition_perm(method, by):
        raise PermissionDenied(_("You may not do this."))
    from_state = obj.state
    method(**kwargs)
    try:
        if save:
            obj.save()
    except ConcurrentTransition as exc:
        raise Refusal(_("Someone changed this at the same moment.")) from exc
    effects.audit(
        actor=by,
        action=f"{obj._meta.model_name}.{name}",
        target=obj,
        from_state=from_state,
        to_state=obj.state,
        reason=reason,
        data=data,
    )
    return from_state


def rule_days(key: str) -> dt.timedelta:
    """A delay of the rules registry (in days), read once per batch."""
    return dt.timedelta(days=effects.cached(("rule", key), lambda: rules.get(key)))


def prime_company_members(organization_ids) -> None:
    """Read the company members of many organizations in one query (for a batch)."""
    found: dict = {organization_id: [] for organization_id in organization_ids}
    for member in Member.objects.filter(
        organization_id__in=found, community=Member.Community.COMPANY
    ).select_related("user"):
        found[member.organization_id].append(member)
    for organization_id, members in found.items():
        effects.prime(("company", organization_id), members)


def mission_event(
    mission: Mission, name: str, from_state: str, by: User | None, reason: str
):
    """Tell the other party, and after commit send `mission_transitioned`."""
    actor = member_for_user(by) if by is not None else None
    actor_side = side_of(mission, actor)
    recipients = []
    if actor_side != "company":
        recipients += effects.cached(
            ("company", mission.organization_id),
            lambda: list(selectors.company_members(mission.organization_id)),
        )
    if actor_side != "expert":
        recipients.append(mission.expert)
    effects.tell(
        recipients,
        kind=kinds.MISSION if name != "deliver" else kinds.DELIVERY,
        message=MISSION_MESSAGES[name],
        params={"title": mission.title},
        url=mission.get_absolute_url(),
    )
    to_state = mission.state
    transaction.on_commit(
        lambda: mission_transitioned.send(
            sender=Mission,
            mission=mission,
            transition=name,
            from_state=from_state,
            to_state=to_state,
            actor=by,
            reason=reason,
        )
    )


def proposal_event(
    proposal: Proposal, name: str, from_state: str, by, reason: str = ""
):
    """Tell the expert (the company for a withdrawal); after commit send the signal."""
    if name == "withdraw":
        recipients = list(selectors.company_members(proposal.need.organization_id))
    else:
        recipients = [proposal.expert]
    effects.tell(
        recipients,
        kind=kinds.PROPOSAL,
        message=PROPOSAL_MESSAGES[name],
        params={"title": proposal.need.title},
        url=proposal.get_absolute_url(),
    )
    to_state = proposal.state
    transaction.on_commit(
        lambda: proposal_transitioned.send(
            sender=Proposal,
            proposal=proposal,
            transition=name,
            from_state=from_state,
            to_state=to_state,
            actor=by,
            reason=reason,
        )
    )
