"""Every write of missions: needs, proposals, missions, deliveries, disputes, reviews.

Each public function is keyword-only and runs in one transaction. Transitions
are fired by `_fire`: it refuses (TransitionRefused, 409) what the state does
not allow and (PermissionDenied, 403) what the actor may not do, saves, and
writes the audit line (who, when, from, to, why). Rows are locked with
select_for_update in one order: need → proposals → mission → milestone →
dispute. Notifications are rows written in the same transaction (their
e-mails leave after commit); signals are sent after commit.

`by` is the acting User; `None` means the system (timers, consequences).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import ConcurrentTransition, can_proceed, has_transition_perm

from billing.selectors import membership_is_active
from core import rules
from marketplace.models import Member, User
from marketplace.roles import MEDIATOR, has_role
from marketplace.selectors import member_for_user

from . import effects, selectors
from . import files as mission_files
from . import notifications as kinds
from .errors import TransitionRefused
from .models import (
    CRITERIA,
    Delivery,
    Dispute,
    Invoice,
    Milestone,
    Mission,
    Need,
    NeedInvitation,
    NeedSkill,
    Proposal,
    ProposalRevision,
    Review,
    side_of,
)
from .signals import mission_transitioned, proposal_transitioned

NEED_FIELDS = (
    "title",
    "context",
    "deliverables",
    "languages",
    "place",
    "location",
    "start_date",
    "duration_days",
    "budget_min_cents",
    "budget_max_cents",
    "contract_type",
    "proposals_deadline",
    "visibility",
    "screening_questions",
)
PROPOSAL_FIELDS = (
    "approach",
    "total_cents",
    "day_rate_cents",
    "estimated_days",
    "milestones",
    "start_date",
    "duration_days",
    "answers",
    "reveal_identity",
)

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


# --- shared machinery -----------------------------------------------------------------


def _fire(
    obj, name: str, *, by: User | None, reason: str = "", data=None, save=True, **kwargs
) -> str:
    """Run transition `name` on a locked `obj`, save it and audit it; return from_state.

    save=False leaves the save to a caller that bulk-updates rows it holds locked.
    """
    method = getattr(obj, name)
    if not can_proceed(method):
        raise TransitionRefused(
            _("This is not possible while it is %(state)s.")
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
        raise TransitionRefused(_("Someone changed this at the same moment.")) from exc
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


def _member(by: User) -> Member:
    member = member_for_user(by)
    if member is None:
        raise PermissionDenied(_("Only members can do this."))
    return member


def _require_membership(member: Member) -> None:
    if not membership_is_active(member):
        raise PermissionDenied(_("This needs an active membership."))


def _tell(members: Iterable[Member], *, kind: str, message, params: dict, url: str):
    effects.tell(members, kind=kind, message=message, params=params, url=url)


def prime_company_members(organization_ids) -> None:
    """Read the company members of many organizations in one query (for a batch)."""
    found: dict = {organization_id: [] for organization_id in organization_ids}
    for member in Member.objects.filter(
        organization_id__in=found, community=Member.Community.COMPANY
    ).select_related("user"):
        found[member.organization_id].append(member)
    for organization_id, members in found.items():
        effects.prime(("company", organization_id), members)


def _mission_event(
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
    _tell(
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


def _proposal_event(
    proposal: Proposal, name: str, from_state: str, by, reason: str = ""
):
    if name == "withdraw":
        recipients = list(selectors.company_members(proposal.need.organization_id))
    else:
        recipients = [proposal.expert]
    _tell(
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


def _days(key: str) -> dt.timedelta:
    return dt.timedelta(days=effects.cached(("rule", key), lambda: rules.get(key)))


def _lock(model, pk):
    try:
        return model.objects.select_for_update().get(pk=pk)
    except model.DoesNotExist:
        raise TransitionRefused(_("This no longer exists.")) from None


def _company_member_of(member: Member, organization_id) -> None:
    if not (member.is_company and member.organization_id == organization_id):
        raise PermissionDenied(_("Only the company's members can do this."))


# --- needs --------------------------------------------------------------------------------


def _need_clean(need: Need) -> None:
    if need.contract_type not in Need.ContractType.values:
        raise ValidationError({"contract_type": _("Choose a contract type.")})
    need.full_clean(exclude=["organization", "author", "state"])


def _need_skills_set(need: Need, skills: dict, member: Member) -> None:
    """Replace the skills a need asks for: {skill id: weight 1..5} (merges followed)."""
    from marketplace.services import skill_resolve

    wanted = {}
    for skill_id, weight in skills.items():
        skill = skill_resolve(skill_id=skill_id, member=member)
        if not isinstance(weight, int) or not 1 <= weight <= 5:
            raise ValidationError({"skills": _("Each skill weighs from 1 to 5.")})
        wanted[skill.pk] = weight
    NeedSkill.objects.filter(need=need).exclude(skill_id__in=wanted).delete()
    for skill_id, weight in wanted.items():
        NeedSkill.objects.update_or_create(
            need=need, skill_id=skill_id, defaults={"weight": weight}
        )
    need.skill_weights = {str(skill_id): weight for skill_id, weight in wanted.items()}
    need.skill_weight_total = sum(wanted.values())
    need.save(update_fields=["skill_weights", "skill_weight_total"])


@transaction.atomic
def need_create(*, by: User, skills: dict | None = None, **fields) -> Need:
    """A draft need of the member's organization; `skills` is {skill id: weight 1..5}."""
    member = _member(by)
    if not member.is_company:
        raise PermissionDenied(_("Only company members post needs."))
    unknown = set(fields) - set(NEED_FIELDS)
    if unknown:
        raise ValidationError({field: _("Unknown field.") for field in unknown})
    need = Need(organization_id=member.organization_id, author=member, **fields)
    _need_clean(need)
    need.save()
    if skills:
        _need_skills_set(need, skills, member)
    effects.audit(actor=by, action="need.created", target=need, to_state=need.state)
    return need


