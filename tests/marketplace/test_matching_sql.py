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


def test_recommended_needs_on_the_missions_table_are_the_python_top(
    django_assert_max_num_queries,
):
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
    rows = []
    for number in range(240):
        wanted = {
            str(skill.pk): rng.randint(1, 5)
            for skill in rng.sample(skills, rng.randint(1, 3))
        }
        rows.append(
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
                # what missions' services keep beside the NeedSkill rows
                skill_weights=wanted,
                skill_weight_total=sum(wanted.values()),
            )
        )
    needs = Need.objects.bulk_create(rows)
    NeedSkill.objects.bulk_create(
        [
            NeedSkill(need=need, skill_id=skill_id, weight=weight)
            for need in needs
            for skill_id, weight in need.skill_weights.items()
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
        # constant: profile, weights, ranking (+ BEGIN, SET, COMMIT), 2 + 2 loads
        with django_assert_max_num_queries(10):
            rows = missions_matching.needs_recommended(member=profile.member, limit=10)
        assert [row.obj.pk for row in rows] == [m.subject.pk for m in exact]
        assert [row.score for row in rows] == [round(m.score) for m in exact]
