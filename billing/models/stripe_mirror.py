"""The local mirror of Stripe: customers, subscriptions and the events received."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import BaseModel

from .holders import Holder
from .plans import Plan


class StripeCustomer(Holder):
    """The Stripe customer of a holder (created by Checkout on the first payment)."""

    stripe_customer_id = models.CharField(max_length=100, unique=True)

    class Meta(Holder.Meta):
        verbose_name = _("Stripe customer")
        verbose_name_plural = _("Stripe customers")
        constraints = [
            *Holder.Meta.constraints,
            models.UniqueConstraint(
                fields=["member"], name="stripe_customer_member_once"
            ),
            models.UniqueConstraint(
                fields=["organization"], name="stripe_customer_organization_once"
            ),
        ]

    def __str__(self):
        return self.stripe_customer_id


class Subscription(Holder):
    """Local mirror of one Stripe subscription, always rewritten from Stripe's own copy.

    Webhook handlers never apply an event's payload: they re-read the
    subscription from Stripe under a row lock, so a late or repeated event
    cannot make the mirror go back in time.
    """

    class Status(models.TextChoices):
        INCOMPLETE = "incomplete", _("awaiting first payment")
        """Checkout created it; the first payment is not confirmed yet."""
        INCOMPLETE_EXPIRED = "incomplete_expired", _("first payment never made")
        """The first payment failed for 23 hours: Stripe gave up."""
        TRIALING = "trialing", _("trial")
        """In a free trial."""
        ACTIVE = "active", pgettext_lazy("subscription status", "active")
        """Paid and renewing."""
        PAST_DUE = "past_due", _("payment failed")
        """A renewal payment failed; Stripe retries. The grace period applies."""
        UNPAID = "unpaid", _("unpaid")
        """Stripe stopped retrying; access ends with the grace period."""
        CANCELED = "canceled", _("cancelled")
        """Ended; no further invoices."""
        PAUSED = "paused", _("paused")
        """Paused (trial ended without a payment method)."""

    stripe_subscription_id = models.CharField(max_length=100, unique=True)
    stripe_customer_id = models.CharField(max_length=100)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    plan = models.ForeignKey(
        Plan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subscriptions",
    )
    stripe_price_id = models.CharField(max_length=100, blank=True)
    current_period_start = models.DateTimeField(null=True, blank=True)
    current_period_end = models.DateTimeField(_("renews on"), null=True, blank=True)
    cancel_at_period_end = models.BooleanField(default=False)
    canceled_at = models.DateTimeField(null=True, blank=True)
    payment_failed_at = models.DateTimeField(null=True, blank=True)
    price_notice_plan = models.ForeignKey(
        Plan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The plan the member was told this subscription moves to at renewal.",
    )
    synced_at = models.DateTimeField(null=True, blank=True)

    class Meta(Holder.Meta):
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")

    def __str__(self):
        return f"{self.stripe_subscription_id} ({self.status})"


class StripeEvent(BaseModel):
    """A webhook event, stored once by its Stripe id before anything else happens."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        """Stored and acknowledged; not processed yet."""
        PROCESSED = "processed", _("processed")
        """Its handler ran to the end; processing it again changes nothing."""
        FAILED = "failed", _("failed")
        """Its handler raised; kept for `manage.py stripe_events_reprocess`."""

    stripe_id = models.CharField(max_length=100, unique=True)
    type = models.CharField(max_length=100)
    payload = models.JSONField()
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")

    def __str__(self):
        return f"{self.type} {self.stripe_id} ({self.status})"
