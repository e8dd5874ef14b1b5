"""Needs: a company writes, publishes, closes, cancels a need and invites experts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.refusals import Refusal
from marketplace import identity
from marketplace.models import Member, User
from marketplace.services import skill_resolve

from .. import effects
from .. import notifications as kinds
from ..models import Need, NeedInvitation, NeedSkill, Proposal
from .locks import need_select_for_update, proposals_select_for_update
from .permissions import acting_member, check_company_member, check_membership
from .transitions import fire, proposal_event, rule_days

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


def _differs(old, new) -> bool:
    """old != new, True when they cannot be compared (a signalling NaN):
    the check of the new value then refuses it."""
    try:
        return bool(old != new)
    except (ArithmeticError, TypeError):
        return True


def _need_clean(need: Need) -> None:
    if need.contract_type not in Need.ContractType.values:
        raise ValidationError({"contract_type": _("Choose a contract type.")})
    need.full_clean(exclude=["organization", "author", "state"])


def _need_skills_set(need: Need, skills: dict, member: Member) -> None:
    """Replace the skills a need asks for: {skill id: weight 1..5} (merges followed)."""
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


def award_by() -> dt.datetime:
    """How long a closed need waits for an award before it expires."""
    return timezone.now() + rule_days("missions.award_decision_days")


@transaction.atomic
def need_create(*, by: User, skills: dict | None = None, **fields) -> Need:
    """A draft need of the member's organization; `skills` is {skill id: weight 1..5}."""
    member = acting_member(by)
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
    need = need_select_for_update(need.pk)
    member = acting_member(by)
    check_company_member(member, need.organization_id)
    if need.state not in (Need.State.DRAFT, Need.State.PUBLISHED):
        raise Refusal(_("Only a draft or published need can be edited."))
    changed = [
        name
        for name in NEED_FIELDS
        if name in fields and _differs(getattr(need, name), fields[name])
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
        effects.tell(
            answered,
            kind=kinds.NEED,
            message=gettext_lazy("%(title)s: the company edited the need you answered"),
            params={"title": need.title},
            url=need.get_absolute_url(),
        )
    return need


@transaction.atomic
def need_publish(*, need: Need, by: User, reason: str = "") -> Need:
    need = need_select_for_update(need.pk)
    member = acting_member(by)
    check_company_member(member, need.organization_id)
    check_membership(member)
    if need.proposals_deadline <= timezone.now():
        raise ValidationError(
            {"proposals_deadline": _("The deadline must be in the future.")}
        )
    fire(need, "publish", by=by, reason=reason, at=timezone.now())
    return need


@transaction.atomic
def need_close(*, need: Need, by: User | None, reason: str = "") -> Need:
    need = need_select_for_update(need.pk)
    fire(need, "close", by=by, reason=reason, award_by=award_by())
    return need


@transaction.atomic
def need_cancel(*, need: Need, by: User, reason: str = "") -> Need:
    need = need_select_for_update(need.pk)
    fire(need, "cancel", by=by, reason=reason)
    for proposal in proposals_select_for_update(need, state__in=Proposal.ACTIVE_STATES):
        from_state = fire(
            proposal, "decline", by=None, reason=_("The need was cancelled.")
        )
        proposal_event(proposal, "decline", from_state, None)
    return need


@transaction.atomic
def need_invite(
    *, need: Need, by: User, experts: Sequence[Member]
) -> list[NeedInvitation]:
    """Invite experts to answer (and to see the need if it is invited-only)."""
    need = need_select_for_update(need.pk)
    member = acting_member(by)
    check_company_member(member, need.organization_id)
    if need.state not in (Need.State.DRAFT, Need.State.PUBLISHED):
        raise Refusal(_("Invite experts while the need is a draft or open."))
    known = set(
        NeedInvitation.objects.filter(need=need).values_list("expert_id", flat=True)
    )
    # an expert hiding from this organization is, for it, someone who does not
    # exist: not invited, and nothing says so
    hiding = identity.hidden_from_organization(
        member_ids=[expert.pk for expert in experts],
        organization_id=need.organization_id,
    )
    made = []
    for expert in experts:
        if not expert.is_expert or expert.pk in known or expert.pk in hiding:
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
        effects.tell(
            [invitation.expert for invitation in made],
            kind=kinds.INVITATION,
            message=gettext_lazy("%(company)s invites you to answer: %(title)s"),
            params={"company": need.organization.name, "title": need.title},
            url=need.get_absolute_url(),
        )
    return made
