"""On PostgreSQL, candidates are pre-ranked in SQL: the result must be exactly
what the pure Python score gives over every candidate."""

import datetime as dt
import random

import pytest
from django.db import models

from marketplace import matching, selectors, services
from marketplace.models import ExpertProfile, Skill
from tests.conftest import postgres_only
from tests.factories import OrganizationFactory
from tests.marketplace.factories import ProfileFactory

pytestmark = [pytest.mark.django_db, postgres_only]

TODAY = dt.date(2026, 11, 27)


def _population(rng, skills, count=60):
    for number in range(count):
        profile = ProfileFactory(
            day_rate_cents=rng.choice([None, rng.randrange(300, 1500) * 100]),
            available_from=rng.choice(
                [None, TODAY + dt.timedelta(days=rng.randint(-20, 90))]
            ),
            days_per_week=rng.randint(1, 5),
            languages=rng.sample(["fr", "en", "de"], rng.randint(0, 3)),
            location=rng.choice(["Lyon", "lyon", "Nantes", ""]),
            country=rng.choice(["FR", "BE"]),
            remote=rng.choice(["onsite", "hybrid", "remote"]),
        )
        for skill in rng.sample(skills, rng.randint(1, 4)):
            services.expert_skill_set(
                profile=profile, skill_id=skill.pk, level=rng.randint(1, 4)
            )
        for skill in rng.sample(skills, rng.randint(0, 2)):
            services.appetence_add(profile=profile, skill_id=skill.pk)
        if number % 3 == 0:
            services.appetence_add(profile=profile, mission_kind="audit")


@pytest.mark.parametrize("seed", [1, 2])
def test_sql_preranking_gives_the_same_top_as_python_over_all_candidates(seed):
    rng = random.Random(seed)
    skills = list(Skill.objects.order_by("slug")[:6])
    _population(rng, skills)
    organization = OrganizationFactory()
    hidden = ExpertProfile.objects.order_by("?").first()
    services.hidden_from_add(profile=hidden, organization=organization)
    weights = matching.current_weights()
    for _ in range(5):
        need = matching.need_spec_from(
            id="n",
            skills={
                str(s.pk): rng.randint(1, 5)
                for s in rng.sample(skills, rng.randint(1, 3))
            },
            languages=rng.sample(["fr", "en", "de"], rng.randint(0, 2)),
            budget_max_cents=rng.choice([None, rng.randrange(400, 1200) * 100]),
            start=rng.choice([None, TODAY + dt.timedelta(days=rng.randint(0, 40))]),
            days_per_week=rng.choice([None, rng.randint(1, 5)]),
            remote=rng.choice(["onsite", "hybrid", "remote"]),
            location=rng.choice(["Lyon", "", "Paris"]),
            kind=rng.choice(["", "audit"]),
            duration_days=rng.choice([None, 10]),
        )
        every = [
            (
                matching.score(
                    need, matching.snapshot_from_row(row), weights, TODAY
                ).score,
                str(row["id"]),
            )
            for row in selectors.matching_candidates(need=need, viewer_org=organization)
        ]
        expected = [key for _score, key in sorted(every, reverse=True)[:10]]
        got = matching.experts_for_need(
            need, viewer_org=organization, limit=10, weights=weights, today=TODAY
        )
        assert [str(m.subject.id) for m in got] == expected
        assert str(hidden.pk) not in {str(m.subject.id) for m in got}


