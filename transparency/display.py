"""From figures.json to what a reader sees: formatted tables, sentences, SVG charts.

Charts are drawn here, on the server, as SVG text: role="img", a <title> and a
<desc> in the reader's language; the same numbers are in the table beside.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.templatetags.ui import days, format_money

from .figures import CATALOGUE
from .labels import CELL_UNITS, FAMILY_LABELS, cell_label


def language() -> str:
    return "fr" if (get_language() or "fr").startswith("fr") else "en"


def _decimal(whole: int, fraction: int, digits: int) -> str:
    separator = "," if language() == "fr" else "."
    sign = "-" if whole < 0 or fraction < 0 else ""
    return f"{sign}{abs(whole)}{separator}{abs(fraction):0{digits}d}"


def format_value(value, unit: str) -> str:
    if value is None:
        return _("hidden")
    space = "\u00a0" if language() == "fr" else ""
    if unit == "cents":
        return format_money(value)
    if unit == "days":
        return days(value)
    if unit == "percent":
        return f"{value}{space}%"
    if unit == "basis_points":
        return f"{_decimal(value // 100, value % 100, 2)}{space}%"
    if unit == "permille":
        return f"{_decimal(value // 10, value % 10, 1)}{space}%"
    if language() == "fr":
        return f"{value:,}".replace(",", "\u202f")
    return f"{value:,}"


def share_text(text: str) -> str:
    """ "12.5" (figures.json) → "12,5 %" / "12.5%"."""
    if language() == "fr":
        return text.replace(".", ",") + "\u00a0%"
    return text + "%"


def month_name(label: str, *, short=False) -> str:
    day = dt.date(int(label[:4]), int(label[5:7]), 1)
    return date_format(day, "M Y" if short else "F Y")


@dataclass
class FigureView:
    key: str
    title: str
    family: str
    definition: str
    version: int
    sentence: str
    headers: list
    rows: list
    total: str
    chart: str
    hidden_any: bool


def _unit(figure, cell):
    return CELL_UNITS.get(cell, figure.unit)


def _series(figure, result) -> tuple[str, list[tuple[str, int | None]]]:
    """The one series the chart draws: the month totals, or the first cell."""
    months = sorted(result["months"])
    if figure.compute is None:
        return figure.unit, [(m, result["months"][m]["total"]) for m in months]
    cell = figure.cells[0] if figure.cells else "share"
    if figure.key == "value.platform_share":
        cell = "share"
    return _unit(figure, cell), [
        (m, result["months"][m]["cells"].get(cell)) for m in months
    ]


def chart_svg(figure, result, *, uid: str) -> str:
    unit, series = _series(figure, result)
    title = figure.title[language()]
    values = [v for _m, v in series if v is not None]
    width, height, left, bottom, top = 640, 240, 8, 40, 16
    slot = (width - 2 * left) / max(len(series), 1)
    high = max([0, *values])
    low = min([0, *values])
    span = (high - low) or 1
    plot = height - bottom - top

    def y(value):
        return top + (high - value) * plot / span

    parts = []
    for index, (month, value) in enumerate(series):
        x = left + index * slot + slot * 0.15
        w = slot * 0.7
        label = escape(month_name(month, short=True))
        parts.append(
            f'<text x="{x + w / 2:.1f}" y="{height - bottom + 16}" '
            f'text-anchor="middle" class="chart-axis">{label}</text>'
        )
        if value is None:
            parts.append(
                f'<text x="{x + w / 2:.1f}" y="{y(0) - 4:.1f}" text-anchor="middle" '
                f'class="chart-hidden">\u00d7</text>'
            )
            continue
        y0, y1 = sorted((y(0), y(value)))
        tone = "chart-bar" if value >= 0 else "chart-bar chart-negative"
        parts.append(
            f'<rect x="{x:.1f}" y="{y0:.1f}" width="{w:.1f}" '
            f'height="{max(y1 - y0, 1):.1f}" class="{tone}"/>'
        )
    parts.append(
        f'<line x1="{left}" x2="{width - left}" y1="{y(0):.1f}" y2="{y(0):.1f}" '
        f'class="chart-zero"/>'
    )
    desc = _describe(series, unit)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{uid}-t {uid}-d" class="figure-chart" '
        f'focusable="false">'
        f'<title id="{uid}-t">{escape(title)}</title>'
        f'<desc id="{uid}-d">{escape(desc)}</desc>' + "".join(parts) + "</svg>"
    )


def _describe(series, unit) -> str:
    if not series:
        return _("No data for this period.")
    known = [(m, v) for m, v in series if v is not None]
    first, last = month_name(series[0][0]), month_name(series[-1][0])
    text = _("Bar chart, one bar per month from %(first)s to %(last)s.") % {
        "first": first,
        "last": last,
    }
    if known:
        top = max(known, key=lambda item: item[1])
        bottom = min(known, key=lambda item: item[1])
        text += " " + _(
            "Highest: %(month)s, %(value)s. Lowest: %(lmonth)s, %(lvalue)s."
        ) % {
            "month": month_name(top[0]),
            "value": format_value(top[1], unit),
            "lmonth": month_name(bottom[0]),
            "lvalue": format_value(bottom[1], unit),
        }
    hidden = len(series) - len(known)
    if hidden:
        text += " " + _("Months hidden to protect small groups: %(count)s.") % {
            "count": hidden
        }
    return text


def _sentence(figure, result, period_text) -> str:
    unit, series = _series(figure, result)
    if figure.compute is None and result.get("total") is not None:
        return _("%(title)s over %(period)s: %(total)s in all.") % {
            "title": figure.title[language()],
            "period": period_text,
            "total": format_value(result["total"], figure.unit),
        }
    last = [(m, v) for m, v in series if v is not None]
    if not last:
        return _("%(title)s: nothing to show for %(period)s.") % {
            "title": figure.title[language()],
            "period": period_text,
        }
    month, value = last[-1]
    return _("%(title)s: %(value)s in %(month)s.") % {
        "title": figure.title[language()],
        "value": format_value(value, unit),
        "month": month_name(month),
    }


def _safe(svg: str):
    """The chart's markup: chart_svg escapes every text it puts inside."""
    return mark_safe(svg)  # noqa: S308


