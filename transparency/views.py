"""Public pages and files: the dashboard, each figure's definition, open data."""

from __future__ import annotations

import datetime as dt
import re

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from governance.models import Result

from . import package, rollup
from .display import figure_view, month_name
from .figures import CATALOGUE, FAMILIES
from .labels import FAMILY_LABELS
from .models import SealedMonth
from .periods import Month, Period

CONTENT_TYPES = {
    ".json": "application/json; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".py": "text/x-python; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def current_files() -> dict[str, str]:
    """The current package: sealed months plus a roll-up of the others (5-minute cache)."""
    period = Period.last_months(12)
    return cache.get_or_set(
        f"transparency:package:{period.label}", lambda: rollup.build(period), 300
    )


def current_figures() -> dict:
    """The current figures only (what figures.json holds; 5-minute cache)."""
    period = Period.last_months(12)
    return cache.get_or_set(
        f"transparency:figures:{period.label}", lambda: rollup.figures(period), 300
    )


def dashboard(request):
    data = current_figures()
    period = Period.last_months(12)
    period_text = _("%(first)s to %(last)s") % {
        "first": month_name(period.first.label),
        "last": month_name(period.last.label),
    }
    families = _families(data, period_text)
    sealed = SealedMonth.objects.order_by("-month", "-version").only(
        "month", "version", "erratum", "manifest_sha256"
    )[:24]
    return render(
        request,
        "transparency/dashboard.html",
        {
            "families": families,
            "period_text": period_text,
            "data_as_of": dt.datetime.fromisoformat(data["data_as_of"]),
            "sealed": [(s, month_name(f"{s.month:%Y-%m}")) for s in sealed],
            "recounts": recounts(period.starts_at, period.ends_at),
        },
    )


def recounts(starts_at: dt.datetime, ends_at: dt.datetime) -> list[tuple[str, str]]:
    """Each vote closed in the period, with the page where anyone recounts it."""
    return [
        (title, reverse("governance:motion_results", args=[pk]))
        for pk, title in Result.objects.filter(
            motion__closed_at__gte=starts_at, motion__closed_at__lt=ends_at
        )
        .order_by("motion__closed_at", "motion_id")
        .values_list("motion_id", "motion__title")
    ]


def _families(data: dict, period_text: str) -> list:
    return [
        (
            str(FAMILY_LABELS[family]),
            family,
            [
                figure_view(key, data, period_text=period_text)
                for key, figure in CATALOGUE.items()
                if figure.family == family and key in data["figures"]
            ],
        )
        for family in FAMILIES
    ]


def report_list(request):
    """The sealed months, newest first: each one's frozen figures."""
    sealed = SealedMonth.objects.order_by("-month", "-version").only(
        "month", "version", "erratum"
    )
    latest: dict = {}
    for row in sealed:
        latest.setdefault(row.month, row)
    return render(
        request,
        "transparency/report_list.html",
        {
            "reports": [
                (row, month_name(f"{row.month:%Y-%m}")) for row in latest.values()
            ]
        },
    )


def report_detail(request, month):
    """One sealed month as it was frozen: figures from the snapshot, never recomputed."""
    sealed = _sealed(month, request)
    label = month_name(month)
    return render(
        request,
        "transparency/report_detail.html",
        {
            "sealed": sealed,
            "month_label": label,
            "families": _families(sealed.figures, label),
            "crumbs": [
                (_("Open accounts"), reverse("transparency:dashboard")),
                (_("Monthly reports"), reverse("transparency:reports")),
                (label, ""),
            ],
            "data_as_of": sealed.data_as_of,
            "recounts": recounts(
                Month.parse(month).starts_at, Month.parse(month).ends_at
            ),
        },
    )


def figure_detail(request, figure_key):
    figure = CATALOGUE.get(figure_key)
    if figure is None:
        raise Http404
    lang = "fr" if request.LANGUAGE_CODE.startswith("fr") else "en"
    versions = [(figure.version, figure.definition[lang], True)]
    for version, note in reversed(figure.history):
        versions.append((version, note[lang], False))
    crumbs = [
        (_("Open accounts"), reverse("transparency:dashboard")),
        (figure.title[lang], ""),
    ]
    return render(
        request,
        "transparency/figure_detail.html",
        {
            "figure": figure,
            "title": figure.title[lang],
            "family": FAMILY_LABELS[figure.family],
            "versions": versions,
            "crumbs": crumbs,
            "file_name": package.file_name(figure.key),
        },
    )


def _file(files: dict[str, str], name: str) -> HttpResponse:
    if name not in files:
        raise Http404
    suffix = name[name.rfind(".") :]
    response = HttpResponse(
        files[name].encode("utf-8"), content_type=CONTENT_TYPES[suffix]
    )
    response["Access-Control-Allow-Origin"] = "*"
    if suffix in (".csv", ".py"):
        response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def data_file(request, name):
    return _file(current_files(), name)


def _sealed(month: str, request) -> SealedMonth:
    if not MONTH.match(month):
        raise Http404
    versions = SealedMonth.objects.filter(month=Month.parse(month).first_day)
    version = request.GET.get("version", "")
    if version:
        if not version.isdigit():
            raise Http404
        versions = versions.filter(version=int(version))
    sealed = versions.order_by("-version").first()
    if sealed is None:
        raise Http404
    return sealed


def month_file(request, month, name):
    sealed = _sealed(month, request)
    files = dict(sealed.files)
    files["manifest.txt"] = sealed.manifest
    if sealed.erratum:
        files["erratum.txt"] = sealed.erratum + "\n"
    return _file(files, name)


def obligations(request):
    """Where Ouvrage meets the ranking and platform-work transparency obligations."""
    crumbs = [
        (_("Open accounts"), reverse("transparency:dashboard")),
        (_("Ranking and platform work: our obligations"), ""),
    ]
    return render(request, "transparency/obligations.html", {"crumbs": crumbs})