def test_needs_sql_preranking_matches_python_over_every_need():
    """Needs live in the missions app: stand-in tables with its column names."""
    from django.db import connection

    from marketplace import matching_sql
    from marketplace.ids import uuid7

    rng = random.Random(5)
    skills = [
        str(pk)
        for pk in Skill.objects.order_by("slug").values_list("pk", flat=True)[:6]
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE t_need (id uuid PRIMARY KEY, languages jsonb, "
            "budget_max_cents bigint, duration_days int, start_date date, "
            "place varchar(10), location varchar(120))"
        )
        cursor.execute(
            "CREATE TEMP TABLE t_needskill (need_id uuid, skill_id uuid, weight int)"
        )
        specs = {}
        for _ in range(300):
            need_id = uuid7()
            wanted = {
                s: rng.randint(1, 5) for s in rng.sample(skills, rng.randint(1, 3))
            }
            row = {
                "languages": rng.sample(["fr", "en", "de"], rng.randint(0, 2)),
                "budget_max_cents": rng.choice([0, rng.randrange(2000, 20000) * 100]),
                "duration_days": rng.choice([0, 5, 20]),
                "start_date": rng.choice(
                    [None, TODAY + dt.timedelta(days=rng.randint(-5, 60))]
                ),
                "place": rng.choice(["remote", "hybrid", "onsite"]),
                "location": rng.choice(["", "Lyon", "lyon", "Paris"]),
            }
            import json

            cursor.execute(
                "INSERT INTO t_need VALUES (%s, %s::jsonb, %s, %s, %s, %s, %s)",
                [need_id, json.dumps(row["languages"]), *list(row.values())[1:]],
            )
            for skill, weight in wanted.items():
                cursor.execute(
                    "INSERT INTO t_needskill VALUES (%s, %s, %s)",
                    [need_id, skill, weight],
                )
            specs[need_id] = matching.need_spec_from(
                id=need_id,
                skills=wanted,
                languages=row["languages"],
                budget_max_cents=row["budget_max_cents"] or None,
                duration_days=row["duration_days"] or None,
                start=row["start_date"],
                remote=row["place"],
                location=row["location"],
            )
    weights = matching.current_weights()
    tables = matching_sql.NeedTables(
        need="t_need", need_skill="t_needskill", duration_days="duration_days"
    )
    for _ in range(6):
        expert = matching.ExpertSnapshot(
            id="e",
            skills={
                s: rng.randint(1, 4) for s in rng.sample(skills, rng.randint(1, 3))
            },
            appetence_skills=frozenset(rng.sample(skills, rng.randint(0, 2))),
            day_rate_cents=rng.choice([None, rng.randrange(300, 1200) * 100]),
            available_from=rng.choice(
                [None, TODAY + dt.timedelta(days=rng.randint(0, 90))]
            ),
            days_per_week=rng.randint(1, 5),
            languages=frozenset(rng.sample(["fr", "en", "de"], rng.randint(0, 2))),
            location=rng.choice(["Lyon", "Paris", ""]),
            remote=rng.choice(["remote", "hybrid", "onsite"]),
        )
        mine = set(expert.skills) | expert.appetence_skills
        sharing = [s for s in specs.values() if set(s.skills) & mine]
        exact = matching.needs_for_expert(
            expert, sharing, limit=10, weights=weights, today=TODAY
        )
        ids = matching_sql.needs_top_ids(
            expert=expert,
            candidates=("SELECT id FROM t_need", []),
            weights=weights,
            today=TODAY,
            limit=10,
            tables=tables,
        )
        reranked = matching.needs_for_expert(
            expert, [specs[i] for i in ids], limit=10, weights=weights, today=TODAY
        )
        assert [m.subject.id for m in reranked] == [m.subject.id for m in exact]


def test_recommended_needs_on_the_missions_table_are_the_python_top():
    """missions' recommended needs (SQL pre-rank on missions_need, exact re-score) are
    exactly the Python ranking of every visible open need sharing a skill or an
    appetence; drafts, closed needs and invited-only needs of others stay out."""
    from django.utils import timezone

    from missions import matching as missions_matching
    from missions.models import Need, NeedInvitation, NeedSkill
    from tests.factories import CompanyMemberFactory

    rng = random.Random(11)
    skills = list(Skill.objects.order_by("slug")[:8])
    author = CompanyMemberFactory()
    today = timezone.localdate()
    states = ["published"] * 6 + ["draft", "closed", "awarded"]
    needs = Need.objects.bulk_create(
        [
            Need(
                organization_id=author.organization_id,
                author=author,
                title=f"Besoin {number}",
                context="c",
                deliverables="d",
                languages=rng.sample(["fr", "en", "de"], rng.randint(0, 2)),
                place=rng.choice(["remote", "hybrid", "onsite"]),
                location=rng.choice(["", "Lyon", "lyon", "Paris"]),
                start_date=rng.choice(
                    [None, today + dt.timedelta(days=rng.randint(-5, 70))]
                ),
                duration_days=rng.choice([1, 5, 20]),
                budget_max_cents=rng.choice([0, rng.randrange(300, 1500) * 100]),
                proposals_deadline=timezone.now() + dt.timedelta(days=10),
                visibility="invited" if number % 7 == 0 else "members",
                state=rng.choice(states),
            )
            for number in range(240)
        ]
    )
    NeedSkill.objects.bulk_create(
        [
            NeedSkill(need=need, skill=skill, weight=rng.randint(1, 5))
            for need in needs
            for skill in rng.sample(skills, rng.randint(1, 3))
        ]
    )
    weights = matching.current_weights()
    for _ in range(4):
        profile = ProfileFactory(
            day_rate_cents=rng.choice([None, rng.randrange(300, 1200) * 100]),
            available_from=rng.choice(
                [None, today + dt.timedelta(days=rng.randint(0, 90))]
            ),
            days_per_week=rng.randint(1, 5),
            languages=rng.sample(["fr", "en", "de"], rng.randint(0, 2)),
            location=rng.choice(["Lyon", "Paris", ""]),
            remote=rng.choice(["onsite", "hybrid", "remote"]),
        )
        for skill in rng.sample(skills, rng.randint(1, 3)):
            services.expert_skill_set(
                profile=profile, skill_id=skill.pk, level=rng.randint(1, 4)
            )
        for skill in rng.sample(skills, rng.randint(0, 2)):
            services.appetence_add(profile=profile, skill_id=skill.pk)
        profile.refresh_from_db()
        invited = next(n for n in needs if n.visibility == "invited")
        NeedInvitation.objects.get_or_create(
            need=invited, expert=profile.member, defaults={"invited_by": author}
        )
        mine = {*map(str, profile.skill_levels), *map(str, profile.appetence_skills)}
        visible = (
            Need.objects.filter(state="published")
            .filter(
                models.Q(visibility="members")
                | models.Q(invitations__expert=profile.member)
            )
            .distinct()
            .prefetch_related("skills")
        )
        sharing = [
            n for n in visible if {str(x.skill_id) for x in n.skills.all()} & mine
        ]
        exact = matching.needs_for_expert(
            profile, sharing, limit=10, weights=weights, today=today
        )
        assert len(exact) == 10
        rows = missions_matching.needs_recommended(member=profile.member, limit=10)
        assert [row.obj.pk for row in rows] == [m.subject.pk for m in exact]
        assert [row.score for row in rows] == [round(m.score) for m in exact]
