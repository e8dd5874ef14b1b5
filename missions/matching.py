"""Matching applied to missions: recommended needs, matched experts, proposals compared.

The score and its explanation come from `marketplace.matching` (the profiles
issue); until it is there every row has no score and lists keep their order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marketplace.models import Member

from . import selectors
from .models import Need, Proposal


@dataclass
class Row:
    obj: object
    score: int | None = None
    explanation: list = field(default_factory=list)
    label: str = ""


def needs_recommended(*, member: Member, limit: int = 30) -> list[Row]:
    return [
        Row(obj=need)
        for need in selectors.needs_recommended(member=member, limit=limit)
    ]


def experts_for(*, need: Need, limit: int = 10) -> list[Row]:
    return []


def compare(*, need: Need, proposals: list[Proposal]) -> list[Row]:
    return [
        Row(obj=proposal, label=proposal.expert.display_name) for proposal in proposals
    ]


def expert_label(*, proposal: Proposal, viewer) -> str:
    return proposal.expert.display_name
