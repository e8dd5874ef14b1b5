"""Every write of billing."""

import datetime as dt

from django.db import transaction

from marketplace.models import Member, Organization, User
from marketplace.services import audit_record

from .models import Membership


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
    )
    membership.full_clean()
    membership.save()
    audit_record(
        actor=by, action="membership.granted", target=membership, reason=reason
    )
    return membership
