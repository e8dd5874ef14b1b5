"""Stripe Checkout (paying by card) and the Customer Portal (managing it)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from core.refusals import Refusal
from marketplace.models import Member, Organization

from .. import stripe_client
from ..models import Plan, StripeCustomer, Subscription
from .holders import (
    UnknownHolder,
    can_pay,
    holder_filter,
    holder_from_reference,
    holder_of,
    holder_reference,
)
from .plans import plan_current
from .stripe_mirror import subscription_sync


def checkout_start(
    *, member: Member, interval: str, success_url: str, cancel_url: str
) -> str:
    """The URL of a Stripe Checkout page for `member`'s membership.

    Raises StripeUnavailable when Stripe cannot be reached: nothing local is
    written then but, at most, the plan row of a price Stripe did create.
    """
    if not can_pay(member):
        raise Refusal(
            gettext("Only an owner of the organization can pay its membership."),
            code="not_owner",
            status=400,
        )
    if interval not in Plan.Interval.values:
        raise Refusal(
            gettext("Choose a yearly or a monthly membership."),
            code="invalid",
            status=400,
        )
    holder = holder_of(member)
    if Subscription.objects.filter(
        **holder_filter(**holder),
        status__in=[
            Subscription.Status.ACTIVE,
            Subscription.Status.TRIALING,
            Subscription.Status.PAST_DUE,
        ],
    ).exists():
        raise Refusal(
            gettext(
                "You already have a card subscription: manage it from the Stripe portal."
            ),
            code="already_subscribed",
            status=400,
        )
    plan = plan_current(community=member.community, interval=interval)
    reference = holder_reference(**holder)
    customer = StripeCustomer.objects.filter(**holder_filter(**holder)).first()
    params: dict[str, Any] = {
        "line_items": [{"price": plan.stripe_price_id, "quantity": 1}],
        "client_reference_id": reference,
        "metadata": {"holder": reference},
        "subscription_data": {"metadata": {"holder": reference}},
        "success_url": success_url,
        "cancel_url": cancel_url,
        "locale": member.language or "fr",
    }
    if customer is not None:
        params["customer"] = customer.stripe_customer_id
    else:
        params["customer_email"] = member.user.email
    session = stripe_client.checkout_session_create(**params)
    return session["url"]


def checkout_session_sync(
    *, session_id: str, member: Member | None = None
) -> Subscription | None:
    """Record what a completed Checkout session created (webhook or return page)."""
    session = stripe_client.checkout_session_retrieve(session_id)
    holder = holder_from_reference(session.get("client_reference_id") or "")
    if holder is None:
        raise UnknownHolder(session_id)
    if member is not None and holder_reference(**holder) != holder_reference(
        **holder_of(member)
    ):
        return None  # someone else's session: ignore it
    customer_id = stripe_client.object_id(session.get("customer"))
    if customer_id:
        stripe_customer_record(customer_id=customer_id, **holder)
    subscription_id = stripe_client.object_id(session.get("subscription"))
    if session.get("status") == "complete" and subscription_id:
        return subscription_sync(stripe_subscription_id=subscription_id)
    return None


def stripe_customer_record(
    *, member: Member | None, organization: Organization | None, customer_id: str
) -> StripeCustomer:
    existing = StripeCustomer.objects.filter(stripe_customer_id=customer_id).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return StripeCustomer.objects.create(
                member=member, organization=organization, stripe_customer_id=customer_id
            )
    except IntegrityError:
        # the holder already has a customer (a second Checkout made another one):
        # keep the first, the subscription carries the holder in its metadata
        return StripeCustomer.objects.get(
            **holder_filter(member=member, organization=organization)
        )


def portal_url(*, member: Member, return_url: str) -> str:
    """Stripe's Customer Portal (payment methods, cancellation, invoices)."""
    if not can_pay(member):
        raise Refusal(
            gettext("Only an owner of the organization can manage its membership."),
            code="not_owner",
            status=400,
        )
    customer = StripeCustomer.objects.filter(
        **holder_filter(**holder_of(member))
    ).first()
    if customer is None:
        raise Refusal(
            gettext("You have no card payment yet."), code="no_customer", status=400
        )
    return stripe_client.portal_session_create(
        customer=customer.stripe_customer_id, return_url=return_url
    )["url"]
