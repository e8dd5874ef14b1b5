"""Building a history of raw rows: ledger entries, approved costs, missions, invoices."""

import datetime as dt
import itertools

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from billing.models import LedgerEntry
from tests.factories import UserFactory
from transparency import services

_counter = itertools.count(1)


def treasurer():
    user = UserFactory(is_staff=True)
    group, _ = Group.objects.get_or_create(name="treasurer")
    user.groups.add(group)
    return user


def receipt():
    return ContentFile(b"%PDF-1.4 receipt", name="receipt.pdf")


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def ledger(
    day,
    amount,
    *,
    kind="payment",
    source="transfer",
    member=None,
    org=None,
    community="",
    reference=None,
):
    return LedgerEntry.objects.create(
        kind=kind,
        source=source,
        amount_cents=amount,
        community=community or ("company" if org else "expert"),
        member=member,
        organization=org,
        reference=reference or f"REF-{next(_counter)}",
        occurred_at=at(day),
    )


def approved_cost(day, amount, category="hosting", *, by=None, approver=None):
    by = by or treasurer()
    cost = services.cost_enter(
        by=by,
        category=category,
        label="Serveur",
        amount_cents=amount,
        incurred_on=day,
        receipt=receipt(),
    )
    return services.cost_approve(cost=cost, by=approver or treasurer())
