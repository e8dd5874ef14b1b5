"""Months and periods of months, in the site's time zone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def first_of_next(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


@dataclass(frozen=True)
class Month:
    first_day: dt.date

    @property
    def label(self) -> str:
        return f"{self.first_day:%Y-%m}"

    @property
    def after_last_day(self) -> dt.date:
        return first_of_next(self.first_day)

    @property
    def last_day(self) -> dt.date:
        return self.after_last_day - dt.timedelta(days=1)

    @property
    def starts_at(self) -> dt.datetime:
        return _aware(self.first_day)

    @property
    def ends_at(self) -> dt.datetime:
        return _aware(self.after_last_day)

    @classmethod
    def parse(cls, label: str) -> Month:
        return cls(dt.date(int(label[:4]), int(label[5:7]), 1))

    @classmethod
    def of(cls, day: dt.date) -> Month:
        return cls(day.replace(day=1))


@dataclass(frozen=True)
class Period:
    """Whole months, from `first` to `last` included, seen at `now`."""

    first: Month
    last: Month
    now: dt.datetime = field(default_factory=timezone.now)

    @classmethod
    def one(cls, month: Month, *, now=None) -> Period:
        return cls(month, month, now or timezone.now())

    @classmethod
    def last_months(cls, count: int = 12, *, now=None) -> Period:
        """The `count` months ending with the current one."""
        now = now or timezone.now()
        last = Month.of(timezone.localdate(now))
        first = last.first_day
        for _ in range(count - 1):
            first = (first - dt.timedelta(days=1)).replace(day=1)
        return cls(Month(first), last, now)

    @property
    def label(self) -> str:
        if self.first == self.last:
            return self.first.label
        return f"{self.first.label}..{self.last.label}"

    @property
    def months(self) -> list[Month]:
        months, day = [], self.first.first_day
        while day <= self.last.first_day:
            months.append(Month(day))
            day = first_of_next(day)
        return months

    @property
    def first_day(self) -> dt.date:
        return self.first.first_day

    @property
    def after_last_day(self) -> dt.date:
        return self.last.after_last_day

    @property
    def starts_at(self) -> dt.datetime:
        return self.first.starts_at

    @property
    def ends_at(self) -> dt.datetime:
        return self.last.ends_at

    @property
    def today(self) -> dt.date:
        return timezone.localdate(self.now)

    def month_of(self, at: dt.datetime) -> str:
        return f"{timezone.localtime(at):%Y-%m}"

    def month_of_date(self, day: dt.date) -> str:
        return f"{day:%Y-%m}"
