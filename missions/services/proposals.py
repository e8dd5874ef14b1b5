"""Proposals: an expert answers a need, revises, withdraws; the company sorts them.

Accepting a proposal awards the need and creates the mission: see `awards`.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.refusals import Refusal
from marketplace.models import User
from marketplace.selectors import profile_for_member
from marketplace.services import identity_reveal

from .. import effects, selectors
from .. import files as mission_files
from .. import notifications as kinds
from ..models import Need, Proposal, ProposalRevision
from .locks import need_select_for_update, proposal_select_for_update
from .permissions import acting_member, check_membership
from .transitions import fire, proposal_event

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


def _proposal_clean(proposal: Proposal, need: Need) -> None:
    # types, ranges and the milestones' JSON Schema first: the rules below
    # compare numbers and walk lists, which anything else would break
    proposal.full_clean(exclude=["need", "expert", "state"], validate_constraints=False)
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
    if len(proposal.answers or []) > len(need.questions or []):
        errors["answers"] = _("More answers than questions.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def proposal_submit(
    *, need: Need, by: User, files: Sequence = (), **fields
) -> Proposal:
    """An expert answers a published need they can see."""
    need = need_select_for_update(need.pk)
    member = acting_member(by)
    if not member.is_expert:
        raise PermissionDenied(_("Only experts send proposals."))
    check_membership(member)
    if not selectors.need_visible(need=need, member=member):
        raise PermissionDenied(_("You may not answer this need."))
    if need.state != Need.State.PUBLISHED or need.proposals_deadline <= timezone.now():
        raise Refusal(_("This need no longer takes proposals."))
    if (
        Proposal.objects.filter(need=need, expert=member)
        .exclude(state="withdrawn")
        .exists()
    ):
        raise Refusal(_("You already answered this need: revise your proposal."))
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
    effects.tell(
        selectors.company_members(need.organization_id),
        kind=kinds.PROPOSAL,
        message=gettext_lazy("%(title)s: a new proposal arrived"),
        params={"title": need.title},
        url=proposal.get_absolute_url(),
    )
    return proposal


def _reveal_if_chosen(proposal: Proposal, by: User) -> None:
    """A pseudonymous expert who chose to show their identity shows it to this company."""
    profile = profile_for_member(proposal.expert)
    if proposal.reveal_identity and profile is not None and profile.pseudonymous:
        identity_reveal(
            profile=profile,
            organization=proposal.need.organization,
            by=by,
            reason=_("Proposal for: %(title)s") % {"title": proposal.need.title[:150]},
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
    need = need_select_for_update(proposal.need_id)
    proposal = proposal_select_for_update(proposal.pk)
    if acting_member(by).pk != proposal.expert_id:
        raise PermissionDenied(_("Only the author revises a proposal."))
    if (
        need.state != Need.State.PUBLISHED
        or proposal.state not in Proposal.ACTIVE_STATES
    ):
        raise Refusal(_("This proposal can no longer be revised."))
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
    effects.tell(
        selectors.company_members(need.organization_id),
        kind=kinds.PROPOSAL,
        message=gettext_lazy("%(title)s: a proposal was revised"),
        params={"title": need.title},
        url=proposal.get_absolute_url(),
    )
    return proposal


def _proposal_simple(name: str, proposal: Proposal, by: User, reason: str) -> Proposal:
    need_select_for_update(proposal.need_id)
    proposal = proposal_select_for_update(proposal.pk)
    from_state = fire(proposal, name, by=by, reason=reason)
    proposal_event(proposal, name, from_state, by, reason)
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
