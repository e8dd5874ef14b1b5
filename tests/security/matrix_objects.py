"""The one demo object per URL argument the access matrix puts in each route.

Chosen so that the roles of tests/security/routes.py stand in clear relations
to it: Claire (company owner) and Julien (her colleague) of Menuiseries
Rivière, Camille (expert) working for them, the mediator assigned to the
demo's dispute, Élodie's draft motion.
"""

from __future__ import annotations


def matrix_objects() -> dict[str, list]:
    from billing.models import BankTransfer
    from billing.models import Invoice as MembershipInvoice
    from governance.models import Amendment, Motion
    from marketplace.demo import email_for
    from marketplace.models import (
        Experience,
        ExpertProfile,
        ExpertSkill,
        IdentityReveal,
        Member,
    )
    from messaging.models import Conversation, Message, MessageAttachment
    from missions.models import Dispute, Invoice, Mission, MissionFile, Need, Proposal

    def member(handle):
        return Member.objects.get(user__email=email_for(handle))

    claire, camille = member("claire"), member("camille")
    riviere = claire.organization
    mission = (
        Mission.objects.filter(organization=riviere, expert=camille)
        .order_by("created_at")
        .first()
    )
    dispute = Dispute.objects.order_by("created_at").first()
    # a conversation of Claire's company, with Camille if one exists
    conversation = (
        Conversation.objects.filter(participants__member=camille)
        .filter(participants__member=claire)
        .first()
    ) or Conversation.objects.filter(participants__member=claire).first()
    first = {
        "need_id": Need.objects.filter(organization=riviere, state="draft").first(),
        "proposal_id": Proposal.objects.filter(
            need__organization=riviere, expert=camille
        ).first(),
        "mission_id": mission,
        "dispute_id": dispute,
        "invoice_id": Invoice.objects.filter(mission__organization=riviere).first(),
        "file_id": MissionFile.objects.filter(delivery__mission=mission).first()
        or MissionFile.objects.filter(proposal__expert=camille).first(),
        "conversation_id": conversation,
        "message_id": Message.objects.filter(conversation=conversation)
        .order_by("created_at")
        .first(),
        "attachment_id": MessageAttachment.objects.filter(
            message__conversation=conversation
        ).first(),
        "motion_id": Motion.objects.filter(state="draft")
        .order_by("created_at")
        .first(),
        "amendment_id": Amendment.objects.order_by("created_at").first(),
        "profile_id": ExpertProfile.objects.filter(member=camille).first(),
        "experience_id": Experience.objects.filter(profile__member=camille).first(),
        "organization_id": riviere,
        "skill_id": ExpertSkill.objects.filter(profile__member=camille)
        .values_list("skill_id", flat=True)
        .first(),
        "reveal_id": IdentityReveal.objects.first(),
        "key": "fees.expert.yearly_cents",
        "billing:transfer_detail": BankTransfer.objects.filter(
            organization=riviere
        ).first(),
        "billing:treasury_record": BankTransfer.objects.filter(
            status="pending"
        ).first(),
        "billing:invoice_download": MembershipInvoice.objects.filter(
            organization=riviere
        ).first(),
        "*": "/",
        "token_id": "abcdefgh",  # DELETE only: any id does for a GET
        **space_objects(camille),
        **transparency_objects(),
    }
    return {key: [value] for key, value in first.items() if value is not None}


def space_objects(camille) -> dict:
    """Camille moderates the Industrie space; Antoine's circle invites her."""
    from spaces.models import Circle, Membership, Post, PostAttachment, Thread

    membership = (
        Membership.objects.filter(member=camille, status=Membership.Status.ACTIVE)
        .select_related("space")
        .order_by("created_at")
        .first()
    )
    space = membership.space if membership else None
    thread = Thread.objects.filter(space=space).order_by("created_at").first()
    return {
        "space_id": space,
        "membership_id": membership,
        "thread_id": thread,
        "post_id": Post.objects.filter(thread=thread).order_by("created_at").first(),
        "circle_id": Circle.objects.filter(people__member=camille).first(),
        "spaces:attachment": PostAttachment.objects.filter(post__thread=thread).first(),
    }


def transparency_objects() -> dict:
    from transparency.figures import CATALOGUE
    from transparency.models import SealedMonth

    sealed = SealedMonth.objects.order_by("-month").first()
    return {
        "figure_key": next(iter(CATALOGUE)),
        "month": sealed.month.strftime("%Y-%m") if sealed else None,
        "transparency:data_file": "figures.json",
        "transparency:month_file": "figures.json",
    }


def describe(objects: dict[str, list]) -> dict[str, str]:
    """Who each chosen object belongs to (for the failure messages)."""
    return {key: repr(values[0])[:80] for key, values in objects.items()}
