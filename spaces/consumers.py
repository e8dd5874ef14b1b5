"""The WebSocket of an open thread page: /ws/spaces/threads/<uuid>/ (docs/spaces.md).

Server to client only: `{"type": "post", "post": {...}}` when a reply is
stored, hidden or shown again. Same gates and close codes as the
conversations (messaging/PROTOCOL.md): 4401 not signed in, 4404 no such
thread or no access (who may not read a space cannot tell it exists), 4403
when a member loses access while connected (removed, circle closed).
"""

import json

from channels.db import aclose_old_connections
from channels.generic.websocket import AsyncWebsocketConsumer
from django.http import Http404
from django.utils.translation import gettext as _

from messaging.consumers import (
    CLOSE_NO_CONVERSATION,
    CLOSE_NOT_PARTICIPANT,
    CLOSE_NOT_SIGNED_IN,
    database_sync_to_async,
)

from .access import thread_seat


class ThreadConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        await aclose_old_connections()
        self.groups_joined: list[str] = []
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            return await self.refuse(CLOSE_NOT_SIGNED_IN)
        thread_id = self.scope["url_route"]["kwargs"]["thread_id"]
        try:
            thread, seat = await database_sync_to_async(thread_seat)(
                user=user, thread_id=thread_id
            )
        except Http404:
            return await self.refuse(CLOSE_NO_CONVERSATION)
        self.member_id = str(seat.member.pk)
        for group in (thread.group_name, seat.group_name):
            await self.channel_layer.group_add(group, self.channel_name)
            self.groups_joined.append(group)
        await self.accept()
        # removed between the check and the join: the removal's broadcast may
        # have gone before we were in the group; check once more
        try:
            await database_sync_to_async(thread_seat)(user=user, thread_id=thread_id)
        except Http404:
            await self.close(code=CLOSE_NOT_PARTICIPANT)

    async def refuse(self, code: int):
        await self.accept()
        await self.close(code=code)

    async def disconnect(self, code):
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)
        await aclose_old_connections()

    async def receive(self, text_data=None, bytes_data=None):
        # nothing to say to the server: replies are posted through the page or the API
        await self.send(
            text_data=json.dumps(
                {
                    "type": "error",
                    "code": "read_only",
                    "detail": _("Post replies through the page or the API."),
                }
            )
        )

    async def thread_post(self, event):
        await self.send(text_data=json.dumps({"type": "post", "post": event["post"]}))

    async def seat_removed(self, event):
        if event["member"] == getattr(self, "member_id", None):
            await self.close(code=CLOSE_NOT_PARTICIPANT)
