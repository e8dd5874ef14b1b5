"""The raw rows of each figure, read from the database for a period of months.

Each function returns detail rows (see `figures.base`): the month, the cell,
an integer value and a pseudonymous contributor. Pseudonyms are keyed by the
period and the site's secret, so they are stable inside one package (the
small-group rule counts them) and cannot be joined across packages.

The ledger's figures are summed by the database (GROUP BY month, cell and
payer): one row per payer and cell each month, not one per entry. Every figure
reads only those sums (the small-group rule sums each contributor's share of a
cell first), so the result is the same, and a month of a million entries is
read as one row per member who paid.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
from collections.abc import Callable

from django.conf import settings
from django.db import connection
from django.db.models import CharField, Q, Sum, TextField, Value
from django.db.models.functions import Cast, Concat, TruncMonth
from django.utils import timezone

from billing.models import LedgerEntry, Membership, Plan, Subscription
from core import rules
from core.models import RuleVersion
from governance.models import Motion, Result
from marketplace.models import AuditEvent
from missions.models import Invoice, Mission, NeedSkill

from .models import PlatformCost
from .periods import Period

Rows = list[dict]


def pseudonym(period: Period, kind: str, pk) -> str:
    if pk is None:
        return ""
    return _pseudonym(settings.SECRET_KEY, period.label, kind, str(pk))


@functools.lru_cache(maxsize=200_000)
def _pseudonym(secret: str, label: str, kind: str, pk: str) -> str:
    message = f"transparency:{label}:{kind}:{pk}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()[:12]


def _row(month: str, cell: str, value: int, contributor: str = "") -> dict:
    return {
        "month": month,
        "cell": cell,
        "value": int(value),
        "contributor": contributor,
    }


def _month_label(month) -> str:
    return f"{month:%Y-%m}"


def _summed(rows) -> Rows:
    """One row per month, cell and contributor, summed, in a stable order."""
    sums: dict = {}
    for month, cell, value, who in rows:
        key = (month, cell, who)
        sums[key] = sums.get(key, 0) + value
    return [
        _row(month, cell, value, who)
        for (month, cell, who), value in sorted(sums.items())
    ]


def _community(community: str, organization_id) -> str:
    return community or ("company" if organization_id else "expert")


def _payer(period, member_id, organization_id) -> str:
    if organization_id:
        return pseudonym(period, "organization", organization_id)
    return pseudonym(period, "member", member_id)


def _plan_intervals() -> tuple[dict, dict]:
    """Each holder's subscribed plan interval, and each (community, price)'s plan."""
    by_holder = {
        (member, org): interval
        for member, org, interval in Subscription.objects.filter(plan__isnull=False)
        .order_by("created_at", "pk")
        .values_list("member_id", "organization_id", "plan__interval")
    }
    by_price = {
        (community, amount): interval
        for community, amount, interval in Plan.objects.order_by(
            "-created_at", "pk"
        ).values_list("community", "amount_cents", "interval")
    }
    return by_holder, by_price


def ledger_rows(period: Period) -> dict[str, Rows]:
    """The rows of every figure read from the ledger, from one reading of it.

    The database sums the period's entries by kind, month, community, route,
    payer and amount (the plan is told by the amount); each figure's rows are
    made from those sums.
    """
    by_holder, by_price = _plan_intervals()
    groups = (
        LedgerEntry.objects.filter(
            kind__in=("payment", "stripe_fee", "refund"),
            occurred_at__gte=period.starts_at,
            occurred_at__lt=period.ends_at,
        )
        .annotate(
            local_month=TruncMonth(
                "occurred_at", tzinfo=timezone.get_current_timezone()
            )
        )
        .values(
            "kind",
            "local_month",
            "community",
            "source",
            "member_id",
            "organization_id",
            "amount_cents",
            "invoice__amount_cents",
        )
        .annotate(total=Sum("amount_cents"))
        .order_by()
        .values_list(
            "kind",
            "local_month",
            "community",
            "source",
            "member_id",
            "organization_id",
            "amount_cents",
            "invoice__amount_cents",
            "total",
        )
    )
    paid, plans, fees, refunded, result_rows = [], [], [], [], []
    for kind, month, community, source, member, org, amount, invoiced, total in groups:
        label = _month_label(month)
        group = _community(community, org)
        if kind == "stripe_fee":
            fees.append((label, "stripe", total, ""))
            result_rows.append((label, "stripe_fees", total, ""))
            continue
        payer = _payer(period, member, org)
        if kind == "refund":
            refunded.append((label, group, total, payer))
            result_rows.append((label, "refunds", total, ""))
            continue
        paid.append((label, f"{group}/{source}", total, payer))
        result_rows.append((label, "income", total, ""))
        if source == "transfer":
            interval = "year"
        else:
            holder = (None, org) if org else (member, None)
            interval = by_holder.get(holder) or by_price.get(
                (group, invoiced if invoiced is not None else amount), "none"
            )
        plans.append((label, f"{group}/{interval}", total, payer))
    result_rows += [(row["month"], "costs", -row["value"], "") for row in costs(period)]
    return {
        "income.memberships": _summed(paid),
        "income.by_plan": _summed(plans),
        "income.stripe_fees": _summed(fees),
        "income.refunds": _summed(refunded),
        "result.monthly": _summed(result_rows),
    }


def memberships(period: Period) -> Rows:
    return ledger_rows(period)["income.memberships"]


def by_plan(period: Period) -> Rows:
    """Membership payments by community and plan (the plan is read from billing)."""
    return ledger_rows(period)["income.by_plan"]


def movements(period: Period) -> Rows:
    """New members (first period starts) and lapses (a period ends, none follows)."""
    periods: dict = {}
    for member, org, starts, ends in (
        Membership.objects.filter(created_at__lt=period.now)
        .order_by("starts_on", "pk")
        .values_list("member_id", "organization_id", "starts_on", "ends_on")
    ):
        holder = ("company", org) if org else ("expert", member)
        periods.setdefault(holder, []).append((starts, ends))
    rows = []
    for (community, _pk), spans in periods.items():
        first = min(starts for starts, _ends in spans)
        if period.first_day <= first < period.after_last_day:
            rows.append(_row(period.month_of_date(first), f"{community}:new", 1))
        for _starts, ends in spans:
            if not (period.first_day <= ends < period.after_last_day):
                continue
            if ends > period.today:
                continue
            if any(s <= ends < e for s, e in spans):
                continue
            rows.append(_row(period.month_of_date(ends), f"{community}:lapsed", 1))
    return sorted(rows, key=lambda row: (row["month"], row["cell"]))


def stripe_fees(period: Period) -> Rows:
    return ledger_rows(period)["income.stripe_fees"]


def refunds(period: Period) -> Rows:
    return ledger_rows(period)["income.refunds"]


def _approved_costs(period: Period):
    return (
        PlatformCost.objects.filter(
            approved_at__isnull=False,
            incurred_on__gte=period.first_day,
            incurred_on__lt=period.after_last_day,
        )
        .order_by("incurred_on", "created_at")
        .values_list("incurred_on", "category", "amount_cents")
    )


def costs(period: Period) -> Rows:
    return [
        _row(period.month_of_date(day), category, amount)
        for day, category, amount in _approved_costs(period)
    ]


def result(period: Period) -> Rows:
    return ledger_rows(period)["result.monthly"]


def _families(needs=None) -> dict:
    """Each need's skill family: the category of its heaviest skill.

    `needs`, a query of need ids, limits the reading to the needs concerned.
    """
    skills = NeedSkill.objects.all()
    if needs is not None:
        skills = skills.filter(need_id__in=needs.order_by())
    best: dict = {}
    for need_id, _weight, category in skills.values_list(
        "need_id", "weight", "skill__category"
    ).order_by("need_id", "-weight", "skill__category"):
        best.setdefault(need_id, category or "—")
    return best


def _started(period: Period):
    return Mission.objects.filter(
        started_at__gte=period.starts_at, started_at__lt=period.ends_at
    )


def _started_missions(period: Period):
    return (
        _started(period)
        .order_by("started_at", "pk")
        .values_list(
            "pk", "started_at", "need_id", "agreed_value_cents", "organization_id"
        )
    )


def contracted(period: Period) -> Rows:
    families = _families(_started(period).values("need_id"))
    return [
        _row(
            period.month_of(at),
            families.get(need, "—"),
            value,
            pseudonym(period, "organization", org),
        )
        for _pk, at, need, value, org in _started_missions(period)
    ]


def _invoiced_in(period: Period, field: str):
    return Invoice.objects.filter(
        **{f"{field}__gte": period.first_day, f"{field}__lt": period.after_last_day}
    )


def _invoice_needs(period: Period, field: str):
    return _invoiced_in(period, field).values("mission__need_id")


def _invoices(period: Period, field: str):
    return (
        _invoiced_in(period, field)
        .order_by(field, "pk")
        .values_list(
            "issued_on",
            "paid_on",
            "amount_cents",
            "mission__need_id",
            "mission__expert_id",
            "mission__organization_id",
        )
    )


def invoiced(period: Period) -> Rows:
    families = _families(_invoice_needs(period, "issued_on"))
    return [
        _row(
            period.month_of_date(issued),
            families.get(need, "—"),
            amount,
            pseudonym(period, "member", expert),
        )
        for issued, _paid, amount, need, expert, _org in _invoices(period, "issued_on")
    ]


def paid(period: Period) -> Rows:
    families = _families(_invoice_needs(period, "paid_on"))
    return [
        _row(
            period.month_of_date(paid_on),
            families.get(need, "—"),
            amount,
            pseudonym(period, "organization", org),
        )
        for _issued, paid_on, amount, need, _expert, org in _invoices(period, "paid_on")
    ]


def tied_to_missions() -> Q:
    """The ledger entries that name a mission or one of its invoices.

    The ledger has no link to missions (billing keeps it so); an entry could
    only be tied to one by naming it in its reference. This is what the
    platform's share counts, and why it is 0.
    """
    if connection.vendor == "postgresql":
        # the keys' text is their usual form (what str() gives): the database
        # matches them itself instead of receiving every key in the query
        tied = Q()
        for model in (Mission, Invoice):
            name = Cast("pk", TextField())
            for prefix in ("", "mission:"):
                reference = Concat(Value(prefix), name, output_field=CharField())
                tied |= Q(
                    reference__in=model.objects.order_by()
                    .annotate(reference_name=reference if prefix else name)
                    .values("reference_name")
                )
        return tied
    mission_refs = [str(pk) for pk in Mission.objects.values_list("pk", flat=True)]
    invoice_refs = [str(pk) for pk in Invoice.objects.values_list("pk", flat=True)]
    names = mission_refs + invoice_refs
    return Q(reference__in=names) | Q(
        reference__in=[f"mission:{name}" for name in names]
    )


def platform_share(period: Period) -> Rows:
    tied = LedgerEntry.objects.filter(
        tied_to_missions(),
        occurred_at__gte=period.starts_at,
        occurred_at__lt=period.ends_at,
    ).values_list("occurred_at", "amount_cents")
    rows = [_row(period.month_of(at), "ledger_tied", amount) for at, amount in tied]
    rows += [
        _row(
            period.month_of(at),
            "mission_value",
            value,
            pseudonym(period, "organization", org),
        )
        for _pk, at, _need, value, org in _started_missions(period)
    ]
    return rows


def payment_delays(period: Period) -> Rows:
    rows = [
        _row(
            period.month_of_date(paid_on),
            "paid",
            (paid_on - issued).days,
            pseudonym(period, "member", expert),
        )
        for issued, paid_on, _a, _n, expert, _o in _invoices(period, "paid_on")
    ]
    unpaid = (
        Invoice.objects.filter(issued_on__lt=period.after_last_day)
        .filter(Q(paid_on__isnull=True) | Q(paid_on__gte=period.first_day))
        .values_list("issued_on", "paid_on", "mission__state", "mission__expert_id")
        .order_by("issued_on", "pk")
    )
    for month in period.months:
        month_end = min(month.last_day, period.today)
        for issued, paid_on, state, expert in unpaid:
            if issued > month_end or (paid_on is not None and paid_on <= month_end):
                continue
            days = (month_end - issued).days
            who = pseudonym(period, "member", expert)
            if state == Mission.State.DISPUTED:
                rows.append(_row(month.label, "disputed", days, who))
            elif days >= 1:
                rows.append(_row(month.label, "overdue", days, who))
    return rows


def earnings(period: Period) -> Rows:
    return [
        _row(
            period.month_of_date(paid_on),
            "expert",
            amount,
            pseudonym(period, "member", expert),
        )
        for _issued, paid_on, amount, _n, expert, _org in _invoices(period, "paid_on")
    ]


def _transitions() -> dict:
    """Each motion's state changes, from the audit trail, in order."""
    steps: dict = {}
    for target, before, after, at in (
        AuditEvent.objects.filter(
            target_type=Motion._meta.label_lower, to_state__in=Motion.State.values
        )
        .exclude(from_state="")
        .order_by("created_at", "pk")
        .values_list("target_id", "from_state", "to_state", "created_at")
    ):
        steps.setdefault(target, []).append((at, before, after))
    return steps


