"""Rebates (ristournes) of a period: each customer's spend, rate reached and rebate."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Paragraph, Spacer, TableStyle

from rcdesk.core.formatting import format_date, format_money
from rcdesk.core.loyalty import pct
from rcdesk.core.periods import Period
from rcdesk.reports.base import CompanyDocTemplate, stylesheet, table_style_commands, write_pdf
from rcdesk.services.loyalty.programme import programme_at
from rcdesk.services.loyalty.rebates import RebateLine
from rcdesk.services.settings import get_company


def write_rebates(lines: list[RebateLine], period: Period, path: str | Path, *,
                  overwrite: bool = False) -> Path:
    company = get_company()
    cur = company.currency
    styles = stylesheet()
    p = programme_at(period.end)
    brackets = " ; ".join(f"dès {format_money(b.min_spend_cents, cur)} : {pct(b.rate_pct)}"
                          for b in p.brackets) or "aucun palier"
    story = [Paragraph("Ristournes", styles["Title"]),
             Paragraph(escape(f"Du {format_date(period.start)} au {format_date(period.end)} — "
                              f"paliers : {brackets} (taux du palier atteint appliqué à tous "
                              "les achats de la période)"), styles["Body"]),
             Spacer(1, 4 * mm)]
    rows = [["N°", "Client", "Achats", "Taux", "Ristourne", "Accordée le"]]
    for r in lines:
        rows.append([str(r.customer_id), Paragraph(escape(r.customer), styles["TableCell"]),
                     format_money(r.spend_cents, cur), f"{pct(r.rate_pct)}",
                     format_money(r.amount_cents, cur), format_date(r.granted_on)])
    rows.append(["", "Total", format_money(sum(r.spend_cents for r in lines), cur), "",
                 format_money(sum(r.amount_cents for r in lines), cur), ""])
    table = LongTable(rows, colWidths=[14 * mm, 62 * mm, 30 * mm, 16 * mm, 28 * mm, 24 * mm],
                      repeatRows=1)
    table.setStyle(TableStyle(table_style_commands() + [
        ("ALIGN", (2, 0), (4, -1), "RIGHT")]))
    story.append(table)
    if not lines:
        story.append(Paragraph("Aucun client n'atteint un palier sur cette période.",
                               styles["Body"]))

    def build(tmp: str) -> None:
        CompanyDocTemplate(tmp, company, "Ristournes").build(story)

    return write_pdf(build, path, overwrite=overwrite)