@transaction.atomic
def need_update(*, need: Need, by: User, skills: dict | None = None, **fields) -> Need:
    """Edit a draft or published need; experts who already answered are told."""
    need = _lock(Need, need.pk)
    member = _member(by)
    _company_member_of(member, need.organization_id)
    if need.state not in (Need.State.DRAFT, Need.State.PUBLISHED):
        raise TransitionRefused(_("Only a draft or published need can be edited."))
    changed = [
        name
        for name in NEED_FIELDS
        if name in fields and getattr(need, name) != fields[name]
    ]
    for name in changed:
        setattr(need, name, fields[name])
    _need_clean(need)
    need.save(update_fields=[*changed, "updated_at"])
    if skills is not None:
        before = dict(
            NeedSkill.objects.filter(need=need).values_list("skill_id", "weight")
        )
        _need_skills_set(need, skills, member)
        if before != dict(
            NeedSkill.objects.filter(need=need).values_list("skill_id", "weight")
        ):
            changed.append("skills")
    effects.audit(
        actor=by, action="need.updated", target=need, data={"fields": changed}
    )
    if need.state == Need.State.PUBLISHED and changed:
        answered = Member.objects.filter(
            proposals__need=need, proposals__state__in=Proposal.ACTIVE_STATES
        ).distinct()
        _tell(
            answered,
            kind=kinds.NEED,
            message=gettext_lazy("%(title)s: the company edited the need you answered"),
            params={"title": need.title},
            url=need.get_absolute_url(),
        )
    return need


@transaction.atomic
def need_publish(*, need: Need, by: User, reason: str = "") -> Need:
    need = _lock(Need, need.pk)
    member = _member(by)
    _company_member_of(member, need.organization_id)
    _require_membership(member)
    if need.proposals_deadline <= timezone.now():
        raise ValidationError(
            {"proposals_deadline": _("The deadline must be in the future.")}
        )
    _fire(need, "publish", by=by, reason=reason, at=timezone.now())
    return need


@transaction.atomic
def need_close(*, need: Need, by: User | None, reason: str = "") -> Need:
    need = _lock(Need, need.pk)
    _fire(need, "close", by=by, reason=reason, award_by=_award_by())
    return need


