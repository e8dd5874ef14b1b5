"""WebSocket routes of every app."""

from missions.routing import websocket_urlpatterns as missions_routes

websocket_urlpatterns = [*missions_routes]
