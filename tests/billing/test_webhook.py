"""The webhook: signature, storage once by id, every handled type, order and retries."""

import datetime as dt
import json
import time

import pytest
from django.core.management import call_command
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from billing import stripe_events
from billing.models import (
    Invoice,
    LedgerEntry,
    Membership,
    StripeEvent,
    Subscription,
)
from billing.selectors import membership_status
from marketplace.models import Notification
from tests.billing.conftest import WEBHOOK_PATH, post_event
from tests.factories import ExpertFactory
from tests.governance.factories import enact_rule

pytestmark = pytest.mark.django_db


def _paid_subscription(client, standin, member, interval="year"):
    """Checkout done at Stripe; returns (subscription id, events to deliver)."""
    client.force_login(member.user)
    response = client.post("/billing/checkout/", {"interval": interval})
    session_id = response["Location"].rsplit("/", 1)[1]
    events = standin.complete_checkout(session_id)
    return standin.objects[session_id]["subscription"], events


def _nothing_written():
    return (
        StripeEvent.objects.count() == 0
        and Subscription.objects.count() == 0
        and LedgerEntry.objects.count() == 0
    )


# --- bad input -----------------------------------------------------------------------------


def test_missing_signature_is_refused(client, stripe_standin):
    event = stripe_standin.event("invoice.paid", {"id": "in_x"})
    response = client.post(
        WEBHOOK_PATH, data=json.dumps(event), content_type="application/json"
    )
    assert response.status_code == 400
    assert _nothing_written()


def test_wrong_secret_is_refused(client, stripe_standin):
    event = stripe_standin.event("invoice.paid", {"id": "in_x"})
    response = post_event(client, event, secret="whsec_someone_else")
    assert response.status_code == 400
    assert _nothing_written()


def test_old_timestamp_is_refused(client, stripe_standin):
    event = stripe_standin.event("invoice.paid", {"id": "in_x"})
    response = post_event(client, event, timestamp=int(time.time()) - 301)
    assert response.status_code == 400
    assert _nothing_written()


def test_tampered_body_is_refused(client, stripe_standin):
    import stripe

    event = stripe_standin.event("invoice.paid", {"id": "in_x"})
    header = stripe.WebhookSignature.generate_signature_header(
        json.dumps(event), "whsec_test_ouvrage"
    )
    event["data"]["object"]["id"] = "in_other"
    response = client.post(
        WEBHOOK_PATH,
        data=json.dumps(event),
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )
    assert response.status_code == 400
    assert _nothing_written()


@pytest.mark.parametrize("body", ["not json at all", "[1, 2]", '{"id": 3}', "\xff"])
def test_signed_body_that_is_not_an_event_is_refused(client, stripe_standin, body):
    import stripe

    header = stripe.WebhookSignature.generate_signature_header(
        body, "whsec_test_ouvrage"
    )
    response = client.post(
        WEBHOOK_PATH,
        data=body.encode(),
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )
    assert response.status_code == 400
    assert _nothing_written()


def test_unknown_event_type_is_acknowledged_and_ignored(client, stripe_standin):
    event = stripe_standin.event("customer.created", {"id": "cus_x"})
    assert post_event(client, event).status_code == 200
    assert _nothing_written()


def test_get_is_not_allowed(client):
    assert client.get(WEBHOOK_PATH).status_code == 405


def test_webhook_needs_no_csrf_token(stripe_standin):
    from django.test import Client

    response = post_event(
        Client(enforce_csrf_checks=True),
        stripe_standin.event("customer.created", {"id": "x"}),
    )
    assert response.status_code == 200


# --- once by id ---------------------------------------------------------------------------------


def test_replayed_event_changes_nothing(client, stripe_standin, deliver):
    expert = ExpertFactory()
    _sub, events = _paid_subscription(client, stripe_standin, expert)
    deliver(*events)
    counts = (
        StripeEvent.objects.count(),
        Membership.objects.count(),
        LedgerEntry.objects.count(),
        Notification.objects.count(),
    )
    deliver(*events)
    deliver(*events)
    assert counts == (
        StripeEvent.objects.count(),
        Membership.objects.count(),
        LedgerEntry.objects.count(),
        Notification.objects.count(),
    )


def test_same_change_sent_as_two_events_has_one_effect(client, stripe_standin, deliver):
    expert = ExpertFactory()
    _sub, events = _paid_subscription(client, stripe_standin, expert)
    invoice_paid = next(e for e in events if e["type"] == "invoice.paid")
    twin = dict(invoice_paid, id="evt_twin_of_invoice_paid")
    deliver(*events, twin)
    assert StripeEvent.objects.filter(type="invoice.paid").count() == 2
    assert Membership.objects.count() == 1
    assert LedgerEntry.objects.filter(kind="payment").count() == 1
    assert LedgerEntry.objects.filter(kind="stripe_fee").count() == 1


