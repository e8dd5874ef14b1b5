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
    # None: budget_max_cents is a day-rate ceiling, as missions' Need.as_need_spec()
    # gives it (no duration); name a column to divide the budget by it instead
    duration_days: str | None = None
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
    margin: int = MARGIN,
) -> list:
    """Ids of the best `limit * margin` needs among `candidates` sharing a skill.

    A need is a candidate when it wants one of the expert's skills or one of the
    skills they want to do next (appetences); `candidates` narrows that further
    (state, visibility): a queryset of needs (its SQL becomes a subquery) or a
    ("SELECT id FROM ...", params) pair.

    Shape of the query (fast on 100,000 needs): the needs sharing a skill come from
    the (skill_id, need_id) index and are cut to the candidates first; only then
    are their skill lines summed (need_id index) and the score computed.
    """
    from django.db import connection

    mine = sorted(set(map(str, expert.skills)) | set(map(str, expert.appetence_skills)))
    if not mine:
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
    # the candidates' params are positional (%s): turn them into named ones
    named = candidate_sql
    for value in candidate_params:
        named = named.replace("%s", p(value), 1)
    levels = " ".join(
        f"WHEN {p(str(skill))}::uuid THEN {min(int(level), MAX_LEVEL)}"
        for skill, level in expert.skills.items()
    )
    level_case = f"CASE ns.{t.skill_id} {levels} ELSE 0 END" if levels else "0"
    wanted = " ".join(
        f"WHEN {p(str(skill))}::uuid THEN 1" for skill in expert.appetence_skills
    )
    appetence_case = f"CASE ns.{t.skill_id} {wanted} ELSE 0 END" if wanted else "0"
    sharing = (
        f"SELECT DISTINCT s.{t.skill_need_id} AS id FROM {t.need_skill} s "  # noqa: S608 (parameters only)
        f"WHERE s.{t.skill_id} = ANY({p(mine)}::uuid[]) "
        f"AND s.{t.skill_need_id} IN ({named})"
    )
    fits = (
        f"SELECT ns.{t.skill_need_id} AS need_id, "  # noqa: S608 (parameters only)
        f"SUM(ns.{t.skill_weight} * ({level_case}))::float "
        f"/ NULLIF({MAX_LEVEL} * SUM(ns.{t.skill_weight}), 0) AS skills, "
        f"SUM(ns.{t.skill_weight} * ({appetence_case}))::float "
        f"/ NULLIF(SUM(ns.{t.skill_weight}), 0) AS appetence "
        f"FROM {t.need_skill} ns JOIN c ON c.id = ns.{t.skill_need_id} "
        f"GROUP BY ns.{t.skill_need_id}"
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
    sql = (
        f"WITH c AS MATERIALIZED ({sharing}), f AS ({fits}) "  # noqa: S608
        f"SELECT n.{t.id} FROM f JOIN {t.need} n ON n.{t.id} = f.need_id "
        f"ORDER BY ({score}) DESC, n.{t.id} DESC LIMIT {int(limit) * int(margin)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]
