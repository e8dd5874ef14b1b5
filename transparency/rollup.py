"""The current package, assembled from the sealed months and a roll-up of the
months not sealed yet (the current one, and any closed month the job has not
sealed), instead of recomputing twelve months of raw rows.

A sealed month is read from its snapshot, never recomputed: its figures
(`figures.json` as frozen) and its detail files. A month not sealed yet is
computed alone, as of now. The period's figures are then put together from the
months' own results: each figure's months side by side and, for the sums, the
period's total as the sum of the months' totals (no total when a month hides
its own). The detail files are the months' published rows one after the other.
This is exactly what running the figures over all the months' published rows
gives (as `recompute.py` does, so the package stays self-checking), because
every month's rows were already redacted under the same small-group rule.
Should the rule or a figure's version have changed since a month was sealed,
the figures are run over the published rows again instead (`recomputed`).

The number of queries does not grow with the data: one for the sealed months,
a fixed number per month not sealed yet; and a sealed month costs no more to
serve when its ledger held a million entries.
"""

from __future__ import annotations

import csv
import io
import json

from django.utils import timezone

from core.models import RuleVersion

from . import package
from .figures import CATALOGUE
from .models import SealedMonth
from .periods import Month, Period

HEADER = package.csv_text([])
THRESHOLD_RULES = package.THRESHOLD_RULES


class _Apart(Exception):
    """The months cannot be put side by side: run the figures over their rows."""


def _csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def _sealed(period: Period, *, files: bool = True) -> dict[str, dict]:
    """The latest version of each sealed month of the period, by label (one query).

    Each as a dict: its frozen `figures` and, when asked, its `files` (without
    them, the large column is not even read).
    """
    fields = ["month", "figures"] + (["files"] if files else [])
    latest: dict[str, dict] = {}
    for row in (
        SealedMonth.objects.filter(
            month__gte=period.first_day, month__lt=period.after_last_day
        )
        .order_by("month", "-version")
        .values(*fields)
    ):
        latest.setdefault(f"{row['month']:%Y-%m}", row)
    return latest


def _rule_changed_since(sealed: dict[str, dict], period: Period) -> bool:
    """Whether the small-group rule changed after the first sealed month ended.

    A month is sealed under the rule in force at its end (`services.month_files`);
    when no new value took effect since, every sealed month was redacted under
    the rule in force now (one query).
    """
    if not sealed:
        return False
    first = Month.parse(min(sealed))
    return RuleVersion.objects.filter(
        key__in=THRESHOLD_RULES,
        effective_at__gt=first.ends_at,
        effective_at__lte=period.now,
    ).exists()


def _open_month(month: Month, now, *, files: bool = True) -> dict:
    """A month not sealed yet, computed alone (as of now)."""
    one = Period.one(month, now=now)
    if files:
        built = package.build(one)
        return {"figures": json.loads(built["figures.json"]), "files": built}
    figures = package.figures_data(package.raw_rows(one), package.thresholds(one))
    return {"figures": {"figures": figures}}


def _combinable(sealed: dict[str, dict], period: Period) -> bool:
    """Whether each sealed month's own figures can be put side by side as they are."""
    if _rule_changed_since(sealed, period):
        return False
    for row in sealed.values():
        frozen = row["figures"].get("figures", {})
        for key, figure in CATALOGUE.items():
            if key not in frozen or frozen[key]["version"] != figure.version:
                return False
    return True


def _combined(months: list[dict]) -> dict:
    """The period's figures from each month's own (figures.json's `figures`)."""
    data = {}
    for key, figure in CATALOGUE.items():
        results = [month[key]["result"] for month in months]
        by_month: dict = {}
        for result in results:
            by_month.update(result["months"])
        totals = [result["total"] for result in results]
        if figure.compute is None:  # sums: the period's total adds the months'
            total = None if None in totals else sum(totals)
        elif any(t is not None for t in totals):
            raise _Apart(key)
        else:  # the other figures are read month by month, without a total
            total = None
        data[key] = {
            "version": figure.version,
            "unit": figure.unit,
            "result": {"months": dict(sorted(by_month.items())), "total": total},
        }
    return data


def _months(period: Period, sealed: dict, *, files: bool) -> list[dict]:
    return [
        sealed.get(month.label) or _open_month(month, period.now, files=files)
        for month in period.months
    ]


def figures(period: Period | None = None) -> dict:
    """What the period's figures.json holds (last twelve months by default).

    Only the figures: a sealed month's files are not even read.
    """
    period = period or Period.last_months(12, now=timezone.now())
    sealed = _sealed(period, files=False)
    if not _combinable(sealed, period):
        return json.loads(recomputed(period)["figures.json"])
    months = _months(period, sealed, files=False)
    try:
        combined = _combined([month["figures"]["figures"] for month in months])
    except _Apart:
        return json.loads(recomputed(period)["figures.json"])
    return {
        "period": period.label,
        "data_as_of": period.now.isoformat(timespec="seconds"),
        "figures": combined,
    }


def build(period: Period | None = None) -> dict[str, str]:
    """The period's package (last twelve months by default), as exact texts."""
    period = period or Period.last_months(12, now=timezone.now())
    limits = package.thresholds(period)
    sealed = _sealed(period)
    if not _combinable(sealed, period):
        return recomputed(period, sealed)
    months = _months(period, sealed, files=True)
    data_as_of = period.now.isoformat(timespec="seconds")
    try:
        combined = _combined([month["figures"]["figures"] for month in months])
    except _Apart:
        return recomputed(period, sealed)
    files: dict[str, str] = {}
    for key in CATALOGUE:
        name = package.file_name(key)
        texts = [month["files"][name] for month in months]
        if not all(text.startswith(HEADER) for text in texts):
            return recomputed(period, sealed)
        files[name] = HEADER + "".join(text[len(HEADER) :] for text in texts)
    files["figures.json"] = package.dumps(
        {"period": period.label, "data_as_of": data_as_of, "figures": combined}
    )
    files["recompute.py"] = package.recompute_text()
    files["datapackage.json"] = package.dumps(
        package.descriptor(period, files, limits, data_as_of)
    )
    return files


def published_rows(period: Period, sealed: dict | None = None) -> dict[str, list[dict]]:
    """Every figure's published rows over the period, month by month."""
    sealed = _sealed(period) if sealed is None else sealed
    rows: dict[str, list[dict]] = {key: [] for key in CATALOGUE}
    for month in period.months:
        snapshot = sealed.get(month.label) or _open_month(month, period.now)
        for key in CATALOGUE:
            rows[key] += _csv_rows(snapshot["files"][package.file_name(key)])
    return rows


def recomputed(period: Period, sealed: dict | None = None) -> dict[str, str]:
    """The package with every figure run again over the months' published rows."""
    limits = package.thresholds(period)
    rows = {
        key: CATALOGUE[key].published_rows(key_rows, limits)
        for key, key_rows in published_rows(period, sealed).items()
    }
    return package.assemble(period, rows, limits)
