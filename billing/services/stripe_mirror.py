"""The local mirror of Stripe: subscriptions, invoices and refunds.

Webhook handlers (`billing.stripe_events`) call these; each re-reads Stripe's
own copy of the object and converges on it, so late, repeated and
out-of-order deliveries end in the same state. Locks are always taken
subscription → invoice → membership.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import rules
from marketplace.services import audit_record

from .. import stripe_client
from ..models import (
    Invoice,
    LedgerEntry,
    Membership,
    Plan,
    StripeCustomer,
    Subscription,
)
from .holders import UnknownHolder, holder_community, holder_from_reference, holder_name
from .ledger import ledger_add
from .memberships import PARIS, membership_end_early, membership_grant
from .notices import amount_text, holder_tell
from .plans import membership_label


def _date(timestamp: int | None) -> dt.date | None:
    if not timestamp:
        return None
    return dt.datetime.fromtimestamp(timestamp, tz=PARIS).date()


def _datetime(timestamp: int | None) -> dt.datetime | None:
    if not timestamp:
        return None
    return dt.datetime.fromtimestamp(timestamp, tz=dt.UTC)


def _holder_for_stripe(
    *, metadata: dict | None, customer_id: str
) -> dict[str, Any] | None:
    holder = holder_from_reference((metadata or {}).get("holder", ""))
    if holder is not None:
        return holder
    customer = StripeCustomer.objects.filter(stripe_customer_id=customer_id).first()
    if customer is not None:
        return {"member": customer.member, "organization": customer.organization}
    return None


def subscription_sync(*, stripe_subscription_id: str) -> Subscription:
    """Rewrite the local mirror from Stripe's copy, read under the row's lock.

    Reading inside the lock orders concurrent handlers: whichever runs last
    read Stripe last, so the mirror never goes back to an older state.
    """
    if not Subscription.objects.filter(
        stripe_subscription_id=stripe_subscription_id
    ).exists():
        data = stripe_client.subscription_retrieve(stripe_subscription_id)
        customer_id = stripe_client.object_id(data.get("customer"))
        holder = _holder_for_stripe(
            metadata=data.get("metadata"), customer_id=customer_id
        )
        if holder is None:
            raise UnknownHolder(stripe_subscription_id)
        Subscription.objects.bulk_create(
            [
                Subscription(
                    stripe_subscription_id=stripe_subscription_id,
                    stripe_customer_id=customer_id,
                    status=data.get("status") or Subscription.Status.INCOMPLETE,
                    **holder,
                )
            ],
            ignore_conflicts=True,
        )
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().get(
            stripe_subscription_id=stripe_subscription_id
        )
        data = stripe_client.subscription_retrieve(stripe_subscription_id)
        before = subscription.status
        _subscription_apply(subscription, data)
        subscription.save()
        if before != subscription.status:
            audit_record(
                actor=None,
                action="subscription.synced",
                target=subscription,
                from_state=before,
                to_state=subscription.status,
            )
    latest_invoice = stripe_client.object_id(data.get("latest_invoice"))
    # converge even if the invoice.paid event was lost
    if (
        subscription.status == Subscription.Status.ACTIVE
        and latest_invoice
        and not Invoice.objects.filter(
            stripe_invoice_id=latest_invoice, status=Invoice.Status.PAID
        ).exists()
    ):
        stripe_invoice_sync(stripe_invoice_id=latest_invoice)
    return subscription


def _subscription_apply(subscription: Subscription, data: dict) -> None:
    item = stripe_client.dig(data, "items.data.0") or {}
    price_id = stripe_client.object_id(item.get("price"))
    subscription.status = data.get("status") or subscription.status
    subscription.stripe_customer_id = stripe_client.object_id(data.get("customer"))
    subscription.stripe_price_id = price_id
    subscription.plan = (
        Plan.objects.filter(stripe_price_id=price_id).first() if price_id else None
    )
    # since API 2025-03-31 the period sits on each item, not on the subscription
    subscription.current_period_start = _datetime(item.get("current_period_start"))
    subscription.current_period_end = _datetime(item.get("current_period_end"))
    subscription.cancel_at_period_end = bool(data.get("cancel_at_period_end"))
    subscription.canceled_at = _datetime(data.get("canceled_at"))
    if subscription.status in (
        Subscription.Status.ACTIVE,
        Subscription.Status.TRIALING,
    ):
        subscription.payment_failed_at = None
    subscription.synced_at = timezone.now()


def stripe_invoice_sync(*, stripe_invoice_id: str) -> Invoice:
    """Mirror one Stripe invoice; once paid, open its membership period and book it."""
    data = stripe_client.invoice_retrieve(stripe_invoice_id)
    details = stripe_client.dig(data, "parent.subscription_details") or {}
    subscription_id = stripe_client.object_id(details.get("subscription"))
    customer_id = stripe_client.object_id(data.get("customer"))
    holder = _holder_for_stripe(
        metadata=details.get("metadata"), customer_id=customer_id
    )
    if holder is None and subscription_id:
        mirrored = Subscription.objects.filter(
            stripe_subscription_id=subscription_id
        ).first()
        if mirrored is not None:
            holder = {"member": mirrored.member, "organization": mirrored.organization}
    if holder is None:
        raise UnknownHolder(stripe_invoice_id)
    paid = data.get("status") == "paid"
    charge = (
        stripe_client.invoice_charge(stripe_invoice_id)
        if paid and data.get("amount_paid")
        else None
    )
    line = stripe_client.dig(data, "lines.data.0") or {}
    period_start = _date(stripe_client.dig(line, "period.start"))
    period_end = _date(stripe_client.dig(line, "period.end"))
    with transaction.atomic():
        Invoice.objects.bulk_create(
            [
                Invoice(
                    stripe_invoice_id=stripe_invoice_id,
                    source=Invoice.Source.STRIPE,
                    status=Invoice.Status.OPEN,
                    amount_cents=data.get("amount_due") or 0,
                    description=str(membership_label(holder_community(holder))),
                    holder_name=holder_name(**holder),
                    issued_on=_date(data.get("created")) or timezone.localdate(),
                    **holder,
                )
            ],
            ignore_conflicts=True,
        )
        invoice = Invoice.objects.select_for_update().get(
            stripe_invoice_id=stripe_invoice_id
        )
        invoice.number = data.get("number") or ""
        invoice.status = {"paid": Invoice.Status.PAID, "void": Invoice.Status.VOID}.get(
            data.get("status"), Invoice.Status.OPEN
        )
        invoice.amount_cents = (
            data.get("amount_paid") if paid else data.get("amount_due") or 0
        )
        invoice.currency = (data.get("currency") or "eur").upper()
        invoice.period_start, invoice.period_end = period_start, period_end
        invoice.hosted_url = data.get("hosted_invoice_url") or ""
        invoice.pdf_url = data.get("invoice_pdf") or ""
        if paid:
            invoice.paid_at = (
                _datetime(stripe_client.dig(data, "status_transitions.paid_at"))
                or timezone.now()
            )
        if charge is not None:
            invoice.stripe_charge_id = charge["id"]
        invoice.save()
        if paid:
            _stripe_invoice_book(invoice=invoice, charge=charge, holder=holder)
    return invoice


def _stripe_invoice_book(
    *, invoice: Invoice, charge: dict | None, holder: dict
) -> None:
    """Open the paid period and write the ledger, once (the invoice row is locked)."""
    created = False
    if (
        invoice.period_start
        and invoice.period_end
        and invoice.period_end > invoice.period_start
        and not Membership.objects.filter(invoice=invoice).exists()
    ):
        membership_grant(
            starts_on=invoice.period_start,
            ends_on=invoice.period_end,
            source=Membership.Source.STRIPE,
            by=None,
            reason="stripe invoice paid",
            invoice=invoice,
            **holder,
        )
        created = True
    if invoice.amount_cents > 0:
        ledger_add(
            kind=LedgerEntry.Kind.PAYMENT,
            source=LedgerEntry.Source.STRIPE,
            amount_cents=invoice.amount_cents,
            currency=invoice.currency,
            reference=invoice.stripe_invoice_id,
            invoice=invoice,
            occurred_at=invoice.paid_at,
            description=invoice.description,
            holder=holder,
        )
    fee = stripe_client.dig(charge, "balance_transaction.fee") if charge else None
    transaction_id = (
        stripe_client.dig(charge, "balance_transaction.id") if charge else None
    )
    if fee and transaction_id:
        ledger_add(
            kind=LedgerEntry.Kind.STRIPE_FEE,
            source=LedgerEntry.Source.STRIPE,
            amount_cents=-int(fee),
            currency=(
                stripe_client.dig(charge, "balance_transaction.currency") or "eur"
            ).upper(),
            reference=transaction_id,
            invoice=invoice,
            occurred_at=invoice.paid_at,
            description=gettext("Stripe fee"),
            holder=holder,
        )
    # (the subscription's payment_failed_at is cleared by subscription_sync: locks
    # are always taken subscription → invoice → membership, never the other way)
    if created:
        transaction.on_commit(
            lambda: holder_tell(
                holder=holder,
                kind="billing.payment_received",
                title=_("Thank you: your membership is paid until %(until)s"),
                body=_("We received %(amount)s. Your invoice is on your billing page."),
                until=invoice.period_end,
                amount=amount_text(invoice.amount_cents),
            )
        )


def subscription_payment_failed(
    *, stripe_invoice_id: str, subscription_id: str
) -> None:
    """A renewal failed: mirror it, note when, and tell the payer about the grace period."""
    subscription = subscription_sync(stripe_subscription_id=subscription_id)
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
        first_failure = subscription.payment_failed_at is None
        if first_failure:
            subscription.payment_failed_at = timezone.now()
            subscription.save(update_fields=["payment_failed_at", "updated_at"])
    stripe_invoice_sync(stripe_invoice_id=stripe_invoice_id)
    if first_failure:
        days = rules.get("billing.grace_period_days")
        holder_tell(
            holder={
                "member": subscription.member,
                "organization": subscription.organization,
            },
            kind="billing.payment_failed",
            title=_("Your membership payment failed"),
            body=_(
                "Stripe could not take the payment. You keep full access for %(days)s days: "
                "update your payment method from your billing page."
            ),
            days=days,
        )


def payment_action_required(*, stripe_invoice_id: str) -> None:
    """3-D Secure: the payer must confirm the payment on Stripe's page."""
    invoice = stripe_invoice_sync(stripe_invoice_id=stripe_invoice_id)
    holder_tell(
        holder={"member": invoice.member, "organization": invoice.organization},
        kind="billing.action_required",
        title=_("Please confirm your membership payment"),
        body=_("Your bank asks you to confirm the payment of %(amount)s."),
        url=invoice.hosted_url or "/billing/",
        amount=amount_text(invoice.amount_cents),
    )


