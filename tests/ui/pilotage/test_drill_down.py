"""A click on an indicator opens its detail with the list behind it, shown by the area that
owns the indicator (IndicatorDef.drill_down, ui/indicator_lists.py): the register on the late
complaints, the zone 2 criteria, the cards in grace, the overdue PAQ actions."""

import os
from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QCheckBox, QTableView, QTableWidget

from rcdesk.core.periods import Period
from rcdesk.models.customers import Customer
from rcdesk.services import indicators as registry
from rcdesk.services.actions import ActionInput, create_action
from rcdesk.services.complaints.workflow import ComplaintInput, register_complaint
from rcdesk.services.loyalty.cards import issue_card
from rcdesk.services.surveys import (
    CRITERION,
    NPS,
    QuestionInput,
    ResponseInput,
    create_campaign,
    create_questionnaire,
    get_questionnaire,
    parse_answer,
    record_response,
)
from rcdesk.ui.indicator_lists import INDICATOR_LISTS
from rcdesk.ui.pilotage.detail import IndicatorDetailDialog

TODAY = date.today()
YEAR = Period(date(TODAY.year, 1, 1), TODAY)


@pytest.fixture
def customer(sqlite_database):
    registry.clear_cache()
    return Customer.insert(first_name="Marc", last_name="Delattre", phone="+33612480917",
                           status="client", sort_name="delattre marc").execute()


def _shot(widget, name):
    if os.environ.get("RCDESK_SHOTS"):
        widget.grab().save(os.path.join(os.environ["RCDESK_SHOTS"], name))


def _dialog(qtbot, key, period=YEAR):
    dialog = IndicatorDetailDialog(key, period.end, None, period=period)
    qtbot.addWidget(dialog)
    dialog.resize(1366 - 100, 700)
    return dialog


def test_every_drill_down_names_an_area_with_lists(sqlite_database):
    named = {d.area for d in registry.definitions().values() if d.drill_down}
    assert named == {"complaints", "actions", "satisfaction", "loyalty"}
    assert named <= set(INDICATOR_LISTS)


def test_in_time_opens_the_register_on_the_late_complaints(qtbot, customer):
    late = register_complaint(ComplaintInput(customer_id=customer, description="Colis abîmé"),
                              received_on=TODAY - timedelta(days=40)).number
    register_complaint(ComplaintInput(customer_id=customer, description="Retard de livraison"),
                       received_on=TODAY)
    # the last 60 days, not the year so far: in January the late one came the year before
    dialog = _dialog(qtbot, "complaints_in_time", Period(TODAY - timedelta(days=60), TODAY))
    assert dialog.list is not None
    assert dialog.list.findChild(QCheckBox, "lateFilter").isChecked()
    model = dialog.list.findChild(QTableView, "registerTable").model()
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=5000)
    assert model.index(0, 0).data() == late  # the N° column: the late one, not today's
    _shot(dialog, "drill-complaints.png")
    # received in another period: not listed
    before = _dialog(qtbot, "complaints_in_time", Period(date(2000, 1, 1), date(2000, 12, 31)))
    assert before.list.findChild(QCheckBox, "periodFilter").isChecked()
    assert before.list.findChild(QTableView, "registerTable").model().rowCount() == 0


def test_overdue_actions_listed_for_the_paq_indicator(qtbot, customer):
    create_action(ActionInput(origin="audit", nc="Colis abîmés", action="Changer de transporteur",
                              pilot="Ahmed", planned_date=TODAY - timedelta(days=10)))
    create_action(ActionInput(origin="audit", nc="Accueil", action="Former l'équipe", pilot="Ahmed",
                              planned_date=TODAY + timedelta(days=30)))
    dialog = _dialog(qtbot, "paq_overdue")
    table = dialog.list.findChild(QTableView, "actionTable")
    assert table.model().rowCount() == 1
    assert "transporteur" in str([table.model().index(0, c).data()
                                  for c in range(table.model().columnCount())])
    _shot(dialog, "drill-actions.png")


def test_satisfaction_opens_the_zone_2_criteria(qtbot, customer):
    qid = create_questionnaire("Séjour", [QuestionInput(NPS, "Recommanderiez-vous ?", True),
                                          QuestionInput(CRITERION, "Accueil", True),
                                          QuestionInput(CRITERION, "Propreté", True)])
    campaign = create_campaign(qid, "Printemps", channel="web")
    q = get_questionnaire(qid)
    for _ in range(3):  # Accueil 4/5 for importance 5 (zone 1), Propreté 1/5 for 5 (zone 2)
        record_response(campaign, ResponseInput({
            q.questions[0].id: parse_answer(q.questions[0], value=9),
            q.questions[1].id: parse_answer(q.questions[1], value=4, importance=5),
            q.questions[2].id: parse_answer(q.questions[2], value=1, importance=5)}))
    dialog = _dialog(qtbot, "satisfaction_mean")
    table = dialog.list.findChild(QTableWidget, "zone2Table")
    assert table.rowCount() == 1
    assert [table.item(0, c).text() for c in range(4)] == ["Printemps", "Propreté", "1,0",
                                                           "5,0"]
    _shot(dialog, "drill-zone2.png")
    # a period without answers: no criterion
    empty = _dialog(qtbot, "satisfied_pct", Period(date(2000, 1, 1), date(2000, 12, 31)))
    assert empty.list.findChild(QTableWidget, "zone2Table").rowCount() == 0


def test_renewal_opens_the_cards_in_grace(qtbot, customer):
    issue_card(customer, TODAY - timedelta(days=370))  # expired a few days ago: in grace
    other = Customer.insert(first_name="Léa", last_name="Martin", phone="+33612480918",
                            status="client", sort_name="martin léa").execute()
    issue_card(other, TODAY - timedelta(days=30))  # active
    dialog = _dialog(qtbot, "loyalty_renewal_rate")
    table = dialog.list.findChild(QTableWidget, "graceTable")
    assert table.rowCount() == 1
    assert "Delattre" in table.item(0, 1).text()
    _shot(dialog, "drill-grace.png")


def test_an_indicator_without_list_keeps_its_plain_detail(qtbot, customer):
    dialog = _dialog(qtbot, "complaints_received")
    assert dialog.list is None


def test_entree_on_the_dashboard_opens_the_detail_with_its_list(qtbot, customer, monkeypatch,
                                                                sqlite_database):
    from PySide6.QtCore import Qt

    from rcdesk.ui.context import AppContext
    from rcdesk.ui.pilotage import PilotageTab

    shown = []
    monkeypatch.setattr(IndicatorDetailDialog, "exec", lambda self: shown.append(self) or 0)
    tab = PilotageTab(AppContext(sqlite_database.target))
    qtbot.addWidget(tab)
    tab.resize(1366, 740)
    table = tab.dashboard.table
    row = next(r for r in range(table.rowCount())
               if table.item(r, 0).data(Qt.ItemDataRole.UserRole) == "paq_overdue")
    table.setCurrentCell(row, 0)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    [dialog] = shown
    assert dialog.period == tab.dashboard.period_box.period()
    assert dialog.list.findChild(QCheckBox).text().replace("&", "") == \
        "Seulement les actions en retard"
