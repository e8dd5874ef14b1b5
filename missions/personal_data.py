"""The missions' share of a member's data export and of their erasure
(registered with marketplace.profiles.privacy in MissionsConfig.ready)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.profiles import privacy

from .models import (
    Delivery,
    Dispute,
    Invoice,
    Mission,
    Proposal,
    ProposalRevision,
    Review,
)

LABEL = _("your proposals, missions, deliveries, reviews and disputes")


def export_missions(member) -> dict:
    proposals = Proposal.objects.filter(expert=member).select_related(
        "need__organization"
    )
    mine = Q(expert=member)
    if member.organization_id:
        mine |= Q(organization_id=member.organization_id)
    missions = Mission.objects.filter(mine).select_related("organization")
    return {
        "proposals": [
            {
                "id": p.pk,
                "need": p.need.title,
                "organization": p.need.organization.name,
                "state": p.state,
                "approach": p.approach,
                "milestones": p.milestones,
                "answers": p.answers,
                "created_at": p.created_at,
            }
            for p in proposals
        ],
        "missions": [
            {
                "id": m.pk,
                "title": m.title,
                "organization": m.organization.name,
                "state": m.state,
                "created_at": m.created_at,
            }
            for m in missions
        ],
        "deliveries_written": list(
            Delivery.objects.filter(author=member).values(
                "mission_id", "message", "answer", "created_at"
            )
        ),
        "reviews_written": list(
            Review.objects.filter(author=member).values(
                "mission_id", "rating", "text", "created_at"
            )
        ),
        "disputes_opened": list(
            Dispute.objects.filter(opened_by=member).values(
                "mission_id", "state", "statement", "created_at"
            )
        ),
        "invoices_declared": list(
            Invoice.objects.filter(declared_by=member).values(
                "mission_id", "number", "created_at"
            )
        ),
    }


def erase_missions(member) -> None:
    """Blank what the member wrote; the rows stay for the other party's record
    (a mission, its milestones and declared invoices are the company's too)."""
    proposals = Proposal.objects.filter(expert=member)
    ProposalRevision.objects.filter(proposal__in=proposals).delete()
    proposals.update(approach="", answers={})
    Delivery.objects.filter(author=member).update(message="")
    Review.objects.filter(author=member).update(text="")
    Dispute.objects.filter(opened_by=member).update(statement="")
    Dispute.objects.filter(mission__expert=member, opened_by_side="company").update(
        answer=""
    )


privacy.register_exporter("missions", export_missions, label=LABEL)
privacy.register_eraser("missions", erase_missions)
