"""WebSocket routes of spaces: one socket per open thread page."""

from django.urls import path

from .consumers import ThreadConsumer

websocket_urlpatterns = [
    path("ws/spaces/threads/<uuid:thread_id>/", ThreadConsumer.as_asgi()),
]
