"""The matching formula, once: in Python, and in SQL for each pre-ranking.

The score of an (expert, need) pair is a weighted sum of named parts, each a
fit between 0 and 1::

    score = sum(weight[part] * fit[part] for part in PARTS)      # 0 .. 100

The weights are the rule ``matching.weights`` of the rules registry (whole
percentages summing to 100, changed only by a members' vote); callers pass
them (`ranking.current_weights()` reads the rule). Every result carries its
`Explanation`: each part's fit, weight and points, so pages can say "why this
match". The public page /matching/ explains the parts in words (PART_RULES).

Three forms of the same formula live here, side by side:

- `score(need, expert, weights, today)`: the reference, pure Python (no ORM,
  no clock, no settings; tested with hypothesis);
- `experts_score_sql(need, ...)`: the score of every expert row for one need;
- `needs_score_sql(expert, ...)`: the score of every need row for one expert,
  on a table and columns its caller names (`NeedColumns`: the missions app
  owns needs).

On PostgreSQL the SQL forms pick the best few candidates where the rows are;
`score` then re-ranks those exactly and explains them (see `ranking`).
tests/marketplace/test_matching_sql.py checks each SQL form against `score`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .specs import HYBRID, REMOTE, ExpertSnapshot, NeedSpec

PARTS: tuple[str, ...] = (
    "skills",
    "appetence",
    "availability",
    "rate",
    "language",
    "location",
)

PART_LABELS = {
    "skills": _("skill fit"),
    "appetence": _("appetence fit"),
    "availability": _("availability"),
    "rate": _("rate fit"),
    "language": _("language"),
    "location": _("location"),
}

# how each fit is worked out, in words (public page and explanations)
PART_RULES = {
    "skills": _(
        "For each skill the need asks for, the expert's level (notions 1/4 to "
        "expert 4/4), weighted by how much the need cares about that skill."
    ),
    "appetence": _(
        "The share of the wanted skills the expert says they want to do next, "
        "plus a bonus when they want this kind of mission."
    ),
    "availability": _(
        "Full when the expert is free by the start date and for enough days a "
        "week; falls to zero over the 60 days after the start."
    ),
    "rate": _(
        "Full when the day rate is within the budget; falls to zero as the rate "
        "reaches twice the budget's ceiling. Half when either is unknown."
    ),
    "language": _("The share of the need's languages the expert speaks."),
    "location": _(
        "Full for remote work with an expert who works remotely, or on-site work "
        "in the expert's city; partial in the same country or for hybrid work."
    ),
}

LATE_START_DAYS = 60  # availability falls to zero this many days after the need starts
MAX_LEVEL = 4


@dataclass(frozen=True)
class Part:
    name: str
    fit: float  # 0..1
    weight: int  # percent
    points: float  # weight * fit

    @property
    def label(self):
        return PART_LABELS[self.name]

    @property
    def rule(self):
        return PART_RULES[self.name]


@dataclass(frozen=True)
class Explanation:
    score: float  # 0..100
    parts: tuple[Part, ...]

    def as_dict(self) -> dict:
        return {
            "score": round(self.score, 1),
            "parts": [
                {
                    "name": part.name,
                    "label": str(part.label),
                    "fit": round(part.fit, 3),
                    "weight": part.weight,
                    "points": round(part.points, 1),
                }
                for part in self.parts
            ],
        }


# --- the reference: pure Python ----------------------------------------------------


def skill_fit(need: NeedSpec, expert: ExpertSnapshot) -> float:
    total = sum(need.skills.values())
    if not total:
        return 0.0
    have = sum(
        weight * min(expert.skills.get(skill, 0), MAX_LEVEL) / MAX_LEVEL
        for skill, weight in need.skills.items()
    )
    return have / total


def appetence_fit(need: NeedSpec, expert: ExpertSnapshot) -> float:
    total = sum(need.skills.values())
    wanted = (
        sum(w for skill, w in need.skills.items() if skill in expert.appetence_skills)
        / total
        if total
        else 0.0
    )
    if not need.kind:
        return wanted
    kind = 1.0 if need.kind in expert.appetence_kinds else 0.0
    return 0.7 * wanted + 0.3 * kind


def availability_fit(need: NeedSpec, expert: ExpertSnapshot, today: dt.date) -> float:
    start = need.start or today
    free_from = expert.available_from or today
    late_days = (free_from - start).days
    timing = 1.0 if late_days <= 0 else max(0.0, 1.0 - late_days / LATE_START_DAYS)
    if need.days_per_week and expert.days_per_week < need.days_per_week:
        timing *= expert.days_per_week / need.days_per_week
    return timing


def rate_fit(need: NeedSpec, expert: ExpertSnapshot) -> float:
    ceiling = need.day_rate_ceiling_cents
    rate = expert.day_rate_cents
    if rate is None or not ceiling:
        return 0.5
    if rate <= ceiling:
        return 1.0
    return max(0.0, 1.0 - (rate - ceiling) / ceiling)


def language_fit(need: NeedSpec, expert: ExpertSnapshot) -> float:
    if not need.languages:
        return 1.0
    return sum(1 for lang in need.languages if lang in expert.languages) / len(
        need.languages
    )


def location_fit(need: NeedSpec, expert: ExpertSnapshot) -> float:
    same_city = (
        bool(need.location) and need.location.casefold() == expert.location.casefold()
    )
    same_country = need.country == expert.country
    if need.remote == REMOTE:
        return 1.0 if expert.remote in (REMOTE, HYBRID) else (1.0 if same_city else 0.5)
    if expert.remote == REMOTE and not same_city:
        return 0.2
    if same_city:
        return 1.0
    if need.remote == HYBRID:
        return 0.8 if same_country else 0.4
    return 0.6 if same_country else 0.1


def score(
    need: NeedSpec, expert: ExpertSnapshot, weights: Mapping[str, int], today: dt.date
) -> Explanation:
    """The weighted sum of the parts, with each part's contribution."""
    fits = {
        "skills": skill_fit(need, expert),
        "appetence": appetence_fit(need, expert),
        "availability": availability_fit(need, expert, today),
        "rate": rate_fit(need, expert),
        "language": language_fit(need, expert),
        "location": location_fit(need, expert),
    }
    parts = tuple(
        Part(
            name=name,
            fit=fits[name],
            weight=weights[name],
            points=weights[name] * fits[name],
        )
        for name in PARTS
    )
    return Explanation(score=sum(part.points for part in parts), parts=parts)


