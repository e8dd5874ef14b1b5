"""Ranking with the formula: experts for a need, needs for an expert.

Database-fed API (reads go through the selectors, so hide lists and
pseudonymity are applied there):

    experts_for_need(need: NeedSpec, viewer_org: Organization | None, *,
                     limit: int = 20, weights=None, today=None) -> list[Match]
        Published experts the viewer's organization may see, best first.
        ``Match.subject`` is the expert's ProfileCard (already redacted for
        pseudonymous experts; see selectors.profile_cards).

    needs_for_expert(profile: ExpertProfile | ExpertSnapshot,
                     needs: Iterable[NeedSpec | object with .as_need_spec()], *,
                     limit: int = 20, weights=None, today=None) -> list[Match]
        Ranks the needs given; ``Match.subject`` is the item as given.

    needs_top_ids(*, expert, candidates, columns, weights, today, limit)
        On PostgreSQL, the ids of the best needs among a queryset of needs, by
        the SQL form of the formula on the caller's table (`NeedColumns`).

With 20,000 experts a popular need has thousands of candidates, and an expert
may see 100,000 needs: reading them all into Python takes seconds. On
PostgreSQL the SQL forms of `formula` pick the best `limit * SQL_MARGIN`
candidates where the rows are; `score` then re-scores those exactly and
explains them. Other databases read every candidate (small data).

Budgets: without `duration_days`, `budget_max_cents` is a ceiling on the day
rate; with it, the whole mission's budget (the day-rate ceiling is
budget_max_cents // duration_days).
"""

from __future__ import annotations

import datetime as dt
import heapq
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models.expressions import RawSQL
from django.utils import timezone

from core import rules

from ..models import ExpertProfile, ExpertSkill, HiddenFrom, PublicationStatus
from ..selectors import profile_cards_by_id, profiles_visible_to
from .formula import (
    Explanation,
    NeedColumns,
    SqlParams,
    experts_score_sql,
    experts_skill_fit_sql,
    needs_score_sql,
    score,
)
from .specs import (
    SNAPSHOT_FIELDS,
    ExpertSnapshot,
    NeedSpec,
    snapshot_from_row,
    snapshot_of,
)

SQL_MARGIN = 3  # the SQL pre-ranking keeps this many times `limit` candidates


@dataclass
class Match:
    subject: Any
    explanation: Explanation
    sort_key: tuple = field(default=(), repr=False)

    @property
    def score(self) -> float:
        return self.explanation.score


# --- experts for a need ---------------------------------------------------------


def experts_candidates(*, need: NeedSpec, viewer_org):
    """Snapshot rows of published, visible experts sharing a skill with `need`."""
    queryset = profiles_visible_to(None, viewer_org=viewer_org).filter(
        status=PublicationStatus.PUBLISHED
    )
    if need.skills:
        queryset = queryset.filter(
            pk__in=ExpertSkill.objects.filter(skill_id__in=list(need.skills)).values(
                "profile_id"
            )
        )
    return queryset.values(*SNAPSHOT_FIELDS).order_by()


