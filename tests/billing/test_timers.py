"""Periodic jobs: renewal reminders, fees following the rules, price moves at renewal."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from billing import services
from billing.models import Plan, Subscription
from marketplace.models import Notification
from tests.factories import CompanyMemberFactory, ExpertFactory, MembershipFactory
from tests.governance.factories import enact_rule

pytestmark = pytest.mark.django_db


def _ending_in(member, days, **holder):
    today = timezone.localdate()
    return MembershipFactory(
        starts_on=today - dt.timedelta(days=365 - days),
        ends_on=today + dt.timedelta(days=days),
        **(holder or {"member": member}),
    )


def test_reminders_at_30_and_7_days_once_each():
    expert = ExpertFactory()
    membership = _ending_in(expert, 25)
    today = timezone.localdate()
    assert services.renewal_reminders_send(today=today) == 1
    assert services.renewal_reminders_send(today=today) == 0
    assert (
        services.renewal_reminders_send(today=membership.ends_on - dt.timedelta(days=7))
        == 1
    )
    assert (
        services.renewal_reminders_send(today=membership.ends_on - dt.timedelta(days=6))
        == 0
    )
    reminders = Notification.objects.filter(
        member=expert, kind="billing.renewal_reminder"
    )
    assert reminders.count() == 2


def test_no_reminder_when_already_renewed():
    expert = ExpertFactory()
    current = _ending_in(expert, 20)
    MembershipFactory(
        member=expert,
        starts_on=current.ends_on,
        ends_on=current.ends_on + dt.timedelta(days=365),
    )
    assert services.renewal_reminders_send() == 0


def test_organization_owners_are_reminded():
    owner = CompanyMemberFactory()
    colleague = CompanyMemberFactory(
        organization=owner.organization, organization_role="member"
    )
    _ending_in(owner, 5, organization=owner.organization)
    services.renewal_reminders_send()
    assert Notification.objects.filter(
        member=owner, kind="billing.renewal_reminder"
    ).exists()
    assert not Notification.objects.filter(member=colleague).exists()


def test_run_periodic_runs_billing_jobs(settings):
    settings.STRIPE_SECRET_KEY = ""
    expert = ExpertFactory()
    _ending_in(expert, 3)
    call_command("run_periodic", "--once")
    assert Notification.objects.filter(
        member=expert, kind="billing.renewal_reminder"
    ).exists()


def test_new_fee_creates_a_price_and_moves_subscriptions_at_renewal_with_notice(
    client, stripe_standin, deliver
):
    expert = ExpertFactory()
    client.force_login(expert.user)
    session = client.post("/billing/checkout/", {"interval": "month"})["Location"]
    events = stripe_standin.complete_checkout(session.rsplit("/", 1)[1])
    deliver(*events)
    sub_id = events[1]["data"]["object"]["id"]
    old_plan = Plan.objects.get(interval="month")

    enact_rule("fees.expert.monthly_cents", 1_300)
    assert services.plans_sync() == 1
    old_plan.refresh_from_db()
    assert old_plan.archived_at is not None
    assert stripe_standin.objects[old_plan.stripe_price_id]["active"] is False
    new_plan = Plan.objects.get(
        community="expert", interval="month", archived_at__isnull=True
    )
    assert stripe_standin.objects[new_plan.stripe_price_id]["unit_amount"] == 1_300

    # the subscription keeps its archived price until its renewal comes near
    assert (
        services.subscriptions_move_prices() == 1
    )  # monthly: renewal is < 30 days away
    item = stripe_standin.objects[sub_id]["items"]["data"][0]
    assert item["price"]["id"] == new_plan.stripe_price_id
    assert stripe_standin.private[sub_id]["proration"] == "none"
    notice = Notification.objects.get(member=expert, kind="billing.price_change")
    assert "13,00" in notice.body and "11,00" in notice.body
    assert Subscription.objects.get().plan == new_plan
    assert services.subscriptions_move_prices() == 0  # told once

    deliver(*stripe_standin.renew(sub_id))
    assert sorted(expert.invoices.values_list("amount_cents", flat=True)) == [
        1_100,
        1_300,
    ]


def test_yearly_subscription_is_not_moved_long_before_renewal(
    client, stripe_standin, deliver
):
    expert = ExpertFactory()
    client.force_login(expert.user)
    session = client.post("/billing/checkout/", {"interval": "year"})["Location"]
    deliver(*stripe_standin.complete_checkout(session.rsplit("/", 1)[1]))
    enact_rule("fees.expert.yearly_cents", 15_000)
    services.plans_sync()
    assert services.subscriptions_move_prices() == 0
    assert not Notification.objects.filter(kind="billing.price_change").exists()
