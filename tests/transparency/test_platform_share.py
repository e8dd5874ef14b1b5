"""The platform's share of mission value is computed from the ledger and the
missions, and stays 0 whatever happens between members."""

import datetime as dt

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from missions.models import Invoice
from tests.factories import ExpertFactory
from tests.missions import factories as mission_factories
from transparency import collect, package
from transparency.figures import CATALOGUE
from transparency.periods import Period

from .helpers import ledger

pytestmark = pytest.mark.django_db
FIGURE = CATALOGUE["value.platform_share"]


@pytest.fixture
def missions():
    return [mission_factories.mission(state="active") for _ in range(2)]


def share_of(period):
    return FIGURE.run(collect.platform_share(period), package.thresholds(period))


@hsettings(
    max_examples=12,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    story=st.lists(
        st.tuples(
            st.sampled_from(["payment", "refund", "stripe_fee", "invoice", "paid"]),
            st.integers(min_value=1, max_value=5_000_000),
            st.integers(min_value=0, max_value=300),
        ),
        min_size=1,
        max_size=10,
    )
)
def test_the_platform_share_is_zero_for_random_histories(missions, story):
    today = timezone.localdate()
    expert = ExpertFactory()
    for kind, amount, days_ago in story:
        day = today - dt.timedelta(days=days_ago)
        mission = missions[amount % len(missions)]
        if kind == "payment":
            ledger(day, amount, member=expert)
        elif kind in ("refund", "stripe_fee"):
            ledger(day, -amount, kind=kind, member=expert)
        else:  # money between members: invoices declared, and paid
            Invoice.objects.create(
                mission=mission,
                number=f"F-{Invoice.objects.count() + 1}",
                amount_cents=amount,
                issued_on=day,
                declared_by=mission.expert,
                paid_on=day if kind == "paid" else None,
            )
    result = share_of(Period.last_months(12))
    assert result["months"], "the missions started this month give a row at least"
    for entry in result["months"].values():
        assert entry["cells"] == {"ledger_tied": 0, "share": 0}


def test_an_entry_naming_a_mission_would_show_in_the_share(missions):
    """The computation is real: were the ledger to take money on a mission, it shows."""
    mission = missions[0]
    ledger(timezone.localdate(), 4_500, reference=f"mission:{mission.pk}")
    result = share_of(Period.last_months(1))
    (entry,) = result["months"].values()
    assert entry["cells"]["ledger_tied"] == 4_500
    # two organizations only: the missions' value rests on too few to publish it
    assert entry["cells"]["share"] is None


def test_the_share_is_what_the_ledger_took_over_the_missions_value():
    rows = [
        {"month": "2026-01", "cell": "ledger_tied", "value": 300, "contributor": ""},
        *[
            {
                "month": "2026-01",
                "cell": "mission_value",
                "value": 10_000,
                "contributor": who,
            }
            for who in ("a", "b", "c")
        ],
    ]
    result = FIGURE.run(rows)
    assert result["months"]["2026-01"]["cells"] == {"ledger_tied": 300, "share": 100}
