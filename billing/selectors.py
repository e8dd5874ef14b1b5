"""What the rest of the platform asks billing: is this member's membership active?"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from marketplace.models import Member

from .models import Membership


@dataclass(frozen=True)
class MembershipStatus:
    active: bool
    until: dt.date | None
    source: str

    def as_dict(self) -> dict:
        return {
            "active": self.active,
            "until": self.until.isoformat() if self.until else None,
            "source": self.source,
        }


def membership_status(member: Member, *, on: dt.date | None = None) -> MembershipStatus:
    """The membership in force for `member` on `on` (today by default).

    A company member is covered by their organization's membership.
    """
    on = on or timezone.localdate()
    holder = (
        Q(organization_id=member.organization_id)
        if member.is_company
        else Q(member=member)
    )
    current = (
        Membership.objects.filter(holder, starts_on__lte=on, ends_on__gt=on)
        .order_by("-ends_on")
        .first()
    )
    if current is None:
        return MembershipStatus(active=False, until=None, source="")
    return MembershipStatus(active=True, until=current.ends_on, source=current.source)


def membership_is_active(member: Member, *, on: dt.date | None = None) -> bool:
    return membership_status(member, on=on).active
