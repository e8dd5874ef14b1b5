"""Bank transfers: a reference for the payer, then the treasurer records the money."""

from __future__ import annotations

import datetime as dt
import secrets
import string

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.refusals import Refusal
from marketplace.models import Member, User
from marketplace.services import audit_record

from ..models import BankTransfer, Invoice, LedgerEntry, Membership, Plan
from .holders import can_pay, holder_filter, holder_name, holder_of
from .invoices import invoice_number_next
from .ledger import ledger_add
from .memberships import PARIS, membership_grant, membership_next_start, one_year_after
from .notices import amount_text, holder_tell
from .plans import membership_label, plan_current

_REFERENCE_ALPHABET = "".join(
    sorted(set(string.ascii_uppercase + string.digits) - set("O0I1L"))
)


def _transfer_reference() -> str:
    chars = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))
    return f"OUV-{chars[:4]}-{chars[4:]}"


def transfer_request(*, member: Member) -> BankTransfer:
    """The pending transfer for `member`'s holder, created at the yearly price if none."""
    if not can_pay(member):
        raise Refusal(
            gettext("Only an owner of the organization can pay its membership."),
            code="not_owner",
            status=400,
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
        raise Refusal(
            gettext("This transfer is already recorded or cancelled."),
            code="not_pending",
        )
    amount = transfer.amount_cents if amount_cents is None else amount_cents
    if amount != transfer.amount_cents:
        raise Refusal(
            gettext("The amount received must be the amount asked (%(amount)s).")
            % {"amount": amount_text(transfer.amount_cents)},
            code="invalid",
            status=400,
        )
    if received_on > timezone.localdate():
        raise Refusal(
            gettext("A transfer cannot be received in the future."),
            code="invalid",
            status=400,
        )
    holder = {"member": transfer.member, "organization": transfer.organization}
    starts_on = membership_next_start(**holder, on=received_on)
    ends_on = one_year_after(starts_on)
    invoice = Invoice(
        source=Invoice.Source.TRANSFER,
        number=invoice_number_next(),
        transfer=transfer,
        status=Invoice.Status.PAID,
        amount_cents=amount,
        currency=transfer.currency,
        description=str(membership_label(transfer.community)),
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
    ledger_add(
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
        lambda: holder_tell(
            holder=holder,
            kind="billing.payment_received",
            title=_("Thank you: your membership is paid until %(until)s"),
            body=_("We received %(amount)s. Your invoice is on your billing page."),
            until=ends_on,
            amount=amount_text(amount),
        )
    )
    return invoice


@transaction.atomic
def transfer_cancel(*, transfer: BankTransfer, by: User) -> BankTransfer:
    transfer = BankTransfer.objects.select_for_update().get(pk=transfer.pk)
    if transfer.status != BankTransfer.Status.PENDING:
        raise Refusal(
            gettext("This transfer is already recorded or cancelled."),
            code="not_pending",
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
