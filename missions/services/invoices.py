"""Invoices declared by the expert and payments confirmed by the company.

They are recorded, never collected: the platform takes no commission.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.refusals import Refusal
from marketplace.models import User

from .. import effects, selectors
from .. import notifications as kinds
from ..models import Invoice, Mission, side_of
from .locks import mission_select_for_update
from .permissions import acting_member


@transaction.atomic
def invoice_declare(
    *, mission: Mission, by: User, number: str, amount_cents: int, issued_on: dt.date
) -> Invoice:
    mission = mission_select_for_update(mission.pk)
    member = acting_member(by)
    if side_of(mission, member) != "expert":
        raise PermissionDenied(_("Only the mission's expert declares invoices."))
    if mission.state in (Mission.State.AWARDED, Mission.State.CANCELLED):
        raise Refusal(_("Invoices are declared once the mission started."))
    invoice = Invoice(
        mission=mission,
        number=number.strip(),
        amount_cents=amount_cents,
        currency=mission.currency,
        issued_on=issued_on,
        declared_by=member,
    )
    invoice.full_clean(exclude=["mission", "declared_by"])
    invoice.save()
    effects.audit(
        actor=by,
        action="invoice.declared",
        target=invoice,
        data={"amount_cents": amount_cents},
    )
    effects.tell(
        selectors.company_members(mission.organization_id),
        kind=kinds.INVOICE,
        message=gettext_lazy("%(title)s: the expert declared an invoice"),
        params={"title": mission.title},
        url=mission.get_absolute_url(),
    )
    return invoice


@transaction.atomic
def invoice_confirm_payment(*, invoice: Invoice, by: User, paid_on: dt.date) -> Invoice:
    invoice = (
        Invoice.objects.select_for_update()
        .select_related("mission__expert")
        .get(pk=invoice.pk)
    )
    member = acting_member(by)
    if side_of(invoice.mission, member) != "company":
        raise PermissionDenied(_("Only the company confirms its payments."))
    if invoice.paid_on is not None:
        raise Refusal(_("This payment is already confirmed."))
    if paid_on < invoice.issued_on:
        raise ValidationError({"paid_on": _("A payment cannot precede its invoice.")})
    invoice.paid_on, invoice.payment_confirmed_by = paid_on, member
    invoice.save(update_fields=["paid_on", "payment_confirmed_by", "updated_at"])
    effects.audit(
        actor=by,
        action="invoice.paid",
        target=invoice,
        data={"paid_on": paid_on.isoformat()},
    )
    effects.tell(
        [invoice.mission.expert],
        kind=kinds.INVOICE,
        message=gettext_lazy("%(title)s: the company confirmed a payment"),
        params={"title": invoice.mission.title},
        url=invoice.mission.get_absolute_url(),
    )
    return invoice
