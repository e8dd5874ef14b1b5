"""Reads for the dashboard: what waits for a member on needs, proposals and missions.

Each function is one query; the dashboard calls them once per page.
"""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from marketplace.models import Member

from .models import Dispute, Mission, Need, Proposal, Review


def _missions_of(member: Member) -> QuerySet[Mission]:
    if member.is_company:
        return Mission.objects.filter(organization_id=member.organization_id)
    return Mission.objects.filter(expert=member)


def mission_counts(*, member: Member) -> dict[str, int]:
    """Counts of the member's missions that wait on someone, by reason."""
    side = Mission.Side.COMPANY if member.is_company else Mission.Side.EXPERT
    reviewed = Review.objects.filter(mission=OuterRef("pk"), author_side=side)
    return _missions_of(member).aggregate(
        awarded=Count("pk", filter=Q(state=Mission.State.AWARDED)),
        delivered=Count("pk", filter=Q(state=Mission.State.DELIVERED)),
        changes_requested=Count("pk", filter=Q(state=Mission.State.CHANGES_REQUESTED)),
        reviews_due=Count(
            "pk",
            filter=Q(
                state=Mission.State.COMPLETED,
                reviews_due_at__gt=timezone.now(),
            )
            & ~Q(Exists(reviewed)),
        ),
    )


def proposals_to_decide(*, member: Member) -> int:
    """Proposals on the organization's open needs that await its decision."""
    return Proposal.objects.filter(
        need__organization_id=member.organization_id,
        need__state__in=(Need.State.PUBLISHED, Need.State.CLOSED),
        state__in=Proposal.ACTIVE_STATES,
    ).count()


def has_published_need(*, member: Member) -> bool:
    return (
        Need.objects.filter(organization_id=member.organization_id)
        .exclude(state=Need.State.DRAFT)
        .exists()
    )


def has_sent_proposal(*, member: Member) -> bool:
    return Proposal.objects.filter(expert=member).exists()


def disputes_to_answer(*, member: Member) -> int:
    """Disputes the other side opened on the member's missions, not answered yet."""
    side = Mission.Side.COMPANY if member.is_company else Mission.Side.EXPERT
    return (
        Dispute.objects.filter(
            mission__in=_missions_of(member), state=Dispute.State.OPENED
        )
        .exclude(opened_by_side=side)
        .count()
    )


def disputes_assigned(*, user) -> int:
    return Dispute.objects.filter(mediator=user, state__in=Dispute.OPEN_STATES).count()
