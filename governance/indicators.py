"""Indicators an adopted text motion can name for its review.

A motion such as "we open the platform to experts abroad" names a review date
and one of these figures; on that date the dashboard shows the figure's value
and the motion comes back for review. Each indicator is a plain read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Motion
from .selectors import electorate_counts


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str | Promise
    read: Callable[[], int]


def _voters(college: str | None = None) -> int:
    counts = electorate_counts()
    return sum(counts.values()) if college is None else counts[college]


def _adopted_motions() -> int:
    return Motion.objects.filter(state=Motion.State.ADOPTED).count()


INDICATORS: dict[str, Indicator] = {
    indicator.key: indicator
    for indicator in (
        Indicator("voters.total", _("Members with an active membership"), _voters),
        Indicator(
            "voters.companies",
            _("Voters in the companies college"),
            lambda: _voters("companies"),
        ),
        Indicator(
            "voters.experts",
            _("Voters in the experts college"),
            lambda: _voters("experts"),
        ),
        Indicator("motions.adopted", _("Motions adopted so far"), _adopted_motions),
    )
}


def choices() -> list[tuple[str, str | Promise]]:
    return [("", "—")] + [(key, item.label) for key, item in INDICATORS.items()]


def value(key: str) -> int | None:
    indicator = INDICATORS.get(key)
    return indicator.read() if indicator else None


def motions_for_review(*, on: dt.date | None = None) -> list[tuple[Motion, int | None]]:
    """Adopted text motions whose review date has come, with their indicator's value."""
    on = on or timezone.localdate()
    due = Motion.objects.filter(
        state=Motion.State.ADOPTED, review_on__lte=on, indicator__gt=""
    ).order_by("review_on")
    return [(motion, value(motion.indicator)) for motion in due]