# --- every handled type --------------------------------------------------------------------------


def test_subscription_deleted_mirrors_cancellation_but_keeps_the_paid_period(
    client, stripe_standin, deliver
):
    expert = ExpertFactory()
    sub_id, events = _paid_subscription(client, stripe_standin, expert)
    deliver(*events)
    deliver(*stripe_standin.cancel(sub_id))
    assert Subscription.objects.get().status == "canceled"
    assert membership_status(expert).active  # paid for the year


def test_cancel_at_period_end_is_mirrored(client, stripe_standin, deliver):
    expert = ExpertFactory()
    sub_id, events = _paid_subscription(client, stripe_standin, expert)
    deliver(*events, *stripe_standin.cancel_at_period_end(sub_id))
    assert Subscription.objects.get().cancel_at_period_end is True


def test_renewal_paid_extends_membership(client, stripe_standin, deliver):
    expert = ExpertFactory()
    sub_id, events = _paid_subscription(
        client, stripe_standin, expert, interval="month"
    )
    deliver(*events)
    first_end = membership_status(expert).until
    deliver(*stripe_standin.renew(sub_id))
    assert Membership.objects.count() == 2
    assert membership_status(expert, on=first_end).active
    assert LedgerEntry.objects.filter(kind="payment").count() == 2


def test_failed_renewal_gives_the_grace_period_then_access_ends(
    client, stripe_standin, deliver
):
    expert = ExpertFactory()
    sub_id, events = _paid_subscription(
        client, stripe_standin, expert, interval="month"
    )
    deliver(*events)
    period_end = membership_status(expert).until
    deliver(*stripe_standin.renew(sub_id, paid=False))
    assert Subscription.objects.get().status == "past_due"
    assert Subscription.objects.get().payment_failed_at is not None
    assert (
        Notification.objects.filter(
            member=expert, kind="billing.payment_failed"
        ).count()
        == 1
    )
    in_grace = membership_status(expert, on=period_end + dt.timedelta(days=13))
    assert in_grace.active and in_grace.grace
    after = membership_status(expert, on=period_end + dt.timedelta(days=14))
    assert not after.active and after.ended_on == period_end


def test_grace_period_follows_the_rule(client, stripe_standin, deliver):
    enact_rule("billing.grace_period_days", 3)
    expert = ExpertFactory()
    sub_id, events = _paid_subscription(
        client, stripe_standin, expert, interval="month"
    )
    deliver(*events)
    period_end = membership_status(expert).until
    deliver(*stripe_standin.renew(sub_id, paid=False))
    assert membership_status(expert, on=period_end + dt.timedelta(days=2)).active
    assert not membership_status(expert, on=period_end + dt.timedelta(days=3)).active


def test_payment_retried_after_failure_restores_access(client, stripe_standin, deliver):
    expert = ExpertFactory()
    sub_id, events = _paid_subscription(
        client, stripe_standin, expert, interval="month"
    )
    deliver(*events)
    deliver(*stripe_standin.renew(sub_id, paid=False))
    open_invoice = stripe_standin.objects[sub_id]["latest_invoice"]
    deliver(*stripe_standin.pay_open_invoice(open_invoice))
    subscription = Subscription.objects.get()
    assert subscription.status == "active" and subscription.payment_failed_at is None
    assert Membership.objects.count() == 2


def test_refund_is_booked_once_and_a_full_refund_ends_the_period(
    client, stripe_standin, deliver
):
    expert = ExpertFactory()
    _sub, events = _paid_subscription(client, stripe_standin, expert)
    deliver(*events)
    invoice = Invoice.objects.get()
    charge = stripe_standin.charge_of(invoice.stripe_invoice_id)
    partial = stripe_standin.refund(charge, amount=2_000)
    deliver(*partial, *partial)
    assert LedgerEntry.objects.filter(kind="refund").get().amount_cents == -2_000
    assert membership_status(expert).active
    deliver(*stripe_standin.refund(charge))
    refunds = LedgerEntry.objects.filter(kind="refund").values_list(
        "amount_cents", flat=True
    )
    assert sorted(refunds) == [-10_000, -2_000]
    assert not membership_status(
        expert, on=timezone.localdate() + dt.timedelta(days=1)
    ).active