def _state_at(motion: tuple, steps: list, until) -> tuple | None:
    """(submitted at, state) as of `until`; None while it was still a draft.

    The audit trail says when each transition happened: the state then is the
    last one reached before `until`, or the one the next change started from.
    A motion without a trail falls back on its own timestamps.
    """
    _pk, created, state, opens, closed = motion
    submitted = next(
        (at for at, before, _a in steps if before == Motion.State.DRAFT), created
    )
    earlier = [after for at, _b, after in steps if at < until]
    later = [before for at, before, _a in steps if at >= until]
    if earlier:
        state = earlier[-1]
    elif later:
        state = later[0]
    elif state in (Motion.State.ADOPTED, Motion.State.REJECTED) and (
        closed is None or closed >= until
    ):
        state = Motion.State.VOTING
    if state == Motion.State.VOTING and not steps and (opens is None or opens >= until):
        state = Motion.State.DELIBERATION
    if state == Motion.State.DRAFT or submitted >= until:
        return None
    return submitted, state


def motions(period: Period) -> Rows:
    """Motions submitted in each month, by their state at the end of the period."""
    until = min(period.ends_at, period.now)
    steps = _transitions()
    rows = []
    for motion in (
        Motion.objects.filter(created_at__lt=until)
        .order_by("created_at", "pk")
        .values_list("pk", "created_at", "state", "voting_opens_at", "closed_at")
    ):
        found = _state_at(motion, steps.get(motion[0], []), until)
        if found is None:
            continue
        submitted, state = found
        if period.starts_at <= submitted < period.ends_at:
            rows.append(_row(period.month_of(submitted), state, 1))
    return sorted(rows, key=lambda row: (row["month"], row["cell"]))


