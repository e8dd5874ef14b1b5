"""The project's ASGI application plus a raw ASGI endpoint (daphne's own ceiling) and
the webhook's bare ASGI app on its own path."""

from config import asgi

project = asgi.application  # importing it set Django up: billing.asgi needs the models

from billing.asgi import stripe_webhook_app  # noqa: E402


async def application(scope, receive, send):
    if scope["type"] == "http" and scope["path"] == "/bench/raw/":
        while (await receive()).get("more_body"):
            pass
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})
        return
    if scope["type"] == "http" and scope["path"] == "/bench/asgi-webhook/":
        await stripe_webhook_app(scope, receive, send)
        return
    await project(scope, receive, send)
