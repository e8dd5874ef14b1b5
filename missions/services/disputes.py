"""Disputes: a party opens one, a mediator proposes or decides, the mission is settled.

A decision is published as a precedent with the parties' names replaced.
"""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.refusals import Refusal
from marketplace.models import User
from marketplace.roles import MEDIATOR, has_role
from marketplace.selectors import member_for_user

from .. import effects, selectors
from .. import notifications as kinds
from ..models import Dispute, Mission, side_of
from .locks import dispute_select_for_update, mission_select_for_update
from .permissions import acting_member
from .transitions import fire, mission_event, rule_days


def mediator_eligible(*, mission: Mission, user: User) -> bool:
    """A mediator has the role and is never a member of either party."""
    if not has_role(user, MEDIATOR):
        return False
    member = member_for_user(user)
    return side_of(mission, member) is None


def _pick_mediator(mission: Mission) -> User | None:
    """The eligible mediator with the fewest open disputes (None if there is none)."""
    candidates = (
        User.objects.filter(groups__name=MEDIATOR, is_active=True)
        .annotate(
            load=Count(
                "mediated_disputes",
                filter=Q(mediated_disputes__state__in=Dispute.OPEN_STATES),
            )
        )
        .order_by("load", "pk")
    )
    for user in candidates:
        if mediator_eligible(mission=mission, user=user):
            return user
    return None


def _dispute_tell(dispute: Dispute, message) -> None:
    mission = dispute.mission
    effects.tell(
        [*selectors.company_members(mission.organization_id), mission.expert],
        kind=kinds.DISPUTE,
        message=message,
        params={"title": mission.title},
        url=mission.get_absolute_url(),
    )


@transaction.atomic
def dispute_open(*, mission: Mission, by: User, statement: str) -> Dispute:
    """A party opens a dispute with a statement; a mediator is assigned if one is free."""
    if not statement.strip():
        raise ValidationError({"statement": _("State the problem.")})
    mission = mission_select_for_update(mission.pk)
    member = acting_member(by)
    side = side_of(mission, member)
    from_state = fire(mission, "dispute", by=by, reason=statement[:200])
    dispute = Dispute.objects.create(
        mission=mission,
        opened_by=member,
        opened_by_side=side,
        mission_state_before=from_state,
        statement=statement,
        mediator=_pick_mediator(mission),
    )
    effects.audit(
        actor=by, action="dispute.opened", target=dispute, to_state=dispute.state
    )
    mission_event(mission, "dispute", from_state, by, statement[:200])
    return dispute


@transaction.atomic
def dispute_assign_mediator(*, dispute: Dispute, mediator: User, by: User) -> Dispute:
    """Staff assigns (or changes) the mediator of an open dispute."""
    if not (by.is_staff or has_role(by, MEDIATOR)):
        raise PermissionDenied(_("Only staff assigns mediators."))
    dispute = dispute_select_for_update(dispute)
    if dispute.state not in Dispute.OPEN_STATES:
        raise Refusal(_("This dispute is closed."))
    if not mediator_eligible(mission=dispute.mission, user=mediator):
        raise ValidationError(
            {"mediator": _("This person cannot mediate this dispute.")}
        )
    dispute.mediator = mediator
    dispute.save(update_fields=["mediator", "updated_at"])
    effects.audit(
        actor=by,
        action="dispute.mediator",
        target=dispute,
        data={"mediator": str(mediator.pk)},
    )
    return dispute


@transaction.atomic
def dispute_answer(*, dispute: Dispute, by: User, text: str) -> Dispute:
    if not text.strip():
        raise ValidationError({"text": _("Write your answer.")})
    dispute = dispute_select_for_update(dispute)
    fire(dispute, "answer_statement", by=by, reason=text[:200], text=text)
    _dispute_tell(dispute, gettext_lazy("%(title)s: the dispute was answered"))
    return dispute


