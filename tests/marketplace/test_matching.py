"""The matching score: pure parts (hypothesis) and the selector-fed ranking."""

import datetime as dt

import pytest
from django.utils import translation
from hypothesis import assume, given
from hypothesis import strategies as st

from core import rules
from marketplace import matching
from marketplace.matching import ExpertSnapshot, NeedSpec

TODAY = dt.date(2026, 11, 27)
WEIGHTS = rules.REGISTRY["matching.weights"].default

skill_ids = st.sampled_from([f"s{i}" for i in range(8)])
needs = st.builds(
    NeedSpec,
    id=st.uuids(),
    skills=st.dictionaries(skill_ids, st.integers(1, 5), max_size=5),
    languages=st.lists(st.sampled_from(["fr", "en", "de"]), max_size=3).map(tuple),
    budget_max_cents=st.none() | st.integers(1, 500_000),
    start=st.none() | st.dates(dt.date(2026, 1, 1), dt.date(2027, 12, 31)),
    days_per_week=st.none() | st.integers(1, 5),
    remote=st.sampled_from(["remote", "hybrid", "onsite"]),
    location=st.sampled_from(["", "Lyon", "Nantes"]),
    kind=st.sampled_from(["", "audit", "advice"]),
)
experts = st.builds(
    ExpertSnapshot,
    id=st.uuids(),
    skills=st.dictionaries(skill_ids, st.integers(1, 4), max_size=6),
    appetence_skills=st.frozensets(skill_ids, max_size=3),
    appetence_kinds=st.frozensets(st.sampled_from(["audit", "advice"])),
    day_rate_cents=st.none() | st.integers(0, 500_000),
    available_from=st.none() | st.dates(dt.date(2026, 1, 1), dt.date(2027, 12, 31)),
    days_per_week=st.integers(1, 5),
    languages=st.frozensets(st.sampled_from(["fr", "en", "de"])),
    location=st.sampled_from(["", "Lyon", "Nantes"]),
    remote=st.sampled_from(["remote", "hybrid", "onsite"]),
)
weights = st.lists(st.integers(0, 100), min_size=6, max_size=6).filter(
    lambda values: sum(values) == 100
) | st.just(list(WEIGHTS.values()))


@given(needs, experts, weights)
def test_score_is_the_sum_of_its_parts_and_stays_within_0_and_100(need, expert, values):
    chosen = dict(zip(matching.PARTS, values, strict=True))
    explanation = matching.score(need, expert, chosen, TODAY)
    assert 0 <= explanation.score <= 100 + 1e-9
    assert explanation.score == pytest.approx(sum(p.points for p in explanation.parts))
    for part in explanation.parts:
        assert 0 <= part.fit <= 1
        assert part.weight == chosen[part.name]


@given(needs, experts)
def test_a_higher_level_in_a_wanted_skill_never_lowers_the_score(need, expert):
    assume(need.skills)
    skill = next(iter(need.skills))
    lower = {**expert.skills, skill: 1}
    higher = {**expert.skills, skill: 4}
    low = matching.score(need, _with(expert, skills=lower), WEIGHTS, TODAY).score
    high = matching.score(need, _with(expert, skills=higher), WEIGHTS, TODAY).score
    assert high >= low


@given(needs, experts)
def test_a_cheaper_rate_never_lowers_the_score(need, expert):
    assume(expert.day_rate_cents is not None)
    cheaper = _with(expert, day_rate_cents=expert.day_rate_cents // 2)
    assert (
        matching.score(need, cheaper, WEIGHTS, TODAY).score
        >= matching.score(need, expert, WEIGHTS, TODAY).score
    )


def test_a_perfect_expert_scores_100():
    need = NeedSpec(
        id=1,
        skills={"a": 3, "b": 1},
        languages=("fr",),
        budget_max_cents=80_000,
        start=TODAY,
        days_per_week=3,
        remote="onsite",
        location="Lyon",
        kind="audit",
    )
    expert = ExpertSnapshot(
        id=2,
        skills={"a": 4, "b": 4},
        appetence_skills=frozenset({"a", "b"}),
        appetence_kinds=frozenset({"audit"}),
        day_rate_cents=70_000,
        available_from=TODAY,
        days_per_week=5,
        languages=frozenset({"fr"}),
        location="lyon",
        remote="onsite",
    )
    assert matching.score(need, expert, WEIGHTS, TODAY).score == pytest.approx(100)


def test_explanation_names_each_part_with_its_weight():
    need = NeedSpec(id=1, skills={"a": 1})
    expert = ExpertSnapshot(id=2, skills={"a": 2})
    with translation.override("en"):
        data = matching.score(need, expert, WEIGHTS, TODAY).as_dict()
    assert [part["name"] for part in data["parts"]] == list(matching.PARTS)
    assert data["parts"][0] == {
        "name": "skills",
        "label": "skill fit",
        "fit": 0.5,
        "weight": 40,
        "points": 20.0,
    }


def test_need_spec_from_refuses_bad_input():
    with pytest.raises(ValueError):
        matching.need_spec_from(id=1, skills={"a": 9})
    with pytest.raises(ValueError):
        matching.need_spec_from(id=1, skills={"a": 1}, budget_max_cents=-1)
    with pytest.raises(ValueError):
        matching.need_spec_from(id=1, skills={"a": 1}, remote="moon")


def _with(expert, **changes):
    from dataclasses import replace

    return replace(expert, **changes)
