"""Reads of missions shared by pages, API, timers and other apps.

Participants (for messaging and notifications):

- `proposal_participants(proposal)`: the company members of the need's
  organization and the proposal's expert.
- `mission_participants(mission)`: the company members of the mission's
  organization and the mission's expert. The mediator of an open dispute is a
  staff User, not a Member: `mission_mediator(mission)` returns them (or None).

Access (`access_<thing>`) returns the object or raises Http404: a viewer who
may not see something cannot tell it exists.
"""

from __future__ import annotations

from django.db.models import (
    Avg,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
)
from django.http import Http404

from marketplace.models import AuditEvent, Member, User
from marketplace.roles import MEDIATOR, MODERATOR, has_role
from marketplace.selectors import member_for_user

from .models import (
    Delivery,
    Dispute,
    Invoice,
    Milestone,
    Mission,
    MissionFile,
    Need,
    NeedInvitation,
    Proposal,
    side_of,
)


def company_members(organization_id) -> QuerySet[Member]:
    return Member.objects.filter(
        organization_id=organization_id, community=Member.Community.COMPANY
    ).select_related("user")


def proposal_participants(proposal: Proposal) -> list[Member]:
    return [*company_members(proposal.need.organization_id), proposal.expert]


def mission_participants(mission: Mission) -> list[Member]:
    return [*company_members(mission.organization_id), mission.expert]


def mission_mediator(mission: Mission) -> User | None:
    dispute = (
        Dispute.objects.filter(mission=mission, state__in=Dispute.OPEN_STATES)
        .select_related("mediator")
        .first()
    )
    return dispute.mediator if dispute else None


# --- needs ------------------------------------------------------------------------------------


def needs_visible_to(member: Member | None) -> QuerySet[Need]:
    """Needs a member may see: their organization's, and published ones open to them."""
    if member is None:
        return Need.objects.none()
    if member.is_company:
        return Need.objects.filter(organization_id=member.organization_id)
    invited = NeedInvitation.objects.filter(need=OuterRef("pk"), expert=member)
    answered = Proposal.objects.filter(need=OuterRef("pk"), expert=member)
    return Need.objects.exclude(state=Need.State.DRAFT).filter(
        Q(visibility=Need.Visibility.MEMBERS) | Exists(invited) | Exists(answered)
    )


def need_visible(*, need: Need, member: Member | None) -> bool:
    return needs_visible_to(member).filter(pk=need.pk).exists()


def access_need(*, user, need_id) -> Need:
    """The need if `user` may read it, else 404.

    Least privilege: staff read what members read, except that a moderator
    reads every need past its draft (to moderate it); a draft is only its
    organization's.
    """
    queryset = Need.objects.select_related("organization", "author")
    if has_role(user, MODERATOR):
        queryset = queryset.filter(
            Q(pk__in=needs_visible_to(member_for_user(user)).values("pk"))
            | ~Q(state=Need.State.DRAFT)
        )
    else:
        queryset = queryset & needs_visible_to(member_for_user(user))
    need = queryset.filter(pk=need_id).first()
    if need is None:
        raise Http404
    return need


def needs_of_organization(*, organization_id) -> QuerySet[Need]:
    return Need.objects.filter(organization_id=organization_id).select_related("author")


def needs_recommended(*, member: Member, limit: int = 30) -> list[Need]:
    """Open needs for an expert, best matches first when matching is available."""
    queryset = (
        needs_visible_to(member)
        .filter(state=Need.State.PUBLISHED)
        .select_related("organization")
        .order_by("proposals_deadline")
    )
    return list(queryset[:limit])


# --- proposals --------------------------------------------------------------------------------


def proposals_of_need(*, need: Need) -> QuerySet[Proposal]:
    return (
        Proposal.objects.filter(need=need)
        .exclude(state=Proposal.State.WITHDRAWN)
        .select_related("expert")
        .prefetch_related("files")
        .order_by("created_at")
    )


def proposals_of_expert(*, member: Member) -> QuerySet[Proposal]:
    return (
        Proposal.objects.filter(expert=member)
        .select_related("need__organization")
        .prefetch_related("files")
        .order_by("-created_at")
    )


def access_proposal(*, user, proposal_id) -> Proposal:
    proposal = (
        Proposal.objects.select_related("need__organization", "expert")
        .filter(pk=proposal_id)
        .first()
    )
    if proposal is None:
        raise Http404
    member = member_for_user(user)
    # least privilege: no staff role reads a proposal (a mediator reads the
    # mission it became, with its agreed terms)
    allowed = member is not None and (
        member.pk == proposal.expert_id
        or (
            member.is_company
            and member.organization_id == proposal.need.organization_id
        )
    )
    if not allowed:
        raise Http404
    return proposal


# --- missions ---------------------------------------------------------------------------------