def test_trial_will_end_tells_the_member(client, stripe_standin, deliver):
    expert = ExpertFactory()
    sub_id, events = _paid_subscription(client, stripe_standin, expert)
    deliver(*events, *stripe_standin.trial_will_end(sub_id))
    assert Notification.objects.filter(
        member=expert, kind="billing.trial_ending"
    ).exists()


def test_payment_action_required_tells_the_member_with_the_link(
    client, stripe_standin, deliver
):
    expert = ExpertFactory()
    sub_id, events = _paid_subscription(client, stripe_standin, expert)
    deliver(*events, *stripe_standin.action_required(sub_id))
    notification = Notification.objects.get(
        member=expert, kind="billing.action_required"
    )
    assert notification.url.startswith(stripe_standin.url + "/invoices/")


# --- order ----------------------------------------------------------------------------------------


def test_updated_before_created_ends_right(client, stripe_standin, deliver):
    expert = ExpertFactory()
    sub_id, events = _paid_subscription(client, stripe_standin, expert)
    later = stripe_standin.cancel_at_period_end(sub_id)
    deliver(*later, *reversed(events))
    subscription = Subscription.objects.get()
    assert subscription.status == "active" and subscription.cancel_at_period_end


def test_deleted_then_an_old_updated_stays_cancelled(client, stripe_standin, deliver):
    expert = ExpertFactory()
    sub_id, events = _paid_subscription(client, stripe_standin, expert)
    old_update = stripe_standin.event(
        "customer.subscription.updated", stripe_standin.objects[sub_id]
    )
    deleted = stripe_standin.cancel(sub_id)
    deliver(*events, *deleted, old_update)
    assert Subscription.objects.get().status == "canceled"


@hsettings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_delivery_order_ends_in_stripes_state(
    client, stripe_standin, django_capture_on_commit_callbacks, data
):
    """A generated story (checkout, renewals failing or not, cancellation), its events
    shuffled and some repeated: the mirror ends where Stripe is."""
    expert = ExpertFactory()
    sub_id, events = _paid_subscription(
        client, stripe_standin, expert, interval="month"
    )
    for step in data.draw(
        st.lists(
            st.sampled_from(["renew", "fail", "cancel_later", "cancel"]), max_size=4
        )
    ):
        if stripe_standin.objects[sub_id]["status"] == "canceled":
            break
        if step == "renew":
            events += stripe_standin.renew(sub_id)
        elif step == "fail":
            events += stripe_standin.renew(sub_id, paid=False)
        elif step == "cancel_later":
            events += stripe_standin.cancel_at_period_end(sub_id)
        else:
            events += stripe_standin.cancel(sub_id)
    repeats = data.draw(st.lists(st.sampled_from(events), max_size=3))
    order = data.draw(st.permutations(events + repeats))
    for event in order:
        with django_capture_on_commit_callbacks(execute=True):
            post_event(client, event)
    stripe_events.events_reprocess(include_pending_older_than=0)  # late retries

    truth = stripe_standin.objects[sub_id]
    mirror = Subscription.objects.get(stripe_subscription_id=sub_id)
    assert mirror.status == truth["status"]
    assert mirror.cancel_at_period_end == truth["cancel_at_period_end"]
    assert (
        int(mirror.current_period_end.timestamp())
        == (truth["items"]["data"][0]["current_period_end"])
    )
    paid = [
        o
        for o in stripe_standin.objects.values()
        if o["object"] == "invoice"
        and o["parent"]["subscription_details"]["subscription"] == sub_id
        and o["status"] == "paid"
    ]
    assert Membership.objects.filter(
        invoice__stripe_invoice_id__in=[i["id"] for i in paid]
    ).count() == len(paid)
    assert LedgerEntry.objects.filter(kind="payment", member=expert).count() == len(
        paid
    )
    assert not StripeEvent.objects.exclude(status="processed").exists()


# --- failures and retries -----------------------------------------------------------------------


def test_failed_handler_keeps_the_event_and_the_command_processes_it_again(
    client, settings, stripe_standin, deliver
):
    expert = ExpertFactory()
    _sub, events = _paid_subscription(client, stripe_standin, expert)
    real_base = settings.STRIPE_API_BASE
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # Stripe down while processing
    deliver(*events)  # still acknowledged
    assert StripeEvent.objects.filter(status="failed").count() == len(events)
    failed = StripeEvent.objects.filter(status="failed").first()
    assert "StripeUnavailable" in failed.last_error and failed.attempts == 1
    assert not membership_status(expert).active
    assert LedgerEntry.objects.count() == 0  # the failed handler wrote nothing

    settings.STRIPE_API_BASE = real_base
    call_command("stripe_events_reprocess")
    assert not StripeEvent.objects.exclude(status="processed").exists()
    assert membership_status(expert).active
    assert LedgerEntry.objects.filter(kind="payment").count() == 1


