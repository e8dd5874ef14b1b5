"""The rules registry: platform rules, typed, with defaults declared in code.

Members change rules by vote (the governance issue builds motions); the
software reads them only through here::

    from core import rules
    rules.get("fees.expert.yearly_cents")   # the value in force now

Each change is a stored `RuleVersion` with the date it takes effect and the
motion that adopted it (none for the defaults, stored at migration time).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import RuleVersion


class RuleError(ValueError):
    """A value that does not fit a rule's type or bounds, or an unknown key."""


@dataclass(frozen=True)
class Rule:
    """An integer within bounds (the common case: fees, days, percentages, counts)."""

    key: str
    label: str | Promise
    description: str | Promise
    default: Any
    unit: str = ""  # "cents", "days", "percent" or "" for a count
    minimum: int | None = None
    maximum: int | None = None
    # rules about governance itself need a supermajority to change
    constitutional: bool = False

    def validate(self, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            raise RuleError(_("%(key)s must be a whole number.") % {"key": self.key})
        if self.minimum is not None and value < self.minimum:
            raise RuleError(
                _("%(key)s must be at least %(min)s.")
                % {"key": self.key, "min": self.minimum}
            )
        if self.maximum is not None and value > self.maximum:
            raise RuleError(
                _("%(key)s must be at most %(max)s.")
                % {"key": self.key, "max": self.maximum}
            )
        return value


@dataclass(frozen=True)
class WeightsRule(Rule):
    """Named whole-number percentages that sum to 100, each within bounds."""

    parts: tuple[str, ...] = field(default_factory=tuple)
    part_labels: dict[str, Any] = field(default_factory=dict)

    def validate(self, value: Any) -> dict[str, int]:
        if not isinstance(value, dict) or set(value) != set(self.parts):
            raise RuleError(
                _("%(key)s needs exactly these parts: %(parts)s.")
                % {"key": self.key, "parts": ", ".join(self.parts)}
            )
        for part, weight in value.items():
            if isinstance(weight, bool) or not isinstance(weight, int):
                raise RuleError(_("Each weight must be a whole number of percent."))
            if (self.minimum is not None and weight < self.minimum) or (
                self.maximum is not None and weight > self.maximum
            ):
                raise RuleError(
                    _(
                        "The weight of %(part)s must be between %(min)s %% and %(max)s %%."
                    )
                    % {"part": part, "min": self.minimum, "max": self.maximum}
                )
        if sum(value.values()) != 100:
            raise RuleError(_("The weights must add up to 100 %."))
        return {part: value[part] for part in self.parts}


def _rules(*declared: Rule) -> dict[str, Rule]:
    registry = {}
    for rule in declared:
        rule.validate(rule.default)  # a default out of its own bounds is a bug
        registry[rule.key] = rule
    return registry


REGISTRY: dict[str, Rule] = _rules(
    Rule(
        "fees.company.yearly_cents",
        _("Yearly membership of a company"),
        _("What an organization pays each year, for all its members."),
        default=60_000,
        unit="cents",
        minimum=0,
        maximum=1_000_000,
    ),
    Rule(
        "fees.expert.yearly_cents",
        _("Yearly membership of an expert"),
        _("What an expert pays each year."),
        default=12_000,
        unit="cents",
        minimum=0,
        maximum=1_000_000,
    ),
    Rule(
        "fees.company.monthly_cents",
        _("Monthly membership of a company"),
        _("The monthly price for organizations that prefer to pay each month."),
        default=5_500,
        unit="cents",
        minimum=0,
        maximum=100_000,
    ),
    Rule(
        "fees.expert.monthly_cents",
        _("Monthly membership of an expert"),
        _("The monthly price for experts who prefer to pay each month."),
        default=1_100,
        unit="cents",
        minimum=0,
        maximum=100_000,
    ),
    Rule(
        "billing.grace_period_days",
        _("Grace period after a failed payment"),
        _("How many days a member keeps full access after a payment fails."),
        default=14,
        unit="days",
        minimum=0,
        maximum=60,
    ),
    WeightsRule(
        "matching.weights",
        _("Weights of the matching score"),
        _(
            "How much each part counts in the score that ranks experts for a need "
            "and needs for an expert."
        ),
        default={
            "skills": 40,
            "appetence": 15,
            "availability": 15,
            "rate": 10,
            "language": 10,
            "location": 10,
        },
        unit="percent",
        minimum=0,
        maximum=100,
        parts=("skills", "appetence", "availability", "rate", "language", "location"),
        part_labels={
            "skills": _("skill fit"),
            "appetence": _("appetence fit"),
            "availability": _("availability"),
            "rate": _("rate fit"),
            "language": _("language"),
            "location": _("location"),
        },
    ),
    Rule(
        "missions.auto_accept_days",
        _("Days before a delivery is accepted by silence"),
        _("A delivery the company has not answered after this many days is accepted."),
        default=14,
        unit="days",
        minimum=3,
        maximum=60,
    ),
    Rule(
        "missions.review_window_days",
        _("Days to write a review"),
        _(
            "After completion, reviews are published when both are written or after this delay."
        ),
        default=14,
        unit="days",
        minimum=1,
        maximum=60,
    ),
    Rule(
        "missions.award_confirmation_days",
        _("Days for an expert to confirm an award"),
        _("An award the expert has not confirmed after this many days lapses."),
        default=7,
        unit="days",
        minimum=1,
        maximum=30,
    ),
    # --- missions (added by the missions issue) ---
    Rule(
        "missions.award_decision_days",
        _("Days for a company to award a closed need"),
        _("A need closed to proposals with no award after this many days expires."),
        default=30,
        unit="days",
        minimum=1,
        maximum=120,
    ),
    WeightsRule(
        "governance.college_weights",
        _("Weights of the voting colleges"),
        _(
            "How much each college counts in a vote. As in a French SCIC, no college "
            "weighs less than 10 % or more than 50 %."
        ),
        default={"companies": 40, "experts": 40, "founders": 20},
        unit="percent",
        minimum=10,
        maximum=50,
        constitutional=True,
        parts=("companies", "experts", "founders"),
        part_labels={
            "companies": _("companies"),
            "experts": _("experts"),
            "founders": _("founders and staff"),
        },
    ),
    Rule(
        "governance.quorum_percent",
        _("Overall quorum"),
        _(
            "Share of all voters who must take part (abstaining counts) for a vote to be valid."
        ),
        default=20,
        unit="percent",
        minimum=1,
        maximum=100,
        constitutional=True,
    ),
    Rule(
        "governance.college_quorum_percent",
        _("Quorum in each college"),
        _("Share of each college's voters who must take part for a vote to be valid."),
        default=10,
        unit="percent",
        minimum=0,
        maximum=100,
        constitutional=True,
    ),
    Rule(
        "governance.supermajority_percent",
        _("Supermajority"),
        _(
            "Share of the weighted votes cast (abstentions aside) that charter changes and "
            "changes to governance rules need."
        ),
        default=67,
        unit="percent",
        minimum=51,
        maximum=100,
        constitutional=True,
    ),
    Rule(
        "governance.sponsors_required",
        _("Co-sponsors a motion needs"),
        _(
            "How many voters besides the author must support a motion before it goes to vote."
        ),
        default=3,
        minimum=0,
        maximum=100,
        constitutional=True,
    ),
    Rule(
        "governance.cooling_off_days",
        _("Cooling-off delay"),
        _("Days between the adoption of a rule change and the day it takes effect."),
        default=7,
        unit="days",
        minimum=0,
        maximum=90,
        constitutional=True,
    ),
    Rule(
        "governance.voting_days",
        _("Length of a vote"),
        _("How many days a vote stays open."),
        default=7,
        unit="days",
        minimum=1,
        maximum=30,
        constitutional=True,
    ),
    # --- transparency (added by the public value-sharing issue) ---
    Rule(
        "transparency.min_contributors",
        _("Fewest members behind a published figure"),
        _(
            "A public figure's cell resting on fewer distinct members or organizations "
            "than this is hidden (with enough other cells that it cannot be recovered)."
        ),
        default=3,
        minimum=2,
        maximum=50,
    ),
    Rule(
        "transparency.max_share_percent",
        _("Largest share of one member in a published figure"),
        _(
            "A public figure's cell where one member or organization makes more than "
            "this share of the value is hidden."
        ),
        default=85,
        unit="percent",
        minimum=50,
        maximum=100,
    ),
)


def rule(key: str) -> Rule:
    try:
        return REGISTRY[key]
    except KeyError:
        raise RuleError(_("There is no rule called %(key)s.") % {"key": key}) from None


def validate(key: str, value: Any) -> Any:
    """The value, normalised, if `key` accepts it; RuleError otherwise."""
    return rule(key).validate(value)


def get(key: str, *, at: dt.datetime | None = None) -> Any:
    """The value of `key` in force at `at` (now by default)."""
    definition = rule(key)
    at = at or timezone.now()
    version = (
        RuleVersion.objects.filter(key=key, effective_at__lte=at)
        .order_by("-effective_at")
        .values_list("value", flat=True)
        .first()
    )
    return definition.default if version is None else version


def get_many(keys: list[str], *, at: dt.datetime | None = None) -> dict[str, Any]:
    """Several values in one query."""
    at = at or timezone.now()
    values = {key: rule(key).default for key in keys}
    seen: set[str] = set()
    for key, value in (
        RuleVersion.objects.filter(key__in=keys, effective_at__lte=at)
        .order_by("key", "-effective_at")
        .values_list("key", "value")
    ):
        if key not in seen:
            values[key] = value
            seen.add(key)
    return values


def history(key: str):
    """Every version of `key`, oldest first, including those not yet in force."""
    rule(key)
    return RuleVersion.objects.filter(key=key).order_by("effective_at")


def store_defaults(**kwargs) -> int:
    """Store the code's default as the first version of each rule that has none.

    Runs after every migrate; idempotent (a unique constraint backs it up).
    """
    known = set(RuleVersion.objects.values_list("key", flat=True).distinct())
    missing = [
        RuleVersion(key=key, value=definition.default, effective_at=timezone.now())
        for key, definition in REGISTRY.items()
        if key not in known
    ]
    RuleVersion.objects.bulk_create(missing, ignore_conflicts=True)
    return len(missing)
