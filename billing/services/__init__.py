"""Every write of billing.

Three ways money comes in, one way it is recorded:

- Stripe: `checkout_start` sends the member to Checkout; webhooks (see
  `stripe_events.py`) call `subscription_sync`, `stripe_invoice_sync` and
  `charge_refunds_sync`, which re-read Stripe's own copy and converge on it.
- Bank transfer: `transfer_request` gives a reference, `transfer_record`
  (treasurer) issues a numbered invoice and opens the membership period.
- Grants: `membership_grant` (founders, demo data).

Each paid invoice opens one `Membership` period and appends `LedgerEntry`
rows. No function here takes, reads or stores anything about missions.
"""

from __future__ import annotations

import datetime as dt
import secrets
import string
import zoneinfo
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import rules
from marketplace import notifications
from marketplace.i18n import in_language
from marketplace.models import Member, Organization, User
from marketplace.services import audit_record, notify

from . import stripe_client
from .models import (
    BankTransfer,
    Invoice,
    InvoiceCounter,
    LedgerEntry,
    Membership,
    Plan,
    RenewalReminder,
    StripeCustomer,
    Subscription,
)

notifications.register(
    "billing.payment_received", _("A membership payment was received")
)
notifications.register("billing.payment_failed", _("A membership payment failed"))
notifications.register(
    "billing.action_required", _("A payment needs your confirmation")
)
notifications.register("billing.trial_ending", _("Your trial ends soon"))
notifications.register(
    "billing.renewal_reminder", _("Your membership is up for renewal")
)
notifications.register(
    "billing.price_change", _("The membership fee changes at renewal")
)

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


class BillingError(ValidationError):
    """A refusal to show the member as is (already translated)."""


class UnknownHolder(Exception):
    """A Stripe object we cannot tie to a member or organization (yet): retry later."""


# --- holders --------------------------------------------------------------------------------


def holder_of(member: Member) -> dict[str, Any]:
    """Who pays for `member`: themselves, or their organization."""
    if member.is_company:
        return {"member": None, "organization": member.organization}
    return {"member": member, "organization": None}


def holder_filter(*, member: Member | None, organization: Organization | None) -> dict:
    if organization is not None:
        return {"organization": organization}
    return {"member": member}


def holder_reference(
    *, member: Member | None, organization: Organization | None
) -> str:
    """`member:<uuid>` or `organization:<uuid>`: what we give Stripe to find the holder back."""
    if organization is not None:
        return f"organization:{organization.pk}"
    return f"member:{member.pk}"


def holder_from_reference(reference: str) -> dict[str, Any] | None:
    kind, _sep, pk = (reference or "").partition(":")
    try:
        if kind == "organization":
            return {"member": None, "organization": Organization.objects.get(pk=pk)}
        if kind == "member":
            return {
                "member": Member.objects.get(pk=pk, community="expert"),
                "organization": None,
            }
    except (
        Organization.DoesNotExist,
        Member.DoesNotExist,
        ValidationError,
        ValueError,
    ):
        return None
    return None


def holder_name(*, member: Member | None, organization: Organization | None) -> str:
    return organization.name if organization is not None else member.display_name


def holder_recipients(
    *, member: Member | None, organization: Organization | None
) -> list[Member]:
    """Who hears about a holder's billing: the expert, or the organization's owners."""
    if organization is None:
        return [member]
    return list(
        organization.members.filter(
            organization_role=Member.OrganizationRole.OWNER
        ).select_related("user")
    )


def can_pay(member: Member) -> bool:
    """Experts pay for themselves; for an organization only its owners pay."""
    return member.is_expert or member.is_organization_owner


def _tell(
    *, holder: dict, kind: str, title, body, url: str = "/billing/", **params
) -> None:
    """Notify every recipient of a holder, in each one's language (lazy strings)."""
    for recipient in holder_recipients(**holder):
        with in_language(recipient):
            notify(
                member=recipient,
                kind=kind,
                title=str(title) % params,
                body=str(body) % params,
                url=url,
            )


def _date(timestamp: int | None) -> dt.date | None:
    if not timestamp:
        return None
    return dt.datetime.fromtimestamp(timestamp, tz=PARIS).date()


