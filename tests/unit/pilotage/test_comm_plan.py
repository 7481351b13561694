"""The annual communication plan: validation, year by month, budget, exports, mailing list."""

import os
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from rcdesk.core.errors import ValidationError
from rcdesk.models.pilotage import CommPlanRow
from rcdesk.reports.pilotage_comm_plan import write_comm_plan
from rcdesk.services.customers import CustomerData, create_customer
from rcdesk.services.pilotage.comm_plan import (
    PlanInput,
    add_plan_row,
    export_mailing_list,
    mailing_list,
    plan_of_year,
)

PRESS = PlanInput(2026, "cognitif", "Communiqué de presse", "média", "01/03/2026", "31/03/2026",
                  "1 200,50 €", "statut:prospect", "presse locale", "50", "1 fois", "900",
                  "Chargée de communication", "articles parus", "10 articles sur 50 envois")
FAIR = PlanInput(2026, "affectif", "Salon des arts de la table", "hors média", "28/04/2026",
                 "02/05/2026", "3500", "VIP", "stand", spent="0")


def test_plan_by_month_with_budget_total_and_spent(company):
    add_plan_row(PRESS)
    add_plan_row(FAIR)
    plan = plan_of_year(2026)
    assert (plan.budget_cents, plan.spent_cents) == (470050, 90000)
    assert plan.by_objective == {"cognitif": 120050, "affectif": 350000, "conatif": 0}
    assert plan.by_month == [0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
    press = plan.rows[0]
    assert (press.copies, press.duration_days, press.months(2026)) == (50, 31, [3])


@pytest.mark.parametrize("change, message", [
    ({"budget": ""}, "budget alloué est obligatoire"),
    ({"budget": "douze"}, "Budget"),
    ({"end": "28/02/2026"}, "avant de commencer"),
    ({"objective": "informatif"}, "cognitif"),
    ({"media": "radio"}, "hors média"),
    ({"action": "  "}, "action de communication est obligatoire"),
    ({"copies": "-5"}, "négatif"),
    ({"target_segment": "rfm:Stars"}, "Segment RFM inconnu"),
    ({"start": "01/03/2027", "end": "31/03/2027"}, "ne se déroule pas en 2026"),
])
def test_bad_plan_row_refused_and_nothing_saved(company, change, message):
    data = PlanInput(**{**PRESS.__dict__, **change})
    with pytest.raises(ValidationError, match=message):
        add_plan_row(data)
    assert CommPlanRow.select().count() == 0


def test_mailing_list_keeps_only_consenting_customers_of_the_target(company, tmp_path):
    yes = create_customer(CustomerData(first_name="Anne", last_name="Roux", status="prospect",
                                       email="anne@example.fr", consent=True,
                                       consent_date=date(2026, 1, 5), segments="VIP"))
    create_customer(CustomerData(first_name="Paul", last_name="Blanc", status="prospect",
                                 email="paul@example.fr", consent=False, segments="VIP"))
    create_customer(CustomerData(first_name="Léa", last_name="Noir", status="client",
                                 email="lea@example.fr", consent=True,
                                 consent_date=date(2026, 1, 5)))
    assert [r[:3] for r in mailing_list("statut:prospect")] == [
        (yes, "Anne Roux", "anne@example.fr")]
    assert [r[0] for r in mailing_list("VIP")] == [yes]
    row = add_plan_row(PRESS)
    path = tmp_path / "liste.csv"
    assert export_mailing_list(row.id, path) == 1
    text = path.read_text(encoding="utf-8-sig")
    assert "anne@example.fr" in text and "paul@example.fr" not in text


def test_plan_exports_pdf_and_xlsx(company, tmp_path):
    add_plan_row(PRESS)
    add_plan_row(FAIR)
    pdf = write_comm_plan(tmp_path / "plan.pdf", 2026, today=date(2026, 2, 1))
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Plan de communication 2026" in text and "4 700,50 €" in text
    assert "Planning 2026" in text and "10 articles" in text and "articles parus" in text
    book = load_workbook(write_comm_plan(tmp_path / "plan.xlsx", 2026))
    sheet = book["Plan 2026"]
    assert [c.value for c in sheet[1]][:3] == ["Objectif", "Cibles", "Action"]
    assert sheet.cell(sheet.max_row, 9).value == pytest.approx(4700.5)
    assert [c.value for c in book["Planning"][2]][1:6] == [None, None, "●", None, None]


def test_media_column_holds_hors_media_on_one_line_and_its_header_on_two(company, tmp_path):
    """The PDF's « Média / hors média » column: its header wraps once (« Média / » then
    « hors média »), never three lines; « hors média » in a row is never cut in two."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import Table

    from rcdesk.reports.base import MARGIN, stylesheet
    from rcdesk.reports.pilotage_comm_plan import _story
    from rcdesk.services.pilotage.comm_plan import COLUMNS, plan_of_year

    add_plan_row(PRESS)
    add_plan_row(FAIR)
    table = next(f for f in _story(plan_of_year(2026), "EUR", stylesheet())
                 if isinstance(f, Table))
    table.wrap(landscape(A4)[0] - 2 * MARGIN, landscape(A4)[1])
    column = [k for k, _ in COLUMNS if k != "spent"].index("media")
    head, press, fair = (table._cellvalues[r][column][0] for r in range(3))
    head.wrap(table._colWidths[column] - 12, 1000)  # the cell's width less its paddings
    fair.wrap(table._colWidths[column] - 12, 1000)
    assert [" ".join(w for w in line[1]) for line in head.blPara.lines] == [
        "Média /", "hors\u00a0média"]
    assert [" ".join(w for w in line[1]) for line in fair.blPara.lines] == ["hors\u00a0média"]
    assert press.text == "média"
    if os.environ.get("RCDESK_SHOTS"):
        write_comm_plan(os.path.join(os.environ["RCDESK_SHOTS"], "comm-plan.pdf"), 2026,
                        overwrite=True)
