"""The A4 charter poster for the customer area: logo, name, numbered commitments, date."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Image, Paragraph, Spacer, Table, TableStyle

from rcdesk.core.errors import ServiceError
from rcdesk.core.formatting import format_long_date
from rcdesk.reports.base import (
    ACCENT,
    FONT,
    FONT_BOLD,
    CompanyDocTemplate,
    register_fonts,
    write_pdf,
)
from rcdesk.services.charter.commitments import list_commitments
from rcdesk.services.settings import get_company

TITLE = "Notre charte d’engagements client"
# Type sizes tried from the largest down until the poster fits one page.
SIZES = (24, 22, 20, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9)
NUMBER_WIDTH = 16 * mm


def _styles(size: float) -> dict[str, ParagraphStyle]:
    return {
        "name": ParagraphStyle("PosterName", fontName=FONT_BOLD, fontSize=20, leading=24,
                               alignment=TA_CENTER, textColor=colors.black),
        "title": ParagraphStyle("PosterTitle", fontName=FONT_BOLD, fontSize=24, leading=29,
                                alignment=TA_CENTER, textColor=ACCENT, spaceBefore=2 * mm),
        "item": ParagraphStyle("PosterItem", fontName=FONT, fontSize=size, leading=size * 1.25),
        "number": ParagraphStyle("PosterNumber", fontName=FONT_BOLD, fontSize=size * 1.15,
                                 leading=size * 1.3, alignment=TA_CENTER,
                                 textColor=colors.white),
        "date": ParagraphStyle("PosterDate", fontName=FONT, fontSize=11, leading=14,
                               alignment=TA_CENTER, textColor=colors.HexColor("#444444")),
    }


def keep_figures_with_units(text: str) -> str:
    """"sous 5 jours" never breaks between 5 and jours (non-breaking space after a figure)."""
    return re.sub(r"(\d) (?=[^\W\d_%]|%)", "\\1\u00a0", text)


def _logo(company, max_height: float) -> list:
    if not company.logo:
        return []
    try:
        from reportlab.lib.utils import ImageReader

        reader = ImageReader(BytesIO(company.logo))
        reader.getRGBData()  # decode now: a damaged file is dropped here, not in build()
        width, height = reader.getSize()
        h = max_height
        w = min(70 * mm, h * width / height)
        h = w * height / width
        return [Image(BytesIO(company.logo), width=w, height=h), Spacer(1, 4 * mm)]
    except Exception:  # noqa: BLE001 - a broken logo must not stop the poster
        return []


def _story(company, commitments, size: float, today: date, width: float) -> list:
    styles = _styles(size)
    story = _logo(company, 28 * mm)
    if company.name:
        story.append(Paragraph(escape(company.name), styles["name"]))
    story += [Paragraph(escape(TITLE), styles["title"]), Spacer(1, 8 * mm)]
    rows = [[Paragraph(str(c.position), styles["number"]),
             Paragraph(escape(keep_figures_with_units(c.wording)), styles["item"])]
            for c in commitments]
    table = Table(rows, colWidths=[NUMBER_WIDTH, width - NUMBER_WIDTH - 4 * mm])
    gap = size * 0.55
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (0, -1), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (1, 0), (1, -1), 5 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), gap),
        ("BOTTOMPADDING", (0, 0), (-1, -1), gap),
        ("LINEBELOW", (1, 0), (1, -2), 0.6, colors.HexColor("#C9D6E3")),
        ("LINEBELOW", (0, 0), (0, -2), 2, colors.white),
    ]))
    story += [table, Spacer(1, 8 * mm),
              Paragraph(escape(f"Charte en vigueur au {format_long_date(today)}"),
                        styles["date"])]
    return story


def _height(story, width: float) -> float:
    total = 0.0
    for flowable in story:
        _, h = flowable.wrap(width, 10_000)
        total += h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def write_charter_poster(path: str | Path, today: date | None = None, *,
                         overwrite: bool = False) -> Path:
    """The poster, in the largest type that keeps it on one page (up to about 12 commitments)."""
    commitments = list_commitments()
    if not commitments:
        raise ServiceError("La charte ne contient aucun engagement : ajoutez-en avant "
                           "d'imprimer l'affiche.")
    register_fonts()
    today = today or date.today()
    company = get_company()

    def build(target: str) -> None:
        doc = CompanyDocTemplate(target, company, "Charte d'engagements client", header=False,
                                 footer=False, printed_on=today)
        available = doc.height - 6 * mm
        for size in SIZES:
            story = _story(company, commitments, size, today, doc.width)
            if _height(story, doc.width) <= available:
                break
        story = _story(company, commitments, size, today, doc.width)
        doc.build(story)

    return write_pdf(build, path, overwrite=overwrite)
