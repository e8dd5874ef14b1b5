"""On PostgreSQL, candidates are pre-ranked in SQL: each SQL form of the formula
(experts for a need, needs for an expert) must give every pair the score of the
pure Python `score`, and the rankings must be exactly the Python ones."""

import datetime as dt
import random

import pytest
from django.db import connection, models
from django.db.models.expressions import RawSQL
from django.utils import timezone

from marketplace import matching, services
from marketplace.matching import formula
from marketplace.models import ExpertProfile, ExpertSkill, Skill
from missions import matching as missions_matching
from missions.models import Need, NeedInvitation, NeedSkill
from tests.conftest import postgres_only
from tests.factories import CompanyMemberFactory, OrganizationFactory
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


def _random_need(rng, skills):
    return matching.need_spec_from(
        id="n",
        skills={
            str(s.pk): rng.randint(1, 5) for s in rng.sample(skills, rng.randint(1, 3))
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


def _needs(rng, skills, *, author, today, count):
    """`count` needs in random states, with the skill weights missions keeps."""
    states = ["published"] * 6 + ["draft", "closed", "awarded"]
    rows = []
    for number in range(count):
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
    return needs


def _random_expert(rng, skills, today):
    profile = ProfileFactory(
        day_rate_cents=rng.choice([None, rng.randrange(300, 1200) * 100]),
        available_from=rng.choice(
            [None, today + dt.timedelta(days=rng.randint(0, 90))]
        ),
        days_per_week=rng.randint(1, 5),
        languages=rng.sample(["fr", "en", "de"], rng.randint(0, 2)),
        location=rng.choice(["Lyon", "Paris", ""]),
        country=rng.choice(["FR", "BE"]),
        remote=rng.choice(["onsite", "hybrid", "remote"]),
    )
    for skill in rng.sample(skills, rng.randint(1, 3)):
        services.expert_skill_set(
            profile=profile, skill_id=skill.pk, level=rng.randint(1, 4)
        )
    for skill in rng.sample(skills, rng.randint(0, 2)):
        services.appetence_add(profile=profile, skill_id=skill.pk)
    profile.refresh_from_db()
    return profile


@pytest.mark.parametrize("seed", [3, 4])
def test_experts_sql_form_scores_every_expert_like_python(seed):
    """The SQL form for a need gives each expert row the Python score."""
    rng = random.Random(seed)
    skills = list(Skill.objects.order_by("slug")[:6])
    _population(rng, skills, count=30)
    weights = matching.current_weights()
    for _ in range(5):
        need = _random_need(rng, skills)
        p = formula.SqlParams("p")
        fit = formula.experts_skill_fit_sql(
            need, p, expert_skill=ExpertSkill._meta.db_table
        )
        ranking = formula.experts_score_sql(need, p, weights=weights, today=TODAY)
        sql = (
            f"WITH f AS ({fit}) SELECT p.id, ({ranking}) FROM f "  # noqa: S608
            f"JOIN {ExpertProfile._meta.db_table} p ON p.id = f.profile_id"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, p.values)
            got = {str(pk): value for pk, value in cursor.fetchall()}
        sharing = ExpertSkill.objects.filter(skill_id__in=list(need.skills))
        expected = {
            str(row["id"]): matching.score(
                need, matching.snapshot_from_row(row), weights, TODAY
            ).score
            for row in ExpertProfile.objects.filter(
                pk__in=sharing.values("profile_id")
            ).values(*matching.SNAPSHOT_FIELDS)
        }
        assert len(expected) > 5
        assert got.keys() == expected.keys()
        for key, value in expected.items():
            assert got[key] == pytest.approx(value, abs=1e-9), key


def test_needs_sql_form_scores_every_need_like_python():
    """The SQL form for an expert, on the missions table its caller names, gives
    each need row the Python score."""
    rng = random.Random(5)
    skills = list(Skill.objects.order_by("slug")[:8])
    today = timezone.localdate()
    _needs(rng, skills, author=CompanyMemberFactory(), today=today, count=80)
    weights = matching.current_weights()
    needs = list(Need.objects.prefetch_related("skills"))
    for _ in range(4):
        expert = matching.snapshot_of(_random_expert(rng, skills, today))
        p = formula.SqlParams("m")
        ranking = formula.needs_score_sql(
            expert,
            p,
            columns=missions_matching.NEED_COLUMNS,
            weights=weights,
            today=today,
        )
        sql, values = p.positional(f"({ranking})::float")
        got = dict(
            Need.objects.annotate(match_score=RawSQL(sql, values)).values_list(  # noqa: S611
                "pk", "match_score"
            )
        )
        assert len(got) == len(needs)
        for need in needs:
            expected = matching.score(need.as_need_spec(), expert, weights, today)
            assert got[need.pk] == pytest.approx(expected.score, abs=1e-9), need.pk


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
        need = _random_need(rng, skills)
        every = [
            (
                matching.score(
                    need, matching.snapshot_from_row(row), weights, TODAY
                ).score,
                str(row["id"]),
            )
            for row in matching.experts_candidates(need=need, viewer_org=organization)
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
    rng = random.Random(11)
    skills = list(Skill.objects.order_by("slug")[:8])
    author = CompanyMemberFactory()
    today = timezone.localdate()
    needs = _needs(rng, skills, author=author, today=today, count=240)
    weights = matching.current_weights()
    for _ in range(4):
        profile = _random_expert(rng, skills, today)
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