def experts_top_candidates(*, need: NeedSpec, viewer_org, weights, today, limit: int):
    """Snapshot rows of the best candidates for `need` (all of them off PostgreSQL)."""
    if connection.vendor != "postgresql" or not need.skills:
        return list(experts_candidates(need=need, viewer_org=viewer_org))
    p = SqlParams("p")
    skills_sql = experts_skill_fit_sql(need, p, expert_skill=ExpertSkill._meta.db_table)
    ranking = experts_score_sql(need, p, weights=weights, today=today)
    hidden = ""
    if viewer_org is not None:
        hidden = (
            f"AND NOT EXISTS (SELECT 1 FROM {HiddenFrom._meta.db_table} h "  # noqa: S608
            f"WHERE h.profile_id = p.id AND h.organization_id = {p(viewer_org.pk)}::uuid)"
        )
    columns = ", ".join(f"p.{name}" for name in SNAPSHOT_FIELDS)
    sql = (
        f"WITH f AS ({skills_sql}) SELECT {columns} FROM f "  # noqa: S608
        f"JOIN {ExpertProfile._meta.db_table} p ON p.id = f.profile_id "
        f"WHERE p.status = 'published' {hidden} "
        f"ORDER BY ({ranking}) DESC, p.id LIMIT {int(limit) * SQL_MARGIN}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, p.values)
        names = [column.name for column in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    # Django registers a jsonb loader that returns text: decode like JSONField does
    json_columns = ("skill_levels", "appetence_skills", "appetence_kinds", "languages")
    for row in rows:
        for name in json_columns:
            if isinstance(row[name], str):
                row[name] = json.loads(row[name])
    return rows


def current_weights() -> dict[str, int]:
    """The weights in force: the rule `matching.weights`, voted by the members."""
    return rules.get("matching.weights")


def _today() -> dt.date:
    return timezone.localdate()


def experts_for_need(
    need: NeedSpec,
    viewer_org=None,
    *,
    limit: int = 20,
    weights: Mapping[str, int] | None = None,
    today: dt.date | None = None,
    viewer=None,
) -> list[Match]:
    """Best published experts for `need` that `viewer_org` may see, as cards."""
    weights = weights or current_weights()
    today = today or _today()
    rows = experts_top_candidates(
        need=need, viewer_org=viewer_org, weights=weights, today=today, limit=limit
    )
    top = heapq.nlargest(
        limit,
        (
            Match(
                subject=row["id"],
                explanation=explanation,
                sort_key=(explanation.score, str(row["id"])),
            )
            for row in rows
            for explanation in [score(need, snapshot_from_row(row), weights, today)]
        ),
        key=lambda match: match.sort_key,
    )
    cards = profile_cards_by_id(
        ids=[match.subject for match in top], viewer=viewer, viewer_org=viewer_org
    )
    return [
        Match(
            subject=cards[match.subject],
            explanation=match.explanation,
            sort_key=match.sort_key,
        )
        for match in top
        if match.subject in cards
    ]


def needs_for_expert(
    profile,
    needs: Iterable[Any],
    *,
    limit: int = 20,
    weights: Mapping[str, int] | None = None,
    today: dt.date | None = None,
) -> list[Match]:
    """Best of `needs` for the expert behind `profile`; subjects are the items given."""
    weights = weights or current_weights()
    today = today or _today()
    expert = profile if isinstance(profile, ExpertSnapshot) else snapshot_of(profile)

    def pairs():
        for item in needs:
            spec = item if isinstance(item, NeedSpec) else item.as_need_spec()
            yield item, spec, expert

    top = heapq.nlargest(
        limit,
        (
            Match(
                subject=item,
                explanation=explanation,
                sort_key=(explanation.score, str(spec.id)),
            )
            for item, spec, _expert in pairs()
            for explanation in [score(spec, expert, weights, today)]
        ),
        key=lambda match: match.sort_key,
    )
    return top


def explain(need: NeedSpec, profile, *, weights=None, today=None) -> Explanation:
    """Why this expert for this need (one pair)."""
    return score(
        need, snapshot_of(profile), weights or current_weights(), today or _today()
    )


# --- needs for an expert, pre-ranked on PostgreSQL ------------------------------


def needs_top_ids(
    *,
    expert: ExpertSnapshot,
    candidates,
    columns: NeedColumns,
    weights: Mapping[str, int],
    today: dt.date,
    limit: int,
    need_country: str = "FR",
    margin: int = SQL_MARGIN,
) -> list:
    """Ids of the best `limit * margin` needs among `candidates` sharing a skill.

    A need is a candidate when it wants one of the expert's skills or one of the
    skills they want to do next (appetences); `candidates` (a queryset of needs
    on `columns.table`: state, visibility) narrows that further. Its field
    `columns.skill_weights` (jsonb) is filtered with `?|`, which a GIN index
    answers; each need is then scored from its own row.
    """
    mine = sorted(set(map(str, expert.skills)) | set(map(str, expert.appetence_skills)))
    if not mine:
        return []
    p = SqlParams("m")
    ranking = needs_score_sql(
        expert,
        p,
        columns=columns,
        weights=weights,
        today=today,
        need_country=need_country,
    )
    score_sql, values = p.positional(f"({ranking})::float")
    ranked = (
        candidates.filter(**{f"{columns.skill_weights}__has_any_keys": mine})
        .annotate(match_score=RawSQL(score_sql, values))  # noqa: S611 (values are parameters)
        .order_by("-match_score", "-pk")
        .values_list("pk", flat=True)
    )
    with transaction.atomic(), connection.cursor() as cursor:
        # the estimate (visibility subplans) can cross jit_above_cost; compiling
        # costs more than this whole query, so not for this transaction
        cursor.execute("SET LOCAL jit = off")
        return list(ranked[: int(limit) * int(margin)])
