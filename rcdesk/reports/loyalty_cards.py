"""Loyalty cards to print: credit-card size (85,6 × 54 mm, ISO/CEI 7810 ID-1), ten per A4
sheet with cutting marks, or the key-ring format (TP3: customers never carry the wallet card),
each with the logo, the shop's and the holder's name, the number, a Code128 barcode and a QR."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode import code128, qr
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from rcdesk.core.errors import ServiceError
from rcdesk.core.formatting import format_date
from rcdesk.core.loyalty import group_digits
from rcdesk.models.customers import Customer
from rcdesk.models.loyalty import LoyaltyCard
from rcdesk.reports.base import ACCENT, FONT, FONT_BOLD, register_fonts, write_pdf
from rcdesk.services.customers.search import display_name
from rcdesk.services.settings import get_company

CARD = (85.6 * mm, 53.98 * mm)  # ID-1
KEYRING = (66 * mm, 26 * mm)
MARK = 4 * mm  # cutting mark length
GAP = 6 * mm  # space between cards (the marks sit in it)


def _layout(size) -> tuple[int, int, float, float]:
    width, height = A4
    w, h = size
    cols = int((width - 2 * 10 * mm + GAP) // (w + GAP))
    rows = int((height - 2 * 12 * mm + GAP) // (h + GAP))
    left = (width - cols * w - (cols - 1) * GAP) / 2
    bottom = (height - rows * h - (rows - 1) * GAP) / 2
    return cols, rows, left, bottom


def _fit(text: str, font: str, size: float, width: float) -> str:
    """text shortened with "…" to fit width at that font size."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _marks(c: Canvas, x: float, y: float, w: float, h: float) -> None:
    """Cutting marks outside each corner."""
    c.setStrokeColor(colors.black)
    c.setLineWidth(0.3)
    for cx, dx in ((x, -1), (x + w, 1)):
        for cy, dy in ((y, -1), (y + h, 1)):
            c.line(cx + dx * 1 * mm, cy, cx + dx * MARK, cy)
            c.line(cx, cy + dy * 1 * mm, cx, cy + dy * MARK)


def _barcode(c: Canvas, number: str, x: float, y: float, width: float, height: float) -> None:
    bar = code128.Code128(number, barHeight=height, barWidth=0.3 * mm, quiet=False)
    scale = min(1.0, width / bar.width)
    c.saveState()
    c.translate(x, y)
    c.scale(scale, 1)
    bar.drawOn(c, 0, 0)
    c.restoreState()


def _qr(c: Canvas, number: str, x: float, y: float, size: float) -> None:
    widget = qr.QrCodeWidget(number)
    bx0, by0, bx1, by1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (bx1 - bx0), 0, 0, size / (by1 - by0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, c, x, y)


def _logo(c: Canvas, logo: bytes | None, x: float, top: float, max_h: float) -> float:
    if not logo:
        return 0.0
    try:
        image = ImageReader(BytesIO(logo))
        iw, ih = image.getSize()
        w = min(22 * mm, max_h * iw / ih)
        c.drawImage(image, x, top - max_h, width=w, height=max_h, preserveAspectRatio=True,
                    mask="auto")
        return w + 2 * mm
    except Exception:  # noqa: BLE001 - a broken logo must not stop the cards
        return 0.0


def _card(c: Canvas, x: float, y: float, card: dict, company) -> None:
    w, h = CARD
    c.setStrokeColor(colors.HexColor("#A6B4C4"))
    c.setLineWidth(0.4)
    c.roundRect(x, y, w, h, 3 * mm)
    c.setFillColor(ACCENT)
    c.roundRect(x, y + h - 12 * mm, w, 12 * mm, 3 * mm, stroke=0, fill=1)
    c.rect(x, y + h - 12 * mm, w, 6 * mm, stroke=0, fill=1)
    shift = _logo(c, company.logo, x + 3 * mm, y + h - 2 * mm, 8 * mm)
    c.setFillColor(colors.white)
    c.setFont(FONT_BOLD, 9)
    c.drawString(x + 3 * mm + shift, y + h - 6 * mm,
                 _fit(company.name or "", FONT_BOLD, 9, w - 6 * mm - shift))
    c.setFont(FONT, 6.5)
    c.drawString(x + 3 * mm + shift, y + h - 9.5 * mm, "Carte de fidélité")
    c.setFillColor(colors.black)
    c.setFont(FONT_BOLD, 9.5)
    c.drawString(x + 4 * mm, y + h - 17 * mm, _fit(card["name"], FONT_BOLD, 9.5, w - 8 * mm))
    c.setFont(FONT, 8.5)
    c.drawString(x + 4 * mm, y + h - 21.5 * mm, group_digits(card["number"]))
    c.setFont(FONT, 6.5)
    c.drawString(x + 4 * mm, y + h - 25 * mm, f"valable jusqu'au {card['expires']}")
    _barcode(c, card["number"], x + 4 * mm, y + 4 * mm, 54 * mm, 12 * mm)
    _qr(c, card["number"], x + w - 24 * mm, y + 4 * mm, 20 * mm)


