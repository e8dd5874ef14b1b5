"""Plans: one per community, interval and amount in force (the rules set the fee)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel
from marketplace.models import Member


class Plan(BaseModel):
    """One price of one membership: a community, an interval and an amount.

    A row per amount ever charged. The amount in force comes from the rules
    registry (`fees.<community>.<interval>ly_cents`); when members vote a new
    amount, a new row (and a new Stripe Price) appears and the old one is
    archived, staying on existing subscriptions until their renewal.
    """

    class Interval(models.TextChoices):
        YEAR = "year", _("yearly")
        """Paid once a year (the default; the only choice for bank transfers)."""
        MONTH = "month", _("monthly")
        """Paid each month, by card only."""

    community = models.CharField(
        _("community"), max_length=10, choices=Member.Community.choices
    )
    interval = models.CharField(_("interval"), max_length=5, choices=Interval.choices)
    amount_cents = models.PositiveIntegerField(_("amount (cents)"))
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    stripe_product_id = models.CharField(max_length=100, blank=True)
    stripe_price_id = models.CharField(max_length=100, blank=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    class Meta(BaseModel.Meta):
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["community", "interval", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "interval", "amount_cents", "currency"],
                name="plan_once",
            ),
            models.UniqueConstraint(
                fields=["stripe_price_id"],
                condition=~Q(stripe_price_id=""),
                name="plan_stripe_price_once",
            ),
        ]

    def __str__(self):
        return f"{self.community}/{self.interval}: {self.amount_cents / 100:.2f} {self.currency}"

    @staticmethod
    def rule_key(community: str, interval: str) -> str:
        return f"fees.{community}.{interval}ly_cents"
