"""Bank transfers: asked by a payer, recorded by a treasurer."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.models import Member, User

from .holders import Holder
from .plans import Plan


class BankTransfer(Holder):
    """A membership paid by bank transfer: asked by a member, recorded by a treasurer."""

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting the transfer")
        """The member has the reference and bank details; no money seen yet."""
        PAID = "paid", _("received")
        """A treasurer recorded the transfer: membership, invoice and ledger exist."""
        CANCELLED = "cancelled", _("cancelled")
        """Withdrawn before any money arrived."""

    requested_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="transfers")
    amount_cents = models.PositiveIntegerField(_("amount (cents)"))
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    reference = models.CharField(_("transfer reference"), max_length=20, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    received_on = models.DateField(_("received on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta(Holder.Meta):
        verbose_name = _("bank transfer")
        verbose_name_plural = _("bank transfers")
        constraints = [
            *Holder.Meta.constraints,
            models.CheckConstraint(
                name="bank_transfer_paid_is_recorded",
                condition=~Q(status="paid") | Q(received_on__isnull=False),
            ),
            # one transfer awaited per holder at a time
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(status="pending"),
                name="bank_transfer_member_pending",
            ),
            models.UniqueConstraint(
                fields=["organization"],
                condition=Q(status="pending"),
                name="bank_transfer_organization_pending",
            ),
        ]

    def __str__(self):
        return self.reference
