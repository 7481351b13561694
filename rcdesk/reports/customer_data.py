"""GDPR right of access: everything held on one customer, as a PDF."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from rcdesk.core.formatting import format_date, format_money
from rcdesk.reports.base import CompanyDocTemplate, stylesheet, table_style_commands, write_pdf
from rcdesk.services.customers.export import EXPORT_COLUMNS
from rcdesk.services.gdpr import export_customer_data
from rcdesk.services.settings import format_phone, get_company

TITLE = "Données personnelles détenues"
LABELS = dict(EXPORT_COLUMNS) | {"referred_by_id": "Parrainé par (n°)", "anonymised_at":
                                 "Anonymisé le"}
HIDDEN = {"id"}


def _p(text: str, style) -> Paragraph:
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def _value(key: str, value) -> str:
    if value in (None, "", []):
        return "—"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, list):
        return ", ".join(value)
    if key in ("phone", "phone2"):
        return format_phone(value)  # the company's numbers national, others international
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:
            return format_date(datetime.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


def write_customer_data_pdf(customer_id: int, path: str | Path, *,
                            overwrite: bool = False) -> Path:
    """The identity fields, purchases and contact history of one customer (droit d'accès)."""
    data = export_customer_data(customer_id)
    company = get_company()
    sheet = stylesheet()
    customer = data["customer"]
    story = [_p(TITLE, sheet["Title"]),
             _p(f"Client n° {customer_id} — document établi le {format_date(date.today())} en "
                "réponse à une demande d'accès (RGPD, article 15).", sheet["Body"]),
             Spacer(1, 4 * mm), _p("Identité et coordonnées", sheet["Heading1"])]
    rows = [[_p(LABELS.get(k, k), sheet["TableCell"]), _p(_value(k, v), sheet["TableCell"])]
            for k, v in customer.items() if k not in HIDDEN]
    table = Table(rows, colWidths=[55 * mm, 115 * mm])
    table.setStyle(TableStyle(table_style_commands()[:2] + table_style_commands()[6:]))
    story += [table, _p(f"Achats ({len(data['purchases'])})", sheet["Heading1"])]
    if data["purchases"]:
        rows = [["Date", "Montant", "Canal", "Référence"]] + [
            [_value("date", p["date"]), format_money(p["amount_cents"], company.currency),
             p["channel"], p["reference"]] for p in data["purchases"]]
        table = Table(rows, colWidths=[30 * mm, 35 * mm, 45 * mm, 60 * mm], repeatRows=1)
        table.setStyle(TableStyle(table_style_commands()))
        story.append(table)
    else:
        story.append(_p("Aucun achat enregistré.", sheet["Body"]))
    story.append(_p(f"Contacts ({len(data['interactions'])})", sheet["Heading1"]))
    if data["interactions"]:
        cell = sheet["TableCell"]
        rows = [["Date", "Canal", "Sens", "Objet", "Suite donnée"]] + [
            [_value("at", i["at"]), _p(i["channel"], cell), i["direction"],
             _p(i["subject"], cell), _p(i["outcome"], cell)] for i in data["interactions"]]
        table = Table(rows, colWidths=[22 * mm, 28 * mm, 18 * mm, 50 * mm, 56 * mm],
                      repeatRows=1)
        table.setStyle(TableStyle(table_style_commands()))
        story.append(table)
    else:
        story.append(_p("Aucun contact enregistré.", sheet["Body"]))
    controller = data["controller"]
    story += [Spacer(1, 6 * mm), _p(
        f"Responsable du traitement : {controller['name'] or '—'}"
        + (f", {controller['email']}" if controller["email"] else "")
        + ". Vous pouvez demander la rectification ou l'effacement de ces données.",
        sheet["Small"])]
    return write_pdf(lambda target: CompanyDocTemplate(target, company, TITLE).build(story),
                     path, overwrite=overwrite)
