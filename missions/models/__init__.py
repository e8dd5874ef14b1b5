"""Models of missions, one module per concern, re-exported here.

needs.py (Need, NeedSkill, NeedInvitation), proposals.py (Proposal, ProposalRevision),
missions.py (Mission, Milestone, Delivery, MissionFile, Invoice),
disputes.py (Dispute), reviews.py (Review). Conversations live in the
messaging app, above this one.

Who takes part (for conversations): `missions.selectors.proposal_participants`
and `mission_participants` (the company's members and the expert; the mediator
of an open dispute is `mission_mediator`). Each transition sends
`missions.signals.mission_transitioned` / `proposal_transitioned` after commit.
"""

from .disputes import Dispute
from .missions import Delivery, Invoice, Milestone, Mission, MissionFile, side_of
from .needs import Need, NeedInvitation, NeedSkill
from .proposals import Proposal, ProposalRevision
from .reviews import CRITERIA, Review

__all__ = [
    "CRITERIA",
    "Delivery",
    "Dispute",
    "Invoice",
    "Milestone",
    "Mission",
    "MissionFile",
    "Need",
    "NeedInvitation",
    "NeedSkill",
    "Proposal",
    "ProposalRevision",
    "Review",
    "side_of",
]
