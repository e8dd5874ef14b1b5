"""Blocks of the monthly and yearly reports: the narrative editors write, and figures
taken by key from the sealed snapshots (an editor chooses a figure, never types a
value). A yearly report gathers its months' seals; its narrative follows the
sections of a French cooperative's management report (rapport de gestion)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from transparency.display import figure_view, language, month_name
from transparency.figures import CATALOGUE

from .blocks import RICH_TEXT_FEATURES, HeadingBlock


def figure_key_choices() -> list[tuple[str, str]]:
    """Every figure of the catalogue, by its title in the editor's language."""
    return [(key, figure.title[language()]) for key, figure in CATALOGUE.items()]


class SealedFigureBlock(blocks.StructBlock):
    """One figure of the month, read by key from the page's sealed snapshot.

    The value is never stored in the page: the block renders what the month's
    seal froze, so a report cannot say something the open data does not.
    """

    key = blocks.ChoiceBlock(choices=figure_key_choices, label=_("figure"))

    class Meta:
        template = "blocks/sealed_figure.html"
        icon = "table"
        label = _("figure from the sealed month")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = (parent_context or {}).get("page")
        context["view"] = sealed_view(page, value["key"])
        return context


def sealed_view(page, key: str):
    """The figure `key` as the page's seals froze it, or None (no seal, no such key).

    The page says which snapshot it reads: a monthly report its month's seal, a
    yearly report the seals of its year's months (`figure_view`)."""
    if page is None or not hasattr(page, "figure_view"):
        return None
    return page.figure_view(key)


def month_view(sealed, key: str):
    """The figure `key` of one sealed month, or None."""
    if sealed is None or key not in sealed.figures.get("figures", {}):
        return None
    return figure_view(
        key, sealed.figures, period_text=month_name(f"{sealed.month:%Y-%m}")
    )


def year_data(seals, key: str) -> dict | None:
    """The figure `key` over a year, from each sealed month's own month.

    Each month's row is what that month's seal froze; the year's total is the sum
    of the months' sealed totals (each month's total also counts what that month
    pooled to protect small groups), and is hidden when any of them is: a hidden
    cell is never recovered by adding. None if no seal carries the figure; a
    figure with nothing to count in the year shows as such."""
    months, totals = {}, []
    for sealed in seals:
        result = sealed.figures.get("figures", {}).get(key, {}).get("result")
        if not isinstance(result, dict):
            continue
        totals.append(result.get("total"))
        entry = (result.get("months") or {}).get(f"{sealed.month:%Y-%m}")
        if isinstance(entry, dict):
            months[f"{sealed.month:%Y-%m}"] = entry
    if not totals:
        return None
    total = None if None in totals else sum(totals)
    return {"figures": {key: {"result": {"months": months, "total": total}}}}


def year_view(seals, key: str, year: int):
    """The figure `key` for the year: one row per sealed month, or None."""
    data = year_data(seals, key)
    if data is None:
        return None
    return figure_view(key, data, period_text=str(year))


class ReportBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("paragraph"),
        template="blocks/paragraph.html",
    )
    figure = SealedFigureBlock()


# the sections of a French cooperative's management report (Code de commerce
# L.232-1 and R.225-102, loi du 10 septembre 1947 for the reserves, D.441-6 for
# payment terms), in the order an assembly reads them
MANAGEMENT_SECTIONS = (
    ("activity", _("Activity of the year")),
    ("result", _("Result of the year and proposed allocation")),
    ("membership", _("Changes in membership")),
    ("governance", _("Cooperative life and governance")),
    ("payment_terms", _("Payment terms of suppliers and customers")),
    ("research", _("Research and development")),
    ("after_closing", _("Significant events since the year ended")),
    ("outlook", _("Outlook")),
)


class ManagementSectionBlock(blocks.StructBlock):
    """One section of the management report: its title is chosen, its text written."""

    kind = blocks.ChoiceBlock(choices=MANAGEMENT_SECTIONS, label=_("section"))
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("text"))

    class Meta:
        template = "cms/report_section_block.html"
        icon = "doc-full"
        label = _("section of the management report")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["section_title"] = section_title(value["kind"])
        return context


def section_title(kind: str) -> str:
    return str(dict(MANAGEMENT_SECTIONS).get(kind, ""))


class YearlyReportBodyBlock(blocks.StreamBlock):
    section = ManagementSectionBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("paragraph"),
        template="blocks/paragraph.html",
    )
    figure = SealedFigureBlock()
