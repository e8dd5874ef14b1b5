"""Renewals: reminders before a membership ends, and a voted fee applied at renewal."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import stripe_client
from ..models import Membership, RenewalReminder, Subscription
from .holders import holder_filter
from .notices import amount_text, holder_tell
from .plans import plan_current
from .stripe_mirror import subscription_sync

REMINDER_DAYS = (30, 7)


def renewal_reminders_send(*, today: dt.date | None = None) -> int:
    """Tell holders 30 and 7 days before their membership ends (once each)."""
    today = today or timezone.localdate()
    sent = 0
    for days in REMINDER_DAYS:
        ending = Membership.objects.filter(
            ends_on__gt=today, ends_on__lte=today + dt.timedelta(days=days)
        ).exclude(reminders__days_before__lte=days)
        for membership in ending.select_related("member", "organization"):
            if days == 30 and membership.ends_on <= today + dt.timedelta(days=7):
                continue  # the 7-day reminder covers it
            sent += _renewal_remind(membership=membership, days=days)
    return sent


def _renewal_remind(*, membership: Membership, days: int) -> int:
    holder = {"member": membership.member, "organization": membership.organization}
    if Membership.objects.filter(
        **holder_filter(**holder), ends_on__gt=membership.ends_on
    ).exists():
        return 0  # already renewed
    try:
        with transaction.atomic():
            RenewalReminder.objects.create(membership=membership, days_before=days)
            renews = Subscription.objects.filter(
                **holder_filter(**holder),
                status=Subscription.Status.ACTIVE,
                cancel_at_period_end=False,
            ).exists()
            body = (
                _("It renews automatically on %(day)s by card.")
                if renews
                else _(
                    "Renew it before %(day)s, by card or bank transfer, to keep publishing, "
                    "answering needs and voting."
                )
            )
            holder_tell(
                holder=holder,
                kind="billing.renewal_reminder",
                title=_("Your membership ends on %(day)s"),
                body=body,
                day=membership.ends_on,
            )
    except IntegrityError:
        return 0
    return 1


PRICE_NOTICE_DAYS = 30


def subscriptions_move_prices(*, now: dt.datetime | None = None) -> int:
    """Subscriptions on an archived price move to the price in force at renewal.

    Within PRICE_NOTICE_DAYS of renewal the payer is told, and the item is
    switched with `proration_behavior="none"`: the period already paid keeps
    its price, the renewal invoice uses the new one.
    """
    if not stripe_client.enabled():
        return 0
    now = now or timezone.now()
    moved = 0
    due = Subscription.objects.filter(
        status__in=[Subscription.Status.ACTIVE, Subscription.Status.TRIALING],
        cancel_at_period_end=False,
        plan__archived_at__isnull=False,
        current_period_end__lte=now + dt.timedelta(days=PRICE_NOTICE_DAYS),
    ).select_related("plan")
    for subscription in due:
        target = plan_current(
            community=subscription.plan.community, interval=subscription.plan.interval
        )
        data = stripe_client.subscription_retrieve(subscription.stripe_subscription_id)
        item_id = stripe_client.dig(data, "items.data.0.id")
        if not item_id:
            continue
        stripe_client.subscription_item_set_price(
            item=item_id, price=target.stripe_price_id
        )
        with transaction.atomic():
            locked = Subscription.objects.select_for_update().get(pk=subscription.pk)
            already_told = locked.price_notice_plan_id == target.pk
            locked.price_notice_plan = target
            locked.save(update_fields=["price_notice_plan", "updated_at"])
            if not already_told:
                holder_tell(
                    holder={
                        "member": locked.member,
                        "organization": locked.organization,
                    },
                    kind="billing.price_change",
                    title=_("Your membership fee changes at renewal"),
                    body=_(
                        "The members voted a new fee: from your renewal on %(day)s you will "
                        "pay %(amount)s instead of %(old)s."
                    ),
                    day=timezone.localtime(locked.current_period_end).date(),
                    amount=amount_text(target.amount_cents),
                    old=amount_text(subscription.plan.amount_cents),
                )
        subscription_sync(stripe_subscription_id=subscription.stripe_subscription_id)
        moved += 1
    return moved
