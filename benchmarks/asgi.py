"""ASGI application for benchmarks: the product's, plus the bare echo route.

`/ws/echo/<room>/` bypasses authentication and the origin check on purpose: it
is the ceiling the conversation consumer is compared to. It exists only in this
module, never in `config.asgi`.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from channels.routing import URLRouter
from django.urls import path

from config.asgi import application as product

from .echo import EchoConsumer

echo = URLRouter([path("ws/echo/<str:room>/", EchoConsumer.as_asgi())])


async def application(scope, receive, send):
    if scope["type"] == "websocket" and scope["path"].startswith("/ws/echo/"):
        return await echo(scope, receive, send)
    return await product(scope, receive, send)