@transaction.atomic
def need_cancel(*, need: Need, by: User, reason: str = "") -> Need:
    need = _lock(Need, need.pk)
    _fire(need, "cancel", by=by, reason=reason)
    for proposal in Proposal.objects.select_for_update().filter(
        need=need, state__in=Proposal.ACTIVE_STATES
    ):
        from_state = _fire(
            proposal, "decline", by=None, reason=_("The need was cancelled.")
        )
        _proposal_event(proposal, "decline", from_state, None)
    return need


def _award_by() -> dt.datetime:
    """How long a closed need waits for an award before it expires."""
    return timezone.now() + _days("missions.award_decision_days")


@transaction.atomic
def need_invite(
    *, need: Need, by: User, experts: Sequence[Member]
) -> list[NeedInvitation]:
    """Invite experts to answer (and to see the need if it is invited-only)."""
    need = _lock(Need, need.pk)
    member = _member(by)
    _company_member_of(member, need.organization_id)
    if need.state not in (Need.State.DRAFT, Need.State.PUBLISHED):
        raise TransitionRefused(_("Invite experts while the need is a draft or open."))
    known = set(
        NeedInvitation.objects.filter(need=need).values_list("expert_id", flat=True)
    )
    made = []
    for expert in experts:
        if not expert.is_expert or expert.pk in known:
            continue
        made.append(
            NeedInvitation.objects.create(need=need, expert=expert, invited_by=member)
        )
        known.add(expert.pk)
    effects.audit(
        actor=by,
        action="need.invited",
        target=need,
        data={"experts": [str(invitation.expert_id) for invitation in made]},
    )
    if need.state == Need.State.PUBLISHED:
        _tell(
            [invitation.expert for invitation in made],
            kind=kinds.INVITATION,
            message=gettext_lazy("%(company)s invites you to answer: %(title)s"),
            params={"company": need.organization.name, "title": need.title},
            url=need.get_absolute_url(),
        )
    return made


# --- proposals ----------------------------------------------------------------------------


def _proposal_clean(proposal: Proposal, need: Need) -> None:
    errors = {}
    if need.contract_type == Need.ContractType.FIXED and proposal.total_cents <= 0:
        errors["total_cents"] = _("Give a total price.")
    if need.contract_type == Need.ContractType.TIME and (
        proposal.day_rate_cents <= 0 or proposal.estimated_days <= 0
    ):
        errors["day_rate_cents"] = _("Give a day rate and a number of days.")
    if proposal.milestones:
        if need.contract_type != Need.ContractType.FIXED:
            errors["milestones"] = _("Milestones are for fixed-price contracts.")
        elif not all(
            isinstance(item, dict)
            and str(item.get("title", "")).strip()
            and isinstance(item.get("amount_cents"), int)
            and item["amount_cents"] > 0
            for item in proposal.milestones
        ):
            errors["milestones"] = _(
                "Each milestone needs a title and a positive amount."
            )
        elif (
            sum(item["amount_cents"] for item in proposal.milestones)
            != proposal.total_cents
        ):
            errors["milestones"] = _("The milestones must add up to the total price.")
    if len(proposal.answers or []) > len(need.screening_questions or []):
        errors["answers"] = _("More answers than questions.")
    if errors:
        raise ValidationError(errors)
    proposal.full_clean(exclude=["need", "expert", "state"], validate_constraints=False)


