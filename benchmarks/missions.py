"""Missions benchmark: mission lists and mission page (median, queries), timer throughput.

Run on PostgreSQL with scale data (added if missing):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ouvrage_bench \\
        .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ouvrage_bench \\
        .venv/bin/python benchmarks/missions.py

Baseline: /healthz in the same process and client (one trivial query), so the
figures show what the missions pages cost on top of the request machinery.
"""

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("TASKS_BACKEND", "database")
os.environ.setdefault(
    "DEBUG", "1"
)  # plain static storage: no collectstatic manifest needed

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from marketplace.models import Member  # noqa: E402
from missions import timers  # noqa: E402
from missions.models import Milestone, Mission  # noqa: E402
from missions.scale import seed_scale_missions  # noqa: E402

RUNS = 30
TIMERS = 10_000


def measure(client: Client, url: str) -> tuple[float, int]:
    client.get(url, secure=True)  # warm up
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url, secure=True)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url, secure=True)
    return statistics.median(times), len(ctx.captured_queries)


def pages() -> None:
    settings.ALLOWED_HOSTS = ["*"]
    company = (
        Member.objects.filter(community="company")
        .annotate(n=Count("organization__missions"))
        .order_by("-n")
        .first()
    )
    expert = (
        Member.objects.filter(community="expert")
        .annotate(n=Count("missions"))
        .order_by("-n")
    )
    expert = expert.first()
    mission = (
        Mission.objects.filter(
            organization_id=company.organization_id, state="delivered"
        ).first()
        or Mission.objects.filter(organization_id=company.organization_id).first()
    )
    client = Client()
    rows = []
    rows.append(("baseline /healthz", *measure(client, "/healthz")))
    client.force_login(company.user)
    rows.append(
        (
            f"company mission list ({company.n} missions, 100 shown)",
            *measure(client, "/missions/"),
        )
    )
    rows.append(("mission page", *measure(client, f"/missions/{mission.pk}/")))
    rows.append(("API /api/missions/ (company)", *measure(client, "/api/missions/")))
    client.force_login(expert.user)
    rows.append(
        (f"expert mission list ({expert.n} missions)", *measure(client, "/missions/"))
    )
    print(f"{'page':55} {'median ms':>10} {'queries':>8}")
    for name, median, queries in rows:
        print(f"{name:55} {median:10.1f} {queries:8d}")


def timer_job() -> None:
    """10,000 deliveries past their auto-accept date, accepted by the timer job."""
    candidates = list(
        Mission.objects.filter(state="active", milestones__state="open").values_list(
            "pk", flat=True
        )[:TIMERS]
    )
    past = timezone.now() - dt.timedelta(minutes=5)
    Milestone.objects.filter(mission_id__in=candidates).update(
        state="delivered",
        delivered_at=past - dt.timedelta(days=14),
        auto_accept_at=past,
    )
    Mission.objects.filter(pk__in=candidates).update(state="delivered")
    start = time.perf_counter()
    done = timers.deliveries_auto_accept()
    elapsed = time.perf_counter() - start
    again = timers.deliveries_auto_accept()
    print(
        f"timer job: {done} due deliveries accepted in {elapsed:.1f} s; a second run: {again}"
    )


def main() -> None:
    print(
        f"database: {connection.vendor}; tasks backend: {os.environ['TASKS_BACKEND']}"
    )
    if Mission.objects.count() < 50_000:
        start = time.perf_counter()
        seed_scale_missions()
        print(f"seeded in {time.perf_counter() - start:.0f} s")
    print(
        f"rows: {Mission.objects.count()} missions, "
        f"{Mission._meta.apps.get_model('missions', 'Need').objects.count()} needs, "
        f"{Mission._meta.apps.get_model('missions', 'Proposal').objects.count()} proposals"
    )
    pages()
    timer_job()


if __name__ == "__main__":
    main()
