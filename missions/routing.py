"""WebSocket routes of missions (conversations: the messaging issue)."""

websocket_urlpatterns: list = []
