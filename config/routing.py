"""WebSocket routes of every app, and a clean close for any other path."""

from channels.generic.websocket import AsyncWebsocketConsumer
from django.urls import re_path

from messaging.routing import websocket_urlpatterns as messaging_routes
from spaces.routing import websocket_urlpatterns as spaces_routes

CLOSE_UNKNOWN_PATH = 4404


class UnknownPathConsumer(AsyncWebsocketConsumer):
    """A socket on a path no app serves: accepted only to be closed with 4404
    (a close code reaches the client only on an open socket), instead of the
    router's exception and an abrupt drop."""

    async def connect(self):
        await self.accept()
        await self.close(code=CLOSE_UNKNOWN_PATH)

    async def receive(self, text_data=None, bytes_data=None):
        return None


websocket_urlpatterns = [
    *messaging_routes,
    *spaces_routes,
    re_path(r"", UnknownPathConsumer.as_asgi()),
]
