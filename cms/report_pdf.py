"""A monthly or yearly report as a PDF (reportlab, pure Python), from the same sealed
snapshots as the page: the narrative as written, each figure block as its frozen
table."""

import io
import re
from html import unescape
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from transparency.display import month_name

from .report_blocks import sealed_view, section_title

TAG = re.compile(r"<[^>]+>")


def plain(html: str) -> str:
    """Rich text as plain text, escaped for reportlab's paragraph markup."""
    return escape(unescape(TAG.sub(" ", html)).strip())


def _table(view):
    rows = [view.headers, *view.rows]
    table = Table([[escape(str(cell)) for cell in row] for row in rows], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9ecef")),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
            ]
        )
    )
    return table


def _seal_notes(page) -> list[str]:
    """What the figures are: the month's seal, or the year's sealed months."""
    if hasattr(page, "seals"):
        seals = page.seals()
        if not seals:
            return []
        notes = [
            _("Figures of the months of %(year)s as sealed: %(months)s.")
            % {
                "year": page.year,
                "months": ", ".join(
                    month_name(f"{sealed.month:%Y-%m}") for sealed in seals
                ),
            }
        ]
        return notes + [
            _("Erratum for %(month)s: %(text)s")
            % {"month": month_name(f"{sealed.month:%Y-%m}"), "text": sealed.erratum}
            for sealed in seals
            if sealed.erratum
        ]
    sealed = page.sealed()
    if sealed is None:
        return []
    notes = [
        _("Figures of %(month)s as sealed (version %(version)s).")
        % {
            "month": month_name(f"{sealed.month:%Y-%m}"),
            "version": sealed.version,
        }
    ]
    if sealed.erratum:
        notes.append(_("Erratum: %(text)s") % {"text": sealed.erratum})
    return notes


def report_pdf(page) -> bytes:
    """The PDF's bytes for a MonthlyReportPage or YearlyReportPage (in the active
    language)."""
    styles = getSampleStyleSheet()
    story = [Paragraph(escape(page.title), styles["Title"])]
    if page.intro:
        story.append(Paragraph(escape(page.intro), styles["Italic"]))
    for note in _seal_notes(page):
        story.append(Paragraph(escape(note), styles["Normal"]))
    story.append(Spacer(1, 0.4 * cm))
    for block in page.body:
        if block.block_type == "heading":
            story.append(Paragraph(escape(block.value["text"]), styles["Heading2"]))
        elif block.block_type == "section":
            title = section_title(block.value["kind"])
            story.append(Paragraph(escape(title), styles["Heading2"]))
            story.append(
                Paragraph(plain(block.value["text"].source), styles["BodyText"])
            )
        elif block.block_type == "paragraph":
            story.append(Paragraph(plain(block.value.source), styles["BodyText"]))
        elif block.block_type == "figure":
            view = sealed_view(page, block.value["key"])
            if view is None:
                continue
            story.append(Paragraph(escape(view.title), styles["Heading3"]))
            story.append(Paragraph(escape(view.sentence), styles["BodyText"]))
            story.append(_table(view))
            story.append(Spacer(1, 0.3 * cm))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=page.title,
        author="Ouvrage",
        invariant=1,
        pageCompression=0,  # plain text streams: a reader can search and diff them
    )
    document.build(story)
    return buffer.getvalue()
