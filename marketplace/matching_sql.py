"""The matching score written in SQL, to pre-rank needs for one expert on PostgreSQL.

Reading 100,000 needs into Python to score them takes seconds; PostgreSQL can
compute the same formula where the rows are and return the best few, which
`matching.needs_for_expert` then re-scores exactly (and explains). The experts
side lives in `selectors.matching_top_candidates`.

The missions app owns `Need` (and calls this from
`missions.matching.needs_recommended`)::

    ids = matching_sql.needs_top_ids(
        expert=matching.snapshot_of(profile),
        candidates=needs_visible_to(member).filter(state="published"),
        weights=matching.current_weights(), today=timezone.localdate(), limit=20,
    )
    needs = Need.objects.filter(pk__in=ids).prefetch_related("skills")
    top = matching.needs_for_expert(profile, needs, limit=20)

The need's skills are read from `Need.skill_weights` ({skill id: weight}, a
copy of its NeedSkill rows kept by missions' services, with their sum in
`skill_weight_total`), GIN-indexed over the
published needs: one index scan finds the needs sharing a skill or an
appetence with the expert, and each is scored from its own row. `NeedTables`
names the table and columns. The formula must stay equal to matching.score;
tests/marketplace/test_matching_sql.py checks it on random data.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from .matching import HYBRID, LATE_START_DAYS, MAX_LEVEL, REMOTE, ExpertSnapshot

MARGIN = 3  # re-score this many times `limit` in Python


@dataclass(frozen=True)
class NeedTables:
    need: str = "missions_need"
    skill_weights: str = "skill_weights"  # jsonb {skill id: weight 1..5}
    skill_weight_total: str = "skill_weight_total"  # the sum of those weights
    languages: str = "languages"  # jsonb list of codes
    budget_max_cents: str = "budget_max_cents"  # 0 or NULL: no budget
    # None: budget_max_cents is a day-rate ceiling, as missions' Need.as_need_spec()
    # gives it (no duration); name a column to divide the budget by it instead
    duration_days: str | None = None
    start: str = "start_date"
    remote: str = "place"  # remote / hybrid / onsite
    location: str = "location"


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
    skills they want to do next (appetences); `candidates` (a queryset of needs:
    state, visibility) narrows that further. Its field `tables.skill_weights`
    (jsonb) is filtered with `?|`, which the GIN index answers.
    """
    mine = sorted(set(map(str, expert.skills)) | set(map(str, expert.appetence_skills)))
    if not mine:
        return []
    params: dict = {}

    def p(value):
        name = f"m{len(params)}"
        params[name] = value
        return f"%({name})s"

    t = tables
    n = f'"{t.need}".'  # the queryset's own table
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
    late = f"({p(free)}::date - COALESCE({n}{t.start}, {p(today)}::date))"
    availability = (
        f"(CASE WHEN {late} <= 0 THEN 1.0 "
        f"ELSE GREATEST(0.0, 1.0 - {late}::float / {LATE_START_DAYS}) END)"
    )
    budget = f"COALESCE({n}{t.budget_max_cents}, 0)"
    if t.duration_days:
        ceiling = (
            f"(CASE WHEN COALESCE({n}{t.duration_days}, 0) > 0 "
            f"THEN {budget} / {n}{t.duration_days} ELSE {budget} END)"
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
        f"(CASE WHEN {n}{t.languages} ? {p(code)} THEN 1 ELSE 0 END)"
        for code in sorted(expert.languages)
    )
    language = (
        f"COALESCE(({spoken or '0'})::float "
        f"/ NULLIF(jsonb_array_length({n}{t.languages}), 0), 1.0)"
    )
    same_city = (
        f"({n}{t.location} <> '' "
        f"AND lower({n}{t.location}) = lower({p(expert.location)}))"
    )
    same_country = need_country == expert.country
    remote_ok = (
        "1.0"
        if expert.remote in (REMOTE, HYBRID)
        else (f"(CASE WHEN {same_city} THEN 1.0 ELSE 0.5 END)")
    )
    far = "TRUE" if expert.remote == REMOTE else "FALSE"
    location = (
        f"(CASE WHEN {n}{t.remote} = '{REMOTE}' THEN {remote_ok} "
        f"WHEN {far} AND NOT {same_city} THEN 0.2 "
        f"WHEN {same_city} THEN 1.0 "
        f"WHEN {n}{t.remote} = '{HYBRID}' THEN {0.8 if same_country else 0.4} "
        f"ELSE {0.6 if same_country else 0.1} END)"
    )
    score = " + ".join(
        f"{int(weights[name])} * {expression}"
        for name, expression in (
            ("skills", skills),
            ("appetence", appetence),
            ("availability", availability),
            ("rate", rate),
            ("language", language),
            ("location", location),
        )
    )
    # named placeholders -> positional ones, in the order they appear
    positional = []

    def to_positional(found):
        positional.append(params[found.group(1)])
        return "%s"

    score_sql = re.sub(r"%\((m\d+)\)s", to_positional, f"({score})::float")
    from django.db import connection, transaction
    from django.db.models.expressions import RawSQL

    ranked = (
        candidates.filter(**{f"{t.skill_weights}__has_any_keys": mine})
        .annotate(match_score=RawSQL(score_sql, positional))  # noqa: S611 (values are parameters)
        .order_by("-match_score", "-pk")
        .values_list("pk", flat=True)
    )
    with transaction.atomic(), connection.cursor() as cursor:
        # the estimate (visibility subplans) can cross jit_above_cost; compiling
        # costs more than this whole query, so not for this transaction
        cursor.execute("SET LOCAL jit = off")
        return list(ranked[: int(limit) * int(margin)])
