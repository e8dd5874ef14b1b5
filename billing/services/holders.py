"""Who pays: an expert for themselves, a company member for their organization.

A "holder" is the pair `{"member": ..., "organization": ...}` with exactly one
of them set; every billing row that belongs to someone carries it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from marketplace.models import Member, Organization


class UnknownHolder(Exception):
    """A Stripe object we cannot tie to a member or organization (yet): retry later."""


def holder_of(member: Member) -> dict[str, Any]:
    """Who pays for `member`: themselves, or their organization."""
    if member.is_company:
        return {"member": None, "organization": member.organization}
    return {"member": member, "organization": None}


def holder_filter(*, member: Member | None, organization: Organization | None) -> dict:
    if organization is not None:
        return {"organization": organization}
    return {"member": member}


def holder_reference(
    *, member: Member | None, organization: Organization | None
) -> str:
    """`member:<uuid>` or `organization:<uuid>`: what we give Stripe to find the holder back."""
    if organization is not None:
        return f"organization:{organization.pk}"
    return f"member:{member.pk}"


def holder_from_reference(reference: str) -> dict[str, Any] | None:
    kind, _sep, pk = (reference or "").partition(":")
    try:
        if kind == "organization":
            return {"member": None, "organization": Organization.objects.get(pk=pk)}
        if kind == "member":
            return {
                "member": Member.objects.get(pk=pk, community="expert"),
                "organization": None,
            }
    except (
        Organization.DoesNotExist,
        Member.DoesNotExist,
        ValidationError,
        ValueError,
    ):
        return None
    return None


def holder_name(*, member: Member | None, organization: Organization | None) -> str:
    return organization.name if organization is not None else member.display_name


def holder_recipients(
    *, member: Member | None, organization: Organization | None
) -> list[Member]:
    """Who hears about a holder's billing: the expert, or the organization's owners."""
    if organization is None:
        return [member]
    return list(
        organization.members.filter(
            organization_role=Member.OrganizationRole.OWNER
        ).select_related("user")
    )


def can_pay(member: Member) -> bool:
    """Experts pay for themselves; for an organization only its owners pay."""
    return member.is_expert or member.is_organization_owner


def holder_community(holder: dict) -> str:
    return (
        Member.Community.COMPANY if holder["organization"] else Member.Community.EXPERT
    )
