"""The annual communication plan printed (landscape A4: the white paper's columns, then the
year by month) or exported as an XLSX workbook (same columns, a planning sheet)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

from rcdesk.core.errors import ServiceError
from rcdesk.core.files import write_atomically
from rcdesk.core.formatting import format_date, format_money, format_number
from rcdesk.reports.base import (
    ACCENT,
    MARGIN,
    CompanyDocTemplate,
    stylesheet,
    table_style_commands,
    write_pdf,
)
from rcdesk.services.pilotage.comm_plan import (
    COLUMNS,
    OBJECTIVES,
    PlanRow,
    PlanSummary,
    plan_of_year,
    segment_label,
)
from rcdesk.services.settings import get_company

MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
          "nov.", "déc.")
OBJECTIVE_COLOURS = {"cognitif": colors.HexColor("#4F81BD"), "affectif": colors.HexColor("#C0504D"),
                     "conatif": colors.HexColor("#9BBB59")}


# Column widths of the plan's table (mm; None: what is left, about 23 mm). « hors média »
# holds on one line (7 pt, 6 pt paddings), and its header on two: « Média / » « hors média ».
WIDTHS_MM = {"objective": 20, "target_segment": 20, "action": 25, "media": 20, "channel": 17,
             "copies": 9, "duration": 20, "periodicity": 20, "budget": 18, "resources": 25,
             "measure": 24, "measure_target": 20, "result": None}
HEADS = {"media": "Média / hors\u00a0média"}


def _p(text: str, style) -> Paragraph:
    return Paragraph(escape(text), style)


def cells(row: PlanRow, currency: str) -> dict[str, str]:
    """A plan row as the text of each column of COLUMNS."""
    return {
        "objective": f"{row.objective} ({OBJECTIVES[row.objective]})",
        "target_segment": segment_label(row.target_segment) if row.target_segment else "—",
        "action": row.action, "media": row.media, "channel": row.channel or "—",
        "copies": format_number(row.copies, 0) if row.copies is not None else "—",
        "duration": f"du {format_date(row.start)} au {format_date(row.end)} "
                    f"({format_number(row.duration_days, 0)} j)",
        "periodicity": row.periodicity or "—",
        "budget": format_money(row.budget_cents, currency),
        "spent": format_money(row.spent_cents, currency),
        "resources": row.resources or "—", "measure": row.measure or "—",
        "measure_target": row.measure_target or "—", "result": row.result or "à venir",
    }


def _summary_text(plan: PlanSummary, currency: str) -> str:
    parts = [f"{len(plan.rows)} action(s)", f"budget alloué {format_money(plan.budget_cents, currency)}",
             f"dépensé {format_money(plan.spent_cents, currency)}"]
    if plan.budget_cents:
        parts.append(f"soit {format_number(plan.spent_cents * 100 / plan.budget_cents, 0)} %")
    return " · ".join(parts) + "."


def _story(plan: PlanSummary, currency: str, sheet) -> list:
    cell = ParagraphStyle("PlanCell", parent=sheet["TableCell"], fontSize=7, leading=8.6)
    head = ParagraphStyle("PlanHead", parent=sheet["TableHead"], fontSize=7, leading=8.6)
    story = [_p(f"Plan de communication {plan.year}", sheet["Title"]),
             _p(_summary_text(plan, currency), sheet["Body"]),
             _p(" · ".join(f"{k} : {format_money(v, currency)}"
                           for k, v in plan.by_objective.items()), sheet["Small"]),
             Spacer(1, 3 * mm)]
    keys = [k for k, _ in COLUMNS if k not in ("spent",)]
    labels = dict(COLUMNS)
    rows = [[_p(HEADS.get(k, labels[k]), head) for k in keys]]
    for row in plan.rows:
        text = cells(row, currency)
        text["media"] = text["media"].replace(" ", "\u00a0")  # « hors média » never cut
        rows.append([_p(text[k], cell) for k in keys])
    table = Table(rows, colWidths=[WIDTHS_MM[k] * mm if WIDTHS_MM[k] else None for k in keys],
                  repeatRows=1)
    table.setStyle(TableStyle(table_style_commands()))
    story += [table, PageBreak(), _p(f"Planning {plan.year}", sheet["Heading1"])]
    grid = [[_p("Action", head)] + [_p(m, head) for m in MONTHS]]
    commands = table_style_commands()
    for index, row in enumerate(plan.rows, start=1):
        grid.append([_p(f"{row.action} ({row.channel or row.media})", cell)] + [""] * 12)
        for month in row.months(plan.year):
            commands.append(("BACKGROUND", (month, index), (month, index),
                             OBJECTIVE_COLOURS[row.objective]))
    grid.append([_p("Actions en cours", head)] + [_p(str(n), head) for n in plan.by_month])
    commands.append(("BACKGROUND", (0, len(grid) - 1), (-1, len(grid) - 1), ACCENT))
    width = landscape(A4)[0] - 2 * MARGIN
    table = Table(grid, colWidths=[75 * mm] + [(width - 75 * mm) / 12] * 12, repeatRows=1)
    table.setStyle(TableStyle(commands))
    story += [table, Spacer(1, 2 * mm),
              _p("Couleurs : " + ", ".join(f"{k} = {name}" for k, name in
                                           (("bleu", "cognitif"), ("rouge", "affectif"),
                                            ("vert", "conatif"))) + ".", sheet["Small"])]
    return story


def write_comm_plan(path: str | Path, year: int, today: date | None = None, *,
                    overwrite: bool = False) -> Path:
    """A .xlsx path gives the workbook, any other the PDF."""
    plan = plan_of_year(year)
    if not plan.rows:
        raise ServiceError(f"Le plan de communication {year} ne contient aucune action.")
    company = get_company()
    if Path(path).suffix.lower() == ".xlsx":
        return write_atomically(lambda tmp: _workbook(plan, company.currency, tmp), path,
                                overwrite=overwrite)
    sheet = stylesheet()
    story = _story(plan, company.currency, sheet)
    return write_pdf(lambda target: CompanyDocTemplate(
        target, company, f"Plan de communication {year}", printed_on=today,
        pagesize=landscape(A4)).build(story), path, overwrite=overwrite)


def _workbook(plan: PlanSummary, currency: str, tmp: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = f"Plan {plan.year}"
    sheet.append([label for _, label in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in plan.rows:
        text = cells(row, currency)
        values = [text[k] for k, _ in COLUMNS]
        # budget and spent as numbers (currency units) so the sheet can total them
        keys = [k for k, _ in COLUMNS]
        values[keys.index("budget")] = row.budget_cents / 100
        values[keys.index("spent")] = row.spent_cents / 100
        values[keys.index("copies")] = row.copies
        sheet.append(values)
    sheet.append(["Total"] + [None] * 7 + [plan.budget_cents / 100, plan.spent_cents / 100])
    planning = book.create_sheet("Planning")
    planning.append(["Action"] + list(MONTHS))
    fills = {k: PatternFill("solid", fgColor=c.hexval()[2:]) for k, c in OBJECTIVE_COLOURS.items()}
    for index, row in enumerate(plan.rows, start=2):
        planning.append([row.action] + ["●" if m in row.months(plan.year) else ""
                                        for m in range(1, 13)])
        for month in row.months(plan.year):
            planning.cell(index, month + 1).fill = fills[row.objective]
    book.save(tmp)
