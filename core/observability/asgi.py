"""Counts the WebSockets a process holds open (the `ouvrage_websockets_open` gauge)."""

from . import metrics


def count_sockets(app):
    async def application(scope, receive, send):
        if scope["type"] != "websocket":
            return await app(scope, receive, send)
        accepted = False

        async def counting_send(message):
            nonlocal accepted
            if not accepted and message["type"] == "websocket.accept":
                accepted = True
                metrics.SOCKETS.inc()
            await send(message)

        try:
            return await app(scope, receive, counting_send)
        finally:
            if accepted:
                metrics.SOCKETS.dec()

    return application
