"""What the sockets of a conversation receive, sent after commit.

Services call `broadcast(conversation, event)` inside their transaction; the
event leaves once it commits. `message_event` is the event of a stored message
(the consumer turns it into a `message` frame). A consumer runs services in a
worker thread and collects their events with `broadcasts_deferred` to send
them itself.
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from .models import Conversation, Message
from .selectors import shown_name

log = logging.getLogger(__name__)


def message_event(
    message: Message,
    attachments: list | None = None,
    conversation: Conversation | None = None,
) -> dict:
    """The channel-layer event of a stored message (see consumers.message_frame)."""
    author = message.author
    conversation = conversation or message.conversation
    if attachments is None:
        attachments = [] if message.deleted_at else list(message.attachments.all())
    return {
        "type": "conversation.message",
        "message": {
            "id": str(message.pk),
            "seq": message.seq,
            "client_id": str(message.client_id) if message.client_id else None,
            "kind": str(message.kind),
            "author": {"id": str(author.pk), "name": shown_name(conversation, author)}
            if author
            else None,
            "body": message.body,
            "data": message.data,
            "created": message.created_at.isoformat(),
            "edited": message.edited_at is not None,
            "deleted": message.deleted_at is not None,
            "attachments": [
                {
                    "id": str(item.pk),
                    "name": item.name,
                    "size": item.size,
                    "url": item.get_absolute_url(),
                }
                for item in attachments
            ],
        },
    }


def broadcast(conversation: Conversation, event: dict) -> None:
    """Send `event` to the conversation's sockets once the transaction commits."""
    group = conversation.group_name
    transaction.on_commit(lambda: _send_or_collect(group, event))


_deferred = threading.local()


@contextmanager
def broadcasts_deferred():
    """Collect this thread's after-commit broadcasts instead of sending them.

    The consumer runs services in a worker thread; sending from there would
    block the thread on the event loop. It collects them here and sends them
    itself, still after commit.
    """
    _deferred.events = events = []
    try:
        yield events
    finally:
        _deferred.events = None


def _send_or_collect(group: str, event: dict) -> None:
    events = getattr(_deferred, "events", None)
    if events is not None:
        events.append((group, event))
    else:
        group_send(group, event)


def group_send(group: str, event: dict) -> None:
    """Send to a group from sync code; a lost frame is recovered by `sync`."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, event)
    except Exception:  # the row is stored; clients catch up with `sync`
        log.exception("group_send to %s failed", group)
