"""Twelve months of believable books for the open accounts, then the months sealed.

Membership payments month by month (yearly fees by transfer, monthly ones by
card with Stripe's fee), a refund now and then, the platform's costs entered
by the treasurer and approved by the administrator, invoices declared and paid
on the demo missions, and every closed month sealed in order (the chain).
"""

import datetime as dt
import random

from django.core.files.base import ContentFile
from django.utils import timezone

from billing.models import LedgerEntry
from billing.services.plans import plan_current
from missions.models import Invoice, Mission

from . import services
from .models import PlatformCost
from .periods import Month

MONTHS = 13  # twelve closed months and the current one
COSTS = [  # category, label, cents, every n months
    ("hosting", "Hébergement et sauvegardes (Scaleway)", 3_900, 1),
    ("payment_fees", "Frais de tenue de compte bancaire", 800, 1),
    ("staff", "Prestation de développement (maintenance)", 25_000, 2),
    ("legal_tax", "Expert-comptable (trimestre)", 15_000, 3),
    ("other", "Nom de domaine et certificats", 2_400, 12),
]


def _months(today: dt.date) -> list[Month]:
    first = today.replace(day=1)
    months = [Month(first)]
    for _ in range(MONTHS - 1):
        first = (first - dt.timedelta(days=1)).replace(day=1)
        months.insert(0, Month(first))
    return months


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def seed(ctx) -> None:
    rng = random.Random(12)  # the same demo every time
    today = timezone.localdate()
    months = _months(today)
    treasurer, admin = ctx.staff.get("treasurer"), ctx.staff.get("admin")
    experts = [m for m in ctx.members.values() if m.is_expert]
    organizations = list(ctx.organizations.values())
    # the prices of the plans in force, so that every payment is read as a plan
    # (a card payment of an unknown amount shows as "plan not found")
    price = {
        (community, interval): plan_current(
            community=community, interval=interval, with_stripe_price=False
        ).amount_cents
        for community in ("company", "expert")
        for interval in ("month", "year")
    }
    entries = []
    for index, month in enumerate(months):
        last = min(month.last_day, today)
        # a cooperative that grows: more members pay as the months go by
        paying = experts[: max(3, len(experts) * (index + 4) // (MONTHS + 3))]
        for number, expert in enumerate(paying):
            day = min(month.first_day + dt.timedelta(days=rng.randint(0, 27)), last)
            monthly = number % 3 == 0  # by card each month; the others yearly
            if not monthly and number % 12 != index % 12 and index:
                continue
            amount = price["expert", "month" if monthly else "year"]
            source = "stripe" if monthly else "transfer"
            reference = f"DEMO-{month.label}-E{number}"
            entries.append(
                LedgerEntry(
                    kind="payment",
                    source=source,
                    amount_cents=amount,
                    community="expert",
                    member=expert,
                    reference=reference,
                    occurred_at=_at(day),
                    description="Cotisation (démo)",
                )
            )
            if source == "stripe":
                entries.append(
                    LedgerEntry(
                        kind="stripe_fee",
                        source="stripe",
                        amount_cents=-(amount * 15 // 1000 + 25),
                        community="expert",
                        member=expert,
                        reference=f"txn_{reference}",
                        occurred_at=_at(day, 11),
                    )
                )
        for number, organization in enumerate(organizations):
            day = min(month.first_day + dt.timedelta(days=4 + number), last)
            entries.append(
                LedgerEntry(
                    kind="payment",
                    source="stripe",
                    amount_cents=price["company", "month"],
                    community="company",
                    organization=organization,
                    reference=f"DEMO-{month.label}-O{number}",
                    occurred_at=_at(day),
                    description="Cotisation mensuelle (démo)",
                )
            )
            entries.append(
                LedgerEntry(
                    kind="stripe_fee",
                    source="stripe",
                    amount_cents=-(price["company", "month"] * 15 // 1000 + 25),
                    community="company",
                    organization=organization,
                    reference=f"txn_DEMO-{month.label}-O{number}",
                    occurred_at=_at(day, 11),
                )
            )
        if index % 4 == 2 and paying:
            entries.append(
                LedgerEntry(
                    kind="refund",
                    source="transfer",
                    amount_cents=-price["expert", "year"],
                    community="expert",
                    member=paying[-1],
                    reference=f"DEMO-{month.label}-R",
                    occurred_at=_at(last, 15),
                    description="Remboursement d'une cotisation payée deux fois",
                )
            )
        _costs(month, index, last, treasurer, admin)
    LedgerEntry.objects.bulk_create(entries)
    _invoices(months, today, rng)
    for month in months[:-1]:  # every closed month, oldest first: the chain
        services.month_close(month)


def _costs(month, index, last, treasurer, admin) -> None:
    if treasurer is None or admin is None:
        return
    for category, label, cents, every in COSTS:
        if index % every:
            continue
        cost = services.cost_enter(
            by=treasurer,
            category=category,
            label=label,
            amount_cents=cents,
            incurred_on=min(month.first_day + dt.timedelta(days=9), last),
            receipt=ContentFile(b"%PDF-1.4 demo receipt\n", name="facture.pdf"),
        )
        services.cost_approve(cost=cost, by=admin)
    # one cost still waits for the second treasurer: it is not public
    if index == MONTHS - 1:
        services.cost_enter(
            by=treasurer,
            category=PlatformCost.Category.OTHER,
            label="Salon des coopératives (stand)",
            amount_cents=45_000,
            incurred_on=last,
            receipt=ContentFile(b"%PDF-1.4 demo receipt\n", name="stand.pdf"),
        )


def _invoices(months, today, rng) -> None:
    """Invoices the experts declared on the demo missions, most of them paid."""
    missions = list(
        Mission.objects.exclude(state__in=[Mission.State.AWARDED]).order_by(
            "created_at"
        )
    )
    if not missions:
        return
    rows = []
    for index, month in enumerate(months[:-1]):
        for number in range(3 + index // 3):
            mission = missions[(index + number) % len(missions)]
            issued = month.first_day + dt.timedelta(days=rng.randint(0, 20))
            delay = rng.choice([12, 20, 28, 30, 35, 45, 60, 75])
            paid_on = issued + dt.timedelta(days=delay)
            paid = paid_on <= today and mission.state != Mission.State.DISPUTED
            rows.append(
                Invoice(
                    mission=mission,
                    number=f"FA-{month.label}-{number + 1:02d}",
                    amount_cents=rng.choice(
                        [180_000, 240_000, 320_000, 450_000, 600_000]
                    ),
                    issued_on=issued,
                    declared_by=mission.expert,
                    paid_on=paid_on if paid else None,
                    payment_confirmed_by=mission.need.author if paid else None,
                )
            )
    Invoice.objects.bulk_create(rows, ignore_conflicts=True)
