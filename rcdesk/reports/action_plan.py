"""PDF export of the quality action plan (PAQ) with the white paper's columns."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from rcdesk.reports.base import CompanyDocTemplate, stylesheet, table_style_commands
from rcdesk.services.actions import list_actions
from rcdesk.services.formatting import format_date
from rcdesk.services.settings import get_company

OVERDUE_BG = colors.HexColor("#F8D7DA")
# The white paper's ten columns, paired two by two to fit the A4 portrait frame (mm).
GROUPS = (
    ("Origine<br/>NC", 30),
    ("Analyse des causes (5M)", 30),
    ("Action à mettre en place et quand ?<br/>Documents internes liés", 34),
    ("Pilote de l'action<br/>Acteurs", 22),
    ("Vérification de l'efficacité (comment et quand ?)", 28),
    ("Avancée de l'action (%)<br/>Mesure de l'efficacité — date et C/NC", 24),
)


def _cells(row) -> list[str]:
    origin = f"<b>{escape(row.origin)}</b>"
    if row.complaint_numbers:
        shown = ", ".join(escape(n) for n in row.complaint_numbers[:6])
        if len(row.complaint_numbers) > 6:
            shown += f" + {len(row.complaint_numbers) - 6}"
        origin += f"<br/>{shown}"
    origin += f"<br/>NC : {escape(row.nc)}"
    causes = ""
    if row.causes_5m:
        causes = "<b>5M :</b> " + escape(", ".join(row.causes_5m))
    if row.cause_analysis:
        causes += ("<br/>" if causes else "") + escape(row.cause_analysis)
    action = escape(row.action)
    if row.planned_date:
        action += f"<br/><b>pour le {format_date(row.planned_date)}</b>"
    if row.documents:
        action += f"<br/><i>Documents :</i> {escape(row.documents)}"
    people = f"<b>{escape(row.pilot)}</b>"
    if row.actors:
        people += f"<br/>{escape(row.actors)}"
    check = escape(row.check_how)
    if row.check_date:
        check += ("<br/>" if check else "") + f"le {format_date(row.check_date)}"
    progress = f"<b>{row.progress_pct} %</b>"
    if row.progress_date:
        progress += f" au {format_date(row.progress_date)}"
    if row.overdue:
        progress += "<br/><b>en retard</b>"
    if row.effect_result:
        word = "conforme" if row.effect_result == "C" else "non conforme"
        progress += (f"<br/>Mesure du {format_date(row.effect_date)} : "
                     f"<b>{row.effect_result}</b> ({word})")
    return [origin, causes, action, people, check, progress]


def write_action_plan(path: str | Path, *, only_overdue: bool = False) -> Path:
    """Every action of the PAQ (or the overdue ones), overdue rows shaded."""
    company = get_company()
    styles = stylesheet()
    cell = ParagraphStyle("PaqCell", parent=styles["TableCell"], fontSize=7.2, leading=8.8)
    head = ParagraphStyle("PaqHead", parent=styles["TableHead"], fontSize=7.2, leading=8.8)
    rows = list_actions(only_overdue=only_overdue)
    overdue = sum(1 for r in rows if r.overdue)
    story = [Paragraph("Plan d'actions qualité (PAQ)", styles["Title"]),
             Paragraph(f"Situation au {format_date(date.today())} : {len(rows)} action(s), "
                       f"dont {overdue} en retard (surlignées).", styles["Body"]),
             Spacer(1, 4 * mm)]
    if not rows:
        story.append(Paragraph("Aucune action enregistrée.", styles["Body"]))
    else:
        data = [[Paragraph(label, head) for label, _ in GROUPS]]
        style = table_style_commands() + [("LEFTPADDING", (0, 0), (-1, -1), 2),
                                          ("RIGHTPADDING", (0, 0), (-1, -1), 2)]
        for i, row in enumerate(rows, start=1):
            data.append([Paragraph(text, cell) for text in _cells(row)])
            if row.overdue:
                style.append(("BACKGROUND", (0, i), (-1, i), OVERDUE_BG))
        table = Table(data, colWidths=[w * mm for _, w in GROUPS], repeatRows=1)
        table.setStyle(TableStyle(style))
        story.append(table)
    target = Path(path)
    CompanyDocTemplate(target, company, "Plan d'actions qualité").build(story)
    return target
