"""Conversations follow what missions and the marketplace say happened.

Both send their signals after commit (`missions.signals`, `marketplace.signals`):

- a mission transition posts a system message in the mission's conversation;
- an accepted proposal opens the mission's conversation with an "awarded" line;
- a withdrawn proposal's conversation says so (it becomes read-only);
- a member who joins, leaves or changes organization joins or leaves the
  matching conversations (a member removed is disconnected with 4403).

System messages are stored as data and read in each reader's language.
Receivers run after commit and must not raise: a failure is logged.
"""

import logging

from django.dispatch import receiver

from marketplace.signals import member_organization_changed
from missions.models import Mission
from missions.signals import mission_transitioned, proposal_transitioned

from . import services
from .models import Conversation

log = logging.getLogger(__name__)


@receiver(mission_transitioned, dispatch_uid="conversations.mission_transitioned")
def mission_system_message(
    sender, *, mission, transition, from_state, to_state, **kwargs
):
    try:
        conversation = services.conversation_for_mission(mission=mission)
        services.message_post_system(
            conversation=conversation,
            event=transition,
            data={"from_state": from_state, "to_state": to_state},
        )
    except Exception:
        log.exception("system message for mission %s failed", mission.pk)


@receiver(proposal_transitioned, dispatch_uid="conversations.proposal_transitioned")
def proposal_system_message(
    sender, *, proposal, transition, from_state, to_state, **kwargs
):
    try:
        if transition == "accept":
            mission = Mission.objects.filter(proposal=proposal).first()
            if mission is not None:
                conversation = services.conversation_for_mission(mission=mission)
                services.message_post_system(
                    conversation=conversation,
                    event="award",
                    data={"from_state": "", "to_state": mission.state},
                )
        elif transition == "withdraw":
            conversation = Conversation.objects.filter(proposal=proposal).first()
            if conversation is not None:
                services.message_post_system(
                    conversation=conversation,
                    event="proposal_withdrawn",
                    data={"from_state": from_state, "to_state": to_state},
                )
    except Exception:
        log.exception("system message for proposal %s failed", proposal.pk)


@receiver(member_organization_changed, dispatch_uid="conversations.member_organization")
def follow_organization(sender, *, member, **kwargs):
    try:
        services.conversations_sync_for_member(member=member)
    except Exception:
        log.exception("conversation participants of member %s failed", member.pk)
