"""Who may act: checks the missions services make before they write.

A lack of right is Django's PermissionDenied (403), with the reason. Services
receive the acting User (not a request), so they read its member through
`member_for_user`, the function `marketplace.accounts.request_member` wraps.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from billing.selectors import membership_is_active
from marketplace.models import Member, User
from marketplace.selectors import member_for_user


def acting_member(by: User) -> Member:
    """The member acting as `by`; 403 for a user who is not a member."""
    member = member_for_user(by)
    if member is None:
        raise PermissionDenied(_("Only members can do this."))
    return member


def check_membership(member: Member) -> None:
    if not membership_is_active(member):
        raise PermissionDenied(_("This needs an active membership."))


def check_company_member(member: Member, organization_id) -> None:
    if not (member.is_company and member.organization_id == organization_id):
        raise PermissionDenied(_("Only the company's members can do this."))