@transaction.atomic
def dispute_propose(
    *, dispute: Dispute, by: User, resolution: str, outcome: str
) -> Dispute:
    if not resolution.strip() or outcome not in Dispute.Outcome.values:
        raise ValidationError(
            {"resolution": _("Write a resolution and choose its outcome.")}
        )
    dispute = dispute_select_for_update(dispute)
    fire(
        dispute,
        "propose",
        by=by,
        reason=resolution[:200],
        resolution=resolution,
        outcome=outcome,
    )
    _dispute_tell(
        dispute, gettext_lazy("%(title)s: the mediator proposes a resolution")
    )
    return dispute


@transaction.atomic
def dispute_accept_proposal(*, dispute: Dispute, by: User) -> Dispute:
    """A party accepts the mediator's proposal; the second acceptance resolves the dispute."""
    dispute = dispute_select_for_update(dispute)
    side = side_of(dispute.mission, acting_member(by))
    if side is None:
        raise PermissionDenied(_("Only the parties can do this."))
    if dispute.state != Dispute.State.PROPOSED:
        raise Refusal(_("There is no proposal to accept."))
    now = timezone.now()
    setattr(dispute, f"{side}_accepted_at", now)
    dispute.save(update_fields=[f"{side}_accepted_at", "updated_at"])
    effects.audit(
        actor=by, action="dispute.accepted", target=dispute, data={"side": side}
    )
    if dispute.company_accepted_at and dispute.expert_accepted_at:
        fire(dispute, "resolve", by=None, reason=_("Both parties accepted."))
        _settle(dispute, by=by)
    return dispute


@transaction.atomic
def dispute_reject_proposal(*, dispute: Dispute, by: User, reason: str = "") -> Dispute:
    dispute = dispute_select_for_update(dispute)
    fire(dispute, "reject_proposal", by=by, reason=reason)
    _dispute_tell(
        dispute, gettext_lazy("%(title)s: the proposed resolution was rejected")
    )
    return dispute


@transaction.atomic
def dispute_decide(
    *, dispute: Dispute, by: User, decision: str, outcome: str, precedent: str = ""
) -> Dispute:
    """The mediator closes the dispute with a decision, published as an anonymised precedent."""
    if not decision.strip() or outcome not in Dispute.Outcome.values:
        raise ValidationError(
            {"decision": _("Write a decision and choose its outcome.")}
        )
    dispute = dispute_select_for_update(dispute)
    fire(
        dispute,
        "decide",
        by=by,
        reason=decision[:200],
        decision=decision,
        outcome=outcome,
    )
    dispute.precedent = anonymise(text=precedent or decision, mission=dispute.mission)
    dispute.precedent_published_at = timezone.now()
    dispute.save(update_fields=["precedent", "precedent_published_at", "updated_at"])
    _settle(dispute, by=None)
    return dispute


def _settle(dispute: Dispute, *, by: User | None) -> None:
    mission = dispute.mission
    now = timezone.now()
    name = f"settle_{dispute.outcome}"
    kwargs = {}
    if dispute.outcome == Dispute.Outcome.COMPLETE:
        kwargs = {
            "at": now,
            "reviews_due_at": now + rule_days("missions.review_window_days"),
        }
    elif dispute.outcome == Dispute.Outcome.CANCEL:
        kwargs = {"at": now}
    from_state = fire(
        mission, name, by=None, reason=dispute.get_outcome_display(), **kwargs
    )
    mission_event(mission, name, from_state, by, dispute.get_outcome_display())


def anonymise(*, text: str, mission: Mission) -> str:
    """Replace the parties' names, e-mails and organization by neutral words."""
    replacements = {mission.organization.name: _("[the company]")}
    replacements[mission.expert.display_name] = _("[the expert]")
    for member in selectors.company_members(mission.organization_id):
        replacements[member.display_name] = _("[the company]")
    for name, neutral in sorted(replacements.items(), key=lambda item: -len(item[0])):
        if name.strip():
            text = re.sub(re.escape(name), neutral, text, flags=re.IGNORECASE)
    return re.sub(r"[\w.+-]+@[\w-]+\.[\w.-]+", _("[e-mail]"), text)