def trial_will_end(*, subscription_id: str) -> None:
    subscription = subscription_sync(stripe_subscription_id=subscription_id)
    holder_tell(
        holder={
            "member": subscription.member,
            "organization": subscription.organization,
        },
        kind="billing.trial_ending",
        title=_("Your trial ends soon"),
        body=_("Your trial ends on %(day)s; the first payment is taken then."),
        day=timezone.localtime(subscription.current_period_end).date()
        if subscription.current_period_end
        else "",
    )


def charge_refunds_sync(*, charge_id: str) -> int:
    """Book each refund of a charge once; a full refund ends the period it paid for."""
    refunds = stripe_client.charge_refunds(charge_id)
    with transaction.atomic():
        invoice = (
            Invoice.objects.select_for_update()
            .filter(stripe_charge_id=charge_id)
            .first()
        )
        if invoice is None:
            raise UnknownHolder(
                charge_id
            )  # invoice.paid not processed yet: retry later
        holder = {"member": invoice.member, "organization": invoice.organization}
        booked, refunded = 0, 0
        for refund in refunds:
            if refund.get("status") != "succeeded":
                continue
            refunded += int(refund.get("amount") or 0)
            if ledger_add(
                kind=LedgerEntry.Kind.REFUND,
                source=LedgerEntry.Source.STRIPE,
                amount_cents=-int(refund.get("amount") or 0),
                currency=(refund.get("currency") or "eur").upper(),
                reference=refund["id"],
                invoice=invoice,
                occurred_at=_datetime(refund.get("created")) or timezone.now(),
                description=gettext("Refund"),
                holder=holder,
            ):
                booked += 1
        if refunded >= invoice.amount_cents > 0:
            membership_end_early(invoice=invoice)
    return booked
