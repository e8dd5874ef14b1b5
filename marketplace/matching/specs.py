"""What the matching knows of a need and of an expert: two small value types.

A `NeedSpec` comes from the missions app (`Need.as_need_spec()`) or from a form;
an `ExpertSnapshot` from one `ExpertProfile` row (its `SNAPSHOT_FIELDS`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

REMOTE, HYBRID, ONSITE = "remote", "hybrid", "onsite"


@dataclass(frozen=True)
class NeedSpec:
    """What the matching needs to know about a need. Skill ids are strings."""

    id: Any
    skills: Mapping[str, int]  # skill id -> weight 1..5
    languages: tuple[str, ...] = ()
    budget_min_cents: int | None = None
    budget_max_cents: int | None = None
    start: dt.date | None = None
    days_per_week: int | None = None
    remote: str = HYBRID
    location: str = ""
    country: str = "FR"
    kind: str = ""
    title: str = ""
    # with a duration, the budget is the whole mission's; without, a day rate
    duration_days: int | None = None

    @property
    def day_rate_ceiling_cents(self) -> int | None:
        if not self.budget_max_cents:
            return None
        if self.duration_days:
            return self.budget_max_cents // self.duration_days
        return self.budget_max_cents


@dataclass(frozen=True)
class ExpertSnapshot:
    """What the matching needs to know about an expert (one row of ExpertProfile)."""

    id: Any
    skills: Mapping[str, int]  # skill id -> level 1..4
    appetence_skills: frozenset[str] = frozenset()
    appetence_kinds: frozenset[str] = frozenset()
    day_rate_cents: int | None = None
    available_from: dt.date | None = None
    days_per_week: int = 5
    languages: frozenset[str] = frozenset()
    location: str = ""
    country: str = "FR"
    remote: str = HYBRID


def need_spec_from(
    *,
    id: Any,
    skills: Mapping[Any, int],
    languages: Iterable[str] = (),
    budget_min_cents: int | None = None,
    budget_max_cents: int | None = None,
    start: dt.date | None = None,
    days_per_week: int | None = None,
    remote: str = HYBRID,
    location: str = "",
    country: str = "FR",
    kind: str = "",
    title: str = "",
    duration_days: int | None = None,
) -> NeedSpec:
    """A NeedSpec with ids as strings and values checked (ValueError otherwise)."""
    normalised = {str(skill): int(weight) for skill, weight in skills.items()}
    if any(weight < 1 or weight > 5 for weight in normalised.values()):
        raise ValueError("skill weights go from 1 to 5")
    for amount in (budget_min_cents, budget_max_cents):
        if amount is not None and amount < 0:
            raise ValueError("budgets cannot be negative")
    if duration_days is not None and duration_days < 1:
        raise ValueError("a duration is at least one day")
    if remote not in (REMOTE, HYBRID, ONSITE):
        raise ValueError("remote must be remote, hybrid or onsite")
    return NeedSpec(
        id=id,
        skills=normalised,
        languages=tuple(languages),
        budget_min_cents=budget_min_cents,
        budget_max_cents=budget_max_cents,
        start=start,
        days_per_week=days_per_week,
        remote=remote,
        location=location,
        country=country,
        kind=kind,
        title=title,
        duration_days=duration_days,
    )


def snapshot_from_row(row: Mapping[str, Any]) -> ExpertSnapshot:
    """An ExpertSnapshot from a dict of ExpertProfile values (SNAPSHOT_FIELDS)."""
    return ExpertSnapshot(
        id=row["id"],
        skills=row["skill_levels"] or {},
        appetence_skills=frozenset(row["appetence_skills"] or ()),
        appetence_kinds=frozenset(row["appetence_kinds"] or ()),
        day_rate_cents=row["day_rate_cents"],
        available_from=row["available_from"],
        days_per_week=row["days_per_week"],
        languages=frozenset(row["languages"] or ()),
        location=row["location"],
        country=row["country"],
        remote=row["remote"],
    )


SNAPSHOT_FIELDS = (
    "id",
    "skill_levels",
    "appetence_skills",
    "appetence_kinds",
    "day_rate_cents",
    "available_from",
    "days_per_week",
    "languages",
    "location",
    "country",
    "remote",
)


def snapshot_of(profile) -> ExpertSnapshot:
    return snapshot_from_row({name: getattr(profile, name) for name in SNAPSHOT_FIELDS})