# --- the same formula in SQL, to pre-rank candidates on PostgreSQL ------------------
#
# Each fit below is the SQL of the Python function of the same name, with one
# side fixed (its values are parameters or integers: no injection) and the
# other read from a row. Both forms end in `weighted_sum_sql`, the SQL of
# `score`'s sum, over the same PARTS and weights.


class SqlParams:
    """The values of a SQL text, named while it is assembled (in any order)."""

    def __init__(self, prefix: str = "p") -> None:
        self.prefix = prefix
        self.values: dict = {}

    def __call__(self, value) -> str:
        name = f"{self.prefix}{len(self.values)}"
        self.values[name] = value
        return f"%({name})s"

    def positional(self, sql: str) -> tuple[str, list]:
        """`sql` with `%s` placeholders, and its values in their order in the text."""
        ordered: list = []

        def replace(found):
            ordered.append(self.values[found.group(1)])
            return "%s"

        return re.sub(rf"%\(({self.prefix}\d+)\)s", replace, sql), ordered


def weighted_sum_sql(weights: Mapping[str, int], fits: Mapping[str, str]) -> str:
    """The SQL of `score`'s sum: each part's fit times its weight, in PARTS order."""
    if set(fits) != set(PARTS):
        raise ValueError("a SQL form must give every part of the formula")
    return " + ".join(f"{int(weights[name])} * {fits[name]}" for name in PARTS)


# experts for one need: the expert's row is `p` (SNAPSHOT_FIELDS of the profile
# table), its skill fit `f.fit` (from `experts_skill_fit_sql`)


