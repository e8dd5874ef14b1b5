"""The matching score written in SQL, to pre-rank needs for one expert on PostgreSQL.

Reading 100,000 needs into Python to score them takes seconds; PostgreSQL can
compute the same formula where the rows are and return the best few, which
`matching.needs_for_expert` then re-scores exactly (and explains). The experts
side lives in `selectors.matching_top_candidates`.

The missions app owns `Need`; it calls::

    ids = matching_sql.needs_top_ids(
        expert=matching.snapshot_of(profile),
        candidates=Need.objects.filter(state="published"),   # visibility applied
        weights=matching.current_weights(), today=timezone.localdate(), limit=20,
    )
    needs = Need.objects.filter(pk__in=ids).prefetch_related("skills")
    top = matching.needs_for_expert(profile, needs, limit=20)

`NeedTables` names the tables and columns (defaults: missions' schema). The
formula must stay equal to matching.score; tests/marketplace/test_matching_sql.py
checks it on random data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from .matching import HYBRID, LATE_START_DAYS, MAX_LEVEL, REMOTE, ExpertSnapshot

MARGIN = 3  # re-score this many times `limit` in Python


@dataclass(frozen=True)
class NeedTables:
    need: str = "missions_need"
    need_skill: str = "missions_needskill"
    id: str = "id"
    languages: str = "languages"  # jsonb list of codes
    budget_max_cents: str = "budget_max_cents"  # 0 or NULL: no budget
    duration_days: str | None = "duration_days"  # None: budgets are day rates
    start: str = "start_date"
    remote: str = "place"  # remote / hybrid / onsite
    location: str = "location"
    skill_need_id: str = "need_id"
    skill_id: str = "skill_id"
    skill_weight: str = "weight"


def needs_top_ids(
    *,
    expert: ExpertSnapshot,
    candidates,
    weights: Mapping[str, int],
    today: dt.date,
    limit: int,
    tables: NeedTables = NeedTables(),
    need_country: str = "FR",
) -> list:
    """Ids of the best `limit * MARGIN` needs among `candidates` sharing a skill.

    `candidates` is a queryset of needs (its SQL becomes a subquery) or a
    ("SELECT id FROM ...", params) pair.
    """
    from django.db import connection

    if not expert.skills:
        return []
    if hasattr(candidates, "query"):
        candidate_sql, candidate_params = candidates.values(
            "pk"
        ).query.sql_with_params()
    else:
        candidate_sql, candidate_params = candidates
    params: dict = {}

    def p(value):
        name = f"m{len(params)}"
        params[name] = value
        return f"%({name})s"

    t = tables
    levels = " ".join(
        f"WHEN {p(skill)}::uuid THEN {min(int(level), MAX_LEVEL)}"
        for skill, level in expert.skills.items()
    )
    wanted = " ".join(
        f"WHEN {p(skill)}::uuid THEN 1" for skill in expert.appetence_skills
    )
    appetence_case = f"CASE ns.{t.skill_id} {wanted} ELSE 0 END" if wanted else "0"
    mine = ", ".join(f"{p(skill)}::uuid" for skill in expert.skills)
    # the candidates' own ids, then the skills of those sharing one with the expert
    fits = (
        f"SELECT ns.{t.skill_need_id} AS need_id, "  # noqa: S608 (parameters only)
        f"SUM(ns.{t.skill_weight} * (CASE ns.{t.skill_id} {levels} ELSE 0 END))::float "
        f"/ NULLIF({MAX_LEVEL} * SUM(ns.{t.skill_weight}), 0) AS skills, "
        f"SUM(ns.{t.skill_weight} * ({appetence_case}))::float "
        f"/ NULLIF(SUM(ns.{t.skill_weight}), 0) AS appetence "
        f"FROM {t.need_skill} ns WHERE ns.{t.skill_need_id} IN ("
        f"SELECT s.{t.skill_need_id} FROM {t.need_skill} s "
        f"WHERE s.{t.skill_id} IN ({mine})) GROUP BY ns.{t.skill_need_id}"
    )
    free = expert.available_from or today
    late = f"({p(free)}::date - COALESCE(n.{t.start}, {p(today)}::date))"
    availability = (
        f"(CASE WHEN {late} <= 0 THEN 1.0 "
        f"ELSE GREATEST(0.0, 1.0 - {late}::float / {LATE_START_DAYS}) END)"
    )
    budget = f"COALESCE(n.{t.budget_max_cents}, 0)"
    if t.duration_days:
        ceiling = (
            f"(CASE WHEN COALESCE(n.{t.duration_days}, 0) > 0 "
            f"THEN {budget} / n.{t.duration_days} ELSE {budget} END)"
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
    spoken = " + ".join(
        f"(CASE WHEN n.{t.languages} ? {p(code)} THEN 1 ELSE 0 END)"
        for code in sorted(expert.languages)
    )
    language = (
        f"COALESCE(({spoken or '0'})::float "
        f"/ NULLIF(jsonb_array_length(n.{t.languages}), 0), 1.0)"
    )
    same_city = f"(n.{t.location} <> '' AND lower(n.{t.location}) = lower({p(expert.location)}))"
    same_country = need_country == expert.country
    remote_ok = (
        "1.0"
        if expert.remote in (REMOTE, HYBRID)
        else (f"(CASE WHEN {same_city} THEN 1.0 ELSE 0.5 END)")
    )
    far = "TRUE" if expert.remote == REMOTE else "FALSE"
    location = (
        f"(CASE WHEN n.{t.remote} = '{REMOTE}' THEN {remote_ok} "
        f"WHEN {far} AND NOT {same_city} THEN 0.2 "
        f"WHEN {same_city} THEN 1.0 "
        f"WHEN n.{t.remote} = '{HYBRID}' THEN {0.8 if same_country else 0.4} "
        f"ELSE {0.6 if same_country else 0.1} END)"
    )
    score = " + ".join(
        f"{int(weights[name])} * {expression}"
        for name, expression in (
            ("skills", "COALESCE(f.skills, 0)"),
            ("appetence", "COALESCE(f.appetence, 0)"),
            ("availability", availability),
            ("rate", rate),
            ("language", language),
            ("location", location),
        )
    )
    # the candidates' params are positional (%s): turn them into named ones
    named = candidate_sql
    for value in candidate_params:
        named = named.replace("%s", p(value), 1)
    sql = (
        f"WITH f AS ({fits}) SELECT n.{t.id} FROM f "  # noqa: S608
        f"JOIN {t.need} n ON n.{t.id} = f.need_id "
        f"WHERE n.{t.id} IN ({named}) "
        f"ORDER BY ({score}) DESC, n.{t.id} LIMIT {int(limit) * MARGIN}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]
