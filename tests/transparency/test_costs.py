"""Platform costs: a receipt, four eyes, corrections by reversing entries only."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from core.refusals import Refusal
from tests.factories import UserFactory
from transparency import services
from transparency.models import PlatformCost

from .helpers import receipt, treasurer

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 10)


def enter(by, amount=12_000):
    return services.cost_enter(
        by=by,
        category="hosting",
        label="Serveur",
        amount_cents=amount,
        incurred_on=DAY,
        receipt=receipt(),
    )


def test_a_cost_needs_a_treasurer_a_receipt_and_a_positive_amount(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    with pytest.raises(Refusal):
        enter(UserFactory())
    alice = treasurer()
    for bad in (
        {"receipt": None},
        {"amount_cents": 0},
        {"amount_cents": 12.5},
        {"category": "pizza"},
    ):
        values = {
            "by": alice,
            "category": "hosting",
            "label": "Serveur",
            "amount_cents": 100,
            "incurred_on": DAY,
            "receipt": receipt(),
        }
        values.update(bad)
        with pytest.raises(Refusal):
            services.cost_enter(**values)
    assert not PlatformCost.objects.exists()
    cost = enter(alice)
    assert cost.receipt.name.startswith("costs/2026/")
    assert (tmp_path / cost.receipt.name).exists()  # private storage, not MEDIA_ROOT


def test_nobody_approves_their_own_cost(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    alice, bob = treasurer(), treasurer()
    cost = enter(alice)
    with pytest.raises(Refusal):
        services.cost_approve(cost=cost, by=alice)
    cost.refresh_from_db()
    assert cost.approved_at is None
    services.cost_approve(cost=cost, by=bob)
    cost.refresh_from_db()
    assert cost.approved_by == bob
    with pytest.raises(Refusal):
        services.cost_approve(cost=cost, by=treasurer())


def test_the_database_refuses_a_self_approval_too(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    alice = treasurer()
    cost = enter(alice)
    cost.approved_by = alice
    cost.approved_at = cost.created_at
    with pytest.raises(IntegrityError), transaction.atomic():
        cost.save()


def test_a_correction_is_a_reversing_entry(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    alice, bob = treasurer(), treasurer()
    cost = services.cost_approve(cost=enter(alice, 5_000), by=bob)
    reversal = services.cost_reverse(
        cost=cost, by=bob, on=DAY, receipt=receipt(), reason="Facture en double"
    )
    assert reversal.amount_cents == -5_000 and reversal.reverses == cost
    with pytest.raises(Refusal):
        services.cost_reverse(cost=cost, by=bob, on=DAY, receipt=receipt(), reason="x")
    with pytest.raises(Refusal):  # a pending one is not public yet: nothing to reverse
        services.cost_reverse(
            cost=enter(alice), by=bob, on=DAY, receipt=receipt(), reason="x"
        )
    # a reversal needs another treasurer's approval too
    with pytest.raises(Refusal):
        services.cost_approve(cost=reversal, by=bob)
    services.cost_approve(cost=reversal, by=alice)