def turnout(period: Period) -> Rows:
    rows = []
    for closed_at, tally in (
        Result.objects.filter(
            motion__closed_at__gte=period.starts_at,
            motion__closed_at__lt=period.ends_at,
        )
        .order_by("motion__closed_at")
        .values_list("motion__closed_at", "tally")
    ):
        month = period.month_of(closed_at)
        for college, counts in sorted(tally.get("colleges", {}).items()):
            rows.append(_row(month, f"{college}:voters", counts.get("voters", 0)))
            rows.append(
                _row(month, f"{college}:electorate", counts.get("electorate", 0))
            )
        quorum = "quorum:met" if tally.get("quorum_met") else "quorum:missed"
        rows.append(_row(month, quorum, 1))
    return rows


def rule_changes(period: Period) -> Rows:
    return [
        _row(period.month_of(at), "enacted", 1)
        for at in RuleVersion.objects.filter(
            motion__isnull=False,
            effective_at__gte=period.starts_at,
            effective_at__lt=min(period.ends_at, period.now),
        )
        .order_by("effective_at")
        .values_list("effective_at", flat=True)
    ]


def weights(period: Period) -> Rows:
    rows = []
    for month in period.months:
        at = min(month.ends_at, period.now)
        for part, weight in rules.get("matching.weights", at=at).items():
            rows.append(_row(month.label, part, weight))
    return rows


COLLECTORS: dict[str, Callable[[Period], Rows]] = {
    "income.memberships": memberships,
    "income.by_plan": by_plan,
    "income.stripe_fees": stripe_fees,
    "income.refunds": refunds,
    "costs.by_category": costs,
    "result.monthly": result,
    "members.movements": movements,
    "value.contracted": contracted,
    "value.invoiced": invoiced,
    "value.paid": paid,
    "value.platform_share": platform_share,
    "value.payment_delays": payment_delays,
    "value.earnings": earnings,
    "governance.motions": motions,
    "governance.turnout": turnout,
    "governance.rule_changes": rule_changes,
    "matching.weights": weights,
}
