"""What the rest of the platform asks billing: is this member's membership active?"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from core import rules
from marketplace.models import Member

from .models import (
    BankTransfer,
    Invoice,
    LedgerEntry,
    Membership,
    StripeCustomer,
    Subscription,
)


@dataclass(frozen=True)
class MembershipStatus:
    """`active` is what gates publishing, proposals and votes.

    `grace` is True when access continues only because a card renewal failed
    less than `billing.grace_period_days` ago; `ended_on` is the end of the
    last paid period when there is no active one.
    """

    active: bool
    until: dt.date | None
    source: str
    grace: bool = False
    ended_on: dt.date | None = None

    def as_dict(self) -> dict:
        return {
            "active": self.active,
            "until": self.until.isoformat() if self.until else None,
            "source": self.source,
            "grace": self.grace,
            "ended_on": self.ended_on.isoformat() if self.ended_on else None,
        }


def _holder_q(member: Member) -> Q:
    if member.is_company:
        return Q(organization_id=member.organization_id)
    return Q(member=member)


def membership_status(member: Member, *, on: dt.date | None = None) -> MembershipStatus:
    """The membership in force for `member` on `on` (today by default).

    A company member is covered by their organization's membership. After a
    failed card renewal, access continues for the grace period of the rules.
    """
    on = on or timezone.localdate()
    holder = _holder_q(member)
    current = (
        Membership.objects.filter(holder, starts_on__lte=on, ends_on__gt=on)
        .order_by("-ends_on")
        .first()
    )
    if current is not None:
        return MembershipStatus(
            active=True, until=current.ends_on, source=current.source
        )
    last = (
        Membership.objects.filter(holder, ends_on__lte=on).order_by("-ends_on").first()
    )
    if last is None:
        return MembershipStatus(active=False, until=None, source="")
    if last.source == Membership.Source.STRIPE and _renewal_failing(holder):
        grace_until = last.ends_on + dt.timedelta(
            days=rules.get("billing.grace_period_days")
        )
        if on < grace_until:
            return MembershipStatus(
                active=True,
                until=grace_until,
                source=last.source,
                grace=True,
                ended_on=last.ends_on,
            )
    return MembershipStatus(active=False, until=None, source="", ended_on=last.ends_on)


def _renewal_failing(holder: Q) -> bool:
    return Subscription.objects.filter(
        holder,
        status__in=[Subscription.Status.PAST_DUE, Subscription.Status.UNPAID],
    ).exists()


def membership_is_active(member: Member, *, on: dt.date | None = None) -> bool:
    return membership_status(member, on=on).active


def member_invoices(member: Member) -> QuerySet[Invoice]:
    """Invoices a member may read: theirs, or their organization's."""
    return Invoice.objects.filter(_holder_q(member)).order_by(
        "-issued_on", "-created_at"
    )


def member_subscription(member: Member) -> Subscription | None:
    """The holder's live Stripe subscription, if any."""
    return (
        Subscription.objects.filter(_holder_q(member))
        .exclude(
            status__in=[
                Subscription.Status.CANCELED,
                Subscription.Status.INCOMPLETE_EXPIRED,
            ]
        )
        .select_related("plan")
        .order_by("-created_at")
        .first()
    )


def member_has_stripe_customer(member: Member) -> bool:
    return StripeCustomer.objects.filter(_holder_q(member)).exists()


def member_pending_transfer(member: Member) -> BankTransfer | None:
    return BankTransfer.objects.filter(
        _holder_q(member), status=BankTransfer.Status.PENDING
    ).first()


def transfers_pending() -> QuerySet[BankTransfer]:
    """What the treasurer watches for on the bank statement."""
    return (
        BankTransfer.objects.filter(status=BankTransfer.Status.PENDING)
        .select_related("member", "organization", "requested_by")
        .order_by("created_at")
    )


def transfers_pending_count() -> int:
    """How many transfers the treasurer has to look for (their dashboard's count)."""
    return BankTransfer.objects.filter(status=BankTransfer.Status.PENDING).count()


def transfers_recent(limit: int = 20) -> list[BankTransfer]:
    return list(
        BankTransfer.objects.exclude(status=BankTransfer.Status.PENDING)
        .select_related("member", "organization", "invoice", "recorded_by")
        .order_by("-updated_at")[:limit]
    )


def ledger_entries(*, since: dt.datetime | None = None) -> QuerySet[LedgerEntry]:
    """The books, oldest first (the transparency dashboard reads this)."""
    entries = LedgerEntry.objects.all().order_by("occurred_at", "created_at")
    if since is not None:
        entries = entries.filter(occurred_at__gte=since)
    return entries


def active_members(*, on: dt.date | None = None):
    """Every member whose membership is active on `on` (today by default), in one query.

    The bulk form of `membership_is_active` (same rule: a company member is
    covered by their organization's membership), for callers that count or
    list members, such as the governance electorate.
    """
    on = on or timezone.localdate()
    current = Membership.objects.filter(starts_on__lte=on, ends_on__gt=on)
    # a card renewal that failed less than the grace period ago keeps access
    failing = Subscription.objects.filter(
        status__in=[Subscription.Status.PAST_DUE, Subscription.Status.UNPAID]
    )
    grace_start = on - dt.timedelta(days=rules.get("billing.grace_period_days"))
    in_grace = Membership.objects.filter(
        source=Membership.Source.STRIPE, ends_on__lte=on, ends_on__gt=grace_start
    ).filter(
        Q(member_id__in=failing.filter(member__isnull=False).values("member_id"))
        | Q(
            organization_id__in=failing.filter(organization__isnull=False).values(
                "organization_id"
            )
        )
    )
    covering = current | in_grace
    return Member.objects.filter(
        Q(
            community=Member.Community.EXPERT,
            pk__in=covering.filter(member__isnull=False).values("member_id"),
        )
        | Q(
            community=Member.Community.COMPANY,
            organization_id__in=covering.filter(organization__isnull=False).values(
                "organization_id"
            ),
        )
    )
