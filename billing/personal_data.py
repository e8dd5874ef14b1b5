"""Billing's share of a member's export and erasure.

Invoices are kept whole, holder's name included: accounting law (Code de
commerce, article L123-22: ten years) requires it. The erasure says so.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from marketplace.profiles import privacy

from .models import BankTransfer, Invoice, Membership

LABEL = _("your memberships, invoices and bank transfers")


def export_billing(member) -> dict:
    return {
        "memberships": list(
            Membership.objects.filter(member=member).values(
                "id", "source", "created_at"
            )
        ),
        "invoices": list(
            Invoice.objects.filter(member=member).values(
                "number",
                "status",
                "amount_cents",
                "currency",
                "description",
                "holder_name",
                "created_at",
            )
        ),
        "bank_transfers": list(
            BankTransfer.objects.filter(member=member).values(
                "reference", "status", "amount_cents", "created_at"
            )
        ),
    }


def erase_billing(member) -> None:
    """Nothing is removed: invoices, transfers and memberships are accounting
    records the law requires kept; they point at the anonymised account."""


privacy.register_exporter("billing", export_billing, label=LABEL)
privacy.register_eraser("billing", erase_billing)
