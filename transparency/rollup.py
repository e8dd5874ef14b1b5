"""The current package, assembled from the sealed months and a roll-up of the
months not sealed yet (the current one, and any closed month the job has not
sealed), instead of recomputing twelve months of raw rows.

Each month contributes its *published* rows (the detail CSVs): a sealed month
straight from its snapshot, an open month computed alone. The figures are then
run over those published rows, exactly as `recompute.py` does, so the package
stays self-checking. The number of queries does not grow with the data: one
for the sealed months, a fixed number per month not sealed yet.
"""

from __future__ import annotations

import csv
import io

from django.utils import timezone

from . import package
from .figures import CATALOGUE
from .models import SealedMonth
from .periods import Month, Period


def _csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def _sealed(period: Period) -> dict[str, SealedMonth]:
    """The latest version of each sealed month of the period, by label (one query)."""
    latest: dict[str, SealedMonth] = {}
    for row in SealedMonth.objects.filter(
        month__gte=period.first_day, month__lt=period.after_last_day
    ).order_by("month", "-version"):
        latest.setdefault(f"{row.month:%Y-%m}", row)
    return latest


def _open_month_rows(month: Month, now) -> dict[str, list[dict]]:
    """A month not sealed yet, computed alone (as of now), as its published rows."""
    one = Period.one(month, now=now)
    files = package.build(one)
    return {key: _csv_rows(files[package.file_name(key)]) for key in CATALOGUE}


def published_rows(period: Period) -> dict[str, list[dict]]:
    """Every figure's published rows over the period, month by month."""
    sealed = _sealed(period)
    rows: dict[str, list[dict]] = {key: [] for key in CATALOGUE}
    for month in period.months:
        snapshot = sealed.get(month.label)
        if snapshot is not None:
            for key in CATALOGUE:
                rows[key] += _csv_rows(snapshot.files[package.file_name(key)])
        else:
            for key, month_rows in _open_month_rows(month, period.now).items():
                rows[key] += month_rows
    return rows


def build(period: Period | None = None) -> dict[str, str]:
    """The period's package (last twelve months by default), as exact texts."""
    period = period or Period.last_months(12, now=timezone.now())
    limits = package.thresholds(period)
    rows = {
        key: CATALOGUE[key].published_rows(key_rows, limits)
        for key, key_rows in published_rows(period).items()
    }
    return package.assemble(period, rows, limits)
