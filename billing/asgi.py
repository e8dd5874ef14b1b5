"""The Stripe webhook as a bare ASGI application, without Django's middleware
and request objects: it answers what `webhook.webhook_receive` returns, as the
Django view `views.stripe_webhook` does.

Django's own ASGI path costs ~5 ms of CPU per request on one daphne process
(middleware, a thread hop, the request object), which caps a webhook at ~200
requests/s on a small machine. The webhook needs none of it: Stripe's HMAC
signature is its only authentication. `config/asgi.py` routes the webhook's
path (`webhook_path()`, read from the URL conf) here through `webhook_router`;
the Django view serves every other deployment (and the test client).

Import this module once Django is set up (it imports the models).
"""

from __future__ import annotations

import functools

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import close_old_connections
from django.http.request import split_domain_port, validate_host
from django.urls import reverse

from .webhook import webhook_receive, webhook_receive_now

MAX_BODY = 1_048_576  # Stripe events are a few kilobytes


@functools.cache
def webhook_path() -> str:
    """`/billing/stripe/webhook/`: the path of the URL named `billing:stripe_webhook`."""
    return reverse("billing:stripe_webhook")


def _receive(body: bytes, signature: str | None) -> int:
    try:
        return webhook_receive(body, signature)
    finally:
        close_old_connections()  # no request cycle here to close them for us


async def stripe_webhook_app(scope, receive, send) -> None:
    if scope["method"] != "POST":
        return await _respond(send, 405)
    body, more = b"", True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        body += message.get("body", b"")
        more = message.get("more_body", False)
        if len(body) > MAX_BODY:
            return await _respond(send, 413)
    headers = dict(scope.get("headers") or [])
    signature = headers.get(b"stripe-signature", b"").decode("latin-1") or None
    # PostgreSQL: verified and stored from the event loop, one statement
    status = await webhook_receive_now(body, signature)
    if status is None:
        # thread_sensitive=False: stores run in parallel on the pool's connections
        status = await sync_to_async(_receive, thread_sensitive=False)(body, signature)
    return await _respond(send, status)


async def _respond(send, status: int) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain"), (b"content-length", b"0")],
        }
    )
    await send({"type": "http.response.body", "body": b""})


def webhook_router(django_app):
    """Wrap the project's HTTP app: the webhook path goes straight to the fast app.

    Only for a Host that ALLOWED_HOSTS accepts: anything else goes through
    Django, which refuses it as for every other page.
    """

    async def app(scope, receive, send):
        if scope["type"] == "http" and scope["path"] == webhook_path():
            headers = dict(scope.get("headers") or [])
            host, _port = split_domain_port(headers.get(b"host", b"").decode("latin-1"))
            if host and validate_host(host, settings.ALLOWED_HOSTS):
                return await stripe_webhook_app(scope, receive, send)
        return await django_app(scope, receive, send)

    return app
