"""Reads of conversations shared by the page, the API and the consumer."""

from __future__ import annotations

from django.db.models import F, Prefetch, QuerySet, Sum

from marketplace import identity
from marketplace.models import Member

from .models import Conversation, Message, MessageAttachment, Participant

SYNC_BATCH = 200


def conversations_of(*, member: Member) -> QuerySet[Participant]:
    """The member's conversations (as participant rows), latest activity first.

    Each row has `unread` (messages after the member's read position).
    """
    return (
        Participant.objects.filter(member=member, removed_at__isnull=True)
        .select_related(
            "conversation__proposal__need__organization",
            "conversation__proposal__expert",
            "conversation__mission__organization",
            "conversation__mission__expert",
        )
        .annotate(unread=F("conversation__last_seq") - F("last_read_seq"))
        .order_by(
            F("conversation__last_message_at").desc(nulls_last=True), "-created_at"
        )
    )


def unread_total(*, member: Member) -> int:
    total = (
        Participant.objects.filter(member=member, removed_at__isnull=True)
        .annotate(unread=F("conversation__last_seq") - F("last_read_seq"))
        .aggregate(total=Sum("unread"))["total"]
    )
    return max(total or 0, 0)


def _messages(conversation: Conversation) -> QuerySet[Message]:
    return (
        Message.objects.filter(conversation=conversation)
        .select_related("author")
        .prefetch_related(
            Prefetch(
                "attachments", queryset=MessageAttachment.objects.order_by("created_at")
            )
        )
    )


def messages_after(
    *, conversation: Conversation, after_seq: int, limit: int = SYNC_BATCH
) -> list[Message]:
    """Messages with a number above `after_seq`, oldest first (what `sync` returns)."""
    return list(
        _messages(conversation).filter(seq__gt=after_seq).order_by("seq")[:limit]
    )


def messages_before(
    *, conversation: Conversation, before_seq: int | None, limit: int = 50
) -> list[Message]:
    """The `limit` messages before `before_seq` (else the latest), oldest first."""
    queryset = _messages(conversation)
    if before_seq is not None:
        queryset = queryset.filter(seq__lt=before_seq)
    return list(reversed(queryset.order_by("-seq")[:limit]))


def message_seq(*, conversation: Conversation, message_id) -> int | None:
    """The number of one message of this conversation, or None."""
    return (
        Message.objects.filter(conversation=conversation, pk=message_id)
        .values_list("seq", flat=True)
        .first()
    )


def read_positions(*, conversation: Conversation) -> list[Participant]:
    """Every active participant and how far they have read."""
    return list(
        conversation.participants.filter(removed_at__isnull=True)
        .select_related("member")
        .order_by("created_at")
    )


def message_id_at(*, conversation: Conversation, seq: int):
    return (
        Message.objects.filter(conversation=conversation, seq=seq)
        .values_list("pk", flat=True)
        .first()
    )


def shown_name(conversation: Conversation, member: Member) -> str:
    """A participant's name in this conversation.

    A pseudonymous expert appears under their alias until they reveal their
    identity to the company (see missions.matching.aliases); remembered on the
    conversation object, so a socket asks once.
    """
    if not member.is_expert:
        return member.display_name
    names = conversation.__dict__.setdefault("_shown_names", {})
    if member.pk not in names:
        if conversation.kind == Conversation.Kind.PROPOSAL:
            organization_id = conversation.proposal.need.organization_id
        else:
            organization_id = conversation.mission.organization_id
        names[member.pk] = identity.shown_name(
            member, viewer=None, audience_org_id=organization_id
        )
    return names[member.pk]


def conversation_of(*, proposal=None, mission=None) -> Conversation | None:
    """The proposal's or mission's conversation if it was opened (a pure read)."""
    if proposal is not None:
        return Conversation.objects.filter(proposal=proposal).first()
    return Conversation.objects.filter(mission=mission).first()
