"""The Stripe webhook as a bare ASGI application: the same verify → store → 2xx as
`views.stripe_webhook`, without Django's middleware and request objects.

Django's own ASGI path costs ~5 ms of CPU per request on one daphne process
(middleware, a thread hop, the request object), which caps a webhook at ~200
requests/s on a small machine. The webhook needs none of it: Stripe's HMAC
signature is its only authentication. `marketplace/asgi.py` may route the exact
path `/billing/stripe/webhook/` here (see `webhook_router`); the Django view
stays the reference and serves every other deployment (and the test client).
"""

from __future__ import annotations

import logging

from asgiref.sync import sync_to_async

from . import stripe_client

log = logging.getLogger(__name__)

WEBHOOK_PATH = "/billing/stripe/webhook/"
MAX_BODY = 1_048_576  # Stripe events are a few kilobytes


def _store(body: bytes, signature: str | None) -> int:
    from . import stripe_events  # models: imported once Django is set up

    try:
        event = stripe_client.webhook_verify(body, signature)
    except stripe_client.WebhookInvalid as error:
        log.warning("Stripe webhook refused: %s", error)
        return 400
    if event["type"] not in stripe_events.HANDLERS:
        log.info(
            "Stripe webhook: ignored event type %s (%s)", event["type"], event["id"]
        )
        return 200
    try:
        stripe_events.event_store(event=event)
    finally:
        from django.db import close_old_connections

        close_old_connections()
    return 200


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
    # thread_sensitive=False: stores run in parallel on the pool's connections
    status = await sync_to_async(_store, thread_sensitive=False)(body, signature)
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
    from django.conf import settings
    from django.http.request import split_domain_port, validate_host

    async def app(scope, receive, send):
        if scope["type"] == "http" and scope["path"] == WEBHOOK_PATH:
            headers = dict(scope.get("headers") or [])
            host, _port = split_domain_port(headers.get(b"host", b"").decode("latin-1"))
            if host and validate_host(host, settings.ALLOWED_HOSTS):
                return await stripe_webhook_app(scope, receive, send)
        return await django_app(scope, receive, send)

    return app
