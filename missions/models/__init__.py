"""Models of missions, one module per concern, re-exported here.

needs.py (Need, NeedInvitation), proposals.py (Proposal, ProposalRevision),
missions.py (Mission, Milestone, Delivery, MissionFile, Invoice),
disputes.py (Dispute), reviews.py (Review). The messaging issue adds
conversations.py beside them.
"""

from .disputes import Dispute
from .missions import Delivery, Invoice, Milestone, Mission, MissionFile, side_of
from .needs import Need, NeedInvitation
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
    "Proposal",
    "ProposalRevision",
    "Review",
    "side_of",
]