def figure_view(key: str, data: dict, *, period_text: str) -> FigureView:
    figure = CATALOGUE[key]
    result = data["figures"][key]["result"]
    months = sorted(result["months"])
    cells: list[str] = []
    for month in months:
        for cell in result["months"][month]["cells"]:
            if cell not in cells:
                cells.append(cell)
    headers = [_("Month"), *[cell_label(cell) for cell in cells]]
    has_total = figure.compute is None
    if has_total:
        headers.append(_("Total"))
    rows, hidden_any = [], False
    for month in months:
        entry = result["months"][month]
        row = [month_name(month)]
        for cell in cells:
            value = entry["cells"].get(cell, 0 if has_total else None)
            if value is None:
                hidden_any = True
            text = format_value(value, _unit(figure, cell))
            share = entry.get("shares", {}).get(cell)
            row.append(f"{text} ({share_text(share)})" if share else text)
        if has_total:
            row.append(format_value(entry["total"], figure.unit))
            hidden_any = hidden_any or entry["total"] is None
        rows.append(row)
    total = ""
    if has_total:
        total = format_value(result["total"], figure.unit)
    return FigureView(
        key=key,
        title=figure.title[language()],
        family=str(FAMILY_LABELS[figure.family]),
        definition=figure.definition[language()],
        version=figure.version,
        sentence=_sentence(figure, result, period_text),
        headers=headers,
        rows=rows,
        total=total,
        chart=_safe(chart_svg(figure, result, uid="chart-" + key.replace(".", "-"))),
        hidden_any=hidden_any,
    )
