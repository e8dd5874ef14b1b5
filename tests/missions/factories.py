"""Missions test data, built through the services (so states are real)."""

import datetime as dt

from django.utils import timezone

from missions import services
from missions.models import Mission, Need, Proposal
from tests.factories import CompanyMemberFactory, ExpertFactory, paid


def company():
    return paid(CompanyMemberFactory())


def expert():
    return paid(ExpertFactory())


def need_draft(member=None, **fields) -> Need:
    member = member or company()
    values = {
        "title": "Audit énergétique de l'usine",
        "context": "Deux sites, 120 salariés.",
        "deliverables": "Un rapport et un plan d'action.",
        "budget_min_cents": 500_000,
        "budget_max_cents": 1_500_000,
        "proposals_deadline": timezone.now() + dt.timedelta(days=10),
    }
    values.update(fields)
    return services.need_create(by=member.user, **values)


def need_published(member=None, **fields) -> Need:
    need = need_draft(member, **fields)
    return services.need_publish(need=need, by=need.author.user)


def proposal(need=None, by=None, **fields) -> Proposal:
    need = need or need_published()
    by = by or expert()
    values = {"approach": "Visite, mesures, rapport.", "total_cents": 900_000}
    if need.contract_type == Need.ContractType.TIME:
        values = {"approach": "Régie.", "day_rate_cents": 60_000, "estimated_days": 10}
    values.update(fields)
    return services.proposal_submit(need=need, by=by.user, **values)


def mission(milestones=None, state="awarded") -> Mission:
    """A mission in `state` (awarded, active, delivered, changes_requested, completed)."""
    fields = {}
    if milestones:
        fields = {
            "milestones": milestones,
            "total_cents": sum(item["amount_cents"] for item in milestones),
        }
    offer = proposal(**fields)
    buyer = offer.need.author.user
    result = services.proposal_accept(proposal=offer, by=buyer)
    seller = offer.expert.user
    if state == "awarded":
        return result
    result = services.mission_confirm(mission=result, by=seller)
    if state == "active":
        return result
    services.mission_deliver(mission=result, by=seller, message="Voici le rapport.")
    if state == "delivered":
        return Mission.objects.get(pk=result.pk)
    if state == "changes_requested":
        return services.mission_request_changes(
            mission=result, by=buyer, reason="Précisez."
        )
    if state == "completed":
        return services.mission_accept(mission=result, by=buyer)
    if state == "disputed":
        services.dispute_open(mission=result, by=seller, statement="Pas de réponse.")
        return Mission.objects.get(pk=result.pk)
    raise ValueError(state)


def buyer_of(mission_row):
    return mission_row.need.author.user


def seller_of(mission_row):
    return mission_row.expert.user
