"""The current package is assembled from the sealed months and a roll-up of the
open month: a constant number of queries, whatever the number of rows."""

import datetime as dt
import json
import subprocess
import sys

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import ExpertFactory
from transparency import rollup, services
from transparency.periods import Month, Period

from .helpers import ledger

pytestmark = pytest.mark.django_db

PAGES = (
    reverse("transparency:dashboard"),
    reverse("transparency:data_file", args=["figures.json"]),
    reverse("transparency:data_file", args=["datapackage.json"]),
    reverse("transparency:data_file", args=["income-memberships.csv"]),
)


def last_month() -> Month:
    return Month.of(timezone.localdate().replace(day=1) - dt.timedelta(days=1))


def add_rows(count: int) -> None:
    experts = [ExpertFactory() for _ in range(count)]
    for day in (last_month().first_day, timezone.localdate().replace(day=1)):
        for expert in experts:
            ledger(day, 12_000, member=expert)


def queries(client) -> list[int]:
    counts = []
    for url in PAGES:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    return counts


def test_the_open_accounts_take_the_same_queries_at_two_data_sizes(
    django_assert_num_queries,
):
    client = Client()
    add_rows(3)
    services.month_close(last_month())
    small = queries(client)
    add_rows(40)  # more rows in the sealed month and the open one
    for url, count in zip(PAGES, small, strict=True):
        cache.clear()
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200


def test_a_sealed_month_is_read_from_its_snapshot_not_recomputed():
    add_rows(3)
    sealed = services.month_close(last_month())
    ledger(last_month().first_day, 99_999, member=ExpertFactory())  # after the seal
    data = json.loads(rollup.build()["figures.json"])
    month = data["figures"]["income.memberships"]["result"]["months"][
        last_month().label
    ]
    frozen = sealed.figures["figures"]["income.memberships"]["result"]["months"]
    assert month == frozen[last_month().label]


def test_the_rolled_up_package_recomputes_to_its_figures(tmp_path):
    add_rows(3)
    services.month_close(last_month())
    files = rollup.build()
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    written = files["figures.json"]
    (tmp_path / "figures.json").unlink()
    subprocess.run(
        [sys.executable, "recompute.py", "."], cwd=tmp_path, check=True, timeout=60
    )
    assert (tmp_path / "figures.json").read_text(encoding="utf-8") == written


def test_the_months_side_by_side_give_the_same_bytes_as_the_figures_run_again():
    """Sealed months (one with hidden cells) and the open month, put side by side,
    give exactly the package the figures give when run over all their rows."""
    experts = [ExpertFactory() for _ in range(4)]
    for day in (last_month().first_day, timezone.localdate().replace(day=1)):
        for i, expert in enumerate(experts):
            ledger(day, 12_000 + i, member=expert)
            ledger(day, 1_100, member=expert, source="stripe")
        ledger(day, -12_000, kind="refund", member=experts[0])  # one: hidden
        ledger(day, -300, kind="stripe_fee", source="stripe", member=experts[1])
    services.month_close(last_month())
    period = Period.last_months(12)
    files = rollup.build(period)
    assert files == rollup.recomputed(period)
    assert rollup.figures(period) == json.loads(files["figures.json"])
    refunds = files["income-refunds.csv"]
    assert ",1\n" in refunds  # the hidden cells are marked, in both months
