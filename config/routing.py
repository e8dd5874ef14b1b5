"""WebSocket routes of every app."""

from messaging.routing import websocket_urlpatterns as messaging_routes
from spaces.routing import websocket_urlpatterns as spaces_routes

websocket_urlpatterns = [*messaging_routes, *spaces_routes]
