"""Matching and search speed on the `seed_scale` data (PostgreSQL).

    DATABASE_URL=postgres://... .venv/bin/python manage.py seed_scale
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/matching.py [--runs 30]

Measures, each beside a bare baseline query run in the same process:
1. top 20 experts for a need (matching.experts_for_need, hide list applied);
2. top 20 needs for an expert: missions' open needs when loaded; otherwise
   100,000 needs in stand-in tables with missions' column names, pre-ranked by
   marketplace.matching_sql.needs_top_ids and re-scored exactly in Python;
3. the search results page (/experts/?q=...&skill=..., full request through
   Django's test client, signed in as a company member).
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from marketplace import matching, selectors  # noqa: E402
from marketplace.models import ExpertProfile, Member, Skill  # noqa: E402


def median_ms(func, runs: int) -> float:
    func()  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def random_need(rng, skill_ids):
    return matching.need_spec_from(
        id=rng.random(),
        skills={str(s): rng.randint(1, 5) for s in rng.sample(skill_ids, 3)},
        languages=["fr"],
        budget_max_cents=rng.randrange(500, 1200, 50) * 100,
        start=timezone.localdate() + dt.timedelta(days=rng.randint(0, 60)),
        days_per_week=rng.randint(1, 5),
        remote=rng.choice(["remote", "hybrid", "onsite"]),
        location=rng.choice(["Lyon", "Paris", "Nantes"]),
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    rng = random.Random(7)
    experts = ExpertProfile.objects.count()
    if experts < 1000:
        sys.exit("Load the data first: manage.py seed_scale")
    load = os.getloadavg()[0]
    print(
        f"database: {connection.vendor}, experts: {experts}, runs: {runs}, load {load:.1f}"
    )
    skill_ids = list(Skill.objects.values_list("pk", flat=True))
    company = Member.objects.filter(community="company").select_related("organization")
    company = company.first()
    org = company.organization

    # 1. experts for a need
    needs = [random_need(rng, skill_ids) for _ in range(runs + 1)]
    candidates = []

    def experts_for_need():
        need = needs[len(candidates) % len(needs)]
        candidates.append(1)
        return matching.experts_for_need(need, viewer_org=org, limit=20)

    def baseline_experts():
        return list(
            ExpertProfile.objects.filter(status="published")
            .order_by("-updated_at")
            .values_list("id", "headline")[:20]
        )

    sample = needs[0]
    count = selectors.matching_candidates(need=sample, viewer_org=org).count()
    print(f"candidates for a 3-skill need: {count}")
    report(
        "top 20 experts for a need",
        median_ms(experts_for_need, runs),
        median_ms(baseline_experts, runs),
    )

    # 2. needs for an expert
    profile = ExpertProfile.objects.filter(status="published").order_by("?").first()
    needs_for_expert, label = _needs_source(rng, skill_ids, profile)
    report(label, median_ms(needs_for_expert, runs), median_ms(baseline_experts, runs))

    # 3. search page
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(company.user)
    words = ["qualité", "lean", "projet", "python", "bénévole", "énergie"]
    slugs = list(Skill.objects.values_list("slug", flat=True))

    def search_page():
        params = {"q": rng.choice(words)}
        if rng.random() < 0.5:
            params["skill"] = rng.choice(slugs)
        response = client.get("/experts/", params, secure=True)
        assert response.status_code == 200, response.status_code

    report(
        "search results page (full request)",
        median_ms(search_page, runs),
        median_ms(baseline_experts, runs),
    )


def _needs_source(rng, skill_ids, profile):
    try:
        from missions.models import Need

        open_needs = Need.objects.filter(state=Need.State.PUBLISHED)
        has_needs = open_needs.exists()
    except Exception:  # the missions app is not merged yet
        has_needs = False
    if has_needs:
        from django.db.models import Prefetch
        from missions.models import NeedSkill

        def run():
            candidates = (
                open_needs.filter(skills__skill_id__in=list(profile.skill_levels))
                .distinct()
                .prefetch_related(
                    Prefetch(
                        "skills",
                        queryset=NeedSkill.objects.only(
                            "need_id", "skill_id", "weight"
                        ),
                    )
                )[:500]
            )
            return matching.needs_for_expert(profile, list(candidates), limit=20)

        return (
            run,
            f"top 20 needs for an expert ({open_needs.count()} open needs in DB)",
        )
    return _stand_in_needs(rng, skill_ids, profile)


STAND_IN = ("bench_need", "bench_needskill")


def _stand_in_needs(rng, skill_ids, profile):
    """100,000 needs in tables with missions' column names (dropped at exit), ranked
    by matching_sql.needs_top_ids then re-scored exactly, as missions would do."""
    import atexit

    from marketplace import matching_sql

    print("no missions needs in the database: 100,000 needs in stand-in tables")
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {STAND_IN[0]}, {STAND_IN[1]}")
        cursor.execute(
            f"CREATE TABLE {STAND_IN[0]} (id uuid PRIMARY KEY, languages jsonb, "
            "budget_max_cents bigint, duration_days int, start_date date, "
            "place varchar(10), location varchar(120), state varchar(12))"
        )
        cursor.execute(
            f"CREATE TABLE {STAND_IN[1]} (need_id uuid, skill_id uuid, weight int)"
        )
        cursor.execute(
            f"INSERT INTO {STAND_IN[0]} SELECT gen_random_uuid(), "  # noqa: S608 (fixed table names)
            "(ARRAY['[\"fr\"]', '[\"fr\", \"en\"]', '[]', '[\"en\"]'])"
            "[1 + (i % 4)]::jsonb, (200 + (i * 37) % 1800) * 1000, 5 + i % 30, "
            "current_date + (i % 90), (ARRAY['remote', 'hybrid', 'onsite'])[1 + i % 3], "
            "(ARRAY['Lyon', 'Paris', 'Nantes', ''])[1 + (i / 3) % 4], "
            "CASE WHEN i % 10 = 0 THEN 'closed' ELSE 'published' END "
            "FROM generate_series(1, 100000) AS i"
        )
        skills = [str(s) for s in skill_ids]
        cursor.execute(
            f"INSERT INTO {STAND_IN[1]} SELECT n.id, (%s::uuid[])[1 + (abs(hashtext("  # noqa: S608 (fixed table names)
            "n.id::text || k::text)) %% %s)], 1 + (abs(hashtext(n.id::text)) + k) %% 5 "
            f"FROM {STAND_IN[0]} n, generate_series(1, 3) AS k",
            [skills, len(skills)],
        )
        cursor.execute(f"CREATE INDEX ON {STAND_IN[1]} (skill_id, need_id)")
        cursor.execute(f"CREATE INDEX ON {STAND_IN[1]} (need_id)")
        cursor.execute(f"ANALYZE {STAND_IN[0]}; ANALYZE {STAND_IN[1]}")

    def drop():
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {STAND_IN[0]}, {STAND_IN[1]}")

    atexit.register(drop)
    tables = matching_sql.NeedTables(need=STAND_IN[0], need_skill=STAND_IN[1])
    expert = matching.snapshot_of(profile)

    def run():
        weights = matching.current_weights()
        today = timezone.localdate()
        ids = matching_sql.needs_top_ids(
            expert=expert,
            candidates=(
                f"SELECT id FROM {STAND_IN[0]} WHERE state = %s",  # noqa: S608 (fixed table names)
                ["published"],
            ),
            weights=weights,
            today=today,
            limit=20,
            tables=tables,
        )
        specs = _specs(ids)
        return matching.needs_for_expert(
            expert, specs, limit=20, weights=weights, today=today
        )

    return run, "top 20 needs for an expert (90,000 open of 100,000, SQL pre-rank)"


def _specs(ids):
    """What Need.as_need_spec() gives, read from the stand-in tables (2 queries)."""
    if not ids:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, languages, budget_max_cents, duration_days, start_date, place, "  # noqa: S608 (fixed table names)
            f"location FROM {STAND_IN[0]} WHERE id = ANY(%s)",
            [ids],
        )
        rows = cursor.fetchall()
        cursor.execute(
            f"SELECT need_id, skill_id, weight FROM {STAND_IN[1]} WHERE need_id = ANY(%s)",  # noqa: S608 (fixed table names)
            [ids],
        )
        wanted: dict = {}
        for need_id, skill_id, weight in cursor.fetchall():
            wanted.setdefault(need_id, {})[str(skill_id)] = weight
    import json

    return [
        matching.need_spec_from(
            id=row[0],
            skills=wanted.get(row[0], {}),
            languages=json.loads(row[1]) if isinstance(row[1], str) else row[1],
            budget_max_cents=row[2] or None,
            duration_days=row[3] or None,
            start=row[4],
            remote=row[5],
            location=row[6],
        )
        for row in rows
    ]


def report(label: str, measured: float, baseline: float) -> None:
    print(f"{label:<58} median {measured:8.1f} ms   (bare query {baseline:6.1f} ms)")


if __name__ == "__main__":
    main()