@transaction.atomic
def proposal_submit(
    *, need: Need, by: User, files: Sequence = (), **fields
) -> Proposal:
    """An expert answers a published need they can see."""
    need = _lock(Need, need.pk)
    member = _member(by)
    if not member.is_expert:
        raise PermissionDenied(_("Only experts send proposals."))
    _require_membership(member)
    if not selectors.need_visible(need=need, member=member):
        raise PermissionDenied(_("You may not answer this need."))
    if need.state != Need.State.PUBLISHED or need.proposals_deadline <= timezone.now():
        raise TransitionRefused(_("This need no longer takes proposals."))
    if (
        Proposal.objects.filter(need=need, expert=member)
        .exclude(state="withdrawn")
        .exists()
    ):
        raise TransitionRefused(
            _("You already answered this need: revise your proposal.")
        )
    unknown = set(fields) - set(PROPOSAL_FIELDS)
    if unknown:
        raise ValidationError({field: _("Unknown field.") for field in unknown})
    proposal = Proposal(need=need, expert=member, currency=need.currency, **fields)
    _proposal_clean(proposal, need)
    proposal.save()
    _reveal_if_chosen(proposal, by)
    for upload in files:
        mission_files.store(upload=upload, owner={"proposal": proposal}, by=member)
    effects.audit(
        actor=by, action="proposal.submitted", target=proposal, to_state=proposal.state
    )
    _tell(
        selectors.company_members(need.organization_id),
        kind=kinds.PROPOSAL,
        message=gettext_lazy("%(title)s: a new proposal arrived"),
        params={"title": need.title},
        url=proposal.get_absolute_url(),
    )
    return proposal


def _reveal_if_chosen(proposal: Proposal, by: User) -> None:
    """A pseudonymous expert who chose to show their identity shows it to this company."""
    from marketplace.selectors import profile_for_member
    from marketplace.services import identity_reveal

    profile = profile_for_member(proposal.expert)
    if proposal.reveal_identity and profile is not None and profile.pseudonymous:
        identity_reveal(
            profile=profile,
            organization=proposal.need.organization,
            by=by,
            reason=_("Proposal for: %(title)s") % {"title": proposal.need.title[:150]},
        )


def _reveal_to_client(mission: Mission, by: User) -> None:
    """Confirming a mission is signing a contract: the company learns who the expert is."""
    from marketplace.selectors import profile_for_member
    from marketplace.services import identity_reveal

    profile = profile_for_member(mission.expert)
    if profile is not None and profile.pseudonymous:
        identity_reveal(
            profile=profile,
            organization=mission.organization,
            by=by,
            reason=_("Mission confirmed: %(title)s") % {"title": mission.title[:150]},
        )


def _snapshot(proposal: Proposal) -> dict:
    data = {name: getattr(proposal, name) for name in PROPOSAL_FIELDS}
    data["start_date"] = (
        proposal.start_date.isoformat() if proposal.start_date else None
    )
    data["revised_at"] = proposal.updated_at.isoformat()
    return data


@transaction.atomic
def proposal_revise(*, proposal: Proposal, by: User, **fields) -> Proposal:
    """Change a live proposal while its need is open; the previous version is kept."""
    need = _lock(Need, proposal.need_id)
    proposal = _lock(Proposal, proposal.pk)
    if _member(by).pk != proposal.expert_id:
        raise PermissionDenied(_("Only the author revises a proposal."))
    if (
        need.state != Need.State.PUBLISHED
        or proposal.state not in Proposal.ACTIVE_STATES
    ):
        raise TransitionRefused(_("This proposal can no longer be revised."))
    ProposalRevision.objects.create(
        proposal=proposal, number=proposal.revision, snapshot=_snapshot(proposal)
    )
    for name in PROPOSAL_FIELDS:
        if name in fields:
            setattr(proposal, name, fields[name])
    proposal.revision += 1
    proposal.need = need
    _proposal_clean(proposal, need)
    proposal.save()
    _reveal_if_chosen(proposal, by)
    effects.audit(
        actor=by,
        action="proposal.revised",
        target=proposal,
        data={"revision": proposal.revision},
    )
    _tell(
        selectors.company_members(need.organization_id),
        kind=kinds.PROPOSAL,
        message=gettext_lazy("%(title)s: a proposal was revised"),
        params={"title": need.title},
        url=proposal.get_absolute_url(),
    )
    return proposal


def _proposal_simple(name: str, proposal: Proposal, by: User, reason: str) -> Proposal:
    _lock(Need, proposal.need_id)
    proposal = _lock(Proposal, proposal.pk)
    from_state = _fire(proposal, name, by=by, reason=reason)
    _proposal_event(proposal, name, from_state, by, reason)
    return proposal


@transaction.atomic
def proposal_shortlist(*, proposal: Proposal, by: User, reason: str = "") -> Proposal:
    return _proposal_simple("shortlist", proposal, by, reason)