def _keyring(c: Canvas, x: float, y: float, card: dict, company) -> None:
    w, h = KEYRING
    c.setStrokeColor(colors.HexColor("#A6B4C4"))
    c.setLineWidth(0.4)
    c.roundRect(x, y, w, h, 2.5 * mm)
    c.circle(x + 4.5 * mm, y + h / 2, 2 * mm)  # the hole for the ring
    c.setFillColor(ACCENT)
    c.setFont(FONT_BOLD, 6.5)
    c.drawString(x + 8.5 * mm, y + h - 4.5 * mm,
                 _fit(company.name or "", FONT_BOLD, 6.5, w - 27 * mm))
    c.setFillColor(colors.black)
    c.setFont(FONT, 6)
    c.drawString(x + 8.5 * mm, y + h - 8 * mm, _fit(card["name"], FONT, 6, w - 27 * mm))
    _barcode(c, card["number"], x + 8.5 * mm, y + 5.5 * mm, 38 * mm, 8 * mm)
    c.setFont(FONT, 5.5)
    c.drawString(x + 8.5 * mm, y + 2 * mm, group_digits(card["number"]))
    _qr(c, card["number"], x + w - 17 * mm, y + 4.5 * mm, 16 * mm)


def _cards(card_ids: list[int]) -> list[dict]:
    rows = (LoyaltyCard.select(LoyaltyCard.number, LoyaltyCard.expires_on, LoyaltyCard.format,
                               Customer.first_name, Customer.last_name, Customer.company_name,
                               Customer.kind)
            .join(Customer).where(LoyaltyCard.id.in_(card_ids)).order_by(LoyaltyCard.id).tuples())
    return [{"number": n, "expires": format_date(e), "format": f,
             "name": display_name(fn_, ln, co, kind)} for n, e, f, fn_, ln, co, kind in rows]


def write_cards_pdf(card_ids: list[int], path: str | Path, *, overwrite: bool = False,
                    fmt: str | None = None) -> Path:
    """The cards as A4 sheets: wallet cards first, then key-ring ones (fmt forces one)."""
    cards = _cards(card_ids)
    if not cards:
        raise ServiceError("Aucune carte à imprimer pour ce client.")
    company = get_company()
    register_fonts()

    def build(tmp: str) -> None:
        c = Canvas(tmp, pagesize=A4)
        c.setTitle("Cartes de fidélité")
        c.setAuthor(company.name or "rcdesk")
        for kind, size, draw in (("carte", CARD, _card), ("porte-clés", KEYRING, _keyring)):
            batch = [card for card in cards if (fmt or card["format"]) == kind]
            cols, rows, left, bottom = _layout(size)
            per_page = cols * rows
            for start in range(0, len(batch), per_page):
                for i, card in enumerate(batch[start:start + per_page]):
                    col, row = i % cols, i // cols
                    x = left + col * (size[0] + GAP)
                    y = bottom + (rows - 1 - row) * (size[1] + GAP)
                    _marks(c, x, y, *size)
                    draw(c, x, y, card, company)
                c.setFont(FONT, 7)
                c.setFillColor(colors.grey)
                label = "carte bancaire 85,6 × 54 mm" if kind == "carte" else "porte-clés 66 × 26 mm"
                c.drawString(10 * mm, 6 * mm, f"Cartes de fidélité — format {label} — découper "
                                              "le long des traits de coupe")
                c.showPage()
        c.save()

    return write_pdf(build, path, overwrite=overwrite)
