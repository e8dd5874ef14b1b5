"""Stripe webhook events, once stored: dispatched by type to their handler.

`billing.webhook` verifies and stores each delivery; a task then runs
`event_process` after commit, so a slow handler never delays the
acknowledgement. Handlers never trust the event's copy of an object: they
re-read it from Stripe (see `services.subscription_sync`), which makes late,
repeated and out-of-order deliveries converge on Stripe's true state.

Locks are always taken in the order event → subscription → invoice →
membership, so two handlers running at once cannot deadlock.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import services, stripe_client
from .models import StripeEvent

log = logging.getLogger(__name__)


def _object(payload: dict) -> dict:
    return stripe_client.dig(payload, "data.object") or {}


def _checkout_completed(payload: dict) -> None:
    services.checkout_session_sync(session_id=_object(payload)["id"])


def _subscription_changed(payload: dict) -> None:
    services.subscription_sync(stripe_subscription_id=_object(payload)["id"])


def _trial_will_end(payload: dict) -> None:
    services.trial_will_end(subscription_id=_object(payload)["id"])


def _invoice_paid(payload: dict) -> None:
    services.stripe_invoice_sync(stripe_invoice_id=_object(payload)["id"])


def _invoice_payment_failed(payload: dict) -> None:
    invoice = _object(payload)
    subscription_id = stripe_client.object_id(
        stripe_client.dig(invoice, "parent.subscription_details.subscription")
    )
    if subscription_id:
        services.subscription_payment_failed(
            stripe_invoice_id=invoice["id"], subscription_id=subscription_id
        )
    else:
        services.stripe_invoice_sync(stripe_invoice_id=invoice["id"])


def _invoice_action_required(payload: dict) -> None:
    services.payment_action_required(stripe_invoice_id=_object(payload)["id"])


def _charge_refunded(payload: dict) -> None:
    services.charge_refunds_sync(charge_id=_object(payload)["id"])


HANDLERS: dict[str, Callable[[dict], None]] = {
    "checkout.session.completed": _checkout_completed,
    "customer.subscription.created": _subscription_changed,
    "customer.subscription.updated": _subscription_changed,
    "customer.subscription.deleted": _subscription_changed,
    "customer.subscription.trial_will_end": _trial_will_end,
    "invoice.paid": _invoice_paid,
    "invoice.payment_failed": _invoice_payment_failed,
    "invoice.payment_action_required": _invoice_action_required,
    "charge.refunded": _charge_refunded,
}


def event_process(*, event_pk) -> str:
    """Run the handler of one stored event; record success or the error.

    The event row stays locked while its handler runs, so it is processed by
    one worker at a time; a failed handler rolls back its own writes and
    leaves the event `failed` for `manage.py stripe_events_reprocess`.
    """
    with transaction.atomic():
        event = (
            StripeEvent.objects.select_for_update(skip_locked=True)
            .filter(pk=event_pk)
            .exclude(status=StripeEvent.Status.PROCESSED)
            .first()
        )
        if event is None:
            return "skipped"
        event.attempts += 1
        try:
            with transaction.atomic():
                HANDLERS[event.type](event.payload)
        except Exception as error:  # any handler error: keep the event for a retry
            log.exception("Stripe event %s (%s) failed", event.stripe_id, event.type)
            event.status = StripeEvent.Status.FAILED
            event.last_error = f"{type(error).__name__}: {error}"[:2000]
        else:
            event.status = StripeEvent.Status.PROCESSED
            event.last_error = ""
            event.processed_at = timezone.now()
        event.save(
            update_fields=[
                "status",
                "attempts",
                "last_error",
                "processed_at",
                "updated_at",
            ]
        )
        return event.status


def events_reprocess(
    *,
    include_pending_older_than: int = 60,
    limit: int = 500,
    max_attempts: int | None = None,
) -> dict[str, int]:
    """Process again the failed events, and pending ones a lost task left behind."""
    cutoff = timezone.now() - timezone.timedelta(seconds=include_pending_older_than)
    due = StripeEvent.objects.filter(
        Q(status=StripeEvent.Status.FAILED)
        | Q(status=StripeEvent.Status.PENDING, created_at__lt=cutoff)
    )
    if max_attempts is not None:
        due = due.filter(attempts__lt=max_attempts)
    counts: dict[str, int] = {}
    for pk in due.order_by("created_at").values_list("pk", flat=True)[:limit]:
        status = event_process(event_pk=pk)
        counts[status] = counts.get(status, 0) + 1
    return counts