def _datetime(timestamp: int | None) -> dt.datetime | None:
    if not timestamp:
        return None
    return dt.datetime.fromtimestamp(timestamp, tz=dt.UTC)


def _one_year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


# --- memberships ----------------------------------------------------------------------------


@transaction.atomic
def membership_grant(
    *,
    member: Member | None = None,
    organization: Organization | None = None,
    starts_on: dt.date,
    ends_on: dt.date,
    source: str,
    by: User | None,
    reason: str = "",
    invoice: Invoice | None = None,
) -> Membership:
    """Record one period of membership (a company's covers its whole organization)."""
    if member is not None and member.is_company:
        organization, member = member.organization, None
    membership = Membership(
        member=member,
        organization=organization,
        starts_on=starts_on,
        ends_on=ends_on,
        source=source,
        invoice=invoice,
    )
    membership.full_clean()
    membership.save()
    audit_record(
        actor=by,
        action="membership.granted",
        target=membership,
        reason=reason,
        data={"source": source, "starts_on": str(starts_on), "ends_on": str(ends_on)},
    )
    return membership


def _next_start(*, member, organization, on: dt.date) -> dt.date:
    """A renewal starts when the current period ends, not before."""
    latest = (
        Membership.objects.filter(
            **holder_filter(member=member, organization=organization)
        )
        .order_by("-ends_on")
        .values_list("ends_on", flat=True)
        .first()
    )
    return max(on, latest) if latest else on


# --- plans ------------------------------------------------------------------------------------


def plan_amount(*, community: str, interval: str) -> int:
    return rules.get(Plan.rule_key(community, interval))


def plan_current(
    *, community: str, interval: str, with_stripe_price: bool = True
) -> Plan:
    """The plan at the amount in force, with its Stripe Price when Stripe is on
    (and `with_stripe_price`: a bank transfer needs no Price, nor Stripe to answer).

    The Stripe calls come first: if Stripe is unreachable nothing is stored.
    """
    amount = plan_amount(community=community, interval=interval)
    plan = Plan.objects.filter(
        community=community, interval=interval, amount_cents=amount, currency="EUR"
    ).first()
    use_stripe = with_stripe_price and stripe_client.enabled()
    if plan is not None and (plan.stripe_price_id or not use_stripe):
        return plan
    product_id, price_id = "", ""
    if use_stripe:
        product_id = (
            Plan.objects.filter(community=community)
            .exclude(stripe_product_id="")
            .values_list("stripe_product_id", flat=True)
            .first()
        )
        if not product_id:
            product_id = stripe_client.product_create(
                name=str(_membership_label(community)), community=community
            )["id"]
        price_id = stripe_client.price_create(
            product=product_id,
            amount_cents=amount,
            currency="EUR",
            interval=interval,
            community=community,
        )["id"]
    with transaction.atomic():
        Plan.objects.bulk_create(
            [
                Plan(
                    community=community,
                    interval=interval,
                    amount_cents=amount,
                    currency="EUR",
                )
            ],
            ignore_conflicts=True,
        )
        plan = Plan.objects.select_for_update().get(
            community=community, interval=interval, amount_cents=amount, currency="EUR"
        )
        if price_id and not plan.stripe_price_id:
            plan.stripe_product_id, plan.stripe_price_id = product_id, price_id
            plan.archived_at = None
            plan.save(
                update_fields=[
                    "stripe_product_id",
                    "stripe_price_id",
                    "archived_at",
                    "updated_at",
                ]
            )
    return plan


def _membership_label(community: str):
    if community == Member.Community.COMPANY:
        return _("Ouvrage membership: organization")
    return _("Ouvrage membership: expert")


def plans_sync() -> int:
    """Make the plans follow the rules: a plan (and Price) per amount in force,
    older ones archived. Archived Prices stay on the subscriptions that use them
    until `subscriptions_move_prices` moves them at renewal. Returns plans archived."""
    archived = 0
    for community in Member.Community.values:
        for interval in Plan.Interval.values:
            current = plan_current(community=community, interval=interval)
            stale = Plan.objects.filter(
                community=community, interval=interval, archived_at__isnull=True
            ).exclude(pk=current.pk)
            for plan in stale:
                if plan.stripe_price_id and stripe_client.enabled():
                    stripe_client.price_archive(price=plan.stripe_price_id)
                Plan.objects.filter(pk=plan.pk).update(archived_at=timezone.now())
                archived += 1
    return archived


