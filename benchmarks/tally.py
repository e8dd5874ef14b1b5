"""Benchmark: close a vote of 100,000 ballots and publish its anonymous list;
render the public results page. Each beside a bare baseline, same process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ouvrage_governance \
        .venv/bin/python benchmarks/tally.py [--ballots 100000] [--renders 50]

It creates a throw-away database (test_<name>), fills it with bulk inserts (not
timed): as many active members as ballots, spread over the three colleges, a
motion open to vote through the services, one roll entry and one ballot each.
Then it times:

- close: `services.motion_close` (electorate count, reading the ballots, the
  pure tally, the published JSON list and its SHA-256, the Result row, the
  transitions and audit), against a bare baseline: one GROUP BY count plus one
  sorted SELECT of the list serialised with json.dumps, raw SQL, no ORM;
- results page: median of N renders of /governance/motions/<id>/results/
  through Django's test client, against the bare /healthz view.
"""

import argparse
import datetime as dt
import hashlib
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

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from billing.models import Membership  # noqa: E402
from governance import services  # noqa: E402
from governance.models import Ballot, FounderSeat, Motion, VoterRoll  # noqa: E402
from governance.receipts import ballot_hash  # noqa: E402
from marketplace.models import Member, Organization, User  # noqa: E402


def fill(n: int):
    today = timezone.localdate()
    start, end = today - dt.timedelta(days=10), today + dt.timedelta(days=300)
    organizations = Organization.objects.bulk_create(
        Organization(name=f"Org {i}") for i in range(max(1, n // 100))
    )
    users = User.objects.bulk_create(
        User(email=f"bench{i}@example.org", password="!") for i in range(n)
    )
    members = []
    for i, user in enumerate(users):
        if (
            i % 10 < 4
        ):  # 40 % companies, 55 % experts, 5 % founders (experts with a seat)
            members.append(
                Member(
                    user=user,
                    display_name=f"C{i}",
                    community="company",
                    organization=organizations[i % len(organizations)],
                    organization_role="member",
                )
            )
        else:
            members.append(Member(user=user, display_name=f"E{i}", community="expert"))
    members = Member.objects.bulk_create(members, batch_size=5000)
    Membership.objects.bulk_create(
        [
            Membership(organization=o, starts_on=start, ends_on=end, source="grant")
            for o in organizations
        ]
        + [
            Membership(member=m, starts_on=start, ends_on=end, source="grant")
            for m in members
            if m.community == "expert"
        ],
        batch_size=5000,
    )
    founders = [
        m for i, m in enumerate(members) if m.community == "expert" and i % 20 == 5
    ]
    FounderSeat.objects.bulk_create(FounderSeat(member=m) for m in founders)
    founder_ids = {m.pk for m in founders}

    author = next(m for m in members if m.community == "expert")
    motion = services.motion_create(
        author=author,
        kind="rules",
        title="Benchmark motion",
        rationale="bench",
        changes={"fees.expert.yearly_cents": 9000},
    )
    motion = services.motion_submit(motion=motion, by=author)
    for sponsor in members[1:4]:
        services.motion_sponsor(motion=motion, member=sponsor)
    opened = timezone.now() - dt.timedelta(days=8)
    motion = services.motion_open_vote(motion=motion, by=author, now=opened)

    def college(m):
        if m.pk in founder_ids:
            return "founders"
        return "companies" if m.community == "company" else "experts"

    choices = ("for", "for", "against", "abstain")
    VoterRoll.objects.bulk_create(
        (
            VoterRoll(
                motion=motion, member=m, college=college(m), receipt_check="x" * 64
            )
            for m in members
        ),
        batch_size=5000,
    )
    Ballot.objects.bulk_create(
        (
            Ballot(
                motion=motion,
                college=college(m),
                choice=choices[i % 4],
                receipt_hash=ballot_hash(motion_id=motion.pk, code=f"BENCH{i}"),
            )
            for i, m in enumerate(members)
        ),
        batch_size=5000,
    )
    return Motion.objects.get(pk=motion.pk)


def baseline_close(motion_id) -> float:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT college, choice, count(*) FROM governance_ballot WHERE motion_id = %s "
            "GROUP BY college, choice",
            [motion_id],
        )
        cursor.fetchall()
        cursor.execute(
            "SELECT receipt_hash, college, choice FROM governance_ballot WHERE motion_id = %s "
            "ORDER BY receipt_hash",
            [motion_id],
        )
        text = json.dumps(
            [list(row) for row in cursor.fetchall()], separators=(",", ":")
        )
        hashlib.sha256(text.encode()).hexdigest()
    return time.perf_counter() - started


def median_ms(client, url, runs) -> float:
    client.get(url)  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return statistics.median(times) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ballots", type=int, default=100_000)
    parser.add_argument("--renders", type=int, default=50)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        print(
            "warning: the target is PostgreSQL (set DATABASE_URL); running on",
            connection.vendor,
        )
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        t0 = time.perf_counter()
        motion = fill(args.ballots)
        print(
            f"setup: {args.ballots} members, roll entries and ballots in {time.perf_counter() - t0:.1f} s"
        )

        base = baseline_close(motion.pk)
        started = time.perf_counter()
        closed = services.motion_close(motion=motion, now=motion.voting_closes_at)
        close_s = time.perf_counter() - started
        result = closed.result
        print(
            f"close + publish {result.ballot_count} ballots: {close_s:.2f} s "
            f"(bare SQL count + list baseline: {base:.2f} s); state={closed.state}, "
            f"list={len(result.ballots) / 1e6:.1f} MB"
        )

        client = Client()
        page = median_ms(
            client, f"/governance/motions/{closed.pk}/results/", args.renders
        )
        bare = median_ms(client, "/healthz", args.renders)
        print(
            f"results page median over {args.renders}: {page:.1f} ms (bare /healthz: {bare:.1f} ms)"
        )
        ok = close_s < 10 and page < 100
        print("targets (< 10 s close, < 100 ms page):", "met" if ok else "NOT met")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