def test_refund_before_its_invoice_is_known_is_retried(client, stripe_standin, deliver):
    expert = ExpertFactory()
    _sub, events = _paid_subscription(client, stripe_standin, expert)
    invoice_id = next(e for e in events if e["type"] == "invoice.paid")["data"][
        "object"
    ]["id"]
    refund = stripe_standin.refund(stripe_standin.charge_of(invoice_id))
    deliver(*refund)
    assert StripeEvent.objects.get(type="charge.refunded").status == "failed"
    deliver(*events)
    stripe_events.events_reprocess()
    assert StripeEvent.objects.get(type="charge.refunded").status == "processed"
    assert LedgerEntry.objects.filter(kind="refund").count() == 1


def test_pending_event_whose_task_was_lost_is_picked_up(client, stripe_standin):
    expert = ExpertFactory()
    _sub, events = _paid_subscription(client, stripe_standin, expert)
    for event in events:  # stored, but on_commit never ran (like a crashed worker)
        post_event(client, event)
    assert StripeEvent.objects.filter(status="pending").count() == len(events)
    StripeEvent.objects.update(created_at=timezone.now() - dt.timedelta(minutes=5))
    call_command("run_periodic", "--once")
    assert membership_status(expert).active


# --- the bare ASGI variant (billing/asgi.py) -----------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_bare_asgi_webhook_verifies_stores_once_and_acknowledges(stripe_standin):
    from asgiref.sync import async_to_sync
    from channels.testing import HttpCommunicator

    from billing.asgi import stripe_webhook_app

    event = stripe_standin.event("customer.subscription.updated", {"id": "sub_missing"})
    payload = json.dumps(event).encode()

    async def post(body, signature, method="POST"):
        communicator = HttpCommunicator(
            stripe_webhook_app,
            method,
            WEBHOOK_PATH,
            body=body,
            headers=[(b"stripe-signature", signature.encode())],
        )
        return (await communicator.get_response())["status"]

    good = stripe_standin.sign(payload.decode())
    assert async_to_sync(post)(payload, good) == 200
    assert async_to_sync(post)(payload, good) == 200
    assert StripeEvent.objects.filter(stripe_id=event["id"]).count() == 1
    assert async_to_sync(post)(payload, "t=1,v1=00") == 400
    assert async_to_sync(post)(b"{}", good, method="GET") == 405