def missions_of(*, member: Member) -> QuerySet[Mission]:
    """A member's missions (their organization's, or theirs as the expert), newest first."""
    if member.is_company:
        queryset = Mission.objects.filter(organization_id=member.organization_id)
    else:
        queryset = Mission.objects.filter(expert=member)
    return queryset.select_related("organization", "expert").order_by("-created_at")


def missions_mediated(*, user) -> QuerySet[Mission]:
    return (
        Mission.objects.filter(disputes__mediator=user)
        .select_related("organization", "expert")
        .distinct()
    )


def mission_viewer_role(*, mission: Mission, user) -> str | None:
    """ "company", "expert", "mediator" (assigned to one of its disputes) or None."""
    side = side_of(mission, member_for_user(user))
    if side is not None:
        return side
    if (
        has_role(user, MEDIATOR)
        and Dispute.objects.filter(mission=mission, mediator=user).exists()
    ):
        return "mediator"
    return None  # least privilege: no staff role reads a mission it has no part in


def access_mission(*, user, mission_id) -> Mission:
    mission = (
        Mission.objects.select_related(
            "organization", "expert__user", "need", "proposal"
        )
        .filter(pk=mission_id)
        .first()
    )
    if mission is None or mission_viewer_role(mission=mission, user=user) is None:
        raise Http404
    return mission


def mission_page(*, mission: Mission) -> dict:
    """What the mission page shows, in a fixed number of queries."""
    milestones = list(mission.milestones.order_by("position"))
    deliveries = list(
        Delivery.objects.filter(mission=mission)
        .select_related("author", "milestone")
        .prefetch_related(
            Prefetch("files", queryset=MissionFile.objects.order_by("created_at"))
        )
    )
    disputes = list(mission.disputes.select_related("mediator", "opened_by"))
    invoices = list(mission.invoices.all())
    reviews = list(mission.reviews.select_related("author"))
    return {
        "milestones": milestones,
        "current_milestone": next(
            (m for m in milestones if m.state != Milestone.State.ACCEPTED), None
        ),
        "deliveries": deliveries,
        "disputes": disputes,
        "open_dispute": next(
            (d for d in disputes if d.state in Dispute.OPEN_STATES), None
        ),
        "invoices": invoices,
        "reviews": reviews,
        "timeline": mission_timeline(
            mission=mission, milestones=milestones, disputes=disputes
        ),
    }


def mission_timeline(
    *, mission: Mission, milestones=None, disputes=None
) -> list[AuditEvent]:
    """Audit lines of the mission, its milestones, disputes, need and proposal, oldest first."""
    ids = [mission.pk, mission.proposal_id]
    if mission.need_id:
        ids.append(mission.need_id)
    ids += [
        m.pk
        for m in (milestones if milestones is not None else mission.milestones.all())
    ]
    ids += [
        d.pk for d in (disputes if disputes is not None else mission.disputes.all())
    ]
    return list(
        AuditEvent.objects.filter(target_id__in=ids)
        .select_related("actor__member")
        .order_by("created_at")
    )


def access_file(*, user, file_id) -> MissionFile:
    row = (
        MissionFile.objects.select_related("delivery__mission", "proposal")
        .filter(pk=file_id)
        .first()
    )
    if row is None:
        raise Http404
    if row.delivery_id:
        access_mission(user=user, mission_id=row.delivery.mission_id)
    else:
        access_proposal(user=user, proposal_id=row.proposal_id)
    return row


def access_dispute(*, user, dispute_id) -> Dispute:
    dispute = Dispute.objects.select_related("mission").filter(pk=dispute_id).first()
    if dispute is None:
        raise Http404
    access_mission(user=user, mission_id=dispute.mission_id)
    return dispute


def precedents() -> QuerySet[Dispute]:
    return Dispute.objects.filter(precedent_published_at__isnull=False).order_by(
        "-precedent_published_at"
    )


# --- value sharing (fed to the public transparency figures) -------------------------------------


def value_figures() -> dict:
    """Value contracted, value invoiced and paid, payment delays; the platform's share is 0."""
    contracted = Mission.objects.exclude(
        state__in=[Mission.State.AWARDED, Mission.State.CANCELLED]
    ).aggregate(total=Sum("agreed_value_cents"), count=Count("pk"))
    paid = Invoice.objects.filter(paid_on__isnull=False).aggregate(
        total=Sum("amount_cents"),
        delay=Avg(
            ExpressionWrapper(
                F("paid_on") - F("issued_on"), output_field=DurationField()
            )
        ),
    )
    return {
        "missions": contracted["count"] or 0,
        "value_contracted_cents": contracted["total"] or 0,
        "value_invoiced_cents": Invoice.objects.aggregate(total=Sum("amount_cents"))[
            "total"
        ]
        or 0,
        "value_paid_cents": paid["total"] or 0,
        "average_payment_delay_days": paid["delay"].days if paid["delay"] else None,
        "platform_share_cents": 0,
    }
