"""Demo billing, without Stripe: most members paid this year by bank transfer
(numbered invoices, ledger entries), Camille's membership is granted, Inès has
not paid, and Les Tilleuls' renewal transfer is awaited by the treasurer.
"""

import datetime as dt

from django.utils import timezone

from .models import Membership
from .services import membership_grant, transfer_record, transfer_request

UNPAID = {"ines"}
GRANTED = {"camille"}


def seed(ctx) -> None:
    today = timezone.localdate()
    treasurer = ctx.staff.get("treasurer")
    paid_on = today - dt.timedelta(days=90)
    owners = {
        member.organization_id: member
        for member in ctx.members.values()
        if member.is_company and member.is_organization_owner
    }
    for organization in ctx.organizations.values():
        transfer = transfer_request(member=owners[organization.pk])
        transfer_record(transfer=transfer, received_on=paid_on, by=treasurer)
    # one organization has asked to renew by transfer: the treasurer awaits it
    if "tilleuls" in ctx.organizations:
        transfer_request(member=owners[ctx.organizations["tilleuls"].pk])
    for handle, member in ctx.members.items():
        if not member.is_expert or handle in UNPAID:
            continue
        if handle in GRANTED:
            membership_grant(
                member=member,
                starts_on=paid_on,
                ends_on=paid_on + dt.timedelta(days=365),
                source=Membership.Source.GRANT,
                by=treasurer,
                reason="demo: founding member",
            )
        else:
            transfer = transfer_request(member=member)
            transfer_record(transfer=transfer, received_on=paid_on, by=treasurer)
