"""Live figures the home page shows, looked up by key.

A registry of figures the public site may read, each a function of the apps
below it (the layers allow cms to read billing and missions). When the
transparency catalogue (issue 12) lands, its figures join this registry by key
and the FiguresBlock shows them unchanged. An unknown key (a figure withdrawn)
is left out of the page, never shown as a raw key.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from billing.selectors import active_members
from missions.selectors import value_figures


@dataclass(frozen=True)
class Figure:
    label: str
    read: Callable[[], int | None]
    unit: str = ""  # "cents" for an amount in euros, "days", or "" for a count


FIGURES: dict[str, Figure] = {
    "members.active": Figure(_("members"), lambda: active_members().count()),
    "missions.count": Figure(_("missions"), lambda: value_figures()["missions"]),
    "missions.value_contracted": Figure(
        _("contracted between members"),
        lambda: value_figures()["value_contracted_cents"],
        unit="cents",
    ),
    "platform.share": Figure(
        _("taken by the platform on missions"),
        lambda: value_figures()["platform_share_cents"],
        unit="cents",
    ),
}


def figure_choices() -> list[tuple[str, str]]:
    return [(key, figure.label) for key, figure in FIGURES.items()]


def read_figures(keys) -> list[dict]:
    """The figures of `keys` that exist, with their value now."""
    return [
        {
            "label": FIGURES[key].label,
            "value": FIGURES[key].read(),
            "unit": FIGURES[key].unit,
        }
        for key in keys
        if key in FIGURES
    ]
