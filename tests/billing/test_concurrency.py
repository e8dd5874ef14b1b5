"""Concurrent webhook deliveries on PostgreSQL: one effect, whatever the race."""

import json
import threading

import pytest
from django.db import connection
from django.test import Client

from billing.models import LedgerEntry, Membership, StripeEvent
from billing.selectors import membership_status
from tests.billing.conftest import WEBHOOK_PATH
from tests.conftest import postgres_only
from tests.factories import ExpertFactory

pytestmark = [postgres_only, pytest.mark.django_db(transaction=True)]


def _post_all_at_once(standin, events_per_thread):
    barrier = threading.Barrier(len(events_per_thread))
    statuses = []

    def post(events):
        client = Client()
        try:
            barrier.wait()
            for event in events:
                payload = json.dumps(event)
                response = client.post(
                    WEBHOOK_PATH,
                    data=payload,
                    content_type="application/json",
                    HTTP_STRIPE_SIGNATURE=standin.sign(payload),
                )
                statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=post, args=(events,)) for events in events_per_thread
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def _checkout(standin, member):
    client = Client()
    client.force_login(member.user)
    response = client.post("/billing/checkout/", {"interval": "year"})
    session_id = response["Location"].rsplit("/", 1)[1]
    return standin.complete_checkout(session_id)


def test_ten_concurrent_deliveries_of_one_event_have_one_effect(stripe_standin):
    expert = ExpertFactory()
    events = _checkout(stripe_standin, expert)
    invoice_paid = next(e for e in events if e["type"] == "invoice.paid")
    statuses = _post_all_at_once(stripe_standin, [[invoice_paid]] * 10)
    assert statuses == [200] * 10
    assert StripeEvent.objects.count() == 1
    assert StripeEvent.objects.get().status == "processed"
    assert Membership.objects.count() == 1
    assert LedgerEntry.objects.filter(kind="payment").count() == 1
    assert membership_status(expert).active


def test_a_whole_story_delivered_by_ten_racing_senders_converges(stripe_standin):
    expert = ExpertFactory()
    events = _checkout(stripe_standin, expert)
    sub_id = events[1]["data"]["object"]["id"]
    events += stripe_standin.renew(sub_id)
    events += stripe_standin.cancel_at_period_end(sub_id)
    # every sender delivers every event, each in its own order
    orders = [events[i:] + events[:i] for i in range(10)]
    statuses = _post_all_at_once(stripe_standin, orders)
    assert statuses == [200] * (len(orders) * len(events))
    assert StripeEvent.objects.count() == len(events)
    from billing.stripe_events import events_reprocess

    events_reprocess(include_pending_older_than=0)
    assert not StripeEvent.objects.exclude(status="processed").exists()
    assert Membership.objects.count() == 2
    assert LedgerEntry.objects.filter(kind="payment").count() == 2
    from billing.models import Subscription

    assert Subscription.objects.get().cancel_at_period_end is True
