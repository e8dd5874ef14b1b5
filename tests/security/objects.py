"""Demo objects to put in URLs: one per state of each kind, and every object
the pseudonymous expert takes part in (where a leak would show)."""

from __future__ import annotations

from django.db.models import Q


def one_per_state(queryset, field_name: str | None) -> list:
    if field_name is None:
        return list(queryset.order_by("-created_at")[:1])
    chosen: dict = {}
    for obj in queryset.order_by("-created_at"):
        chosen.setdefault(getattr(obj, field_name), obj)
    return list(chosen.values())


def demo_objects() -> dict[str, list]:
    from billing.models import BankTransfer
    from billing.models import Invoice as MembershipInvoice
    from core import rules
    from governance.models import Amendment, Motion
    from marketplace.demo import email_for
    from marketplace.models import (
        Experience,
        ExpertProfile,
        IdentityReveal,
        Member,
        Organization,
    )
    from messaging.models import Conversation, Message, MessageAttachment
    from missions.models import Dispute, Invoice, Mission, MissionFile, Need, Proposal

    elodie = Member.objects.get(user__email=email_for("elodie"))

    def both(queryset, field_name, involved: Q) -> list:
        found = one_per_state(queryset, field_name)
        return list(dict.fromkeys(found + list(queryset.filter(involved))))

    return {
        "need_id": both(
            Need.objects.all(),
            "state",
            Q(proposals__expert=elodie) | Q(invitations__expert=elodie),
        ),
        "proposal_id": both(Proposal.objects.all(), "state", Q(expert=elodie)),
        "mission_id": both(Mission.objects.all(), "state", Q(expert=elodie)),
        "dispute_id": one_per_state(Dispute.objects.all(), "state"),
        "invoice_id": one_per_state(Invoice.objects.all(), None),
        "conversation_id": both(
            Conversation.objects.all(), "kind", Q(participants__member=elodie)
        ),
        "message_id": both(Message.objects.all(), "kind", Q(author=elodie)),
        "attachment_id": one_per_state(MessageAttachment.objects.all(), None),
        "file_id": one_per_state(MissionFile.objects.all(), None),
        "motion_id": both(
            Motion.objects.all(),
            "state",
            Q(author=elodie) | Q(sponsorships__member=elodie),
        ),
        "amendment_id": one_per_state(Amendment.objects.all(), "state"),
        "profile_id": both(ExpertProfile.objects.all(), "status", Q(member=elodie)),
        "experience_id": list(Experience.objects.filter(profile__member=elodie)[:1])
        + one_per_state(Experience.objects.exclude(profile__member=elodie), None),
        "organization_id": list(Organization.objects.order_by("name")[:2]),
        "reveal_id": list(IdentityReveal.objects.all()[:1]),
        "skill_id": [],
        "key": sorted(rules.REGISTRY)[:2],
        "billing:transfer_detail": one_per_state(BankTransfer.objects.all(), "status"),
        "billing:treasury_record": list(
            BankTransfer.objects.filter(status="pending")[:1]
        ),
        "billing:invoice_download": list(MembershipInvoice.objects.all()[:1])
        + list(MembershipInvoice.objects.filter(member=elodie)[:1]),
        "token": [],
        "token_id": ["abcdefgh"],
        "*": cms_pages(),
        **space_objects(elodie),
        **transparency_objects(),
    }


def space_objects(elodie) -> dict[str, list]:
    """Every space, thread, post and circle, her membership among them."""
    from spaces.models import Circle, Membership, Post, PostAttachment, Space, Thread

    return {
        "space_id": list(Space.objects.order_by("created_at")),
        "membership_id": list(Membership.objects.filter(member=elodie))
        + one_per_state(Membership.objects.exclude(member=elodie), "status"),
        "thread_id": list(Thread.objects.order_by("created_at")),
        "post_id": list(Post.objects.filter(author=elodie))
        + one_per_state(Post.objects.exclude(author=elodie), None),
        "circle_id": list(Circle.objects.order_by("created_at")),
        "spaces:attachment": one_per_state(PostAttachment.objects.all(), None),
    }


def transparency_objects() -> dict[str, list]:
    from transparency.figures import CATALOGUE
    from transparency.models import SealedMonth

    months = SealedMonth.objects.order_by("-month").values_list("month", flat=True)
    return {
        "figure_key": sorted(CATALOGUE),
        "month": sorted({month.strftime("%Y-%m") for month in months})[-2:],
        "transparency:data_file": ["figures.json", "datapackage.json"],
        "transparency:month_file": ["figures.json", "manifest.txt"],
    }


def cms_pages() -> list[str]:
    from wagtail.models import Page

    urls = []
    for page in Page.objects.live().filter(depth__gt=1).specific():
        url = page.get_url()
        if url:
            urls.append(url)
    return urls


def demo_conversations() -> None:
    """The demo holds no conversation: open one on each of Camille's and
    Élodie's missions and proposals, each with a message by the expert
    (through the services, inside the tests' rolled-back transaction)."""
    from marketplace.demo import email_for
    from messaging import services
    from missions.models import Mission, Proposal

    for handle in ("camille", "elodie"):
        email = email_for(handle)
        for mission in Mission.objects.filter(expert__user__email=email):
            conversation = services.conversation_for_mission(mission=mission)
            _say(services, conversation, mission.expert, "mission")
        for proposal in Proposal.objects.filter(expert__user__email=email):
            conversation = services.conversation_for_proposal(proposal=proposal)
            _say(services, conversation, proposal.expert, "proposal")


def _say(services, conversation, expert, what: str) -> None:
    import uuid

    # one message per conversation, the same on a second call (client id)
    client_id = uuid.uuid5(uuid.NAMESPACE_URL, f"{conversation.pk}/{what}")
    services.message_send(
        conversation=conversation,
        author=expert,
        body="Bonjour, voici où j'en suis.",
        client_id=client_id,
    )
