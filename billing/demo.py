"""Demo memberships: most members have paid for this year, one expert has not."""

import datetime as dt

from django.utils import timezone

from .models import Membership
from .services import membership_grant

UNPAID = {"ines"}


def seed(ctx) -> None:
    today = timezone.localdate()
    start = today - dt.timedelta(days=90)
    for organization in ctx.organizations.values():
        membership_grant(
            organization=organization,
            starts_on=start,
            ends_on=start + dt.timedelta(days=365),
            source=Membership.Source.TRANSFER,
            by=ctx.staff.get("treasurer"),
            reason="demo",
        )
    for handle, member in ctx.members.items():
        if member.is_expert and handle not in UNPAID:
            membership_grant(
                member=member,
                starts_on=start,
                ends_on=start + dt.timedelta(days=365),
                source=Membership.Source.GRANT
                if handle == "camille"
                else Membership.Source.TRANSFER,
                by=ctx.staff.get("treasurer"),
                reason="demo",
            )
