"""Plans follow the rules: one plan (and Stripe Price) per amount in force."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import rules
from marketplace.models import Member

from .. import stripe_client
from ..models import Plan


def plan_amount(*, community: str, interval: str) -> int:
    return rules.get(Plan.rule_key(community, interval))


def plan_current(
    *, community: str, interval: str, with_stripe_price: bool = True
) -> Plan:
    """The plan at the amount in force, with its Stripe Price when Stripe is on
    (and `with_stripe_price`: a bank transfer needs no Price, nor Stripe to answer).

    The Stripe calls come first: if Stripe is unreachable nothing is stored.
    """
    amount = plan_amount(community=community, interval=interval)
    plan = Plan.objects.filter(
        community=community, interval=interval, amount_cents=amount, currency="EUR"
    ).first()
    use_stripe = with_stripe_price and stripe_client.enabled()
    if plan is not None and (plan.stripe_price_id or not use_stripe):
        return plan
    product_id, price_id = "", ""
    if use_stripe:
        product_id = (
            Plan.objects.filter(community=community)
            .exclude(stripe_product_id="")
            .values_list("stripe_product_id", flat=True)
            .first()
        )
        if not product_id:
            product_id = stripe_client.product_create(
                name=str(membership_label(community)), community=community
            )["id"]
        price_id = stripe_client.price_create(
            product=product_id,
            amount_cents=amount,
            currency="EUR",
            interval=interval,
            community=community,
        )["id"]
    with transaction.atomic():
        Plan.objects.bulk_create(
            [
                Plan(
                    community=community,
                    interval=interval,
                    amount_cents=amount,
                    currency="EUR",
                )
            ],
            ignore_conflicts=True,
        )
        plan = Plan.objects.select_for_update().get(
            community=community, interval=interval, amount_cents=amount, currency="EUR"
        )
        if price_id and not plan.stripe_price_id:
            plan.stripe_product_id, plan.stripe_price_id = product_id, price_id
            plan.archived_at = None
            plan.save(
                update_fields=[
                    "stripe_product_id",
                    "stripe_price_id",
                    "archived_at",
                    "updated_at",
                ]
            )
    return plan


def membership_label(community: str):
    if community == Member.Community.COMPANY:
        return _("Ouvrage membership: organization")
    return _("Ouvrage membership: expert")


def plans_sync() -> int:
    """Make the plans follow the rules: a plan (and Price) per amount in force,
    older ones archived. Archived Prices stay on the subscriptions that use them
    until `subscriptions_move_prices` moves them at renewal. Returns plans archived."""
    archived = 0
    for community in Member.Community.values:
        for interval in Plan.Interval.values:
            current = plan_current(community=community, interval=interval)
            stale = Plan.objects.filter(
                community=community, interval=interval, archived_at__isnull=True
            ).exclude(pk=current.pk)
            for plan in stale:
                if plan.stripe_price_id and stripe_client.enabled():
                    stripe_client.price_archive(price=plan.stripe_price_id)
                Plan.objects.filter(pk=plan.pk).update(archived_at=timezone.now())
                archived += 1
    return archived
