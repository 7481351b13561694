"""The personalised reminder letter (M303 TP1: tell the customer what he has and until when),
one page per card."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

from rcdesk.core.errors import ServiceError
from rcdesk.core.formatting import format_date, format_long_date, format_money
from rcdesk.core.loyalty import group_digits, pct
from rcdesk.models.customers import Customer
from rcdesk.reports.base import CompanyDocTemplate, stylesheet, table_style_commands, write_pdf
from rcdesk.services.loyalty.cards import card_view
from rcdesk.services.loyalty.programme import programme_at
from rcdesk.services.settings import get_company


def _p(text: str, style) -> Paragraph:
    text = text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _letter(card_id: int, as_of: date, company, styles) -> list:
    view = card_view(card_id, as_of)
    if view.status == "blocked":
        raise ServiceError(f"La carte {view.number} est bloquée : pas de lettre pour elle.")
    p = programme_at(as_of)
    cur = company.currency
    customer = Customer.get_by_id(view.customer_id)
    lines = [view.customer, *customer.address.splitlines(),
             " ".join(x for x in (customer.postal_code, customer.city) if x)]
    block = "<br/>".join(escape(x) for x in lines if x.strip())
    head = Table([["", Paragraph(block, styles["Body"])]], colWidths=[95 * mm, None])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    civility = {"M.": "Monsieur", "Mme": "Madame", "Mlle": "Madame"}.get(customer.civility)
    greeting = f"{civility} {customer.last_name}," if civility and customer.last_name else \
        "Madame, Monsieur,"
    place = f"{company.city}, le " if company.city else "Le "
    story = [head, Spacer(1, 10 * mm),
             Paragraph(escape(place + format_long_date(as_of)), styles["Right"]),
             Spacer(1, 6 * mm),
             _p(f"Objet : votre carte de fidélité n° {group_digits(view.number)}", styles["Body"]),
             Spacer(1, 6 * mm), _p(greeting, styles["Body"]), Spacer(1, 3 * mm),
             _p("Merci de votre fidélité. Voici ce que vous avez accumulé et jusqu'à quand en "
                "profiter :", styles["Body"]), Spacer(1, 3 * mm),
             _p(f"« {view.sentence}. »", styles["Heading2"])]
    if view.status == "grace":
        story.append(_p(f"Votre carte a expiré le {format_date(view.expires_on)}. Vous pouvez la "
                        "renouveler à n'importe quelle caisse jusqu'au "
                        f"{format_date(view.grace_until)} : vos points et vos bons sont "
                        "conservés, y compris ceux gagnés depuis l'expiration.", styles["Body"]))
    elif view.status == "expired":
        story.append(_p(f"Votre carte a expiré le {format_date(view.expires_on)}. Renouvelez-la "
                        "à n'importe quelle caisse pour continuer à gagner des points ; vos "
                        "points restent valables jusqu'à leur date d'expiration.",
                        styles["Body"]))
    elif view.expires_on <= as_of + timedelta(days=max(p.warn_days, 60)):
        story.append(_p(f"Votre carte arrive à échéance le {format_date(view.expires_on)} : "
                        "elle se renouvelle à n'importe quelle caisse, sans perdre vos points.",
                        styles["Body"]))
    rows = [["Ce que vous avez", "Valeur", "À utiliser avant le"]]
    for v in view.vouchers:
        if v["used"] is None and date.fromisoformat(v["expires_on"]) >= as_of:
            rows.append([f"Bon d'achat {v['code']}", format_money(round(v["value"] * 100), cur),
                         format_date(date.fromisoformat(v["expires_on"]))])
    for lot in view.lots:
        if lot.expires_on:
            rows.append([f"{lot.points} points", "", format_date(lot.expires_on)])
    if len(rows) > 1:
        table = Table(rows, colWidths=[80 * mm, 35 * mm, 45 * mm])
        table.setStyle(TableStyle(table_style_commands()))
        story += [Spacer(1, 4 * mm), table]
    if view.balance >= p.threshold_points:
        story += [Spacer(1, 4 * mm), _p(
            f"Avec {view.balance} points, vous pouvez obtenir dès aujourd'hui "
            f"{view.balance // p.threshold_points} bon(s) de "
            f"{format_money(p.voucher_value_cents, cur)} à la caisse.", styles["Body"])]
    if view.tier:
        text = (f"Votre palier : {view.tier} (remise permanente de {pct(view.tier_discount_pct)})."
                if view.tier_discount_pct else f"Votre palier : {view.tier}.")
        if view.next_tier:
            text += (f" Encore {format_money(view.missing_cents, cur)} d'achats sur 12 mois "
                     f"pour le palier {view.next_tier}.")
        story += [Spacer(1, 3 * mm), _p(text, styles["Body"])]
    story += [Spacer(1, 8 * mm),
              _p("Nous vous prions d'agréer nos salutations distinguées.", styles["Body"]),
              Spacer(1, 8 * mm), _p(company.name, styles["Body"])]
    return story


def write_letter(card_ids: list[int], path: str | Path, *, as_of: date | None = None,
                 overwrite: bool = False) -> Path:
    as_of = as_of or date.today()
    company = get_company()
    styles = stylesheet()
    story: list = []
    for i, card_id in enumerate(card_ids):
        if i:
            story.append(PageBreak())
        story += _letter(card_id, as_of, company, styles)

    def build(tmp: str) -> None:
        CompanyDocTemplate(tmp, company, "Votre carte de fidélité",
                           printed_on=as_of).build(story)

    return write_pdf(build, path, overwrite=overwrite)
