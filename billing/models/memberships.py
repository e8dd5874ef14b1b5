"""Membership periods, and the reminders sent before one ends."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel
from marketplace.models import Member, Organization

from .invoices import Invoice


class Membership(BaseModel):
    """One paid period of membership, for an expert or for a whole organization."""

    class Source(models.TextChoices):
        STRIPE = "stripe", _("Card (Stripe)")
        """Paid through Stripe Checkout; mirrored from Stripe's subscription."""
        TRANSFER = "transfer", _("Bank transfer")
        """Paid by bank transfer and recorded by a treasurer."""
        GRANT = "grant", _("Granted")
        """Given by the cooperative (founders, demo data)."""

    member = models.ForeignKey(
        Member,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    source = models.CharField(_("paid by"), max_length=10, choices=Source.choices)
    # the invoice that paid for this period: one period per invoice, whatever
    # the number of webhook deliveries
    invoice = models.OneToOneField(
        Invoice,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="membership",
    )

    class Meta(BaseModel.Meta):
        verbose_name = _("membership period")
        verbose_name_plural = _("membership periods")
        ordering = ["-ends_on"]
        constraints = [
            models.CheckConstraint(
                name="membership_one_holder",
                condition=Q(member__isnull=False, organization__isnull=True)
                | Q(member__isnull=True, organization__isnull=False),
            ),
            models.CheckConstraint(
                name="membership_period_ordered",
                condition=Q(ends_on__gt=F("starts_on")),
            ),
        ]
        indexes = [
            models.Index(fields=["member", "ends_on"]),
            models.Index(fields=["organization", "ends_on"]),
        ]

    def __str__(self):
        holder = self.organization or self.member
        return f"{holder}: {self.starts_on} → {self.ends_on}"


class RenewalReminder(BaseModel):
    """A renewal reminder sent for one membership period, at most once per delay."""

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="reminders"
    )
    days_before = models.PositiveSmallIntegerField()

    class Meta(BaseModel.Meta):
        verbose_name = _("renewal reminder")
        verbose_name_plural = _("renewal reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "days_before"], name="renewal_reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.membership_id}: {self.days_before} days before"
