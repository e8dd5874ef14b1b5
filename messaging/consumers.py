"""The WebSocket of a conversation: /ws/conversations/<uuid>/ (protocol in PROTOCOL.md).

Thin: it checks access, parses frames, calls the services through
`database_sync_to_async` and turns refusals into `error` frames. A message is
acknowledged only once stored; every socket of the conversation receives it
from the channel-layer group after commit.
"""

import json
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

from channels.consumer import get_handler_name
from channels.db import aclose_old_connections
from channels.db import database_sync_to_async as _database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _

from core.refusals import Refusal
from core.validators import loads_bounded

from . import selectors, services
from .broadcast import broadcasts_deferred, message_event
from .models import MESSAGE_MAX_LENGTH, check_body
from .system_text import system_text

# a frame bigger than this is refused before being parsed
MAX_FRAME_CHARS = MESSAGE_MAX_LENGTH * 2 + 1024
TYPING_EVERY_SECONDS = 2.0
CLOSE_NOT_SIGNED_IN, CLOSE_NOT_PARTICIPANT, CLOSE_NO_CONVERSATION = 4401, 4403, 4404


class RateLimit:
    """Per-user token bucket, shared by every socket of the user in this process."""

    def __init__(self):
        self.buckets: dict[str, tuple[float, float]] = {}

    @staticmethod
    def rule() -> tuple[int, float]:
        count, seconds = getattr(settings, "MESSAGING_RATE_LIMIT", "30/10").split("/")
        return int(count), float(seconds)

    def allow(self, key: str) -> bool:
        capacity, period = self.rule()
        now = time.monotonic()
        tokens, last = self.buckets.get(key, (capacity, now))
        tokens = min(capacity, tokens + (now - last) * capacity / period)
        if tokens < 1:
            self.buckets[key] = (tokens, now)
            return False
        self.buckets[key] = (tokens - 1, now)
        return True


rate_limit = RateLimit()


_executor: ThreadPoolExecutor | None = None


def database_sync_to_async(func):
    """Run a service in a worker thread of its own, closing stale connections.

    Channels' default (thread_sensitive) runs every database call of the
    process in one thread, one after the other: sockets would wait on each
    other. Services are self-contained transactions, so they run side by side
    on a pool of MESSAGING_DB_THREADS threads (default 16, under the database
    pool's size): a thread mostly waits for PostgreSQL (the commit), so more
    threads than CPUs is what keeps the throughput up.
    """
    global _executor
    if _executor is None:
        threads = getattr(settings, "MESSAGING_DB_THREADS", 16)
        _executor = ThreadPoolExecutor(
            max_workers=threads, thread_name_prefix="messaging"
        )
    return _database_sync_to_async(func, thread_sensitive=False, executor=_executor)


