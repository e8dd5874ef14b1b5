"""Invoices, numbered in one unbroken sequence per year."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import BaseModel

from .holders import Holder
from .transfers import BankTransfer


class InvoiceCounter(BaseModel):
    """The last number issued in one invoice series, locked to issue the next.

    French law asks for invoice numbers in one unbroken, chronological
    sequence: numbers come from this row under `select_for_update`, in the
    same transaction as the invoice, so a rollback gives the number back.
    """

    series = models.CharField(max_length=20, unique=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta(BaseModel.Meta):
        verbose_name = _("invoice counter")
        verbose_name_plural = _("invoice counters")

    def __str__(self):
        return f"{self.series}: {self.last_number}"


class Invoice(Holder):
    """An invoice a member can read and download: Stripe's, or ours for a transfer."""

    class Source(models.TextChoices):
        STRIPE = "stripe", _("Card (Stripe)")
        """Issued by Stripe; we keep its number and links."""
        TRANSFER = "transfer", _("Bank transfer")
        """Issued by the platform, numbered from `InvoiceCounter`, rendered as PDF."""

    class Status(models.TextChoices):
        OPEN = "open", _("to be paid")
        """Issued, not paid yet (Stripe invoices only)."""
        PAID = "paid", _("paid")
        """Paid in full."""
        VOID = "void", _("void")
        """Cancelled by Stripe."""

    source = models.CharField(_("paid by"), max_length=10, choices=Source.choices)
    number = models.CharField(_("number"), max_length=40, blank=True)
    stripe_invoice_id = models.CharField(
        max_length=100, null=True, blank=True, unique=True
    )
    stripe_charge_id = models.CharField(max_length=100, blank=True, db_index=True)
    transfer = models.OneToOneField(
        BankTransfer,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="invoice",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    amount_cents = models.IntegerField(_("amount (cents)"))
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    description = models.CharField(
        pgettext_lazy("invoice line", "description"), max_length=200
    )
    holder_name = models.CharField(_("billed to"), max_length=200)
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period to"), null=True, blank=True)
    issued_on = models.DateField(_("issued on"))
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    hosted_url = models.URLField(max_length=500, blank=True)
    pdf_url = models.URLField(max_length=500, blank=True)

    class Meta(Holder.Meta):
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-issued_on", "-created_at"]
        constraints = [
            *Holder.Meta.constraints,
            models.UniqueConstraint(
                fields=["number"],
                condition=Q(source="transfer"),
                name="invoice_transfer_number_once",
            ),
        ]

    def __str__(self):
        return self.number or self.stripe_invoice_id or str(self.pk)
