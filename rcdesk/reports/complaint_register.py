"""Register report of a period: indicators, Pareto chart of categories, the complaints table."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from rcdesk.core.formatting import format_date, format_money, format_number, format_percent
from rcdesk.core.periods import period_span
from rcdesk.reports.base import (
    ACCENT,
    FONT,
    CompanyDocTemplate,
    stylesheet,
    table_style_commands,
    write_pdf,
)
from rcdesk.services.complaints import (
    ComplaintQuery,
    complaint_indicators,
    pooled_pareto,
    report_rows,
)
from rcdesk.services.complaints.detail import REPEAT_THRESHOLD
from rcdesk.services.complaints.indicators import MAX_BARS
from rcdesk.services.settings import get_company

TABLE_CHUNK = 250  # rows per Table flowable: long tables split much faster in chunks
STATE_LABELS = {"late": "en retard", "soon": "bientôt", "ok": ""}
LATE_BG = colors.HexColor("#F8D7DA")
SOON_BG = colors.HexColor("#FFF3CD")


LABEL_SIZE = 6.5
LABEL_LINES = 3  # lines of a category's name under its bar; longer names go to the legend


def wrap_words(text: str, width: float, size: float, font: str = FONT) -> list[str]:
    """Words of text on lines at most width points wide, nothing dropped; a single word wider
    than width stays whole on its own line (the caller checks with fits_under_bar)."""
    lines: list[str] = []
    for word in text.split():
        if lines and stringWidth(f"{lines[-1]} {word}", font, size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def fits_under_bar(text: str, width: float, size: float = LABEL_SIZE) -> bool:
    """Whether text, wrapped, fits under a bar width points wide in LABEL_LINES lines."""
    lines = wrap_words(text, width, size)
    return len(lines) <= LABEL_LINES and all(stringWidth(x, FONT, size) <= width for x in lines)


def pareto_drawing(pareto: list[tuple[str, int, float]], width: float, height: float) -> Drawing:
    """Bars of counts by category (most frequent first) and the cumulative % line.

    A name is written whole under its bar when it fits there; otherwise the bar carries its
    rank and the name is written whole in the legend beneath the chart (never cut)."""
    rows = pooled_pareto(pareto)
    left, right, bottom, top = 28, 30, 42, 12
    plot_w = width - left - right
    if not rows:
        d = Drawing(width, height)
        d.add(String(width / 2, height / 2, "Aucune réclamation sur la période", fontName=FONT,
                     fontSize=9, textAnchor="middle"))
        return d
    slot = plot_w / len(rows)
    numbered = not all(fits_under_bar(label, slot - 2) for label, _, _ in rows)
    legend: list[str] = []
    if numbered:
        entries = [f"{i} : {label}" for i, (label, _, _) in enumerate(rows, start=1)]
        if len(pareto) > len(rows):
            entries.append("Autres : " + ", ".join(
                label for label, _, _ in pareto[MAX_BARS - 1:]))
        legend = [line for entry in entries for line in wrap_words(entry, width - 4, 7)]
        bottom = 18
    legend_h = 9 * len(legend)
    d = Drawing(width, height + legend_h)
    base = legend_h  # the chart sits above the legend
    plot_h = height - bottom - top
    bottom += base
    top_count = max(c for _, c, _ in rows)
    step = max(1, -(-top_count // 5))
    axis_max = step * 5
    d.add(Line(left, bottom, left, bottom + plot_h, strokeColor=colors.grey, strokeWidth=0.5))
    d.add(Line(left + plot_w, bottom, left + plot_w, bottom + plot_h, strokeColor=colors.grey,
               strokeWidth=0.5))
    for i in range(6):
        y = bottom + plot_h * i / 5
        d.add(Line(left, y, left + plot_w, y, strokeColor=colors.HexColor("#DDDDDD"),
                   strokeWidth=0.3))
        d.add(String(left - 3, y - 3, format_number(step * i, 0), fontName=FONT, fontSize=7,
                     textAnchor="end"))
        d.add(String(left + plot_w + 3, y - 3, f"{20 * i} %", fontName=FONT, fontSize=7))
    points = []
    for i, (label, count, cumulative) in enumerate(rows):
        x = left + i * slot
        h = plot_h * count / axis_max
        d.add(Rect(x + slot * 0.15, bottom, slot * 0.7, h, fillColor=ACCENT, strokeColor=None))
        d.add(String(x + slot / 2, bottom + h + 2, format_number(count, 0), fontName=FONT,
                     fontSize=7, textAnchor="middle"))
        lines = [str(i + 1)] if numbered else wrap_words(label, slot - 2, LABEL_SIZE)
        for n, line in enumerate(lines):
            d.add(String(x + slot / 2, bottom - 9 - n * 8, line, fontName=FONT,
                         fontSize=LABEL_SIZE, textAnchor="middle"))
        points += [x + slot / 2, bottom + plot_h * cumulative / 100]
    d.add(PolyLine(points, strokeColor=colors.HexColor("#C0392B"), strokeWidth=1.2))
    for i in range(0, len(points), 2):
        d.add(Rect(points[i] - 1.5, points[i + 1] - 1.5, 3, 3,
                   fillColor=colors.HexColor("#C0392B"), strokeColor=None))
    d.add(String(left, base + height - 8, "Nombre de réclamations", fontName=FONT, fontSize=7))
    d.add(String(left + plot_w, base + height - 8, "% cumulé", fontName=FONT, fontSize=7,
                 fillColor=colors.HexColor("#C0392B"), textAnchor="end"))
    for n, line in enumerate(legend):
        d.add(String(2, legend_h - 9 * (n + 1) + 2, line, fontName=FONT, fontSize=7))
    return d


def _indicator_table(ind, currency: str, styles) -> Table:
    def days(value):
        return "—" if value is None else f"{format_number(value, 1)} j ouvrés"

    rows = [
        ("Réclamations reçues", format_number(ind.received, 0)),
        ("Répondues dans le délai", format_percent(ind.answered_in_time_pct)),
        ("Délai de réponse moyen / médian", f"{days(ind.mean_answer_working_days)} / "
                                            f"{days(ind.median_answer_working_days)}"),
        ("Encore ouvertes / dont en retard", f"{ind.open} / {ind.late}"),
        ("Transactions de la période" + (" (saisies)" if ind.transactions_typed else
                                         " (achats enregistrés)"),
         format_number(ind.transactions, 0)),
        ("Taux de réclamation", format_percent(ind.rate_pct, 2)),
        ("Coût des compensations", format_money(ind.cost_cents, currency)),
        ("Chiffre d'affaires de la période" + (" (saisi)" if ind.revenue_typed else
                                               " (achats enregistrés)"),
         format_money(ind.revenue_cents, currency)),
        ("Taux de perte", format_percent(ind.loss_rate_pct, 2)),
        ("Clients de nouveau satisfaits", format_percent(ind.resatisfaction_pct)),
    ]
    table = Table([["Indicateur", "Valeur"], *rows], colWidths=[80 * mm, 60 * mm], hAlign="LEFT")
    table.setStyle(TableStyle(table_style_commands() + [("ALIGN", (1, 1), (1, -1), "RIGHT")]))
    return table


def _ranking(title: str, rows: list[tuple[str, int]], width: float, styles) -> Table:
    """The 8 most frequent values, then "Autres (n)"; names wrap in their cell, never cut."""
    shown = rows[:8] + ([(f"Autres ({len(rows) - 8})", sum(c for _, c in rows[8:]))]
                        if len(rows) > 8 else [])
    cell = ParagraphStyle("RankCell", parent=styles["TableCell"], fontSize=7.5, leading=9)
    data = [[title, "Nb"]] + [[Paragraph(escape(label or "(non renseigné)"), cell),
                               format_number(count, 0)] for label, count in shown]
    table = Table(data, colWidths=[width - 12 * mm, 12 * mm])
    table.setStyle(TableStyle(table_style_commands() + [("ALIGN", (1, 0), (1, -1), "RIGHT"),
                                                        ("FONTSIZE", (0, 0), (-1, -1), 7.5)]))
    return table


TABLE_FONT_SIZE = 6.3
CELL_PADDING = 2  # points, each side


def _cell(text: str, width_mm: float, style):
    """text as is when it fits a column width_mm wide on one line; otherwise a paragraph that
    wraps inside the column (nothing cut). Plain strings keep long registers fast."""
    room = width_mm * mm - 2 * CELL_PADDING - 0.5
    if stringWidth(text, FONT, TABLE_FONT_SIZE) <= room:
        return text
    return Paragraph(escape(break_at_hyphens(text, room, TABLE_FONT_SIZE)), style)


def break_at_hyphens(text: str, room: float, size: float) -> str:
    """A word wider than room may break after its hyphens, only where a line must end
    (Rochefoucauld-Montbazon -> "Rochefoucauld- Montbazon"; Anne-Sophie-Marguerite ->
    "Anne-Sophie- Marguerite", never "Anne- Sophie-" on one line); ReportLab only breaks at
    spaces, then mid-word."""
    words = []
    for word in text.split(" "):
        if "-" in word.strip("-") and stringWidth(word, FONT, size) > room:
            parts = [p + "-" for p in word.split("-")]
            parts[-1] = parts[-1][:-1]
            groups = [""]
            for part in parts:
                if groups[-1] and stringWidth(groups[-1] + part, FONT, size) > room:
                    groups.append("")
                groups[-1] += part
            word = " ".join(groups)
        words.append(word)
    return " ".join(words)


REGISTER_WIDTHS = (19.5, 14.4, 28, 19, 22, 22.5, 14.4, 14.4, 13.8)  # mm, in the 170 mm frame


def register_widths(costs: list[str]) -> list[float]:
    """The register table's column widths (mm): the cost column widens to its widest amount
    (« 3 500,00 DH », « 10 000 000,00 DH » never spill into the answer date), the client
    column giving up what it takes; the total stays within the frame."""
    widths = list(REGISTER_WIDTHS)
    widest = max((stringWidth(c, FONT, TABLE_FONT_SIZE) for c in costs), default=0)
    need = (widest + 2 * CELL_PADDING + 1) / mm
    if need > widths[8]:
        widths[2] -= need - widths[8]
        widths[8] = need
    return widths


def _register_tables(rows, currency: str, styles) -> list:
    head = ["N°", "Reçue le", "Client", "Canal", "Catégorie", "Statut", "Échéance", "Réponse",
            "Coût"]
    widths = register_widths([format_money(row[-1], currency) for row in rows if row[-1]])
    cell = ParagraphStyle("RegisterCell", parent=styles["TableCell"], fontSize=TABLE_FONT_SIZE,
                          leading=TABLE_FONT_SIZE + 1.4)
    flowables = []
    for start in range(0, len(rows), TABLE_CHUNK):
        chunk = rows[start:start + TABLE_CHUNK]
        data = [head]
        style = table_style_commands() + [("FONTSIZE", (0, 0), (-1, -1), TABLE_FONT_SIZE),
                                          ("ALIGN", (8, 1), (8, -1), "RIGHT"),
                                          ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                                          ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                                          ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                                          ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING)]
        for i, (number, received, name, channel, category, status, due, state, answered,
                cost) in enumerate(chunk, start=1):
            data.append([number, format_date(received), _cell(name, widths[2], cell),
                         _cell(channel, widths[3], cell), _cell(category, widths[4], cell),
                         _cell(status, widths[5], cell), format_date(due), format_date(answered),
                         format_money(cost, currency) if cost else ""])
            if state == "late":
                style.append(("BACKGROUND", (0, i), (-1, i), LATE_BG))
            elif state == "soon":
                style.append(("BACKGROUND", (0, i), (-1, i), SOON_BG))
        table = Table(data, colWidths=[w * mm for w in widths], repeatRows=1)
        table.setStyle(TableStyle(style))
        flowables.append(table)
    return flowables


def write_register_report(period, path: str | Path, *, transactions: int | None = None,
                          revenue_cents: int | None = None, overwrite: bool = False) -> Path:
    """The register of the complaints received in period, with its indicators."""
    company = get_company()
    styles = stylesheet()
    ind = complaint_indicators(period, transactions, revenue_cents)
    rows = report_rows(ComplaintQuery(start=period.start, end=period.end))
    width = 168 * mm  # the frame's width inside its padding
    story = [Paragraph("Registre des réclamations", styles["Title"]),
             Paragraph(f"Réclamations reçues {escape(period_span(period))}", styles["Body"]),
             Spacer(1, 4 * mm),
             Paragraph("Indicateurs", styles["Heading1"]),
             _indicator_table(ind, company.currency, styles),
             KeepTogether([Paragraph("Pareto des catégories", styles["Heading1"]),
                           pareto_drawing(ind.pareto, width, 70 * mm)])]
    col = (width - 8 * mm) / 3
    rankings = Table([[_ranking("Canal", ind.by_channel, col, styles),
                       _ranking("Lieu", ind.by_place, col, styles),
                       _ranking("Produit / service", ind.by_product, col, styles)]],
                     colWidths=[col + 4 * mm] * 2 + [col])
    rankings.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                  ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                  ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    story += [KeepTogether([Paragraph("Répartition", styles["Heading1"]), rankings])]
    story.append(Paragraph(f"Réclamants répétitifs ({REPEAT_THRESHOLD} réclamations ou plus en "
                           "12 mois)", styles["Heading2"]))
    if ind.repeat_complainers:
        text = " ; ".join(f"{escape(r.name)} ({r.count})" for r in ind.repeat_complainers[:40])
        if len(ind.repeat_complainers) > 40:
            text += f" ; et {len(ind.repeat_complainers) - 40} autre(s)"
        story.append(Paragraph(text, styles["Body"]))
    else:
        story.append(Paragraph("Aucun.", styles["Body"]))
    story.append(Paragraph(f"Détail des réclamations ({format_number(len(rows), 0)})",
                           styles["Heading1"]))
    story.append(Paragraph("En rouge : en retard ; en jaune : échéance proche.", styles["Small"]))
    story.append(Spacer(1, 2 * mm))
    story += _register_tables(rows, company.currency, styles) or [Paragraph("Aucune réclamation.",
                                                                    styles["Body"])]
    return write_pdf(lambda target: CompanyDocTemplate(
        target, company, "Registre des réclamations").build(story), path, overwrite=overwrite)
