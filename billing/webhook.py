"""Stripe's deliveries: verify the signature, store the event once, answer.

`webhook_receive` is the one receive path: the Django view
(`views.stripe_webhook`) and the bare ASGI app (`billing.asgi`) both call it
and answer with the status it returns. Processing happens after commit in a
task (`tasks.process_stripe_event` → `stripe_events.event_process`), so a slow
handler never delays the acknowledgement.
"""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django_tasks import task_backends
from django_tasks_db import DatabaseBackend

from . import stripe_client
from .models import StripeEvent
from .stripe_events import HANDLERS
from .tasks import process_stripe_event

log = logging.getLogger(__name__)


def webhook_receive(body: bytes, signature: str | None) -> int:
    """Verify, store once, and return the HTTP status to answer Stripe with.

    400 for a bad signature or payload (nothing stored); 200 otherwise, also
    for a type we do not handle and for an event id already stored.
    """
    try:
        event = stripe_client.webhook_verify(body, signature)
    except stripe_client.WebhookInvalid as error:
        log.warning("Stripe webhook refused: %s", error)
        return 400
    if event["type"] not in HANDLERS:
        log.info(
            "Stripe webhook: ignored event type %s (%s)", event["type"], event["id"]
        )
        return 200
    event_store(event=event)
    return 200


def event_store(*, event: dict) -> StripeEvent | None:
    """Store a verified event once; None if this id was already stored.

    Idempotency is the unique constraint on `stripe_id`: ten concurrent
    deliveries make one row, and only its insert schedules processing.
    """
    try:
        with transaction.atomic():
            stored = StripeEvent.objects.create(
                stripe_id=event["id"], type=event["type"], payload=event
            )
            if _queue_in_database():
                # the task row commits with the event: one commit per delivery
                _enqueue(stored.pk)
            else:
                # a backend that runs the task at once must see the committed event
                transaction.on_commit(lambda: _enqueue(stored.pk))
    except IntegrityError:
        return None
    return stored


def _enqueue(pk) -> None:
    process_stripe_event.enqueue(event_pk=str(pk))


def _queue_in_database() -> bool:
    return isinstance(task_backends[process_stripe_event.backend], DatabaseBackend)