def _uuid(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None


class ConversationConsumer(AsyncWebsocketConsumer):
    async def dispatch(self, message):
        """Run the handler of a frame or of a channel-layer event, and nothing else.

        Channels' own dispatch first closes stale database connections with a
        hop to the process's one sync thread (`aclose_old_connections`), for
        every frame received and every message delivered: about a sixth of the
        process's CPU per message, measured (docs/benchmarks.md). This consumer
        never uses a database connection on that thread: each database call
        runs in `database_sync_to_async` below, whose worker threads close
        their own connections before and after the call.
        """
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def connect(self):
        await aclose_old_connections()
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            return await self.refuse(CLOSE_NOT_SIGNED_IN)
        conversation_id = self.scope["url_route"]["kwargs"]["conversation_id"]
        try:
            self.conversation, participant = await database_sync_to_async(
                services.access_conversation
            )(user=user, conversation_id=conversation_id)
        except Http404:
            return await self.refuse(CLOSE_NO_CONVERSATION)
        except PermissionDenied:
            return await self.refuse(CLOSE_NOT_PARTICIPANT)
        self.member = participant.member
        self.name = await database_sync_to_async(selectors.shown_name)(
            self.conversation, self.member
        )
        self.sent_seqs: set[int] = set()
        self.last_typing = 0.0
        self.group = self.conversation.group_name
        # in the group before the socket opens: nothing sent after "open" is missed
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await database_sync_to_async(services.participant_seen)(
            conversation=self.conversation, member=self.member
        )

    async def refuse(self, code: int):
        # accept first: a close code only reaches a client on an open socket
        await self.accept()
        await self.close(code=code)

    async def disconnect(self, code):
        if getattr(self, "group", None):
            await self.channel_layer.group_discard(self.group, self.channel_name)
            await database_sync_to_async(services.participant_seen)(
                conversation=self.conversation, member=self.member
            )
        await aclose_old_connections()

    # --- client → server ------------------------------------------------------------

    async def receive(self, text_data=None, bytes_data=None):
        if not getattr(self, "group", None):
            return
        if text_data is None:
            return await self.error("bad_frame", _("Frames are JSON text."))
        if len(text_data) > MAX_FRAME_CHARS:
            return await self.error("too_large", _("This frame is too large."))
        try:
            frame = loads_bounded(text_data)
        except ValueError:
            return await self.error("not_json", _("Frames are JSON text."))
        if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
            return await self.error("bad_frame", _("A frame is an object with a type."))
        handler = {
            "send": self.on_send,
            "read": self.on_read,
            "typing": self.on_typing,
            "sync": self.on_sync,
        }.get(frame["type"])
        if handler is None:
            return await self.error("unknown_type", _("Unknown frame type."))
        await handler(frame)

    async def on_send(self, frame):
        client_id = _uuid(frame.get("client_id"))
        if client_id is None:
            return await self.error("bad_client_id", _("client_id must be a UUID."))
        body = frame.get("body")
        if not isinstance(body, str):
            return await self.error("bad_frame", _("body must be text."), client_id)
        try:
            check_body(body)  # before the rate limit: a refused frame costs no token
        except Refusal as refusal:
            return await self.refused(refusal, client_id)
        if not rate_limit.allow(str(self.member.pk)):
            detail = _("You are sending too fast; wait a moment.")
            return await self.error("rate_limited", detail, client_id)
        stored = await services.message_send_now(
            conversation=self.conversation, author=self.member, body=body,
            client_id=client_id,
        )  # fmt: skip
        if stored is not None:  # the hot path: stored from this loop, no thread
            sent, event = stored
            await self.channel_layer.group_send(
                self.group, {**event, "origin": self.channel_name}
            )
            return await self.ack(client_id, sent.message)
        try:
            sent = await self.call(
                services.message_send,
                conversation=self.conversation,
                author=self.member,
                body=body,
                client_id=client_id,
            )
        except Refusal as refusal:
            return await self.refused(refusal, client_id)
        except PermissionDenied:
            return await self.close(code=CLOSE_NOT_PARTICIPANT)
        if not sent.created:
            # a retry: this socket may have missed the original broadcast
            event = await database_sync_to_async(message_event)(
                sent.message, conversation=self.conversation
            )
            await self.conversation_message(event)
        await self.ack(client_id, sent.message)

    async def ack(self, client_id, message):
        await self.send_json(
            {
                "type": "ack",
                "client_id": str(client_id),
                "id": str(message.pk),
                "seq": message.seq,
            }
        )

    async def on_read(self, frame):
        message_id = _uuid(frame.get("up_to"))
        seq = message_id and await database_sync_to_async(selectors.message_seq)(
            conversation=self.conversation, message_id=message_id
        )
        if not seq:
            return await self.error("unknown_message", _("No such message here."))
        try:
            await self.call(
                services.conversation_mark_read,
                conversation=self.conversation,
                member=self.member,
                up_to_seq=seq,
            )
        except PermissionDenied:
            return await self.close(code=CLOSE_NOT_PARTICIPANT)

    async def on_typing(self, frame):
        now = time.monotonic()
        if now - self.last_typing < TYPING_EVERY_SECONDS:
            return  # typing is a hint: extra ones are dropped silently
        self.last_typing = now
        await self.channel_layer.group_send(
            self.group,
            {
                "type": "conversation.typing",
                "member": {"id": str(self.member.pk), "name": self.name},
                "channel": self.channel_name,
            },
        )

    async def on_sync(self, frame):
        after = frame.get("after")
        after_seq = 0
        if after is not None:
            message_id = _uuid(after)
            after_seq = message_id and await database_sync_to_async(
                selectors.message_seq
            )(conversation=self.conversation, message_id=message_id)
            if not after_seq:
                return await self.error("unknown_message", _("No such message here."))
        await self._sync_from(after_seq)

    async def _sync_from(self, after_seq: int):
        last_id = None
        while True:
            events, positions = await database_sync_to_async(self._sync_batch)(
                after_seq
            )
            for event in events:
                # asked for: sent even if this socket had it already
                self.sent_seqs.add(event["message"]["seq"])
                await self.send_json(self.message_frame(event["message"]))
            if events:
                after_seq = events[-1]["message"]["seq"]
                last_id = events[-1]["message"]["id"]
            if len(events) < selectors.SYNC_BATCH:
                break
        for frame in positions:
            await self.send_json(frame)
        await self.send_json({"type": "synced", "last": last_id, "last_seq": after_seq})

    def _sync_batch(self, after_seq: int):
        messages = selectors.messages_after(
            conversation=self.conversation, after_seq=after_seq
        )
        events = [
            message_event(message, conversation=self.conversation)
            for message in messages
        ]
        positions = []
        if len(messages) < selectors.SYNC_BATCH:
            for row in selectors.read_positions(conversation=self.conversation):
                up_to = (
                    selectors.message_id_at(
                        conversation=self.conversation, seq=row.last_read_seq
                    )
                    if row.last_read_seq
                    else None
                )
                positions.append(
                    {
                        "type": "read",
                        "member": {
                            "id": str(row.member_id),
                            "name": selectors.shown_name(self.conversation, row.member),
                        },
                        "up_to": str(up_to) if up_to else None,
                        "seq": row.last_read_seq,
                    }
                )
        return events, positions

    # --- channel layer → client ----------------------------------------------------

    async def conversation_message(self, event):
        message = event["message"]
        if event.get("origin") == self.channel_name and message["kind"] == "text":
            self.sent_seqs.add(message["seq"])  # this socket sent it: it has the ack
            return
        update = message["edited"] or message["deleted"]
        if message["seq"] in self.sent_seqs and not update:
            return  # already sent on this socket (a sync and a broadcast overlapped)
        self.sent_seqs.add(message["seq"])
        await self.send_json(self.message_frame(message))

    async def conversation_read(self, event):
        await self.send_json(
            {
                "type": "read",
                "member": event["member"],
                "up_to": event["up_to"],
                "seq": event["seq"],
            }
        )

    async def conversation_typing(self, event):
        if event["channel"] != self.channel_name:
            await self.send_json({"type": "typing", "member": event["member"]})

    async def conversation_removed(self, event):
        if event["member"] == str(self.member.pk):
            await self.close(code=CLOSE_NOT_PARTICIPANT)

    # --- helpers ----------

    async def call(self, service, **kwargs):
        """Run a write service in a worker thread; send its broadcasts from here.

        Broadcasts carry this socket's channel as their origin: the sender has
        its `ack` and needs no copy of its own message.
        """

        def run():
            with broadcasts_deferred() as events:
                result = service(**kwargs)
            return result, list(events)

        result, events = await database_sync_to_async(run)()
        for group, event in events:
            await self.channel_layer.group_send(
                group, {**event, "origin": self.channel_name}
            )
        return result

    def message_frame(self, message: dict) -> dict:
        frame = {"type": "message", **message}
        frame.pop("data", None)
        if message["kind"] == "system":
            with translation.override(self.member.language or "fr"):
                frame["body"] = system_text(message["data"])
        return frame

    async def send_json(self, content):
        await self.send(text_data=json.dumps(content))

    async def error(self, code: str, detail: str, client_id=None):
        await self.refused(Refusal(detail, code=code, status=400), client_id)

    async def refused(self, refusal: Refusal, client_id=None):
        """A refusal as an `error` frame (with the client_id of the frame refused)."""
        frame = {"type": "error", **refusal.as_dict()}
        if client_id is not None:
            frame["client_id"] = str(client_id)
        await self.send_json(frame)
