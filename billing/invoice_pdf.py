"""Invoice PDFs for bank transfers, written by a small pure-Python PDF writer.

Why not a library: an invoice is a page of text and a few rules. The PDF
needed for that (one page, the standard Helvetica fonts, WinAnsi encoding
for French accents and the euro sign) is ~100 lines with no dependency, no
C extension and nothing that could call out to a third party. ReportLab or
fpdf2 would add a dependency (and for ReportLab a large one) for no gain here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .models import Invoice

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 56


def _pdf_text(text: str) -> str:
    """A PDF string literal in WinAnsi (cp1252): accents and € print correctly."""
    raw = text.encode("cp1252", errors="replace").decode("latin-1")
    escaped = raw.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return f"({escaped})"


@dataclass
class Page:
    """Drawing commands of one page (text in Helvetica, horizontal rules)."""

    ops: list[str] = field(default_factory=list)

    def text(
        self, x: float, y: float, text: str, *, size: float = 10, bold: bool = False
    ):
        font = "F2" if bold else "F1"
        self.ops.append(
            f"BT /{font} {size} Tf {x:.1f} {y:.1f} Td {_pdf_text(text)} Tj ET"
        )

    def text_right(self, x_right: float, y: float, text: str, *, size=10, bold=False):
        # Helvetica's average width is about half the size: good enough for figures
        width = _width(text, size)
        self.text(x_right - width, y, text, size=size, bold=bold)

    def rule(self, y: float, *, x0: float = MARGIN, x1: float = PAGE_WIDTH - MARGIN):
        self.ops.append(f"0.5 w {x0:.1f} {y:.1f} m {x1:.1f} {y:.1f} l S")


# widths of Helvetica digits and common characters, per 1000 units of size
_WIDTHS = dict.fromkeys("0123456789", 556) | {
    " ": 278,
    ",": 278,
    ".": 278,
    "€": 556,
    "-": 333,
}


def _width(text: str, size: float) -> float:
    return sum(_WIDTHS.get(char, 556) for char in text) * size / 1000


def render(pages: list[Page], *, title: str) -> bytes:
    """Serialise pages into a PDF 1.4 document."""
    objects: list[bytes] = []

    def add(body: str | bytes) -> int:
        objects.append(body.encode("latin-1") if isinstance(body, str) else body)
        return len(objects)

    catalog = add("")  # filled once the page tree number is known
    pages_ref = add("")
    font_regular = add(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    font_bold = add(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
    )
    kids = []
    for page in pages:
        stream = "\n".join(page.ops).encode("latin-1")
        content = add(
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
        )
        kids.append(
            add(
                f"<< /Type /Page /Parent {pages_ref} 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
                f"/Resources << /Font << /F1 {font_regular} 0 R /F2 {font_bold} 0 R >> >> "
                f"/Contents {content} 0 R >>"
            )
        )
    info = add(f"<< /Title {_pdf_text(title)} /Producer (Ouvrage) >>")
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_ref} 0 R >>".encode()
    objects[pages_ref - 1] = (
        f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>"
    ).encode()

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += (
        b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, catalog, info, xref)
    )
    return bytes(out)


def _money(cents: int) -> str:
    whole, part = divmod(abs(cents), 100)
    grouped = f"{whole:,}".replace(",", " ")
    return f"{'-' if cents < 0 else ''}{grouped},{part:02d} €"


def _day(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def invoice_pdf(invoice: Invoice, *, language: str = "fr") -> bytes:
    """The PDF of a transfer invoice, from the invoice's stored (frozen) data."""
    with translation.override(language):
        page = Page()
        y = PAGE_HEIGHT - MARGIN
        page.text(MARGIN, y, "Ouvrage", size=20, bold=True)
        page.text_right(
            PAGE_WIDTH - MARGIN,
            y,
            _("Invoice %(number)s") % {"number": invoice.number},
            size=14,
            bold=True,
        )
        y -= 22
        for line in settings.BILLING_SELLER.split("\n"):
            page.text(MARGIN, y, line, size=9)
            y -= 12
        y -= 16
        page.text(MARGIN, y, _("Billed to"), bold=True)
        page.text(330, y, _("Issued on %(day)s") % {"day": _day(invoice.issued_on)})
        y -= 14
        page.text(MARGIN, y, invoice.holder_name)
        page.text(
            330,
            y,
            _("Paid on %(day)s") % {"day": _day(timezone.localtime(invoice.paid_at))},
        )
        y -= 14
        if invoice.transfer_id:
            page.text(
                330,
                y,
                _("Transfer %(reference)s") % {"reference": invoice.transfer.reference},
            )
        y -= 36
        page.text(MARGIN, y, pgettext("invoice line", "Description"), bold=True)
        page.text_right(PAGE_WIDTH - MARGIN, y, _("Amount"), bold=True)
        y -= 6
        page.rule(y)
        y -= 16
        page.text(MARGIN, y, invoice.description)
        page.text_right(PAGE_WIDTH - MARGIN, y, _money(invoice.amount_cents))
        y -= 14
        page.text(
            MARGIN,
            y,
            _("Membership from %(start)s to %(end)s")
            % {"start": _day(invoice.period_start), "end": _day(invoice.period_end)},
            size=9,
        )
        y -= 10
        page.rule(y)
        y -= 18
        page.text(330, y, _("Total paid"), bold=True)
        page.text_right(PAGE_WIDTH - MARGIN, y, _money(invoice.amount_cents), bold=True)
        y -= 40
        page.text(
            MARGIN,
            y,
            _(
                "Ouvrage lives on its members' subscriptions only: no commission on any mission."
            ),
            size=9,
        )
        return render(
            [page], title=_("Invoice %(number)s") % {"number": invoice.number}
        )
