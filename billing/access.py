"""The membership gate other apps put in front of publishing, proposals and votes.

Views::

    from billing.access import require_active_membership

    @require_active_membership
    def need_publish(request, ...): ...

API views (DRF)::

    from billing.access import HasActiveMembership
    permission_classes = [IsAuthenticated, HasActiveMembership]

Both refuse with 403, say why and link to the billing page. Reading,
editing one's profile and paying stay open to every signed-in member.

The decorator runs at GET as well as POST: a member without an active
membership sees the gate page (what membership costs, how to get it by card
or bank transfer) before any form, never after filling one in.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework.permissions import BasePermission

from core.templatetags.ui import format_when
from marketplace.accounts import request_member

from . import stripe_client
from .models import Plan
from .selectors import MembershipStatus, member_pending_transfer, membership_status
from .services import can_pay, plan_amount


def membership_refusal(member, status: MembershipStatus | None = None) -> str | None:
    """Why `member` may not act as a paying member now, or None if they may."""
    if member is None:
        return _("Only members of a community can do this.")
    status = status or membership_status(member)
    if status.active:
        return None
    if status.ended_on:
        return _(
            "Your membership ended on %(day)s. Renew it to publish needs, send proposals and vote."
        ) % {"day": format_when(status.ended_on)}
    if member.is_company:
        return _(
            "Your organization has no active membership: it is needed to publish needs and vote."
        )
    return _("You have no active membership: it is needed to send proposals and vote.")


def payment_url() -> str:
    return reverse("billing:overview")


def card_unavailable_reason() -> str | None:
    """Why card plans cannot be chosen now, or None when Stripe is configured."""
    if stripe_client.enabled():
        return None
    return _("Card payment is not available yet. You can pay by bank transfer.")


def membership_offer(member) -> dict:
    """What a member needs to decide to join: the fees in force and the ways to pay.

    Read by the gate page and the membership page (fees come from the rules
    the members vote on, in cents).
    """
    community = member.community if member is not None else "expert"
    return {
        "prices": {
            interval: plan_amount(community=community, interval=interval)
            for interval in Plan.Interval.values
        },
        "stripe_enabled": stripe_client.enabled(),
        "card_unavailable": card_unavailable_reason(),
        "can_pay": member is not None and can_pay(member),
        "pending_transfer": member_pending_transfer(member) if member else None,
    }


def require_active_membership(view):
    """Decorator: the view runs only for a member whose membership is active."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        member = request_member(request)
        reason = membership_refusal(member)
        if reason is not None:
            context = {"reason": reason, "payment_url": payment_url()}
            context.update(membership_offer(member))
            return render(
                request, "billing/membership_required.html", context, status=403
            )
        return view(request, *args, **kwargs)

    return wrapper


class HasActiveMembership(BasePermission):
    """DRF permission: 403 {"error": {"code": "membership_required", ...}} otherwise."""

    code = "membership_required"

    def has_permission(self, request, view) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        member = request_member(request)
        reason = membership_refusal(member)
        if reason is None:
            return True
        self.message = _("%(reason)s Pay here: %(url)s") % {
            "reason": reason,
            "url": request.build_absolute_uri(payment_url()),
        }
        return False