@transaction.atomic
def proposal_decline(*, proposal: Proposal, by: User, reason: str = "") -> Proposal:
    return _proposal_simple("decline", proposal, by, reason)


@transaction.atomic
def proposal_withdraw(*, proposal: Proposal, by: User, reason: str = "") -> Proposal:
    return _proposal_simple("withdraw", proposal, by, reason)


@transaction.atomic
def proposal_accept(*, proposal: Proposal, by: User, reason: str = "") -> Mission:
    """Award the need: accept this proposal, decline the others, create the mission.

    The need's row lock serialises two awards of one need: the second finds
    the need awarded and is refused.
    """
    need = _lock(Need, proposal.need_id)
    _company_member_of(_member(by), need.organization_id)
    others = list(
        Proposal.objects.select_for_update()
        .filter(need=need, state__in=Proposal.ACTIVE_STATES)
        .order_by("pk")
    )
    proposal = next((item for item in others if item.pk == proposal.pk), None)
    if proposal is None:
        raise TransitionRefused(_("This proposal can no longer be accepted."))
    proposal.need = need
    _fire(need, "award", by=None, reason=reason, data={"proposal": str(proposal.pk)})
    from_state = _fire(proposal, "accept", by=by, reason=reason)
    _proposal_event(proposal, "accept", from_state, by, reason)
    for other in others:
        if other.pk != proposal.pk:
            other.need = need
            from_state = _fire(
                other,
                "decline",
                by=None,
                reason=_("Another proposal was accepted."),
                by_award=True,
            )
            _proposal_event(other, "decline", from_state, None)
    mission = Mission(
        need=need,
        proposal=proposal,
        organization_id=need.organization_id,
        expert_id=proposal.expert_id,
        title=need.title,
        agreed_value_cents=proposal.value_cents,
        currency=proposal.currency,
        confirm_by=timezone.now() + _days("missions.award_confirmation_days"),
        milestones_left=max(1, len(proposal.milestones or [])),
    )
    mission.full_clean(exclude=["need", "proposal", "state"])
    mission.save()
    parts = proposal.milestones or [
        {"title": _("The whole mission"), "amount_cents": proposal.value_cents}
    ]
    Milestone.objects.bulk_create(
        Milestone(
            mission=mission,
            position=index,
            title=str(part["title"])[:200],
            amount_cents=part["amount_cents"],
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


# --- missions -------------------------------------------------------------------------------


def _mission_locked(mission: Mission) -> Mission:
    return _lock(Mission, mission.pk)


def _current_milestone(mission: Mission) -> Milestone:
    milestone = (
        Milestone.objects.select_for_update()
        .filter(mission=mission)
        .exclude(state=Milestone.State.ACCEPTED)
        .order_by("position")
        .first()
    )
    if milestone is None:
        raise TransitionRefused(_("Every milestone is already accepted."))
    return milestone


def _undo_award(mission: Mission, by: User | None, reason: str) -> None:
    """A withdrawn, declined or lapsed award: the need and its proposals come back."""
    need = Need.objects.select_for_update().get(pk=mission.need_id)
    _fire(need, "reopen", by=None, reason=reason, award_by=_award_by())
    for proposal in Proposal.objects.select_for_update().filter(
        need=need, state=Proposal.State.DECLINED, declined_by_award=True
    ):
        proposal.need = need
        from_state = _fire(proposal, "reinstate", by=None, reason=reason)
        _proposal_event(proposal, "reinstate", from_state, None)


@transaction.atomic
def mission_confirm(*, mission: Mission, by: User, reason: str = "") -> Mission:
    """The expert confirms the award: the mission starts."""
    mission = _mission_locked(mission)
    from_state = _fire(mission, "confirm", by=by, reason=reason, at=timezone.now())
    _reveal_to_client(mission, by)
    _mission_event(mission, "confirm", from_state, by, reason)
    return mission


@transaction.atomic
def mission_decline_award(*, mission: Mission, by: User, reason: str) -> Mission:
    return _mission_unaward("decline_award", mission, by, reason)


@transaction.atomic
def mission_withdraw_award(*, mission: Mission, by: User, reason: str) -> Mission:
    return _mission_unaward("withdraw_award", mission, by, reason)


def _mission_unaward(
    name: str, mission: Mission, by: User | None, reason: str
) -> Mission:
    if by is not None and not reason.strip():
        raise ValidationError({"reason": _("Say why.")})
    need = Need.objects.select_for_update().get(
        pk=mission.need_id
    )  # lock order: need first
    mission = _mission_locked(mission)
    mission.need = need
    kwargs = (
        {"at": timezone.now()}
        if name == "lapse"
        else {"at": timezone.now(), "why": reason}
    )
    from_state = _fire(mission, name, by=by, reason=reason, **kwargs)
    _undo_award(mission, by, reason or _("The award lapsed."))
    _mission_event(mission, name, from_state, by, reason)
    return mission


@transaction.atomic
def mission_deliver(
    *, mission: Mission, by: User, message: str, files: Sequence = ()
) -> Delivery:
    """The expert delivers the current milestone with a message and files."""
    mission = _mission_locked(mission)
    if not message.strip():
        raise ValidationError({"message": _("Describe what you deliver.")})
    milestone = _current_milestone(mission)
    from_state = _fire(mission, "deliver", by=by, reason=message[:200])
    now = timezone.now()
    _fire(
        milestone,
        "deliver",
        by=None,
        at=now,
        auto_accept_at=now + _days("missions.auto_accept_days"),
    )
    delivery = Delivery.objects.create(
        mission=mission, milestone=milestone, author=_member(by), message=message
    )
    for upload in files:
        mission_files.store(
            upload=upload, owner={"delivery": delivery}, by=delivery.author
        )
    _mission_event(mission, "deliver", from_state, by, message[:200])
    return delivery


@transaction.atomic
def mission_request_changes(*, mission: Mission, by: User, reason: str) -> Mission:
    """The company sends the current delivery back, saying what to change."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say which changes you need.")})
    mission = _mission_locked(mission)
    milestone = _current_milestone(mission)
    from_state = _fire(mission, "request_changes", by=by, reason=reason)
    _fire(milestone, "request_changes", by=None, reason=reason)
    Delivery.objects.filter(milestone=milestone, answer="").update(answer=reason)
    _mission_event(mission, "request_changes", from_state, by, reason)
    return mission


@transaction.atomic
def mission_resume(*, mission: Mission, by: User, reason: str = "") -> Mission:
    mission = _mission_locked(mission)
    from_state = _fire(mission, "resume", by=by, reason=reason)
    _mission_event(mission, "resume", from_state, by, reason)
    return mission


@transaction.atomic
def mission_accept(*, mission: Mission, by: User | None, reason: str = "") -> Mission:
    """Accept the current delivery (by the company, or by silence when `by` is None)."""
    mission = _mission_locked(mission)
    return _mission_accept_locked(mission, by=by, reason=reason)


def _mission_accept_locked(
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
    milestone = milestone or _current_milestone(mission)
    now = at or timezone.now()
    if mission.milestones_left > 1:
        name, kwargs = "accept_milestone", {}
    else:
        name = "complete"
        kwargs = {
            "at": now,
            "reviews_due_at": now + _days("missions.review_window_days"),
        }
    if by is None:
        reason = reason or _("Accepted by silence after the delay.")
    from_state = _fire(mission, name, by=by, reason=reason, save=save, **kwargs)
    _fire(
        milestone,
        "accept",
        by=None,
        reason=reason,
        save=save,
        at=now,
        by_silence=by is None,
    )
    _mission_event(mission, name, from_state, by, reason)
    return mission


@transaction.atomic
def mission_request_cancellation(*, mission: Mission, by: User, reason: str) -> Mission:
    """A party asks to cancel a started mission; the other agrees with mission_cancel."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why.")})
    mission = _mission_locked(mission)
    side = side_of(mission, _member(by))
    if side is None:
        raise PermissionDenied(_("Only the parties can do this."))
    if mission.state not in Mission.WORKING:
        raise TransitionRefused(_("This mission cannot be cancelled now."))
    mission.cancellation_requested_by, mission.cancellation_reason = side, reason
    mission.save(
        update_fields=["cancellation_requested_by", "cancellation_reason", "updated_at"]
    )
    effects.audit(
        actor=by, action="mission.cancellation_requested", target=mission, reason=reason
    )
    _tell(
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
    mission = _mission_locked(mission)
    from_state = _fire(mission, "cancel", by=by, reason=reason, at=timezone.now())
    _mission_event(mission, "cancel", from_state, by, reason)
    return mission


# --- invoices (recorded, never collected: no commission) ----------------------------------


@transaction.atomic
def invoice_declare(
    *, mission: Mission, by: User, number: str, amount_cents: int, issued_on: dt.date
) -> Invoice:
    mission = _mission_locked(mission)
    member = _member(by)
    if side_of(mission, member) != "expert":
        raise PermissionDenied(_("Only the mission's expert declares invoices."))
    if mission.state in (Mission.State.AWARDED, Mission.State.CANCELLED):
        raise TransitionRefused(_("Invoices are declared once the mission started."))
    invoice = Invoice(
        mission=mission,
        number=number.strip(),
        amount_cents=amount_cents,
        currency=mission.currency,
        issued_on=issued_on,
        declared_by=member,
    )
    invoice.full_clean(exclude=["mission", "declared_by"])
    invoice.save()
    effects.audit(
        actor=by,
        action="invoice.declared",
        target=invoice,
        data={"amount_cents": amount_cents},
    )
    _tell(
        selectors.company_members(mission.organization_id),
        kind=kinds.INVOICE,
        message=gettext_lazy("%(title)s: the expert declared an invoice"),
        params={"title": mission.title},
        url=mission.get_absolute_url(),
    )
    return invoice


@transaction.atomic
def invoice_confirm_payment(*, invoice: Invoice, by: User, paid_on: dt.date) -> Invoice:
    invoice = (
        Invoice.objects.select_for_update()
        .select_related("mission__expert")
        .get(pk=invoice.pk)
    )
    member = _member(by)
    if side_of(invoice.mission, member) != "company":
        raise PermissionDenied(_("Only the company confirms its payments."))
    if invoice.paid_on is not None:
        raise TransitionRefused(_("This payment is already confirmed."))
    if paid_on < invoice.issued_on:
        raise ValidationError({"paid_on": _("A payment cannot precede its invoice.")})
    invoice.paid_on, invoice.payment_confirmed_by = paid_on, member
    invoice.save(update_fields=["paid_on", "payment_confirmed_by", "updated_at"])
    effects.audit(
        actor=by,
        action="invoice.paid",
        target=invoice,
        data={"paid_on": paid_on.isoformat()},
    )
    _tell(
        [invoice.mission.expert],
        kind=kinds.INVOICE,
        message=gettext_lazy("%(title)s: the company confirmed a payment"),
        params={"title": invoice.mission.title},
        url=invoice.mission.get_absolute_url(),
    )
    return invoice


# --- disputes ---------------------------------------------------------------------------------


def mediator_eligible(*, mission: Mission, user: User) -> bool:
    """A mediator has the role and is never a member of either party."""
    if not has_role(user, MEDIATOR):
        return False
    member = member_for_user(user)
    return side_of(mission, member) is None


def _pick_mediator(mission: Mission) -> User | None:
    """The eligible mediator with the fewest open disputes (None if there is none)."""
    from django.db.models import Count, Q

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
    _tell(
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
    mission = _mission_locked(mission)
    member = _member(by)
    side = side_of(mission, member)
    from_state = _fire(mission, "dispute", by=by, reason=statement[:200])
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
    _mission_event(mission, "dispute", from_state, by, statement[:200])
    return dispute


def _dispute_locked(dispute: Dispute) -> Dispute:
    mission = _mission_locked(dispute.mission)
    dispute = _lock(Dispute, dispute.pk)
    dispute.mission = mission
    return dispute


@transaction.atomic
def dispute_assign_mediator(*, dispute: Dispute, mediator: User, by: User) -> Dispute:
    """Staff assigns (or changes) the mediator of an open dispute."""
    if not (by.is_staff or has_role(by, MEDIATOR)):
        raise PermissionDenied(_("Only staff assigns mediators."))
    dispute = _dispute_locked(dispute)
    if dispute.state not in Dispute.OPEN_STATES:
        raise TransitionRefused(_("This dispute is closed."))
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
    dispute = _dispute_locked(dispute)
    _fire(dispute, "answer_statement", by=by, reason=text[:200], text=text)
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
    dispute = _dispute_locked(dispute)
    _fire(
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
    dispute = _dispute_locked(dispute)
    side = side_of(dispute.mission, _member(by))
    if side is None:
        raise PermissionDenied(_("Only the parties can do this."))
    if dispute.state != Dispute.State.PROPOSED:
        raise TransitionRefused(_("There is no proposal to accept."))
    now = timezone.now()
    setattr(dispute, f"{side}_accepted_at", now)
    dispute.save(update_fields=[f"{side}_accepted_at", "updated_at"])
    effects.audit(
        actor=by, action="dispute.accepted", target=dispute, data={"side": side}
    )
    if dispute.company_accepted_at and dispute.expert_accepted_at:
        _fire(dispute, "resolve", by=None, reason=_("Both parties accepted."))
        _settle(dispute, by=by)
    return dispute


@transaction.atomic
def dispute_reject_proposal(*, dispute: Dispute, by: User, reason: str = "") -> Dispute:
    dispute = _dispute_locked(dispute)
    _fire(dispute, "reject_proposal", by=by, reason=reason)
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
    dispute = _dispute_locked(dispute)
    _fire(
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
            "reviews_due_at": now + _days("missions.review_window_days"),
        }
    elif dispute.outcome == Dispute.Outcome.CANCEL:
        kwargs = {"at": now}
    from_state = _fire(
        mission, name, by=None, reason=dispute.get_outcome_display(), **kwargs
    )
    _mission_event(mission, name, from_state, by, dispute.get_outcome_display())


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


# --- reviews ------------------------------------------------------------------------------------


@transaction.atomic
def review_write(*, mission: Mission, by: User, ratings: dict, text: str) -> Review:
    """One party reviews the other; both reviews are published once the second is written."""
    mission = _mission_locked(mission)
    member = _member(by)
    side = side_of(mission, member)
    if side is None:
        raise PermissionDenied(_("Only the parties review a mission."))
    if (
        mission.state != Mission.State.COMPLETED
        or mission.reviews_published_at is not None
    ):
        raise TransitionRefused(
            _("Reviews are written after completion, within the window.")
        )
    criteria = CRITERIA[side]
    if set(ratings) != set(criteria) or not all(
        isinstance(value, int) and 1 <= value <= 5 for value in ratings.values()
    ):
        raise ValidationError({"ratings": _("Rate every criterion from 1 to 5.")})
    if Review.objects.filter(mission=mission, author_side=side).exists():
        raise TransitionRefused(_("You already reviewed this mission."))
    review = Review(
        mission=mission,
        author=member,
        author_side=side,
        ratings=ratings,
        rating=round(sum(ratings.values()) / len(ratings)),
        text=text,
    )
    review.full_clean(exclude=["mission", "author"])
    review.save()
    effects.audit(actor=by, action="review.written", target=review)
    if Review.objects.filter(mission=mission).count() == 2:
        reviews_publish(mission=mission)
    return review


def reviews_publish(*, mission: Mission) -> int:
    """Publish a mission's reviews (second review written, or window over). Locked caller."""
    now = timezone.now()
    count = Review.objects.filter(mission=mission, published_at__isnull=True).update(
        published_at=now
    )
    mission.reviews_published_at = now
    mission.save(update_fields=["reviews_published_at", "updated_at"])
    effects.audit(
        actor=None,
        action="mission.reviews_published",
        target=mission,
        data={"count": count},
    )
    if count:
        _tell(
            [*selectors.company_members(mission.organization_id), mission.expert],
            kind=kinds.REVIEW,
            message=gettext_lazy("%(title)s: the reviews are published"),
            params={"title": mission.title},
            url=mission.get_absolute_url(),
        )
    return count
