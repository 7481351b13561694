"""What every PDF shares: the DejaVu font (é, œ, ’, «», €), one stylesheet, the company
header (name, address, logo), a footer with the page number and the date, and write_pdf."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from io import BytesIO
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from rcdesk.core.files import write_atomically
from rcdesk.core.formatting import format_date
from rcdesk.paths import FONTS
from rcdesk.services.settings import CompanyProfile, format_phone


def pdf_phone(e164: str, home: str | None = None) -> str:
    """format_phone for a PDF: its spaces non-breaking, so that a paragraph never splits a
    number across two lines ("joignable au 05 22" / "12 34 56")."""
    return format_phone(e164, home).replace(" ", "\u00a0")


FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
ACCENT = colors.HexColor("#1F4E79")
MARGIN = 18 * mm
HEADER_HEIGHT = 24 * mm

_registered = False


def write_pdf(build: Callable[[str], object], path: str | Path, *,
              overwrite: bool = False) -> Path:
    """The one way a report reaches its file: build(temporary_path) draws the PDF into a
    temporary file in the destination folder, which is then renamed to path (atomic).

    A build that fails leaves no partial file and an existing file untouched. An existing
    file is replaced only when overwrite is True (the CLI's --force, a save dialog that
    already asked); otherwise a French ServiceError (core.files.OutputExists) names it."""
    return write_atomically(build, path, overwrite=overwrite)


def register_fonts() -> None:
    global _registered
    if _registered:
        return
    for name in (FONT, FONT_BOLD, FONT_ITALIC):
        pdfmetrics.registerFont(TTFont(name, str(FONTS / f"{name}.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC,
                                  boldItalic=FONT_BOLD)
    _registered = True


def stylesheet() -> StyleSheet1:
    """The one stylesheet of every report."""
    register_fonts()
    sheet = StyleSheet1()
    sheet.add(ParagraphStyle("Body", fontName=FONT, fontSize=10, leading=13.5))
    sheet.add(ParagraphStyle("Small", parent=sheet["Body"], fontSize=8, leading=10))
    sheet.add(ParagraphStyle("Title", parent=sheet["Body"], fontName=FONT_BOLD, fontSize=18,
                             leading=22, spaceAfter=8, textColor=ACCENT))
    sheet.add(ParagraphStyle("Heading1", parent=sheet["Body"], fontName=FONT_BOLD, fontSize=14,
                             leading=18, spaceBefore=10, spaceAfter=6, textColor=ACCENT))
    sheet.add(ParagraphStyle("Heading2", parent=sheet["Body"], fontName=FONT_BOLD, fontSize=11.5,
                             leading=15, spaceBefore=8, spaceAfter=4))
    sheet.add(ParagraphStyle("TableCell", parent=sheet["Body"], fontSize=8.5, leading=10.5))
    sheet.add(ParagraphStyle("TableHead", parent=sheet["TableCell"], fontName=FONT_BOLD,
                             textColor=colors.white))
    sheet.add(ParagraphStyle("Right", parent=sheet["Body"], alignment=TA_RIGHT))
    return sheet


def table_style_commands() -> list:
    """Grid, header band and zebra rows shared by the reports' tables."""
    return [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("FONTNAME", (0, 0), (-1, 0), FONT_BOLD),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#EEF3F8")]),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#A6B4C4")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]


class CompanyDocTemplate(BaseDocTemplate):
    """A4 pages (pagesize=landscape(A4) for wide tables) with the company header on each page
    and 'Page N / M — date' in the footer. Documents handed to customers (letters, the charter
    poster) pass footer=False: the internal footer is for the shop's own reports."""

    def __init__(self, filename: str | Path | BytesIO, company: CompanyProfile, title: str,
                 *, printed_on: date | None = None, header: bool = True, footer: bool = True,
                 pagesize=A4, **kwargs):
        register_fonts()
        target = str(filename) if isinstance(filename, Path) else filename
        super().__init__(target, pagesize=pagesize, title=title, author=company.name or "rcdesk",
                         creator="rcdesk", leftMargin=MARGIN, rightMargin=MARGIN,
                         topMargin=MARGIN + (HEADER_HEIGHT if header else 0),
                         bottomMargin=MARGIN, **kwargs)
        self.company = company
        self.report_title = title
        self.printed_on = printed_on or date.today()
        self.with_header = header
        self.with_footer = footer
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])

    def build(self, flowables, **kwargs):
        if not self.with_footer:
            super().build(list(flowables), **kwargs)
            return
        footer_left = f"{self.report_title} — {self.company.name}"
        footer_right = f"imprimé le {format_date(self.printed_on)}"

        def make_canvas(*args, **kw):
            return _NumberedCanvas(*args, footer_left=footer_left, footer_right=footer_right, **kw)

        super().build(list(flowables), canvasmaker=make_canvas, **kwargs)

    def _decorate(self, canvas, doc) -> None:
        if self.with_header:
            width, height = self.pagesize
            canvas.saveState()
            draw_company_header(canvas, self.company, MARGIN, height - MARGIN, width - 2 * MARGIN)
            canvas.restoreState()


class _NumberedCanvas(Canvas):
    """Holds each page until the end so the footer can say "Page 2 / 7"."""

    def __init__(self, *args, footer_left: str = "", footer_right: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._footer_left = footer_left
        self._footer_right = footer_right

    def showPage(self):  # noqa: N802 - ReportLab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_footer(total)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        width = self._pagesize[0]
        self.saveState()
        self.setFont(FONT, 8)
        self.setFillColor(colors.grey)
        self.drawString(MARGIN, MARGIN / 2, self._footer_left)
        self.drawRightString(width - MARGIN, MARGIN / 2,
                             f"Page {self._pageNumber} / {total} — {self._footer_right}")
        self.restoreState()


def draw_company_header(canvas, company: CompanyProfile, x: float, top: float, width: float):
    """Logo at the left (if any), name and contact lines beside it, a rule beneath."""
    text_x = x
    if company.logo:
        try:
            image = ImageReader(BytesIO(company.logo))
            iw, ih = image.getSize()
            h = 16 * mm
            w = min(40 * mm, h * iw / ih)
            canvas.drawImage(image, x, top - h, width=w, height=h, preserveAspectRatio=True,
                             mask="auto")
            text_x = x + w + 5 * mm
        except Exception:  # noqa: BLE001 - a broken logo must not stop a letter
            pass
    canvas.setFillColor(ACCENT)
    canvas.setFont(FONT_BOLD, 13)
    canvas.drawString(text_x, top - 5 * mm, company.name or "Entreprise sans nom")
    canvas.setFillColor(colors.black)
    canvas.setFont(FONT, 8.5)
    lines = [company.address.replace("\n", ", "),
             " ".join(p for p in (company.postal_code, company.city) if p),
             " · ".join(p for p in (pdf_phone(company.phone, company.country), company.email) if p)]
    y = top - 9.5 * mm
    for line in (text for text in lines if text.strip()):
        canvas.drawString(text_x, y, line)
        y -= 3.8 * mm
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(0.8)
    canvas.line(x, top - HEADER_HEIGHT + 4 * mm, x + width, top - HEADER_HEIGHT + 4 * mm)