# --- Stripe Checkout and portal ----------------------------------------------------------------


def checkout_start(
    *, member: Member, interval: str, success_url: str, cancel_url: str
) -> str:
    """The URL of a Stripe Checkout page for `member`'s membership.

    Raises StripeUnavailable when Stripe cannot be reached: nothing local is
    written then but, at most, the plan row of a price Stripe did create.
    """
    if not can_pay(member):
        raise BillingError(
            gettext("Only an owner of the organization can pay its membership.")
        )
    if interval not in Plan.Interval.values:
        raise BillingError(gettext("Choose a yearly or a monthly membership."))
    holder = holder_of(member)
    if Subscription.objects.filter(
        **holder_filter(**holder),
        status__in=[
            Subscription.Status.ACTIVE,
            Subscription.Status.TRIALING,
            Subscription.Status.PAST_DUE,
        ],
    ).exists():
        raise BillingError(
            gettext(
                "You already have a card subscription: manage it from the Stripe portal."
            )
        )
    plan = plan_current(community=member.community, interval=interval)
    reference = holder_reference(**holder)
    customer = StripeCustomer.objects.filter(**holder_filter(**holder)).first()
    params: dict[str, Any] = {
        "line_items": [{"price": plan.stripe_price_id, "quantity": 1}],
        "client_reference_id": reference,
        "metadata": {"holder": reference},
        "subscription_data": {"metadata": {"holder": reference}},
        "success_url": success_url,
        "cancel_url": cancel_url,
        "locale": member.language or "fr",
    }
    if customer is not None:
        params["customer"] = customer.stripe_customer_id
    else:
        params["customer_email"] = member.user.email
    session = stripe_client.checkout_session_create(**params)
    return session["url"]


def checkout_session_sync(
    *, session_id: str, member: Member | None = None
) -> Subscription | None:
    """Record what a completed Checkout session created (webhook or return page)."""
    session = stripe_client.checkout_session_retrieve(session_id)
    holder = holder_from_reference(session.get("client_reference_id") or "")
    if holder is None:
        raise UnknownHolder(session_id)
    if member is not None and holder_reference(**holder) != holder_reference(
        **holder_of(member)
    ):
        return None  # someone else's session: ignore it
    customer_id = stripe_client.object_id(session.get("customer"))
    if customer_id:
        stripe_customer_record(customer_id=customer_id, **holder)
    subscription_id = stripe_client.object_id(session.get("subscription"))
    if session.get("status") == "complete" and subscription_id:
        return subscription_sync(stripe_subscription_id=subscription_id)
    return None


def stripe_customer_record(
    *, member: Member | None, organization: Organization | None, customer_id: str
) -> StripeCustomer:
    existing = StripeCustomer.objects.filter(stripe_customer_id=customer_id).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return StripeCustomer.objects.create(
                member=member, organization=organization, stripe_customer_id=customer_id
            )
    except IntegrityError:
        # the holder already has a customer (a second Checkout made another one):
        # keep the first, the subscription carries the holder in its metadata
        return StripeCustomer.objects.get(
            **holder_filter(member=member, organization=organization)
        )


def portal_url(*, member: Member, return_url: str) -> str:
    """Stripe's Customer Portal (payment methods, cancellation, invoices)."""
    if not can_pay(member):
        raise BillingError(
            gettext("Only an owner of the organization can manage its membership.")
        )
    customer = StripeCustomer.objects.filter(
        **holder_filter(**holder_of(member))
    ).first()
    if customer is None:
        raise BillingError(gettext("You have no card payment yet."))
    return stripe_client.portal_session_create(
        customer=customer.stripe_customer_id, return_url=return_url
    )["url"]


# --- Stripe mirror --------------------------------------------------------------------------


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
                    description=str(_membership_label(_community(holder))),
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


