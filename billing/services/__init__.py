"""Every write of billing, one module per concern.

Three ways money comes in, one way it is recorded:

- Stripe: `checkout.checkout_start` sends the member to Checkout; webhooks (see
  `billing.stripe_events`) call `stripe_mirror.subscription_sync`,
  `stripe_invoice_sync` and `charge_refunds_sync`, which re-read Stripe's own
  copy and converge on it.
- Bank transfer: `transfers.transfer_request` gives a reference,
  `transfer_record` (treasurer) issues a numbered invoice (`invoices`) and
  opens the membership period.
- Grants: `memberships.membership_grant` (founders, demo data).

Each paid invoice opens one `Membership` period and appends `LedgerEntry`
rows (`ledger`). `plans` follows the fees in force, `renewals` reminds and
moves subscriptions to a voted fee, `notices` tells the payers. No function
here takes, reads or stores anything about missions.

Refusals are `core.refusals.Refusal`; `UnknownHolder` is the webhook
handlers' signal to retry later. The names below are the public interface:
`billing.services.transfer_record` keeps working.
"""

from .checkout import (
    checkout_session_sync,
    checkout_start,
    portal_url,
    stripe_customer_record,
)
from .holders import (
    UnknownHolder,
    can_pay,
    holder_filter,
    holder_from_reference,
    holder_name,
    holder_of,
    holder_recipients,
    holder_reference,
)
from .invoices import invoice_number_next
from .memberships import PARIS, membership_grant
from .plans import plan_amount, plan_current, plans_sync
from .renewals import (
    PRICE_NOTICE_DAYS,
    REMINDER_DAYS,
    renewal_reminders_send,
    subscriptions_move_prices,
)
from .stripe_mirror import (
    charge_refunds_sync,
    payment_action_required,
    stripe_invoice_sync,
    subscription_payment_failed,
    subscription_sync,
    trial_will_end,
)
from .transfers import transfer_cancel, transfer_record, transfer_request

__all__ = [
    "PARIS",
    "PRICE_NOTICE_DAYS",
    "REMINDER_DAYS",
    "UnknownHolder",
    "can_pay",
    "charge_refunds_sync",
    "checkout_session_sync",
    "checkout_start",
    "holder_filter",
    "holder_from_reference",
    "holder_name",
    "holder_of",
    "holder_recipients",
    "holder_reference",
    "invoice_number_next",
    "membership_grant",
    "payment_action_required",
    "plan_amount",
    "plan_current",
    "plans_sync",
    "portal_url",
    "renewal_reminders_send",
    "stripe_customer_record",
    "stripe_invoice_sync",
    "subscription_payment_failed",
    "subscription_sync",
    "subscriptions_move_prices",
    "transfer_cancel",
    "transfer_record",
    "transfer_request",
    "trial_will_end",
]
