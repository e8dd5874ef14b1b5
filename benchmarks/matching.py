"""Matching and search speed on the `seed_scale` data (PostgreSQL).

    DATABASE_URL=postgres://... .venv/bin/python manage.py seed_scale
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/matching.py [--runs 30]

Measures, each beside a bare baseline query run in the same process:
1. top 20 experts for a need (matching.experts_for_need, hide list applied);
2. top 20 needs for an expert (missions' open needs sharing a skill, scored by
   matching.needs_for_expert) — or, when the missions app has no needs loaded,
   100,000 in-memory NeedSpecs prefiltered by shared skill (said in the output);
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
    print(f"database: {connection.vendor}, experts: {experts}, runs: {runs}")
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
    specs = [random_need(rng, skill_ids) for _ in range(100_000)]
    print(
        "no needs in the database (missions/scale.py absent): using 100,000 in-memory needs"
    )

    def run_memory():
        mine = set(profile.skill_levels)
        candidates = [spec for spec in specs if not mine.isdisjoint(spec.skills)]
        return matching.needs_for_expert(profile, candidates, limit=20)

    return run_memory, "top 20 needs for an expert (100,000 in-memory needs)"


def report(label: str, measured: float, baseline: float) -> None:
    print(f"{label:<58} median {measured:8.1f} ms   (bare query {baseline:6.1f} ms)")


if __name__ == "__main__":
    main()
