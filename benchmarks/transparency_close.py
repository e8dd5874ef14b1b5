"""Benchmark: seal a month of ledger entries and serve the open accounts.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ouvrage_transparency \
        .venv/bin/python benchmarks/transparency_close.py [--entries 100000] \
        [--renders 5] [--json out.json]

It creates a throw-away database (test_<name>), bulk-inserts (not timed) one
expert per ten entries and their ledger payments: `--entries` spread over last
month, a tenth of that over the current month (the open month, computed live),
and seals the ten months before last (empty). Then it times:

- the close of last month (`transparency.services.month_close`: every figure's
  rows summed by the database, suppression, CSVs, the package, the manifest,
  the sealed row) and its query count, against a bare baseline: the month's
  entries summed per payer and route in one raw GROUP BY (the database's floor
  for reading them);
- the dashboard, figures.json and datapackage.json with an empty cache each
  time (sealed months read from their snapshots, the open month rolled up
  live): median time, its split, the query count, and the path's own SQL
  replayed bare (benchmarks/measure.py, as `pages.py` does); then the bare
  Django view /healthz (HTTPS requests: production mode does not redirect).

Run at two sizes, the query counts must be the same. The issue's target is
1,000,000 entries and a close under 60 s.
"""

import argparse
import datetime as dt
import json
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
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
)
from django.utils import timezone  # noqa: E402

from benchmarks import measure  # noqa: E402
from billing.models import LedgerEntry  # noqa: E402
from marketplace.models import Member, User  # noqa: E402
from transparency import rollup, services  # noqa: E402
from transparency.periods import Month  # noqa: E402


def last_month() -> Month:
    first = timezone.localdate().replace(day=1)
    return Month((first - dt.timedelta(days=1)).replace(day=1))


def _entries(month: Month, count: int, members, offset: int):
    days = (month.after_last_day - month.first_day).days
    people = len(members)
    for i in range(offset, offset + count):
        yield LedgerEntry(
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


def fill(entries: int) -> Month:
    """`entries` payments last month, a tenth of that in the current month."""
    month = last_month()
    people = max(3, entries // 10)
    users = User.objects.bulk_create(
        (User(email=f"bench{i}@example.org", password="!") for i in range(people)),
        batch_size=5000,
    )
    members = Member.objects.bulk_create(
        (
            Member(user=u, display_name=f"E{i}", community="expert")
            for i, u in enumerate(users)
        ),
        batch_size=5000,
    )
    LedgerEntry.objects.bulk_create(
        _entries(month, entries, members, 0), batch_size=10_000
    )
    today = timezone.localdate()
    current = Month.of(today)
    LedgerEntry.objects.bulk_create(
        _entries(current, max(3, entries // 10), members, entries),
        batch_size=10_000,
    )
    # only the open month is computed live: the ten months before last are sealed
    earlier = []
    day = month.first_day
    for _ in range(10):
        day = (day - dt.timedelta(days=1)).replace(day=1)
        earlier.append(Month(day))
    in_force_since(earlier[-1])
    for old in reversed(earlier):
        services.month_close(old)
    return month


def in_force_since(month: Month) -> None:
    """The small-group rule as on a platform that ran the whole year: in force
    before the first month sealed here, not since this database was migrated.

    (Otherwise the rule looks changed since those months were sealed, and every
    page takes the path of a changed rule: all the months' figures run again
    over their published rows: docs/transparency.md says what that costs.)
    """
    from contextlib import nullcontext

    import pgtrigger

    from core.models import RuleVersion

    # a benchmark's back-dating of the rules' history (append-only otherwise;
    # the queryset refuses bulk updates, so the statement is written out)
    ignoring = (
        pgtrigger.ignore("core.RuleVersion:rule_version_no_update")
        if connection.vendor == "postgresql"
        else nullcontext()
    )
    keys = list(rollup.THRESHOLD_RULES)
    with ignoring, connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {RuleVersion._meta.db_table} SET effective_at = %s "  # noqa: S608
            f"WHERE key IN ({', '.join(['%s'] * len(keys))})",
            [month.starts_at - dt.timedelta(days=1), *keys],
        )


def baseline(month: Month) -> float:
    """The month's entries summed per payer and route, raw SQL: the reading's floor."""
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT community, source, member_id, organization_id, sum(amount_cents) "
            "FROM billing_ledgerentry WHERE kind = 'payment' "
            "AND occurred_at >= %s AND occurred_at < %s GROUP BY 1, 2, 3, 4",
            [month.starts_at, month.ends_at],
        )
        cursor.fetchall()
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


PATHS = {
    "dashboard": "/transparency/",
    "figures.json": "/transparency/data/figures.json",
    "data package": "/transparency/data/datapackage.json",
}


def served(client, url: str, runs: int) -> dict:
    """One path with an empty cache each time: time, split, queries, own SQL bare."""

    def call():
        cache.clear()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return measure.measure(call, runs)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--renders", type=int, default=5)
    parser.add_argument("--json", type=Path)
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
            f"setup: {args.entries} ledger entries last month, "
            f"{max(3, args.entries // 10)} this month, in "
            f"{time.perf_counter() - t0:.1f} s",
            flush=True,
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # fresh statistics, as autovacuum would
        base = baseline(month)
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            sealed = services.month_close(month)
        close_s = time.perf_counter() - started
        close_queries = len(captured.captured_queries)  # read before it is reset
        size = sum(len(text) for text in sealed.files.values()) / 1e6
        print(
            f"close of {month.label}: {close_s:.2f} s, "
            f"{close_queries} queries, {size:.1f} MB of files "
            f"(bare GROUP BY baseline: {base:.2f} s)",
            flush=True,
        )
        measure.install()
        # production mode redirects plain HTTP; the proxy's header says HTTPS
        client = Client(secure=True, headers={"x-forwarded-proto": "https"})
        paths = {}
        for name, url in PATHS.items():
            paths[name] = {"path": url, **served(client, url, args.renders)}
            row = paths[name]
            print(
                f"{name} ({url}), empty cache: median {row['median_ms']:.0f} ms, "
                f"{row['queries']} queries (SQL {row['sql_ms']:.1f} / view "
                f"{row['view_ms']:.1f} / template {row['template_ms']:.1f}); "
                f"own SQL bare {row['replay_ms']:.1f} ms",
                flush=True,
            )
        cached = median_ms(client, "/transparency/", args.renders)
        bare = median_ms(client, "/healthz", args.renders)
        print(
            f"dashboard from the five-minute cache: {cached:.1f} ms "
            f"(bare /healthz: {bare:.1f} ms)"
        )
        print("target (close < 60 s):", "met" if close_s < 60 else "NOT met")
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(
                json.dumps(
                    {
                        "entries": args.entries,
                        "open_month_entries": max(3, args.entries // 10),
                        "database": connection.vendor,
                        "close_s": round(close_s, 3),
                        "close_queries": close_queries,
                        "close_baseline_s": round(base, 3),
                        "files_mb": round(size, 2),
                        "paths": paths,
                        "cached_dashboard_ms": round(cached, 2),
                        "bare_view_ms": round(bare, 2),
                        "recorded_at": dt.datetime.now(dt.UTC).isoformat(
                            timespec="seconds"
                        ),
                        "load_average": os.getloadavg(),
                    },
                    indent=1,
                )
                + "\n"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
