"""Matching that explains itself: experts for a need, needs for an expert.

The score of an (expert, need) pair is a weighted sum of named parts, each a
fit between 0 and 1::

    score = sum(weight[part] * fit[part] for part in PARTS)      # 0 .. 100

The weights are the rule ``matching.weights`` of the rules registry (whole
percentages summing to 100, changed only by a members' vote). Every result
carries its `Explanation`: each part's fit, weight and points, so pages can
say "why this match". The public page /matching/ explains the parts in words.

Pure part (no ORM, no clock, no settings; tested with hypothesis):

    score(need: NeedSpec, expert: ExpertSnapshot, weights: Mapping[str, int],
          today: date) -> Explanation

Database-fed API (the selectors do the reading; hide lists are applied there):

    experts_for_need(need: NeedSpec, viewer_org: Organization | None, *,
                     limit: int = 20, weights=None, today=None) -> list[Match]
        Published experts the viewer's organization may see, best first.
        ``Match.subject`` is the expert's ProfileCard (already redacted for
        pseudonymous experts; see selectors.profile_cards).

    needs_for_expert(profile: ExpertProfile | ExpertSnapshot,
                     needs: Iterable[NeedSpec | object with .as_need_spec()], *,
                     limit: int = 20, weights=None, today=None) -> list[Match]
        Ranks the needs given (the missions app passes its open needs, ideally
        prefiltered to those sharing a skill with the expert, e.g.
        ``Need.objects.open().filter(skills__skill_id__in=profile.skill_levels)``).
        ``Match.subject`` is the item as given.

    need_spec_from(*, id, skills, languages=(), budget_min_cents=None,
                   budget_max_cents=None, start=None, days_per_week=None,
                   remote="hybrid", location="", country="FR", kind="",
                   title="", duration_days=None) -> NeedSpec   # validates

    Budgets: without `duration_days`, `budget_max_cents` is a ceiling on the
    day rate; with it, the whole mission's budget (the day-rate ceiling is
    budget_max_cents // duration_days).

How the missions app plugs in: give `Need` a method ``as_need_spec()`` returning
a `NeedSpec` (skill ids as strings -> weight 1..5). Rank experts with
``experts_for_need(need.as_need_spec(), viewer_org=member.organization)``.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

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
REMOTE, HYBRID, ONSITE = "remote", "hybrid", "onsite"
MAX_LEVEL = 4


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


@dataclass
class Match:
    subject: Any
    explanation: Explanation
    sort_key: tuple = field(default=(), repr=False)

    @property
    def score(self) -> float:
        return self.explanation.score


# --- the pure part ------------------------------------------------------------------


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


# --- fed by selectors ------------------------------------------------------------


def current_weights() -> dict[str, int]:
    from core import rules

    return rules.get("matching.weights")


def _today() -> dt.date:
    from django.utils import timezone

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
    from . import selectors

    weights = weights or current_weights()
    today = today or _today()
    rows = selectors.matching_top_candidates(
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
    cards = selectors.profile_cards_by_id(
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


def snapshot_of(profile) -> ExpertSnapshot:
    return snapshot_from_row({name: getattr(profile, name) for name in SNAPSHOT_FIELDS})


def explain(need: NeedSpec, profile, *, weights=None, today=None) -> Explanation:
    """Why this expert for this need (one pair)."""
    return score(
        need, snapshot_of(profile), weights or current_weights(), today or _today()
    )
