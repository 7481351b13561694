"""The indicator review printed for the team meeting: the previous decisions and their actions'
progress, each indicator against its target, and this review's decisions."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from rcdesk.core.formatting import format_date, format_signed
from rcdesk.core.indicators import AMBER, GREEN, GREY, RED, STATUS_LABELS, format_value
from rcdesk.core.periods import Period, period_span
from rcdesk.reports.base import CompanyDocTemplate, stylesheet, table_style_commands, write_pdf
from rcdesk.services.pilotage.dashboard import complete
from rcdesk.services.pilotage.reviews import (
    Line,
    Review,
    lines_of_period,
    previous_review,
    review_of_period,
)
from rcdesk.services.settings import get_company

STATUS_COLOURS = {GREEN: colors.HexColor("#1E7B34"), AMBER: colors.HexColor("#C77700"),
                  RED: colors.HexColor("#B3261E"), GREY: colors.HexColor("#8A8A8A")}


def _p(text: str, style) -> Paragraph:
    return Paragraph(escape(text), style)


def _trend(line: Line) -> str:
    if line.trend is None:
        return "—"
    rounded = round(line.trend, 1)
    return format_signed(rounded, 0 if rounded == int(rounded) else 1)


def _decisions_table(decisions, sheet, labels: dict[str, str]) -> Table:
    cell, head = sheet["TableCell"], sheet["TableHead"]
    rows = [[_p(h, head) for h in ("Revue du", "Indicateur", "Décision", "Action du plan qualité")]]
    for d in decisions:
        rows.append([_p(format_date(d.held_on), cell), _p(labels.get(d.indicator, "—"), cell),
                     _p(d.text, cell), _p(d.progress_text(), cell)])
    table = Table(rows, colWidths=[24 * mm, 70 * mm, 100 * mm, None], repeatRows=1)
    commands = table_style_commands()
    for index, d in enumerate(decisions, start=1):
        if d.action_overdue:
            commands.append(("TEXTCOLOR", (3, index), (3, index), STATUS_COLOURS[RED]))
    table.setStyle(TableStyle(commands))
    return table


def review_story(period: Period, review: Review | None, lines: list[Line],
                 previous: Review | None, sheet) -> list:
    cell, head = sheet["TableCell"], sheet["TableHead"]
    story = [_p("Revue d'indicateurs", sheet["Title"]),
             _p(f"Période {period_span(period)}.", sheet["Body"])]
    if review is not None:
        story.append(_p(f"Revue tenue le {format_date(review.held_on)} — participants : "
                        f"{review.participants}.", sheet["Body"]))
    labels = {line.indicator: line.label for line in lines}
    story.append(_p("1. Décisions de la revue précédente", sheet["Heading1"]))
    if previous is None:
        story.append(_p("Aucune revue précédente.", sheet["Body"]))
    elif not previous.decisions:
        story.append(_p(f"La revue du {format_date(previous.held_on)} n'a pris aucune décision.",
                        sheet["Body"]))
    else:
        labels_all = {**{ln.indicator: ln.label for ln in previous.lines}, **labels}
        story.append(_decisions_table(previous.decisions, sheet, labels_all))

    story.append(_p("2. Indicateurs de la période", sheet["Heading1"]))
    status_style = ParagraphStyle("StatusCell", parent=cell, textColor=colors.white)
    rows = [[_p(h, head) for h in ("Indicateur", "Valeur", "Période précédente", "Évolution",
                                   "Cible", "État", "Commentaire")]]
    commands = table_style_commands()
    for index, line in enumerate(lines, start=1):
        rows.append([_p(line.label, cell), _p(format_value(line.value, line.unit), cell),
                     _p(format_value(line.previous, line.unit), cell), _p(_trend(line), cell),
                     _p(format_value(line.target, line.unit) if line.target is not None
                        else "sans cible", cell),
                     _p(STATUS_LABELS[line.status], status_style), _p(line.comment, cell)])
        commands.append(("BACKGROUND", (5, index), (5, index), STATUS_COLOURS[line.status]))
        commands.append(("TEXTCOLOR", (5, index), (5, index), colors.white))
    table = Table(rows, colWidths=[74 * mm, 24 * mm, 26 * mm, 23 * mm, 24 * mm, 23 * mm, None],
                  repeatRows=1)
    table.setStyle(TableStyle(commands))
    story.append(table)
    if review is not None and review.comments:
        story += [_p("Commentaire général", sheet["Heading2"]), _p(review.comments, sheet["Body"])]

    story.append(_p("3. Décisions", sheet["Heading1"]))
    if review is not None and review.decisions:
        story.append(_decisions_table(review.decisions, sheet, labels))
    else:
        story.append(_p("Décisions prises en séance (action, pilote, échéance) :", sheet["Body"]))
        blank = [[_p(h, head) for h in ("Indicateur", "Décision", "Pilote", "Échéance")]]
        blank += [["", "", "", ""] for _ in range(6)]
        table = Table(blank, colWidths=[70 * mm, 110 * mm, 45 * mm, None],
                      rowHeights=[None] + [9 * mm] * 6)
        table.setStyle(TableStyle(table_style_commands()))
        story.append(table)
    return story


def write_review_report(path: str | Path, period: Period | None = None,
                        today: date | None = None, *, overwrite: bool = False) -> Path:
    """The review of period (default: year to date): the review kept for exactly that period
    when there is one, otherwise the indicators as they stand and room for the decisions."""
    today = today or date.today()
    period = complete(period, today)
    review = review_of_period(period)
    lines = review.lines if review is not None else lines_of_period(period)
    before = review.held_on if review is not None else period.end + timedelta(days=1)
    previous = previous_review(before, today)
    sheet = stylesheet()
    story = review_story(period, review, lines, previous, sheet)
    story.insert(2, Spacer(1, 2 * mm))
    company = get_company()
    return write_pdf(lambda target: CompanyDocTemplate(
        target, company, "Revue d'indicateurs", printed_on=today,
        pagesize=landscape(A4)).build(story), path, overwrite=overwrite)
