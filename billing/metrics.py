"""Billing's probe for /metrics: how far behind the Stripe webhook processing is."""

from django.db.models import Min
from django.utils import timezone

from core.observability.metrics import probe

from .models import StripeEvent


@probe(
    "ouvrage_webhook_lag_seconds",
    "Age of the oldest Stripe event acknowledged but not processed yet (0: none).",
)
def webhook_lag():
    oldest = StripeEvent.objects.filter(status=StripeEvent.Status.PENDING).aggregate(
        oldest=Min("created_at")
    )["oldest"]
    lag = (timezone.now() - oldest).total_seconds() if oldest else 0.0
    return [((), max(0.0, lag))]


@probe(
    "ouvrage_webhook_events_failed",
    "Stripe events whose processing failed (see stripe_events_reprocess).",
)
def webhook_failed():
    return [((), StripeEvent.objects.filter(status=StripeEvent.Status.FAILED).count())]
