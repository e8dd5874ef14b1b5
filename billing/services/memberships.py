"""Membership periods: granted, opened by a paid invoice, ended early by a refund."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.db import transaction
from django.utils import timezone

from marketplace.models import Member, Organization, User
from marketplace.services import audit_record

from ..models import Invoice, Membership
from .holders import holder_filter

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def one_year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


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


def membership_next_start(*, member, organization, on: dt.date) -> dt.date:
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


def membership_end_early(*, invoice: Invoice) -> None:
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