def experts_skill_fit_sql(need: NeedSpec, p: SqlParams, *, expert_skill: str) -> str:
    """`skill_fit` per expert: SELECT profile_id, fit FROM the expert skills table."""
    total = sum(need.skills.values())
    skill_case = " ".join(
        f"WHEN {p(skill)}::uuid THEN {p(weight)}"
        for skill, weight in need.skills.items()
    )
    wanted_ids = ", ".join(p(skill) + "::uuid" for skill in need.skills)
    return (
        "SELECT es.profile_id, SUM((CASE es.skill_id "  # noqa: S608
        f"{skill_case} ELSE 0 END) * LEAST(es.level, {MAX_LEVEL}))::float "
        f"/ {MAX_LEVEL * total} AS fit FROM {expert_skill} es "
        f"WHERE es.skill_id IN ({wanted_ids}) GROUP BY es.profile_id"
    )


def experts_score_sql(
    need: NeedSpec, p: SqlParams, *, weights: Mapping[str, int], today: dt.date
) -> str:
    """`score` of the expert row `p` (skill fit `f.fit`) for `need`."""
    total = sum(need.skills.values())
    wanted = " + ".join(
        f"(CASE WHEN p.appetence_skills ? {p(skill)} THEN {weight} ELSE 0 END)"
        for skill, weight in need.skills.items()
    )
    appetence = f"(({wanted})::float / {total})"
    if need.kind:
        appetence = (
            f"(0.7 * {appetence} + 0.3 * "
            f"(CASE WHEN p.appetence_kinds ? {p(need.kind)} THEN 1 ELSE 0 END))"
        )
    start = need.start or today
    late = f"(COALESCE(p.available_from, {p(today)}::date) - {p(start)}::date)"
    availability = (
        f"(CASE WHEN {late} <= 0 THEN 1.0 "
        f"ELSE GREATEST(0.0, 1.0 - {late}::float / {LATE_START_DAYS}) END)"
    )
    if need.days_per_week:
        days = int(need.days_per_week)
        availability += (
            f" * (CASE WHEN p.days_per_week < {days} "
            f"THEN p.days_per_week::float / {days} ELSE 1.0 END)"
        )
    ceiling = need.day_rate_ceiling_cents
    if not ceiling:
        rate = "0.5"
    else:
        ceiling = int(ceiling)
        rate = (
            "(CASE WHEN p.day_rate_cents IS NULL THEN 0.5 "
            f"WHEN p.day_rate_cents <= {ceiling} THEN 1.0 "
            f"ELSE GREATEST(0.0, 1.0 - (p.day_rate_cents - {ceiling})::float / {ceiling}) "
            "END)"
        )
    if need.languages:
        spoken = " + ".join(
            f"(CASE WHEN p.languages ? {p(lang)} THEN 1 ELSE 0 END)"
            for lang in need.languages
        )
        language = f"(({spoken})::float / {len(need.languages)})"
    else:
        language = "1.0"
    same_city = (
        f"(lower(p.location) = lower({p(need.location)}))" if need.location else "FALSE"
    )
    same_country = f"(p.country = {p(need.country)})"
    if need.remote == REMOTE:
        location = (
            f"(CASE WHEN p.remote IN ('{REMOTE}', '{HYBRID}') THEN 1.0 "
            f"WHEN {same_city} THEN 1.0 ELSE 0.5 END)"
        )
    else:
        other = (
            f"(CASE WHEN {same_country} THEN 0.8 ELSE 0.4 END)"
            if need.remote == HYBRID
            else f"(CASE WHEN {same_country} THEN 0.6 ELSE 0.1 END)"
        )
        location = (
            f"(CASE WHEN p.remote = '{REMOTE}' AND NOT {same_city} THEN 0.2 "
            f"WHEN {same_city} THEN 1.0 ELSE {other} END)"
        )
    fits = {
        "skills": "f.fit",
        "appetence": appetence,
        "availability": availability,
        "rate": rate,
        "language": language,
        "location": location,
    }
    return weighted_sum_sql(weights, fits)


# needs for one expert: the need's row is in the caller's table


@dataclass(frozen=True)
class NeedColumns:
    """Where the caller keeps its needs: a table and the columns the formula reads."""

    table: str
    skill_weights: str  # jsonb {skill id: weight 1..5}
    skill_weight_total: str  # the sum of those weights
    languages: str  # jsonb list of codes
    budget_max_cents: str  # 0 or NULL: no budget
    start: str  # date, NULL: as soon as possible
    remote: str  # remote / hybrid / onsite
    location: str  # city
    # None: budget_max_cents is a day-rate ceiling (a NeedSpec without duration);
    # name a column to divide the budget by it instead
    duration_days: str | None = None