def test_asgi_router_sends_only_the_webhook_path_of_an_allowed_host_to_the_bare_app(
    settings,
):
    from asgiref.sync import async_to_sync
    from channels.testing import HttpCommunicator

    from billing.asgi import webhook_path, webhook_router

    settings.ALLOWED_HOSTS = ["ouvrage.example"]
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_ouvrage"

    async def django_app(scope, receive, send):
        await send({"type": "http.response.start", "status": 299, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    async def post(path, host):
        communicator = HttpCommunicator(
            webhook_router(django_app),
            "POST",
            path,
            body=b"{}",
            headers=[(b"host", host), (b"stripe-signature", b"t=1,v1=00")],
        )
        return (await communicator.get_response())["status"]

    assert webhook_path() == WEBHOOK_PATH  # read from the URL conf
    assert async_to_sync(post)(WEBHOOK_PATH, b"ouvrage.example") == 400  # bare app
    assert async_to_sync(post)(WEBHOOK_PATH, b"elsewhere.example") == 299  # Django
    assert async_to_sync(post)("/billing/", b"ouvrage.example") == 299


def test_with_the_database_queue_the_webhook_only_stores_and_a_worker_processes(
    client, settings, stripe_standin
):
    """Production shape: the acknowledgement never waits for the handler."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    expert = ExpertFactory()
    _sub, events = _paid_subscription(client, stripe_standin, expert)
    for event in events:
        assert post_event(client, event).status_code == 200
    assert StripeEvent.objects.filter(status="pending").count() == len(events)
    assert DBTaskResult.objects.count() == len(events)
    assert not membership_status(expert).active  # nothing processed yet

    # what the worker does with each queued row (db_worker closes the test's connection)
    for queued in DBTaskResult.objects.all():
        assert queued.task_path == "billing.tasks.process_stripe_event"
        queued.task.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])
    assert StripeEvent.objects.filter(status="processed").count() == len(events)
    assert membership_status(expert).active


@pytest.mark.django_db(transaction=True)
def test_project_application_routes_the_webhook_to_the_fast_path_for_allowed_hosts(
    stripe_standin,
):
    from asgiref.sync import async_to_sync
    from channels.testing import HttpCommunicator

    from config.asgi import application

    event = stripe_standin.event("customer.subscription.updated", {"id": "sub_gone"})
    payload = json.dumps(event).encode()
    signature = stripe_standin.sign(payload.decode())

    async def post(host: bytes):
        communicator = HttpCommunicator(
            application,
            "POST",
            WEBHOOK_PATH,
            body=payload,
            headers=[(b"host", host), (b"stripe-signature", signature.encode())],
        )
        return await communicator.get_response()

    refused = async_to_sync(post)(b"evil.example.org")
    assert refused["status"] == 400  # Django's DisallowedHost, as for any page
    assert not StripeEvent.objects.filter(stripe_id=event["id"]).exists()
    accepted = async_to_sync(post)(b"127.0.0.1")
    assert accepted["status"] == 200
    assert StripeEvent.objects.filter(stripe_id=event["id"]).count() == 1


# --- the hot path: PostgreSQL and the database queue (billing.webhook._stored_now) ---------


def _columns(row, *skip):
    return {
        field.column: getattr(row, field.attname)
        for field in type(row)._meta.concrete_fields
        if field.column not in skip
    }


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_the_bare_app_stores_event_and_task_as_the_orm_does(
    settings, stripe_standin
):
    from asgiref.sync import async_to_sync
    from channels.testing import HttpCommunicator
    from django_tasks.signals import task_enqueued
    from django_tasks_db.models import DBTaskResult

    from billing.asgi import stripe_webhook_app
    from billing.webhook import event_store

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    enqueued = []

    def heard(sender, task_result, **kwargs):
        enqueued.append(str(task_result.id))

    task_enqueued.connect(heard, dispatch_uid="test-hot-path")
    try:
        event = stripe_standin.event("customer.subscription.updated", {"id": "sub_x"})
        payload = json.dumps(event).encode()
        signature = stripe_standin.sign(payload.decode()).encode()

        async def post(body):
            communicator = HttpCommunicator(
                stripe_webhook_app,
                "POST",
                WEBHOOK_PATH,
                body=body,
                headers=[(b"stripe-signature", signature)],
            )
            return (await communicator.get_response())["status"]

        assert async_to_sync(post)(payload) == 200
        assert async_to_sync(post)(payload) == 200  # a redelivery: nothing more
    finally:
        task_enqueued.disconnect(dispatch_uid="test-hot-path")
    stored = StripeEvent.objects.get(stripe_id=event["id"])
    queued = DBTaskResult.objects.get()
    assert queued.args_kwargs == {"args": [], "kwargs": {"event_pk": str(stored.pk)}}
    assert enqueued == [str(queued.id)]  # the signal of `enqueue`, once

    # the same rows as the ORM path writes for another event
    other = stripe_standin.event("customer.subscription.updated", {"id": "sub_y"})
    reference = event_store(event=other)
    reference_task = DBTaskResult.objects.exclude(pk=queued.pk).get()
    volatile = ("id", "created_at", "updated_at", "enqueued_at")
    assert _columns(stored, *volatile, "stripe_id", "payload") == _columns(
        reference, *volatile, "stripe_id", "payload"
    )
    assert stored.payload == event
    assert _columns(queued, *volatile, "args_kwargs") == _columns(
        reference_task, *volatile, "args_kwargs"
    )


@pytest.mark.django_db(transaction=True)
def test_the_hot_path_steps_aside_without_postgresql_or_the_database_queue(
    settings, stripe_standin
):
    from asgiref.sync import async_to_sync
    from django.db import connection

    from billing.webhook import webhook_receive_now

    event = stripe_standin.event("customer.subscription.updated", {"id": "sub_z"})
    payload = json.dumps(event).encode()
    signature = stripe_standin.sign(payload.decode())
    # the suite's queue runs tasks at once: the thread path (after commit) is kept
    assert async_to_sync(webhook_receive_now)(payload, signature) is None
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    status = async_to_sync(webhook_receive_now)(payload, signature)
    if connection.vendor == "postgresql":
        assert status == 200
        assert StripeEvent.objects.filter(stripe_id=event["id"]).count() == 1
        assert async_to_sync(webhook_receive_now)(payload, "t=1,v1=00") == 400
    else:
        assert status is None
        assert not StripeEvent.objects.exists()
