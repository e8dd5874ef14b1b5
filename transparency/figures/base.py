"""What every figure is made of, in Python's standard library only.

This module and the family modules beside it never import Django: their text
is copied into each data package's `recompute.py`, so the site and anyone
holding the package compute every figure with the same code.

A figure reads *detail rows*, one dict per fact, all values strings or ints::

    {"month": "2026-03", "cell": "expert/transfer", "value": 12000, "contributor": "a1b2"}

and returns, per month, its cells, its total and the cells' shares. The rows
of a cell that the small-group rule hides are *redacted* before they are
published: replaced by a marker row (`suppressed` = 1, no value), and their sum
folded into one pooled row per month (cell empty), so a package never tells
more than the published table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

POOLED = ""  # the cell of the pooled row: the sum of a month's suppressed cells
ALL_MONTHS = ""  # the month of the period-wide pooled row


@dataclass(frozen=True)
class Thresholds:
    """The small-group rule (the rules registry holds the values in force)."""

    min_contributors: int = 3
    max_share_percent: int = 85


@dataclass(frozen=True)
class Figure:
    """One public figure: its key, version, definitions and computation."""

    key: str
    family: str
    version: int
    title: dict
    definition: dict
    unit: str  # "cents", "count", "days", "percent" (percents in basis points)
    compute: object = None  # (figure, rows, thresholds) -> result; `sums` when None
    redactor: object = None  # (figure, rows, thresholds) -> published rows
    protected: bool = False  # the small-group rule applies to its cells
    shares: bool = False  # each month's cells get shares summing to 100 %
    cells: tuple = ()  # the cells always shown, in order (others follow, sorted)
    history: tuple = field(default_factory=tuple)  # ((version, {"fr", "en"}), ...)

    def run(self, rows, thresholds=Thresholds()):
        """The published result, from raw rows or from published rows alike."""
        return (self.compute or sums)(self, rows, thresholds)

    def published_rows(self, rows, thresholds=Thresholds()):
        """The detail rows as the data package carries them."""
        return (self.redactor or redact)(self, rows, thresholds)


def largest_remainder(values, total_units=1000):
    """Split `total_units` (1000 = 100.0 %) in proportion to `values`, exactly.

    Each part gets the floor of its quota; the units left go to the largest
    remainders (ties: the earlier part), so the parts always add up.
    """
    whole = sum(values)
    if whole <= 0:
        return [0 for _ in values]
    quotas = [value * total_units for value in values]
    parts = [quota // whole for quota in quotas]
    left = total_units - sum(parts)
    order = sorted(range(len(values)), key=lambda i: (-(quotas[i] % whole), i))
    for i in order[:left]:
        parts[i] += 1
    return parts


def percent_text(tenths):
    """1000 tenths of a percent -> "100.0" (one decimal, a string: no float drift)."""
    return f"{tenths // 10}.{tenths % 10}"


def is_sensitive(value_by_contributor, thresholds):
    """True when a cell rests on too few contributors or one dominates it."""
    contributors = [c for c in value_by_contributor if c]
    if len(contributors) < thresholds.min_contributors:
        return True
    whole = sum(abs(v) for v in value_by_contributor.values())
    if whole == 0:
        return False
    top = max(abs(v) for v in value_by_contributor.values())
    # above the threshold, exactly: 85 % passes, 85.01 % does not
    return top * 100 > thresholds.max_share_percent * whole


def _ordered(figure, cells):
    known = [cell for cell in figure.cells if cell in cells or not figure.protected]
    return known + sorted(cell for cell in cells if cell not in figure.cells)


def suppression(figure, rows, thresholds):
    """The cells and month totals to hide: primary (the rule) and secondary.

    Secondary: a month with exactly one hidden cell hides its smallest other
    non-empty cell too (or its total when there is none); a period with exactly
    one hidden month total hides the period's total too.
    """
    by_cell = {}
    by_month = {}
    for row in rows:
        if row.get("suppressed"):
            continue
        month, cell = row["month"], row["cell"]
        who = row.get("contributor", "")
        cell_map = by_cell.setdefault((month, cell), {})
        cell_map[who] = cell_map.get(who, 0) + int(row["value"])
        month_map = by_month.setdefault(month, {})
        month_map[who] = month_map.get(who, 0) + int(row["value"])
    hidden_cells = {key for key, m in by_cell.items() if is_sensitive(m, thresholds)}
    hidden_totals = {m for m, c in by_month.items() if is_sensitive(c, thresholds)}
    for month in by_month:
        in_month = [key for key in by_cell if key[0] == month]
        hidden = [key for key in in_month if key in hidden_cells]
        if len(hidden) == 1 and month not in hidden_totals:
            others = sorted(
                (key for key in in_month if key not in hidden_cells),
                key=lambda key: (abs(sum(by_cell[key].values())), key[1]),
            )
            if others:
                hidden_cells.add(others[0])
            else:
                hidden_totals.add(month)
        if month in hidden_totals:  # a hidden total hides every cell of its month
            hidden_cells.update(in_month)
    hide_period_total = len(hidden_totals) == 1 or (
        bool(by_month)
        and is_sensitive(
            _merge(by_month.values()),
            thresholds,
        )
    )
    return hidden_cells, hidden_totals, hide_period_total


def _merge(maps):
    merged = {}
    for m in maps:
        for who, value in m.items():
            merged[who] = merged.get(who, 0) + value
    return merged


def redact(figure, rows, thresholds):
    """The rows as published: hidden cells replaced by markers and pooled sums."""
    if not figure.protected:
        return [dict(row) for row in rows]
    if any(row.get("suppressed") for row in rows):
        return [dict(row) for row in rows]  # already published rows
    hidden_cells, hidden_totals, hide_period = suppression(figure, rows, thresholds)
    published, pooled_month, pooled_period = [], {}, 0
    for row in rows:
        key = (row["month"], row["cell"])
        if key not in hidden_cells:
            published.append(dict(row))
        elif row["month"] in hidden_totals:
            pooled_period += int(row["value"])
        else:
            pooled_month[row["month"]] = pooled_month.get(row["month"], 0) + int(
                row["value"]
            )
    for month, cell in sorted(hidden_cells):
        published.append(_marker(month, cell))
    for month in sorted(hidden_totals):
        published.append(_marker(month, POOLED))
    for month, value in sorted(pooled_month.items()):
        published.append(
            {"month": month, "cell": POOLED, "value": value, "contributor": ""}
        )
    if hidden_totals:
        published.append(
            {
                "month": ALL_MONTHS,
                "cell": POOLED,
                "value": pooled_period if not hide_period else "",
                "contributor": "",
                "suppressed": 1 if hide_period else "",
            }
        )
    return published


def _marker(month, cell):
    return {
        "month": month,
        "cell": cell,
        "value": "",
        "contributor": "",
        "suppressed": 1,
    }


def sums(figure, rows, thresholds):
    """Sum of `value` per month and cell, with totals and shares (the common case).

    Works the same on raw rows and on published (redacted) rows.
    """
    published = redact(figure, rows, thresholds)
    hidden, hidden_totals, hide_period = set(), set(), False
    values, pooled, period_pooled = {}, {}, 0
    months = set()
    for row in published:
        month, cell = row["month"], row["cell"]
        if row.get("suppressed"):
            if month == ALL_MONTHS:
                hide_period = True
            elif cell == POOLED:
                hidden_totals.add(month)
                months.add(month)
            else:
                hidden.add((month, cell))
                months.add(month)
            continue
        if month == ALL_MONTHS:
            period_pooled += int(row["value"])
        elif cell == POOLED:
            pooled[month] = pooled.get(month, 0) + int(row["value"])
            months.add(month)
        else:
            values[(month, cell)] = values.get((month, cell), 0) + int(row["value"])
            months.add(month)
    result = {}
    period_total = period_pooled
    for month in sorted(months):
        cells_here = {cell for (m, cell) in values if m == month}
        cells_here |= {cell for (m, cell) in hidden if m == month}
        cells = {}
        for cell in _ordered(figure, cells_here):
            cells[cell] = (
                None if (month, cell) in hidden else values.get((month, cell), 0)
            )
        if month in hidden_totals:
            total = None
        else:
            total = sum(v for v in cells.values() if v is not None) + pooled.get(
                month, 0
            )
            period_total += total
        entry = {"cells": cells, "total": total}
        if figure.shares and total is not None:
            entry["shares"] = _shares(cells, pooled.get(month, 0))
        result[month] = entry
    return {
        "months": result,
        "total": None if hide_period else period_total,
    }


def _shares(cells, pooled):
    names = [cell for cell, value in cells.items() if value is not None]
    values = [max(cells[cell], 0) for cell in names]
    if any(value is None for value in cells.values()):
        names.append(POOLED)  # the hidden cells share one part
        values.append(max(pooled, 0))
    parts = largest_remainder(values)
    return {name: percent_text(part) for name, part in zip(names, parts, strict=False)}


def percentile(sorted_values, fraction_num, fraction_den):
    """The nearest-rank percentile (integers in, integer out: no rounding question)."""
    if not sorted_values:
        return None
    rank = -(-len(sorted_values) * fraction_num // fraction_den)  # ceiling
    return sorted_values[max(rank, 1) - 1]


def redact_thin_months(figure, rows, thresholds, *, cell=None):
    """Hide a month's rows (of `cell`, or all) that fail the small-group rule.

    For figures that are not sums (percentiles, shares of the top): the month's
    rows become one marker row, and the figure shows nothing for that month.
    """
    if any(row.get("suppressed") for row in rows):
        return [dict(row) for row in rows]
    by_month = {}
    for row in rows:
        if cell is None or row["cell"] == cell:
            month_map = by_month.setdefault(row["month"], {})
            who = row.get("contributor", "")
            month_map[who] = month_map.get(who, 0) + int(row["value"])
    thin = {m for m, c in by_month.items() if is_sensitive(c, thresholds)}
    kept = [
        dict(row)
        for row in rows
        if row["month"] not in thin or (cell is not None and row["cell"] != cell)
    ]
    for month in sorted(thin):
        kept.append(_marker(month, cell or POOLED))
    return kept


def thin_months(rows):
    """The months a published (redacted) list of rows marks as hidden."""
    return {row["month"] for row in rows if row.get("suppressed")}