def needs_score_sql(
    expert: ExpertSnapshot,
    p: SqlParams,
    *,
    columns: NeedColumns,
    weights: Mapping[str, int],
    today: dt.date,
    need_country: str = "FR",
) -> str:
    """`score` of each row of `columns.table` (a need) for `expert`."""
    t = columns
    n = f'"{t.table}".'
    sw = f'{n}"{t.skill_weights}"'
    total = f'{n}"{t.skill_weight_total}"'

    def weight_of(skill):
        return f"COALESCE(({sw} ->> {p(str(skill))})::int, 0)"

    # key lookups in the need's own row (cheaper than expanding the jsonb)
    have = " + ".join(
        f"{weight_of(skill)} * {min(int(level), MAX_LEVEL)}"
        for skill, level in expert.skills.items()
    )
    skills = f"COALESCE(({have or '0'})::float / NULLIF({MAX_LEVEL} * {total}, 0), 0)"
    wanted = " + ".join(weight_of(skill) for skill in sorted(expert.appetence_skills))
    appetence = f"COALESCE(({wanted or '0'})::float / NULLIF({total}, 0), 0)"
    free = expert.available_from or today
    late = f'({p(free)}::date - COALESCE({n}"{t.start}", {p(today)}::date))'
    availability = (
        f"(CASE WHEN {late} <= 0 THEN 1.0 "
        f"ELSE GREATEST(0.0, 1.0 - {late}::float / {LATE_START_DAYS}) END)"
    )
    budget = f'COALESCE({n}"{t.budget_max_cents}", 0)'
    if t.duration_days:
        days = f'{n}"{t.duration_days}"'
        ceiling = (
            f"(CASE WHEN COALESCE({days}, 0) > 0 "
            f"THEN {budget} / {days} ELSE {budget} END)"
        )
    else:
        ceiling = budget
    if expert.day_rate_cents is None:
        rate = "0.5"
    else:
        r = int(expert.day_rate_cents)
        rate = (
            f"(CASE WHEN {ceiling} = 0 THEN 0.5 WHEN {r} <= {ceiling} THEN 1.0 "
            f"ELSE GREATEST(0.0, 1.0 - ({r} - {ceiling})::float "
            f"/ NULLIF({ceiling}, 0)) END)"
        )
    # the share of the need's languages the expert speaks (need lists hold each
    # code once): one containment test per language the expert speaks
    languages = f'{n}"{t.languages}"'
    spoken = " + ".join(
        f"(CASE WHEN {languages} ? {p(code)} THEN 1 ELSE 0 END)"
        for code in sorted(expert.languages)
    )
    language = (
        f"COALESCE(({spoken or '0'})::float "
        f"/ NULLIF(jsonb_array_length({languages}), 0), 1.0)"
    )
    city = f'{n}"{t.location}"'
    same_city = f"({city} <> '' AND lower({city}) = lower({p(expert.location)}))"
    same_country = need_country == expert.country
    remote_ok = (
        "1.0"
        if expert.remote in (REMOTE, HYBRID)
        else (f"(CASE WHEN {same_city} THEN 1.0 ELSE 0.5 END)")
    )
    far = "TRUE" if expert.remote == REMOTE else "FALSE"
    place = f'{n}"{t.remote}"'
    location = (
        f"(CASE WHEN {place} = '{REMOTE}' THEN {remote_ok} "
        f"WHEN {far} AND NOT {same_city} THEN 0.2 "
        f"WHEN {same_city} THEN 1.0 "
        f"WHEN {place} = '{HYBRID}' THEN {0.8 if same_country else 0.4} "
        f"ELSE {0.6 if same_country else 0.1} END)"
    )
    fits = {
        "skills": skills,
        "appetence": appetence,
        "availability": availability,
        "rate": rate,
        "language": language,
        "location": location,
    }
    return weighted_sum_sql(weights, fits)
