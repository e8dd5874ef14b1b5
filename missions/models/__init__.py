"""Models of missions, one module per concern, re-exported here.

needs.py (Need, NeedSkill, NeedInvitation), proposals.py (Proposal, ProposalRevision),
missions.py (Mission, Milestone, Delivery, MissionFile, Invoice),
disputes.py (Dispute), reviews.py (Review). The messaging issue adds
conversations.py beside them.

Who takes part (for conversations): `missions.selectors.proposal_participants`
and `mission_participants` (the company's members and the expert; the mediator
of an open dispute is `mission_mediator`). Each transition sends
`missions.signals.mission_transitioned` / `proposal_transitioned` after commit.
"""

from .conversations import Conversation, Message, MessageAttachment, Participant
from .disputes import Dispute
from .missions import Delivery, Invoice, Milestone, Mission, MissionFile, side_of
from .needs import Need, NeedInvitation, NeedSkill
from .proposals import Proposal, ProposalRevision
from .reviews import CRITERIA, Review

__all__ = [
    "CRITERIA",
    "Conversation",
    "Delivery",
    "Dispute",
    "Invoice",
    "Message",
    "MessageAttachment",
    "Milestone",
    "Mission",
    "MissionFile",
    "Need",
    "NeedInvitation",
    "NeedSkill",
    "Participant",
    "Proposal",
    "ProposalRevision",
    "Review",
    "side_of",
]
