"""The ceiling: a bare group echo consumer (no database, no authentication).

It does what the conversation consumer does minus the work that matters:
every text frame it receives goes through the same channel layer to every
socket of the same room, unchanged. Benchmarks run it beside the real consumer
in the same daphne process.
"""

from channels.generic.websocket import AsyncWebsocketConsumer


class EchoConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        self.group = "echo." + self.scope["url_route"]["kwargs"]["room"]
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        await self.channel_layer.group_send(
            self.group, {"type": "echo.frame", "text": text_data}
        )

    async def echo_frame(self, event):
        await self.send(text_data=event["text"])
