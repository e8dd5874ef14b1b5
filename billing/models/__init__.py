"""Memberships: the yearly subscriptions that are the platform's only income.

`billing.selectors.membership_status` is what the rest of the platform asks.
Around it: plans priced by the rules registry, the local mirror of Stripe
(customers, subscriptions, events), bank transfers, invoices numbered in one
unbroken sequence, and the append-only ledger the transparency page reads.

Nothing here refers to a mission: the platform's income never depends on the
business its members sign together.
"""

from .holders import Holder
from .invoices import Invoice, InvoiceCounter
from .ledger import LedgerEntry, LedgerEntryQuerySet
from .memberships import Membership, RenewalReminder
from .plans import Plan
from .stripe_mirror import StripeCustomer, StripeEvent, Subscription
from .transfers import BankTransfer

__all__ = [
    "BankTransfer",
    "Holder",
    "Invoice",
    "InvoiceCounter",
    "LedgerEntry",
    "LedgerEntryQuerySet",
    "Membership",
    "Plan",
    "RenewalReminder",
    "StripeCustomer",
    "StripeEvent",
    "Subscription",
]
