"""GDPR right of access: everything held on one customer, as a PDF."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from rcdesk.core.formatting import format_date, format_money
from rcdesk.reports.base import (
    CompanyDocTemplate,
    pdf_phone,
    stylesheet,
    table_style_commands,
    write_pdf,
)
from rcdesk.services.customers import country_name
from rcdesk.services.customers.export import EXPORT_COLUMNS
from rcdesk.services.gdpr import export_customer_data
from rcdesk.services.settings import get_company

TITLE = "Données personnelles détenues"
LABELS = dict(EXPORT_COLUMNS) | {"referred_by": "Parrainé par", "referrals": "Filleuls",
                                 "anonymised_at": "Anonymisé le",
                                 "last_contact_imported": "Dernier contact (fichier importé)"}
HIDDEN = {"id", "version"}  # internal numbers, not data about the person


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
        return pdf_phone(value)  # the company's numbers national, others international
    if key == "country":
        return country_name(value)  # « Belgique », not BE
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:
            return format_date(datetime.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


def _complaints(complaints: list[dict], sheet) -> list:
    """Each complaint: what the customer said and expected, the answer, the timeline."""
    story = [_p(f"Réclamations ({len(complaints)})", sheet["Heading1"])]
    if not complaints:
        return story + [_p("Aucune réclamation enregistrée.", sheet["Body"])]
    cell = sheet["TableCell"]
    for c in complaints:
        story.append(_p(f"{c['number']} — reçue le {_value('d', c['received_on'])}, "
                        f"{c['status'].lower()}", sheet["Heading2"]))
        rows = [("Canal", c["channel"]), ("Produit ou service", c["product"]),
                ("Lieu", c["place"]), ("Catégorie", c["category"]),
                ("Description", c["description"]), ("Attente", c["expectation"]),
                ("Réponse", c["answer"]),
                ("Réponse du", _value("d", c.get("answer_date"))),
                ("Compensation", c.get("compensation", "")),
                ("De nouveau satisfait", c.get("resatisfied", ""))]
        table = Table([[_p(k, cell), _p(v or "—", cell)] for k, v in rows],
                      colWidths=[40 * mm, 130 * mm])
        table.setStyle(TableStyle(table_style_commands()[:2] + table_style_commands()[6:]))
        story.append(table)
        if c["events"]:
            story.append(Spacer(1, 2 * mm))
            rows = [["Quand", "Par", "Étape", "Commentaire"]] + [
                [_value("at", e["at"]), _p(e["who"], cell), _p(e["what"], cell),
                 _p(e["comment"], cell)] for e in c["events"]]
            table = Table(rows, colWidths=[22 * mm, 30 * mm, 64 * mm, 54 * mm], repeatRows=1)
            table.setStyle(TableStyle(table_style_commands()))
            story.append(table)
    return story


def _survey_responses(responses: list[dict], sheet) -> list:
    """Each survey answer of the customer (the satisfaction area's export_customer part):
    campaign, when, and every question with the answer as given."""
    story = [_p(f"Réponses aux enquêtes de satisfaction ({len(responses)})", sheet["Heading1"])]
    if not responses:
        return story + [_p("Aucune réponse à une enquête.", sheet["Body"])]
    cell = sheet["TableCell"]
    for r in responses:
        heading = _p(f"{r['campaign']} — répondu le {_value('at', r['answered_at'])}",
                     sheet["Heading2"])
        rows = [[_p("Question", sheet["TableHead"]), _p("Réponse", sheet["TableHead"])]] + [
            [_p(a["question"], cell), _p(a["answer"] or "—", cell)] for a in r["answers"]]
        table = Table(rows, colWidths=[85 * mm, 85 * mm], repeatRows=1)
        table.setStyle(TableStyle(table_style_commands()))
        story.append(KeepTogether([heading, table]) if len(rows) < 25 else heading)
        if len(rows) >= 25:
            story.append(table)
    return story


def write_customer_data_pdf(customer_id: int, path: str | Path, *,
                            overwrite: bool = False) -> Path:
    """The identity fields (referrer and referrals by name), purchases, contacts with their
    journey step, complaints with their timeline, survey answers and the corrections of one
    customer (droit d'accès)."""
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
    story += [table]
    heading = _p(f"Achats et avoirs ({len(data['purchases'])})", sheet["Heading1"])
    if data["purchases"]:
        rows = [["Date", "Nature", "Montant", "Canal", "Référence"]] + [
            [_value("date", p["date"]), "Avoir" if p["amount_cents"] < 0 else "Achat",
             format_money(p["amount_cents"], company.currency), p["channel"], p["reference"]]
            for p in data["purchases"]]
        table = Table(rows, colWidths=[25 * mm, 20 * mm, 30 * mm, 40 * mm, 55 * mm],
                      repeatRows=1)
        table.setStyle(TableStyle(table_style_commands()))
        story.append(KeepTogether([heading, table]) if len(rows) < 20 else heading)
        if len(rows) >= 20:
            story.append(table)
    else:
        story += [heading, _p("Aucun achat enregistré.", sheet["Body"])]
    story.append(_p(f"Contacts ({len(data['interactions'])})", sheet["Heading1"]))
    cell = sheet["TableCell"]
    if data["interactions"]:
        head = [_p(h, sheet["TableHead"]) for h in ("Date", "Canal", "Sens", "Étape du parcours",
                                                     "Objet", "Suite donnée", "Par")]
        rows = [head] + [
            [_value("at", i["at"]), _p(i["channel"], cell), i["direction"], _p(i["step"], cell),
             _p(i["subject"], cell), _p(i["outcome"], cell), _p(i["operator"], cell)]
            for i in data["interactions"]]
        table = Table(rows, colWidths=[20 * mm, 22 * mm, 15 * mm, 25 * mm, 32 * mm, 32 * mm,
                                       24 * mm], repeatRows=1)
        table.setStyle(TableStyle(table_style_commands()))
        story.append(table)
    else:
        story.append(_p("Aucun contact enregistré.", sheet["Body"]))
    story += _complaints(data.get("complaints", []), sheet)
    story += _survey_responses(data.get("survey_responses", []), sheet)
    if data.get("history"):
        story.append(_p(f"Corrections de la fiche ({len(data['history'])})", sheet["Heading1"]))
        rows = [["Quand", "Par", "Quoi"]] + [
            [_value("at", h["at"]), _p(h["who"], cell), _p(h["what"], cell)]
            for h in data["history"]]
        table = Table(rows, colWidths=[22 * mm, 35 * mm, 113 * mm], repeatRows=1)
        table.setStyle(TableStyle(table_style_commands()))
        story.append(table)
    controller = data["controller"]
    story += [Spacer(1, 6 * mm), _p(
        f"Responsable du traitement : {controller['name'] or '—'}"
        + (f", {controller['email']}" if controller["email"] else "")
        + ". Vous pouvez demander la rectification ou l'effacement de ces données.",
        sheet["Small"])]
    return write_pdf(lambda target: CompanyDocTemplate(target, company, TITLE).build(story),
                     path, overwrite=overwrite)
