"""Blocks of a monthly report: the narrative editors write, and figures taken by key
from the month's sealed snapshot (an editor chooses a figure, never types a value)."""

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
    """The figure `key` as the page's month sealed it, or None (no seal, no such key)."""
    sealed = page.sealed() if page is not None and hasattr(page, "sealed") else None
    if sealed is None or key not in sealed.figures.get("figures", {}):
        return None
    return figure_view(
        key, sealed.figures, period_text=month_name(f"{sealed.month:%Y-%m}")
    )


class ReportBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("paragraph"),
        template="blocks/paragraph.html",
    )
    figure = SealedFigureBlock()
