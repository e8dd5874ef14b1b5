"""What every governance write shares: the motion's lock, its FSM
transitions, and the checks of who may act."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, TransitionNotAllowed

from core.refusals import Refusal
from marketplace.models import Member, User
from marketplace.services import audit_record

from ..models import Motion
from ..selectors import is_voter


def clock(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def user_of(member: Member | None) -> User | None:
    return member.user if member is not None else None


def motion_select_for_update(motion: Motion) -> Motion:
    return Motion.objects.select_for_update().get(pk=motion.pk)


def save_transition(obj, *, update_fields: list[str]) -> None:
    try:
        obj.save(update_fields=[*update_fields, "updated_at"])
    except ConcurrentTransition:
        raise Refusal(
            _("Someone changed this motion at the same time. Reload and try again.")
        ) from None


def check_voter(member: Member | None) -> Member:
    if not is_voter(member):
        raise Refusal(
            _("Only members with an active membership take part in governance."),
            code="not_voter",
            status=403,
        )
    return member


def check_author(motion: Motion, member: Member) -> None:
    if motion.author_id != member.pk:
        raise Refusal(
            _("Only the motion's author can do this."), code="forbidden", status=403
        )


# the fields each transition changes, besides state and enactment
_FIELDS = {
    "open_vote": ["voting_opens_at", "voting_closes_at", "parameters", "supermajority"],
    "adopt": ["closed_at"],
    "reject": ["closed_at"],
    "schedule": ["effective_at"],
    "enact": ["enacted_at"],
}


def motion_transition(
    *,
    motion: Motion,
    by: Member | None,
    action: str,
    method: str,
    reason: str = "",
    **kwargs,
) -> Motion:
    """Run one FSM transition on a locked motion, save it and audit it."""
    locked = motion_select_for_update(motion)
    before = locked.state, locked.enactment
    try:
        getattr(locked, method)(**kwargs)
    except TransitionNotAllowed:
        raise Refusal(
            _("This is not possible while the motion is %(state)s.")
            % {"state": locked.get_state_display().lower()}
        ) from None
    fields = ["state", "enactment", *_FIELDS.get(method, [])]
    save_transition(locked, update_fields=fields)
    changed_state = locked.state != before[0]
    audit_record(
        actor=user_of(by),
        action=action,
        target=locked,
        from_state=before[0] if changed_state else before[1],
        to_state=locked.state if changed_state else locked.enactment,
        reason=reason,
    )
    return locked
