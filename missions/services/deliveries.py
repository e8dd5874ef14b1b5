"""Milestones and deliveries: the expert delivers, the company accepts or asks for changes.

Silence is acceptance: the timers accept a delivery left unanswered after the
delay through `mission_accept_locked`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.models import User

from .. import files as mission_files
from ..models import Delivery, Milestone, Mission
from .locks import milestone_current_select_for_update, mission_select_for_update
from .permissions import acting_member
from .transitions import fire, mission_event, rule_days


@transaction.atomic
def mission_deliver(
    *, mission: Mission, by: User, message: str, files: Sequence = ()
) -> Delivery:
    """The expert delivers the current milestone with a message and files."""
    mission = mission_select_for_update(mission.pk)
    if not message.strip():
        raise ValidationError({"message": _("Describe what you deliver.")})
    milestone = milestone_current_select_for_update(mission)
    from_state = fire(mission, "deliver", by=by, reason=message[:200])
    now = timezone.now()
    fire(
        milestone,
        "deliver",
        by=None,
        at=now,
        auto_accept_at=now + rule_days("missions.auto_accept_days"),
    )
    delivery = Delivery.objects.create(
        mission=mission, milestone=milestone, author=acting_member(by), message=message
    )
    for upload in files:
        mission_files.store(
            upload=upload, owner={"delivery": delivery}, by=delivery.author
        )
    mission_event(mission, "deliver", from_state, by, message[:200])
    return delivery


@transaction.atomic
def mission_request_changes(*, mission: Mission, by: User, reason: str) -> Mission:
    """The company sends the current delivery back, saying what to change."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say which changes you need.")})
    mission = mission_select_for_update(mission.pk)
    milestone = milestone_current_select_for_update(mission)
    from_state = fire(mission, "request_changes", by=by, reason=reason)
    fire(milestone, "request_changes", by=None, reason=reason)
    Delivery.objects.filter(milestone=milestone, answer="").update(answer=reason)
    mission_event(mission, "request_changes", from_state, by, reason)
    return mission


@transaction.atomic
def mission_resume(*, mission: Mission, by: User, reason: str = "") -> Mission:
    mission = mission_select_for_update(mission.pk)
    from_state = fire(mission, "resume", by=by, reason=reason)
    mission_event(mission, "resume", from_state, by, reason)
    return mission


@transaction.atomic
def mission_accept(*, mission: Mission, by: User | None, reason: str = "") -> Mission:
    """Accept the current delivery (by the company, or by silence when `by` is None)."""
    mission = mission_select_for_update(mission.pk)
    return mission_accept_locked(mission, by=by, reason=reason)


def mission_accept_locked(
    mission: Mission,
    *,
    by: User | None,
    reason: str,
    milestone: Milestone | None = None,
    save: bool = True,
    at: dt.datetime | None = None,
) -> Mission:
    """Accept the current milestone of a locked mission (and complete it if last).

    The timer passes the milestone it locked and save=False, then bulk-updates.
    """
    milestone = milestone or milestone_current_select_for_update(mission)
    now = at or timezone.now()
    if mission.milestones_left > 1:
        name, kwargs = "accept_milestone", {}
    else:
        name = "complete"
        kwargs = {
            "at": now,
            "reviews_due_at": now + rule_days("missions.review_window_days"),
        }
    if by is None:
        reason = reason or _("Accepted by silence after the delay.")
    from_state = fire(mission, name, by=by, reason=reason, save=save, **kwargs)
    fire(
        milestone,
        "accept",
        by=None,
        reason=reason,
        save=save,
        at=now,
        by_silence=by is None,
    )
    mission_event(mission, name, from_state, by, reason)
    return mission
