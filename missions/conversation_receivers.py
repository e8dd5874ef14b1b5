"""Conversations follow missions, proposals and organizations (signal receivers).

- a mission transition posts a system message in the mission's conversation;
- an accepted proposal opens the mission's conversation with an "awarded" line;
- a withdrawn proposal's conversation says so (it becomes read-only);
- a member who changes organization joins or leaves the matching conversations.

Receivers run after commit and must not raise: a failure is logged.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from marketplace.models import Member

from . import conversation_timers  # noqa: F401 (registers the digest job)
from . import conversations as services
from .models import Conversation, Mission
from .signals import mission_transitioned, proposal_transitioned

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


@receiver(pre_save, sender=Member, dispatch_uid="conversations.member_pre_save")
def remember_organization(sender, instance, **kwargs):
    if instance._state.adding:
        instance._conversations_old_organization = None
        return
    instance._conversations_old_organization = (
        Member.objects.filter(pk=instance.pk)
        .values_list("organization_id", flat=True)
        .first()
    )


@receiver(post_save, sender=Member, dispatch_uid="conversations.member_post_save")
def follow_organization(sender, instance, created, **kwargs):
    old = getattr(instance, "_conversations_old_organization", None)
    if created or old == instance.organization_id:
        return

    def sync():
        try:
            services.conversations_sync_for_member(member=instance)
        except Exception:
            log.exception("conversation participants of member %s failed", instance.pk)

    transaction.on_commit(sync)
