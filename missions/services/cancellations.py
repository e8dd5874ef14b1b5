"""Cancelling a started mission: one party asks, the other agrees."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.refusals import Refusal
from marketplace.models import User

from .. import effects, selectors
from .. import notifications as kinds
from ..models import Mission, side_of
from .locks import mission_select_for_update
from .permissions import acting_member
from .transitions import fire, mission_event


@transaction.atomic
def mission_request_cancellation(*, mission: Mission, by: User, reason: str) -> Mission:
    """A party asks to cancel a started mission; the other agrees with mission_cancel."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why.")})
    mission = mission_select_for_update(mission.pk)
    side = side_of(mission, acting_member(by))
    if side is None:
        raise PermissionDenied(_("Only the parties can do this."))
    if mission.state not in Mission.WORKING:
        raise Refusal(_("This mission cannot be cancelled now."))
    mission.cancellation_requested_by, mission.cancellation_reason = side, reason
    mission.save(
        update_fields=["cancellation_requested_by", "cancellation_reason", "updated_at"]
    )
    effects.audit(
        actor=by, action="mission.cancellation_requested", target=mission, reason=reason
    )
    effects.tell(
        [mission.expert]
        if side == "company"
        else selectors.company_members(mission.organization_id),
        kind=kinds.MISSION,
        message=gettext_lazy("%(title)s: the other party asks to cancel the mission"),
        params={"title": mission.title},
        url=mission.get_absolute_url(),
    )
    return mission


@transaction.atomic
def mission_cancel(*, mission: Mission, by: User, reason: str = "") -> Mission:
    """Cancel by agreement: the party who did not ask agrees."""
    mission = mission_select_for_update(mission.pk)
    from_state = fire(mission, "cancel", by=by, reason=reason, at=timezone.now())
    mission_event(mission, "cancel", from_state, by, reason)
    return mission
