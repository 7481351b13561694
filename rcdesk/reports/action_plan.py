"""PDF export of the quality action plan (PAQ): A4 landscape, the white paper's ten columns."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from rcdesk.core.formatting import format_date
from rcdesk.reports.base import (
    FONT_BOLD,
    MARGIN,
    CompanyDocTemplate,
    stylesheet,
    table_style_commands,
    write_pdf,
)
from rcdesk.services.actions import list_actions
from rcdesk.services.settings import get_company

OVERDUE_BG = colors.HexColor("#F8D7DA")
PAGE = landscape(A4)
FRAME_WIDTH = PAGE[0] - 2 * MARGIN
PADDING = 2.5  # points, left and right of each cell
FONT_SIZES = (7.5, 7, 6.5, 6)  # tried in turn until every word fits its column
MAX_NUMBERS = 6  # complaint numbers shown in the Origine cell, then "+ n"
# The white paper's columns (header text, preferred width in mm; the sum is the frame width).
COLUMNS = (
    ("Origine", 24),
    ("NC", 29),
    ("Analyse des causes (5M)", 31),
    ("Action à mettre en place et quand ?", 33),
    ("Documents internes liés", 22),
    ("Pilote de l'action", 20),
    ("Acteurs", 21),
    ("Vérification de l'efficacité de l'action (comment et quand ?)", 30),
    ("Avancée de l'action (ce qui est fait en %) au …", 26),
    ("Mesure de l'efficacité — date et C/NC", 25),
)
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\r\n]+")


def _cells(row) -> list[str]:
    """The ten cells of one action, as Paragraph markup."""
    origin = f"<b>{escape(row.origin)}</b>"
    if row.complaint_numbers:
        shown = ", ".join(escape(n) for n in row.complaint_numbers[:MAX_NUMBERS])
        if len(row.complaint_numbers) > MAX_NUMBERS:
            shown += f" + {len(row.complaint_numbers) - MAX_NUMBERS}"
        origin += f"<br/>{shown}"
    causes = "<b>5M\u00a0:</b> " + escape(", ".join(row.causes_5m)) if row.causes_5m else ""
    if row.cause_analysis:
        causes += ("<br/>" if causes else "") + escape(row.cause_analysis)
    action = escape(row.action)
    if row.planned_date:
        action += ("<br/>" if action else "") + f"<b>pour le {format_date(row.planned_date)}</b>"
    check = escape(row.check_how)
    if row.check_date:
        check += ("<br/>" if check else "") + f"le {format_date(row.check_date)}"
    progress = f"<b>{row.progress_pct} %</b>"
    if row.progress_date:
        progress += f" au {format_date(row.progress_date)}"
    if row.overdue:
        progress += "<br/><b>en retard</b>"
    effect = ""
    if row.effect_result:
        word = "conforme" if row.effect_result == "C" else "non conforme"
        effect = f"<b>{row.effect_result}</b> ({word})"
        if row.effect_date:
            effect = f"le {format_date(row.effect_date)}\u00a0: " + effect
    elif row.effect_date:
        effect = f"prévue le {format_date(row.effect_date)}"
    return [origin, escape(row.nc), causes, action, escape(row.documents), escape(row.pilot),
            escape(row.actors), check, progress, effect]


def _widest_word(markup: str, size: float) -> float:
    """Width in points of the widest word of a cell (measured bold, the wider face)."""
    text = unescape(_TAG.sub(" ", markup.replace("<br/>", " ")))
    words = _SPACES.split(text)  # a no-break space keeps its two sides together
    return max((stringWidth(w, FONT_BOLD, size) for w in words), default=0.0)


def column_widths(table: list[list[str]], size: float) -> list[float] | None:
    """Widths (points) filling the frame, each wide enough for its widest word; None when
    the words cannot all fit at this font size."""
    floors = [max(_widest_word(r[i], size) for r in table) + 2 * PADDING + 1
              for i in range(len(COLUMNS))]
    if sum(floors) > FRAME_WIDTH:
        return None
    widths = [max(f, w * mm) for f, (_, w) in zip(floors, COLUMNS)]
    excess = sum(widths) - FRAME_WIDTH
    if excess > 0:  # take it from the columns above their floor, in proportion
        slack = [w - f for w, f in zip(widths, floors)]
        total = sum(slack)
        widths = [w - excess * s / total for w, s in zip(widths, slack)]
    else:
        widths = [w * FRAME_WIDTH / sum(widths) for w in widths]
    return widths


def _layout(table: list[list[str]]) -> tuple[float, list[float], bool]:
    """Font size, column widths and whether long words must be split (only when a single
    word is wider than the page can give at the smallest size)."""
    for size in FONT_SIZES:
        widths = column_widths(table, size)
        if widths is not None:
            return size, widths, False
    return FONT_SIZES[-1], [w * mm for _, w in COLUMNS], True


def write_action_plan(path: str | Path, *, only_overdue: bool = False,
                      overwrite: bool = False) -> Path:
    """Every action of the PAQ (or the overdue ones) on A4 landscape, overdue rows shaded,
    the column titles repeated on each page."""
    company = get_company()
    styles = stylesheet()
    rows = list_actions(only_overdue=only_overdue)
    overdue = sum(1 for r in rows if r.overdue)
    story = [Paragraph("Plan d'actions qualité (PAQ)", styles["Title"]),
             Paragraph(f"Situation au {format_date(date.today())} : {len(rows)} action(s), "
                       f"dont {overdue} en retard (surlignées). C = conforme, "
                       f"NC = non conforme.", styles["Body"]),
             Spacer(1, 4 * mm)]
    if not rows:
        story.append(Paragraph("Aucune action enregistrée.", styles["Body"]))
    else:
        head = [escape(label) for label, _ in COLUMNS]
        body = [_cells(row) for row in rows]
        size, widths, split = _layout([head] + body)
        cell = ParagraphStyle("PaqCell", parent=styles["TableCell"], fontSize=size,
                              leading=size * 1.22, splitLongWords=int(split))
        head_style = ParagraphStyle("PaqHead", parent=styles["TableHead"], fontSize=size,
                                    leading=size * 1.22, splitLongWords=int(split))
        data = [[Paragraph(text, head_style) for text in head]]
        style = table_style_commands() + [("LEFTPADDING", (0, 0), (-1, -1), PADDING),
                                          ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
                                          ("VALIGN", (0, 0), (-1, 0), "MIDDLE")]
        for i, (row, cells) in enumerate(zip(rows, body), start=1):
            data.append([Paragraph(text, cell) for text in cells])
            if row.overdue:
                style.append(("BACKGROUND", (0, i), (-1, i), OVERDUE_BG))
        table = Table(data, colWidths=widths, repeatRows=1)
        table.setStyle(TableStyle(style))
        story.append(table)
    return write_pdf(lambda target: CompanyDocTemplate(
        target, company, "Plan d'actions qualité", pagesize=PAGE).build(story),
        path, overwrite=overwrite)
