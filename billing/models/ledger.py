"""The append-only ledger the transparency page reads."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.append_only import append_only
from core.models import BaseModel
from marketplace.models import Member, Organization

from .invoices import Invoice


class LedgerEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The ledger is append-only: add a correcting entry instead.")

    def delete(self):
        raise TypeError("The ledger is append-only: add a correcting entry instead.")


class LedgerEntry(BaseModel):
    """One movement of money, in cents, never edited nor deleted.

    Payments are positive; refunds and Stripe's fees negative. An entry names
    who paid and the payment it comes from (a Stripe invoice, charge, refund or
    balance transaction, or a bank transfer) and nothing else: there is
    deliberately no link to needs, proposals or missions.
    """

    class Kind(models.TextChoices):
        PAYMENT = "payment", _("membership payment")
        """Money received for a membership."""
        REFUND = "refund", _("refund")
        """Money given back to a member (negative)."""
        STRIPE_FEE = "stripe_fee", _("Stripe fee")
        """What Stripe kept on a payment (negative)."""

    class Source(models.TextChoices):
        STRIPE = "stripe", _("Stripe")
        TRANSFER = "transfer", _("Bank transfer")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    source = models.CharField(_("through"), max_length=10, choices=Source.choices)
    amount_cents = models.IntegerField(_("amount (cents)"))
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    community = models.CharField(
        _("community"), max_length=10, choices=Member.Community.choices, blank=True
    )
    member = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invoice = models.ForeignKey(
        Invoice,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ledger_entries",
    )
    reference = models.CharField(
        _("reference"),
        max_length=100,
        help_text="The Stripe object (in_…, re_…, txn_…) or the transfer reference.",
    )
    occurred_at = models.DateTimeField(_("date"))
    description = models.CharField(
        pgettext_lazy("ledger entry", "description"), max_length=200, blank=True
    )

    objects = LedgerEntryQuerySet.as_manager()

    class Meta(BaseModel.Meta):
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        # PostgreSQL refuses edits and deletes, raw SQL included
        triggers = append_only("ledger", nullable=("member", "organization", "invoice"))
        ordering = ["occurred_at", "created_at"]
        constraints = [
            # one entry per movement, however many times a webhook repeats it
            models.UniqueConstraint(
                fields=["kind", "source", "reference"], name="ledger_entry_once"
            ),
            models.CheckConstraint(
                name="ledger_entry_sign",
                condition=Q(kind="payment", amount_cents__gte=0)
                | Q(kind__in=["refund", "stripe_fee"], amount_cents__lte=0),
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.amount_cents} {self.currency} ({self.reference})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError(
                "The ledger is append-only: add a correcting entry instead."
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The ledger is append-only: add a correcting entry instead.")
