"""The charter compliance report: each commitment's target against what was measured per period."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from rcdesk.core.errors import ServiceError
from rcdesk.core.formatting import format_date, format_percent
from rcdesk.core.indicators import COMPARISONS, format_target, format_value, met_label
from rcdesk.core.periods import Period, period_label
from rcdesk.reports.base import CompanyDocTemplate, stylesheet, table_style_commands, write_pdf
from rcdesk.services.charter.commitments import charter_warnings
from rcdesk.services.charter.compliance import charter_compliance
from rcdesk.services.settings import get_company

GREEN = colors.HexColor("#1E7B34")
RED = colors.HexColor("#B3261E")


def _p(text: str, style) -> Paragraph:
    return Paragraph(escape(text), style)


def _colour_results(table_rows: list, column: int, first_row: int = 1) -> list:
    """Green for a met target, red for a missed one."""
    commands = []
    for index, row in enumerate(table_rows[first_row:], start=first_row):
        text = row[column].getPlainText() if hasattr(row[column], "getPlainText") else row[column]
        if text == "Respecté":
            commands.append(("TEXTCOLOR", (column, index), (column, index), GREEN))
        elif text == "Non respecté":
            commands.append(("TEXTCOLOR", (column, index), (column, index), RED))
    return commands


def write_compliance_report(path: str | Path, period: Period | None = None,
                            today: date | None = None, *, overwrite: bool = False) -> Path:
    """Summary table, then one table per commitment (period, measured, target, result)."""
    today = today or date.today()
    period, items = charter_compliance(period, today)
    if not items:
        raise ServiceError("La charte ne contient aucun engagement : rien à contrôler.")
    sheet = stylesheet()
    cell, head = sheet["TableCell"], sheet["TableHead"]
    story = [_p("Conformité de la charte d'engagements", sheet["Title"]),
             _p(f"Période du {format_date(period.start)} au {format_date(period.end)} — cible "
                "comparée à la valeur mesurée.", sheet["Body"]),
             Spacer(1, 4 * mm), _p("Synthèse", sheet["Heading1"])]

    summary = [[_p(h, head) for h in ("N°", "Engagement", "Cible", "Périodes respectées",
                                      "Dernière période mesurée", "État")]]
    for item in items:
        c = item.commitment
        last = next((r for r in reversed(item.rows) if r.value is not None), None)
        summary.append([
            _p(str(c.position), cell), _p(c.wording, cell),
            _p(format_target(c.target_value, c.target_unit, c.comparison) or "—", cell),
            _p(f"{item.met} / {item.measured}" + (f" ({format_percent(item.rate, 0)})"
                                                  if item.rate is not None else ""), cell),
            _p(f"{format_value(last.value, c.target_unit)} ({period_label(last.period)})"
               if last else "—", cell),
            _p(met_label(last.met) if last else "Non mesuré", cell),
        ])
    table = Table(summary, colWidths=[9 * mm, 57 * mm, 23 * mm, 25 * mm, 28 * mm, None],
                  repeatRows=1)
    table.setStyle(TableStyle(table_style_commands() + _colour_results(summary, 5)))
    story.append(table)

    story.append(Paragraph("Détail par engagement",
                           ParagraphStyle("KeepHeading", parent=sheet["Heading1"],
                                          keepWithNext=1)))
    for item in items:
        story.append(_detail(item, sheet))

    check = charter_warnings(today)
    notes = [w.message for w in check.charter]
    for item, warnings in zip(items, check.by_commitment):
        notes += [f"Engagement {item.commitment.position} : {w.message}" for w in warnings]
    if notes:
        story.append(_p("Points d'attention (conseils du livre blanc)", sheet["Heading1"]))
        story += [_p(f"• {text}", sheet["Body"]) for text in notes]
    company = get_company()
    return write_pdf(lambda target: CompanyDocTemplate(
        target, company, "Conformité de la charte d'engagements", printed_on=today).build(story),
        path, overwrite=overwrite)


def _detail(item, sheet) -> KeepTogether:
    c = item.commitment
    cell, head = sheet["TableCell"], sheet["TableHead"]
    facts = [f"Indicateur : {c.indicator or item.source}", f"Mesure : {item.source}"]
    if c.owner:
        facts.append(f"Pilote : {c.owner}")
    if c.target_value is not None:
        facts.append(f"Cible : {COMPARISONS[c.comparison]} "
                     f"{format_value(c.target_value, c.target_unit)}")
    if c.review_date:
        facts.append(f"Révision : {format_date(c.review_date)}")
    parts = [_p(f"{c.position}. {c.wording}", sheet["Heading2"]),
             _p(" · ".join(facts), sheet["Small"]), Spacer(1, 2 * mm)]
    reasons = {r.reason for r in item.rows}
    if not item.rows:
        parts.append(_p("Aucune mesure sur la période.", sheet["Body"]))
    elif all(r.value is None for r in item.rows) and len(reasons) == 1:
        parts.append(_p(f"Aucune valeur sur la période : {reasons.pop()}.", sheet["Body"]))
    else:
        target = format_target(c.target_value, c.target_unit, c.comparison) or "—"
        rows = [[_p(h, head) for h in ("Période", "Valeur mesurée", "Cible", "Résultat",
                                       "Remarque")]]
        for r in item.rows:
            rows.append([_p(period_label(r.period), cell),
                         _p(format_value(r.value, c.target_unit) if r.value is not None
                            else "—", cell),
                         _p(target, cell), _p(met_label(r.met), cell),
                         _p(r.note or r.reason, cell)])
        table = Table(rows, colWidths=[42 * mm, 28 * mm, 26 * mm, 26 * mm, None], repeatRows=1)
        table.setStyle(TableStyle(table_style_commands() + _colour_results(rows, 3)))
        parts.append(table)
    parts.append(Spacer(1, 3 * mm))
    return KeepTogether(parts)
