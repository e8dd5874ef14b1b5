"""Benchmark: seal a month of ledger entries and serve the open accounts.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ouvrage_transparency \
        .venv/bin/python benchmarks/transparency_close.py [--entries 100000] [--renders 5]

It creates a throw-away database (test_<name>), bulk-inserts (not timed) experts
and one ledger payment each time they pay, spread over last month, then times:

- the close of last month (`transparency.services.month_close`: every figure's
  rows, suppression, CSVs, the package, the manifest, the sealed row), against
  a bare baseline: one SELECT of the month's entries written out as CSV;
- the dashboard and figures.json with an empty cache each time (the package is
  assembled from the sealed snapshots plus a roll-up of the open month, so it
  does not grow with the sealed month's rows), then the dashboard from the
  five-minute cache, against the bare /healthz.

The issue's target is 1,000,000 entries and a close under 60 s.
"""

import argparse
import csv
import datetime as dt
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from billing.models import LedgerEntry  # noqa: E402
from marketplace.models import Member, User  # noqa: E402
from transparency import services  # noqa: E402
from transparency.periods import Month  # noqa: E402


def last_month() -> Month:
    first = timezone.localdate().replace(day=1)
    return Month((first - dt.timedelta(days=1)).replace(day=1))


def fill(entries: int) -> Month:
    month = last_month()
    people = max(3, entries // 10)
    users = User.objects.bulk_create(
        User(email=f"bench{i}@example.org", password="!") for i in range(people)
    )
    members = Member.objects.bulk_create(
        (
            Member(user=u, display_name=f"E{i}", community="expert")
            for i, u in enumerate(users)
        ),
        batch_size=5000,
    )
    days = (month.after_last_day - month.first_day).days
    LedgerEntry.objects.bulk_create(
        (
            LedgerEntry(
                kind="payment",
                source="stripe" if i % 3 else "transfer",
                amount_cents=1_100 if i % 3 else 12_000,
                community="expert",
                member=members[i % people],
                reference=f"BENCH-{i}",
                occurred_at=timezone.make_aware(
                    dt.datetime.combine(
                        month.first_day + dt.timedelta(days=i % days), dt.time(12)
                    )
                ),
            )
            for i in range(entries)
        ),
        batch_size=10_000,
    )
    return month


def baseline(month: Month) -> float:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT occurred_at, community, source, amount_cents, member_id "
            "FROM billing_ledgerentry WHERE occurred_at >= %s AND occurred_at < %s",
            [month.starts_at, month.ends_at],
        )
        out = io.StringIO()
        csv.writer(out).writerows(cursor.fetchall())
    return time.perf_counter() - started


def median_ms(client, url, runs, *, clear=False) -> float:
    times = []
    for _ in range(runs):
        if clear:
            cache.clear()
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return statistics.median(times) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--renders", type=int, default=5)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        print("warning: the target is PostgreSQL; running on", connection.vendor)
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        t0 = time.perf_counter()
        month = fill(args.entries)
        print(
            f"setup: {args.entries} ledger entries in {time.perf_counter() - t0:.1f} s"
        )
        base = baseline(month)
        started = time.perf_counter()
        sealed = services.month_close(month)
        close_s = time.perf_counter() - started
        size = sum(len(text) for text in sealed.files.values()) / 1e6
        print(
            f"close of {month.label}: {close_s:.2f} s, {size:.1f} MB of files "
            f"(bare SQL + CSV baseline: {base:.2f} s)"
        )
        client = Client()
        cold = median_ms(client, "/transparency/", args.renders, clear=True)
        data = median_ms(
            client, "/transparency/data/figures.json", args.renders, clear=True
        )
        cached = median_ms(client, "/transparency/", args.renders)
        bare = median_ms(client, "/healthz", args.renders)
        print(
            f"dashboard, empty cache (snapshots + roll-up): median {cold:.0f} ms; "
            f"figures.json {data:.0f} ms; cached {cached:.1f} ms over "
            f"{args.renders} (bare /healthz: {bare:.1f} ms)"
        )
        print("target (close < 60 s):", "met" if close_s < 60 else "NOT met")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
