"""The ledger: append-only, in cents, and never tied to a mission."""

import pytest
from django.apps import apps
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from billing import services
from billing.models import LedgerEntry
from tests.factories import ExpertFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_ledger_rows_cannot_be_edited_or_deleted(treasurer_user):
    services.transfer_record(
        transfer=services.transfer_request(member=ExpertFactory()),
        received_on=timezone.localdate(),
        by=treasurer_user,
    )
    entry = LedgerEntry.objects.get()
    entry.amount_cents = 1
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        LedgerEntry.objects.update(amount_cents=1)
    with pytest.raises(TypeError):
        LedgerEntry.objects.all().delete()


def test_no_ledger_field_can_point_at_a_mission():
    mission_models = {
        model for model in apps.get_models() if model._meta.app_label == "missions"
    }
    for field in LedgerEntry._meta.get_fields():
        related = getattr(field, "related_model", None)
        assert related not in mission_models, field.name
        assert "mission" not in field.name and "need" not in field.name
        assert "proposal" not in field.name


@pytest.fixture
def treasurer_user():
    return UserFactory(is_staff=True)


@hsettings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    story=st.lists(
        st.tuples(
            st.sampled_from(["card", "transfer", "refund", "renew", "fail", "mission"]),
            st.integers(min_value=1, max_value=5_000_000),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_random_histories_leave_no_mission_related_entry(
    client, stripe_standin, django_capture_on_commit_callbacks, treasurer_user, story
):
    """Payments, renewals, refunds and (when the missions app has models) missions of
    any value: the ledger holds membership money only, whatever the mission amounts."""
    from tests.billing.conftest import post_event

    mission_values = []
    subscriptions = []
    for step, value in story:
        expert = ExpertFactory()
        if step == "card":
            client.force_login(expert.user)
            session = client.post("/billing/checkout/", {"interval": "year"})[
                "Location"
            ]
            events = stripe_standin.complete_checkout(session.rsplit("/", 1)[1])
            subscriptions.append(events[1]["data"]["object"]["id"])
        elif step == "transfer":
            services.transfer_record(
                transfer=services.transfer_request(member=expert),
                received_on=timezone.localdate(),
                by=treasurer_user,
            )
            events = []
        elif step in ("renew", "fail") and subscriptions:
            events = stripe_standin.renew(subscriptions[-1], paid=step == "renew")
        elif step == "refund" and subscriptions:
            invoice = stripe_standin.objects[subscriptions[-1]]["latest_invoice"]
            charge = stripe_standin.private.get(invoice, {}).get("charge")
            events = stripe_standin.refund(charge, amount=1) if charge else []
        else:  # a mission of some value happens between members
            mission_values.append(value)
            events = []
        for event in events:
            with django_capture_on_commit_callbacks(execute=True):
                post_event(client, event)

    allowed = {12_000, 60_000, 1_100, 5_500}  # the membership fees
    for entry in LedgerEntry.objects.all():
        assert entry.kind in {"payment", "refund", "stripe_fee"}
        if entry.kind == "payment":
            assert entry.amount_cents in allowed
        assert entry.reference.startswith(("in_", "re_", "txn_", "OUV-"))
        for value in mission_values:
            if value not in allowed:
                assert abs(entry.amount_cents) != value or entry.kind != "payment"
