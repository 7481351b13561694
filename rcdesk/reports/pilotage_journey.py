"""The customer journey map (landscape A4, one column per step): points of contact, moments of
truth, contacts and complaints of the period, top complaint categories; the weakest step in red."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from rcdesk.core.errors import ServiceError
from rcdesk.core.formatting import format_number
from rcdesk.core.periods import Period, period_span
from rcdesk.reports.base import (
    MARGIN,
    CompanyDocTemplate,
    stylesheet,
    table_style_commands,
    write_pdf,
)
from rcdesk.services.pilotage.dashboard import complete
from rcdesk.services.pilotage.journey import journey_map
from rcdesk.services.settings import get_company

WEAK = colors.HexColor("#B3261E")
LOW = colors.HexColor("#FBE3C2")  # the least satisfying step
HEAT = (colors.HexColor("#FFFFFF"), colors.HexColor("#F6C7C3"))  # no complaint -> the most


def _p(text: str, style) -> Paragraph:
    return Paragraph(escape(text), style)


def heat(count: int, most: int):
    """White for no complaint, up to a light red for the step with the most."""
    if not most or not count:
        return HEAT[0]
    share = count / most
    low, high = HEAT
    return colors.Color(low.red + (high.red - low.red) * share,
                        low.green + (high.green - low.green) * share,
                        low.blue + (high.blue - low.blue) * share)


def write_journey_report(path: str | Path, period: Period | None = None,
                         today: date | None = None, *, overwrite: bool = False) -> Path:
    today = today or date.today()
    period = complete(period, today)
    data = journey_map(period)
    if not data.steps:
        raise ServiceError("Le parcours client ne contient aucune étape.")
    sheet = stylesheet()
    cell = ParagraphStyle("JourneyCell", parent=sheet["TableCell"], fontSize=7.5, leading=9.5)
    head = sheet["TableHead"]
    label = ParagraphStyle("JourneyLabel", parent=cell, fontName="DejaVuSans-Bold")
    columns = [_p("", head)] + [_p(("★ " if m.step.moment_of_truth else "") + m.step.name, head)
                                for m in data.steps]
    contacts_row = [_p("Points de contact", label)]
    for m in data.steps:
        lines = [("H · " if c.human else "N · ") + c.name
                 + (" ★" if c.moment_of_truth else "") for c in m.step.contacts]
        contacts_row.append(Paragraph("<br/>".join(escape(t) for t in lines) or "—", cell))
    channels_row = [_p("Canal particulier / professionnel", label)]
    for m in data.steps:
        lines = [f"{c.name} : {c.channel_particulier or '—'} / {c.channel_professionnel or '—'}"
                 for c in m.step.contacts if c.channel_particulier or c.channel_professionnel]
        channels_row.append(Paragraph("<br/>".join(escape(t) for t in lines) or "—", cell))
    touched = [_p("Contacts sur la période", label)] + [
        _p(format_number(m.contacts, 0), cell) for m in data.steps]
    complaints = [_p("Réclamations (irritants)", label)] + [
        _p(format_number(m.complaints, 0), cell) for m in data.steps]
    rate = [_p("Réclamations pour 100 contacts", label)] + [
        _p(format_number(m.irritant_pct, 1) if m.irritant_pct is not None else "—", cell)
        for m in data.steps]
    top = [_p("Principales catégories", label)]
    for m in data.steps:
        top.append(Paragraph("<br/>".join(escape(f"{name} ({count})")
                                          for name, count in m.top_categories) or "—", cell))
    satisfaction = [_p("Satisfaction des critères", label)] + [
        _p(m.satisfaction_text, cell) for m in data.steps]
    rows = [columns, contacts_row, channels_row, touched, complaints, rate, top, satisfaction]
    width = landscape(A4)[0] - 2 * MARGIN
    first = 34 * mm
    table = Table(rows, colWidths=[first] + [(width - first) / len(data.steps)] * len(data.steps),
                  repeatRows=1)
    commands = table_style_commands()
    most = max(m.complaints for m in data.steps)
    for index, m in enumerate(data.steps, start=1):
        commands.append(("BACKGROUND", (index, 4), (index, 6), heat(m.complaints, most)))
        if m.least_satisfying:
            commands.append(("BACKGROUND", (index, 7), (index, 7), LOW))
        if m.weakest:
            commands.append(("BACKGROUND", (index, 0), (index, 0), WEAK))
            commands.append(("BOX", (index, 0), (index, -1), 1.5, WEAK))
    commands.append(("BACKGROUND", (0, 1), (0, -1), colors.HexColor("#DCE6F0")))
    table.setStyle(TableStyle(commands))
    story = [_p("Parcours client", sheet["Title"]),
             _p(f"Période {period_span(period)}. Une colonne par étape ; ★ moment de vérité ; "
                "H contact humain, N contact non humain ; l'étape la plus irritante est en "
                "rouge ; la satisfaction la plus basse des critères rattachés, en orange.",
                sheet["Body"]), Spacer(1, 3 * mm), table]
    notes = []
    if data.unassigned_contacts:
        notes.append(f"{format_number(data.unassigned_contacts, 0)} contact(s) de la période "
                     "sans étape du parcours.")
    if data.unassigned_complaints:
        notes.append(f"{format_number(data.unassigned_complaints, 0)} réclamation(s) de la "
                     "période sans étape du parcours.")
    if notes:
        story += [Spacer(1, 3 * mm)] + [_p(n, sheet["Small"]) for n in notes]
    company = get_company()
    return write_pdf(lambda target: CompanyDocTemplate(
        target, company, "Parcours client", printed_on=today,
        pagesize=landscape(A4)).build(story), path, overwrite=overwrite)
