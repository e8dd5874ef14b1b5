"""The conversations' share of a member's export and erasure."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from marketplace.profiles import privacy

from .models import Message, MessageAttachment, Participant

LABEL = _("the messages you wrote and your conversations")


def export_messages(member) -> dict:
    return {
        "conversations": list(
            Participant.objects.filter(member=member).values(
                "conversation_id", "created_at", "removed_at"
            )
        ),
        "messages_written": list(
            Message.objects.filter(author=member)
            .order_by("created_at")
            .values("conversation_id", "kind", "body", "created_at")
        ),
    }


def erase_messages(member) -> None:
    """The member's messages keep their place in the thread, emptied."""
    attachments = MessageAttachment.objects.filter(message__author=member)
    for attachment in attachments:
        if attachment.file:
            name, storage = attachment.file.name, attachment.file.storage
            transaction.on_commit(lambda n=name, s=storage: s.delete(n))
    attachments.delete()
    Message.objects.filter(author=member).update(body="", data={})


privacy.register_exporter("messages", export_messages, label=LABEL)
privacy.register_eraser("messages", erase_messages)