def _community(holder: dict) -> str:
    return (
        Member.Community.COMPANY if holder["organization"] else Member.Community.EXPERT
    )


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
        _ledger_add(
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
        _ledger_add(
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
            lambda: _tell(
                holder=holder,
                kind="billing.payment_received",
                title=_("Thank you: your membership is paid until %(until)s"),
                body=_("We received %(amount)s. Your invoice is on your billing page."),
                until=invoice.period_end.strftime("%d/%m/%Y"),
                amount=_money(invoice.amount_cents),
            )
        )


def _money(cents: int) -> str:
    return f"{cents / 100:.2f} €".replace(".", ",")


def _ledger_add(*, holder: dict, **fields) -> LedgerEntry | None:
    """Append one entry unless this movement is already booked (callers hold a lock)."""
    key = {name: fields[name] for name in ("kind", "source", "reference")}
    if LedgerEntry.objects.filter(**key).exists():
        return None
    entry = LedgerEntry(community=_community(holder), **holder, **fields)
    entry.full_clean()
    entry.save()
    return entry


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
        _tell(
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
    _tell(
        holder={"member": invoice.member, "organization": invoice.organization},
        kind="billing.action_required",
        title=_("Please confirm your membership payment"),
        body=_("Your bank asks you to confirm the payment of %(amount)s."),
        url=invoice.hosted_url or "/billing/",
        amount=_money(invoice.amount_cents),
    )


def trial_will_end(*, subscription_id: str) -> None:
    subscription = subscription_sync(stripe_subscription_id=subscription_id)
    _tell(
        holder={
            "member": subscription.member,
            "organization": subscription.organization,
        },
        kind="billing.trial_ending",
        title=_("Your trial ends soon"),
        body=_("Your trial ends on %(day)s; the first payment is taken then."),
        day=timezone.localtime(subscription.current_period_end).strftime("%d/%m/%Y")
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
            if _ledger_add(
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
            _membership_end_early(invoice=invoice)
    return booked


def _membership_end_early(*, invoice: Invoice) -> None:
    membership = Membership.objects.select_for_update().filter(invoice=invoice).first()
    if membership is None:
        return
    today = timezone.localdate()
    ends_on = max(today, membership.starts_on + dt.timedelta(days=1))
    if membership.ends_on <= ends_on:
        return
    before = membership.ends_on
    membership.ends_on = ends_on
    membership.save(update_fields=["ends_on", "updated_at"])
    audit_record(
        actor=None,
        action="membership.refunded",
        target=membership,
        reason="full refund",
        data={"ends_on_before": str(before), "ends_on": str(ends_on)},
    )


# --- bank transfers ------------------------------------------------------------------------------

_REFERENCE_ALPHABET = "".join(
    sorted(set(string.ascii_uppercase + string.digits) - set("O0I1L"))
)


def _transfer_reference() -> str:
    chars = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))
    return f"OUV-{chars[:4]}-{chars[4:]}"


def transfer_request(*, member: Member) -> BankTransfer:
    """The pending transfer for `member`'s holder, created at the yearly price if none."""
    if not can_pay(member):
        raise BillingError(
            gettext("Only an owner of the organization can pay its membership.")
        )
    holder = holder_of(member)
    pending = BankTransfer.objects.filter(
        **holder_filter(**holder), status=BankTransfer.Status.PENDING
    ).first()
    if pending is not None:
        return pending
    plan = plan_current(
        community=member.community, interval=Plan.Interval.YEAR, with_stripe_price=False
    )
    try:
        with transaction.atomic():
            transfer = BankTransfer(
                requested_by=member,
                plan=plan,
                amount_cents=plan.amount_cents,
                currency=plan.currency,
                reference=_transfer_reference(),
                **holder,
            )
            transfer.full_clean()
            transfer.save()
            audit_record(
                actor=member.user,
                action="transfer.requested",
                target=transfer,
                to_state=transfer.status,
            )
    except IntegrityError:  # a concurrent request won: one pending transfer per holder
        return BankTransfer.objects.get(
            **holder_filter(**holder), status=BankTransfer.Status.PENDING
        )
    return transfer


class TransferNotPending(BillingError):
    pass


@transaction.atomic
def transfer_record(
    *,
    transfer: BankTransfer,
    received_on: dt.date,
    by: User,
    amount_cents: int | None = None,
) -> Invoice:
    """A treasurer saw the money: issue the numbered invoice, open the year, book it."""
    transfer = BankTransfer.objects.select_for_update().get(pk=transfer.pk)
    if transfer.status != BankTransfer.Status.PENDING:
        raise TransferNotPending(
            gettext("This transfer is already recorded or cancelled.")
        )
    amount = transfer.amount_cents if amount_cents is None else amount_cents
    if amount != transfer.amount_cents:
        raise BillingError(
            gettext("The amount received must be the amount asked (%(amount)s).")
            % {"amount": _money(transfer.amount_cents)}
        )
    if received_on > timezone.localdate():
        raise BillingError(gettext("A transfer cannot be received in the future."))
    holder = {"member": transfer.member, "organization": transfer.organization}
    starts_on = _next_start(**holder, on=received_on)
    ends_on = _one_year_after(starts_on)
    invoice = Invoice(
        source=Invoice.Source.TRANSFER,
        number=invoice_number_next(),
        transfer=transfer,
        status=Invoice.Status.PAID,
        amount_cents=amount,
        currency=transfer.currency,
        description=str(_membership_label(transfer.community)),
        holder_name=holder_name(**holder),
        period_start=starts_on,
        period_end=ends_on,
        issued_on=timezone.localdate(),
        paid_at=dt.datetime.combine(received_on, dt.time(12), tzinfo=PARIS),
        **holder,
    )
    invoice.full_clean()
    invoice.save()
    membership_grant(
        starts_on=starts_on,
        ends_on=ends_on,
        source=Membership.Source.TRANSFER,
        by=by,
        reason=transfer.reference,
        invoice=invoice,
        **holder,
    )
    _ledger_add(
        kind=LedgerEntry.Kind.PAYMENT,
        source=LedgerEntry.Source.TRANSFER,
        amount_cents=amount,
        currency=transfer.currency,
        reference=transfer.reference,
        invoice=invoice,
        occurred_at=invoice.paid_at,
        description=invoice.description,
        holder=holder,
    )
    transfer.status = BankTransfer.Status.PAID
    transfer.received_on = received_on
    transfer.recorded_by = by
    transfer.save(update_fields=["status", "received_on", "recorded_by", "updated_at"])
    audit_record(
        actor=by,
        action="transfer.recorded",
        target=transfer,
        from_state=BankTransfer.Status.PENDING,
        to_state=BankTransfer.Status.PAID,
        data={"invoice": invoice.number, "amount_cents": amount},
    )
    transaction.on_commit(
        lambda: _tell(
            holder=holder,
            kind="billing.payment_received",
            title=_("Thank you: your membership is paid until %(until)s"),
            body=_("We received %(amount)s. Your invoice is on your billing page."),
            until=ends_on.strftime("%d/%m/%Y"),
            amount=_money(amount),
        )
    )
    return invoice


@transaction.atomic
def transfer_cancel(*, transfer: BankTransfer, by: User) -> BankTransfer:
    transfer = BankTransfer.objects.select_for_update().get(pk=transfer.pk)
    if transfer.status != BankTransfer.Status.PENDING:
        raise TransferNotPending(
            gettext("This transfer is already recorded or cancelled.")
        )
    transfer.status = BankTransfer.Status.CANCELLED
    transfer.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=by,
        action="transfer.cancelled",
        target=transfer,
        from_state=BankTransfer.Status.PENDING,
        to_state=BankTransfer.Status.CANCELLED,
    )
    return transfer


def invoice_number_next(*, on: dt.date | None = None) -> str:
    """The next number of the year's series, e.g. OUV-2026-00042. Call inside the
    invoice's transaction: the counter row stays locked until it commits."""
    assert transaction.get_connection().in_atomic_block, (
        "number invoices inside a transaction"
    )
    series = f"OUV-{(on or timezone.localdate()).year}"
    InvoiceCounter.objects.bulk_create(
        [InvoiceCounter(series=series)], ignore_conflicts=True
    )
    counter = InvoiceCounter.objects.select_for_update().get(series=series)
    counter.last_number += 1
    counter.save(update_fields=["last_number", "updated_at"])
    return f"{series}-{counter.last_number:05d}"


# --- timers ----------------------------------------------------------------------------------------

REMINDER_DAYS = (30, 7)


def renewal_reminders_send(*, today: dt.date | None = None) -> int:
    """Tell holders 30 and 7 days before their membership ends (once each)."""
    today = today or timezone.localdate()
    sent = 0
    for days in REMINDER_DAYS:
        ending = Membership.objects.filter(
            ends_on__gt=today, ends_on__lte=today + dt.timedelta(days=days)
        ).exclude(reminders__days_before__lte=days)
        for membership in ending.select_related("member", "organization"):
            if days == 30 and membership.ends_on <= today + dt.timedelta(days=7):
                continue  # the 7-day reminder covers it
            sent += _renewal_remind(membership=membership, days=days)
    return sent


def _renewal_remind(*, membership: Membership, days: int) -> int:
    holder = {"member": membership.member, "organization": membership.organization}
    if Membership.objects.filter(
        **holder_filter(**holder), ends_on__gt=membership.ends_on
    ).exists():
        return 0  # already renewed
    try:
        with transaction.atomic():
            RenewalReminder.objects.create(membership=membership, days_before=days)
            renews = Subscription.objects.filter(
                **holder_filter(**holder),
                status=Subscription.Status.ACTIVE,
                cancel_at_period_end=False,
            ).exists()
            body = (
                _("It renews automatically on %(day)s by card.")
                if renews
                else _(
                    "Renew it before %(day)s, by card or bank transfer, to keep publishing, "
                    "answering needs and voting."
                )
            )
            _tell(
                holder=holder,
                kind="billing.renewal_reminder",
                title=_("Your membership ends on %(day)s"),
                body=body,
                day=membership.ends_on.strftime("%d/%m/%Y"),
            )
    except IntegrityError:
        return 0
    return 1


PRICE_NOTICE_DAYS = 30


def subscriptions_move_prices(*, now: dt.datetime | None = None) -> int:
    """Subscriptions on an archived price move to the price in force at renewal.

    Within PRICE_NOTICE_DAYS of renewal the payer is told, and the item is
    switched with `proration_behavior="none"`: the period already paid keeps
    its price, the renewal invoice uses the new one.
    """
    if not stripe_client.enabled():
        return 0
    now = now or timezone.now()
    moved = 0
    due = Subscription.objects.filter(
        status__in=[Subscription.Status.ACTIVE, Subscription.Status.TRIALING],
        cancel_at_period_end=False,
        plan__archived_at__isnull=False,
        current_period_end__lte=now + dt.timedelta(days=PRICE_NOTICE_DAYS),
    ).select_related("plan")
    for subscription in due:
        target = plan_current(
            community=subscription.plan.community, interval=subscription.plan.interval
        )
        data = stripe_client.subscription_retrieve(subscription.stripe_subscription_id)
        item_id = stripe_client.dig(data, "items.data.0.id")
        if not item_id:
            continue
        stripe_client.subscription_item_set_price(
            item=item_id, price=target.stripe_price_id
        )
        with transaction.atomic():
            locked = Subscription.objects.select_for_update().get(pk=subscription.pk)
            already_told = locked.price_notice_plan_id == target.pk
            locked.price_notice_plan = target
            locked.save(update_fields=["price_notice_plan", "updated_at"])
            if not already_told:
                _tell(
                    holder={
                        "member": locked.member,
                        "organization": locked.organization,
                    },
                    kind="billing.price_change",
                    title=_("Your membership fee changes at renewal"),
                    body=_(
                        "The members voted a new fee: from your renewal on %(day)s you will "
                        "pay %(amount)s instead of %(old)s."
                    ),
                    day=timezone.localtime(locked.current_period_end).strftime(
                        "%d/%m/%Y"
                    ),
                    amount=_money(target.amount_cents),
                    old=_money(subscription.plan.amount_cents),
                )
        subscription_sync(stripe_subscription_id=subscription.stripe_subscription_id)
        moved += 1
    return moved
