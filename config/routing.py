"""WebSocket routes of every app, and a clean close for any other path."""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.urls import re_path

from marketplace.two_factor import CLOSE_MFA_REQUIRED, ERROR_CODE, mfa_missing
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


class TwoFactorRequiredConsumer(AsyncWebsocketConsumer):
    """A staff account without two-factor authentication: closed with 4403
    and the reason ``mfa_required`` (marketplace.two_factor)."""

    async def connect(self):
        await self.accept()
        await self.close(code=CLOSE_MFA_REQUIRED, reason=ERROR_CODE)

    async def receive(self, text_data=None, bytes_data=None):
        return None


_refuse = TwoFactorRequiredConsumer.as_asgi()


class StaffTwoFactorGuard:
    """Inside the auth middleware: staff sockets open only once their account
    has two-factor authentication, like their pages and API requests."""

    def __init__(self, inner):
        self.inner = inner

    async def __call__(self, scope, receive, send):
        user = scope.get("user")
        if user is not None and await database_sync_to_async(mfa_missing)(user):
            return await _refuse(scope, receive, send)
        return await self.inner(scope, receive, send)


websocket_urlpatterns = [
    *messaging_routes,
    *spaces_routes,
    re_path(r"", UnknownPathConsumer.as_asgi()),
]
