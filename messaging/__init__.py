"""Private conversations of proposals and missions: pages, API, WebSocket.

Above missions: it reads proposals and missions and hears what happens to them
through `missions.signals` and `marketplace.signals` (see receivers.py); no app
below imports it. The socket's protocol is in PROTOCOL.md.
"""
