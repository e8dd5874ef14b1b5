"""Matching and search speed on the `seed_scale` data (PostgreSQL).

    DATABASE_URL=postgres://... .venv/bin/python manage.py seed_scale
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/matching.py [--runs 30]

Measures, each beside a bare baseline query run in the same process:
1. top 20 experts for a need (matching.experts_for_need, hide list applied);
2. top 20 needs for an expert: missions.matching.needs_recommended on the real
   missions_need table (100,000 needs from missions/scale.py), i.e. visible open
   needs sharing a skill or appetence, pre-ranked by
   marketplace.matching.needs_top_ids and re-scored exactly in Python;
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
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from marketplace import matching  # noqa: E402
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
    count = matching.experts_candidates(need=sample, viewer_org=org).count()
    print(f"candidates for a 3-skill need: {count}")
    report(
        "top 20 experts for a need",
        median_ms(experts_for_need, runs),
        median_ms(baseline_experts, runs),
    )

    # 2. needs for an expert
    published = ExpertProfile.objects.filter(status="published").order_by("pk")
    picked = rng.sample(range(published.count()), 10)
    profiles = [published.select_related("member")[i] for i in picked]
    needs_for_expert, baseline_needs, label = _needs_source(profiles)
    report(label, median_ms(needs_for_expert, runs), median_ms(baseline_needs, runs))

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


def _needs_source(profiles):
    """missions' recommended needs for the members of `profiles` in turn, as the page
    computes them (visibility applied; SQL pre-rank on missions_need + re-score)."""
    from missions import matching as missions_matching
    from missions.models import Need

    if not Need.objects.exists():
        sys.exit("No needs: run manage.py seed_scale (missions/scale.py makes them)")
    total = Need.objects.count()
    published = Need.objects.filter(state=Need.State.PUBLISHED).count()
    print(f"needs: {total}, open: {published}; 10 experts taken in turn:")
    for profile in profiles:
        wanted = {*map(str, profile.skill_levels), *map(str, profile.appetence_skills)}
        sharing = Need.objects.filter(
            state=Need.State.PUBLISHED, skills__skill_id__in=wanted
        )
        print(
            f"  {len(wanted)} skills and appetences: "
            f"{sharing.distinct().count()} open needs share one"
        )
    turn = []

    def run():
        member = profiles[len(turn) % len(profiles)].member
        turn.append(1)
        rows = missions_matching.needs_recommended(member=member, limit=20)
        assert rows and rows[0].score is not None
        return rows

    def baseline():
        return list(
            Need.objects.filter(state=Need.State.PUBLISHED)
            .order_by("proposals_deadline")
            .values_list("id", "title")[:20]
        )

    return run, baseline, f"top 20 needs for an expert ({published} open of {total})"


def report(label: str, measured: float, baseline: float) -> None:
    print(f"{label:<58} median {measured:8.1f} ms   (bare query {baseline:6.1f} ms)")


if __name__ == "__main__":
    main()
