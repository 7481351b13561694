"""The Pilotage tab: the dashboard paints its labels at once and its figures from the worker
(cached per period), a target typed in the detail turns the status colour, the pages open."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget

from rcdesk.core.indicators import AMBER
from rcdesk.models.pilotage import CommPlanRow, IndicatorReview
from rcdesk.services.charter.commitments import CommitmentInput, add_commitment, list_readings
from rcdesk.services.pilotage.targets import add_reading, targets_of_year
from rcdesk.ui.context import AppContext
from rcdesk.ui.pilotage import PilotageTab
from rcdesk.ui.pilotage.comm_plan import PlanDialog
from rcdesk.ui.pilotage.dashboard import COL_STATE, COL_TARGET, WAITING
from rcdesk.ui.pilotage.detail import IndicatorDetailDialog
from rcdesk.ui.pilotage.reviews import ReviewDialog


@pytest.fixture
def waiting_time(sqlite_database):
    commitment = add_commitment(CommitmentInput("Attente à l'accueil de 5 minutes au plus.",
                                                indicator="Attente à l'accueil", target="5",
                                                unit="minutes"))
    today = date.today()
    add_reading(f"engagement_{commitment.id}", "5,4", today.replace(day=1))
    return f"engagement_{commitment.id}"


@pytest.fixture
def tab(qtbot, sqlite_database):
    widget = PilotageTab(AppContext(sqlite_database.target))
    qtbot.addWidget(widget)
    widget.resize(1366, 740)
    return widget


def _row(tab, key):
    table = tab.dashboard.table
    return next(r for r in range(table.rowCount())
                if table.item(r, 0).data(Qt.ItemDataRole.UserRole) == key)


def test_dashboard_fills_in_the_background_and_caches_the_period(qtbot, waiting_time, tab):
    row = _row(tab, waiting_time)
    assert tab.dashboard.table.item(row, 1).text() in (WAITING, "5,4\u00a0minutes")
    qtbot.waitUntil(lambda: tab.dashboard.data is not None, timeout=20000)
    assert tab.dashboard.table.item(_row(tab, waiting_time), 1).text() == "5,4\u00a0minutes"
    # then the sparklines: this month's reading is the last point of its line
    qtbot.waitUntil(lambda: bool(tab.dashboard.data.sparklines), timeout=20000)
    assert tab.dashboard.data.sparklines[waiting_time][-1] == 5.4
    assert tab.dashboard.data.sparklines[waiting_time][:11] == [None] * 11
    first = tab.dashboard.data
    tab.dashboard.refresh()  # same period, nothing written: the cache answers at once
    assert tab.dashboard.data is first


def test_target_typed_in_the_detail_colours_the_status(qtbot, waiting_time, tab):
    qtbot.waitUntil(lambda: tab.dashboard.data is not None, timeout=20000)
    end = tab.dashboard.period_box.period().end
    dialog = IndicatorDetailDialog(waiting_time, end, tab)
    qtbot.addWidget(dialog)
    dialog.target.setText("150 %")
    dialog.save_target()
    assert "incompatible" in dialog.error.text()
    assert "#b00020" in dialog.error.styleSheet()  # a refusal is red
    assert targets_of_year(end.year) == {}
    dialog.target.setText("5")
    dialog.save_target()
    assert targets_of_year(end.year) == {waiting_time: 5.0}
    tab.dashboard.invalidate()
    before = tab.dashboard.data
    tab.dashboard.refresh()
    qtbot.waitUntil(lambda: tab.dashboard.data is not before, timeout=20000)
    row = _row(tab, waiting_time)
    assert tab.dashboard.table.item(row, COL_TARGET).text() == "5\u00a0minutes"
    # 5.4 minutes for at most 5: missed by 0.4, less than 10 % of 5
    assert tab.dashboard.table.item(row, COL_STATE).data(Qt.ItemDataRole.UserRole) == AMBER

    dialog.reading_date.setDate(dialog.reading_date.date().addYears(-1))
    dialog.reading_value.setText("4")
    dialog.save_reading()
    assert "enregistré" in dialog.error.text()
    assert dialog.error.styleSheet() == ""  # a confirmation is not shown as a refusal
    assert len(list_readings(int(waiting_time.split("_")[1]))) == 2  # the charter's readings


def test_review_dialog_saves_with_participants_only(qtbot, tab):
    dialog = ReviewDialog(tab)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "participants" in dialog.error.text()
    assert IndicatorReview.select().count() == 0
    qtbot.waitUntil(lambda: dialog.lines_ready, timeout=20000)  # figures from the worker
    assert dialog.lines.item(0, 0).text() == "Taux de rétention des clients (%)"
    qtbot.keyClicks(dialog.participants, "Zoe, Marc")
    dialog.decisions.item(0, 0).setText("Former l'accueil")
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.saved is not None and dialog.saved.participants == "Zoe, Marc"
    assert [d.text for d in dialog.saved.decisions] == ["Former l'accueil"]


def test_plan_dialog_refuses_a_row_without_budget(qtbot, tab):
    dialog = PlanDialog(2026, parent=tab)
    qtbot.addWidget(dialog)
    dialog.fields["action"].setText("Salon")
    dialog.fields["start"].setText("10/05/2026")
    dialog.fields["end"].setText("12/05/2026")
    dialog.accept()
    assert "budget" in dialog.error.text()
    assert CommPlanRow.select().count() == 0
    dialog.fields["budget"].setText("3 500")
    dialog.accept()
    assert CommPlanRow.select().count() == 1


def test_pages_are_built_when_first_shown(qtbot, tab):
    assert tab.built == {}
    for index in (1, 2, 3):
        tab.pages.setCurrentIndex(index)
    assert sorted(tab.built) == [1, 2, 3]
    assert tab.page(2).table.columnCount() == 8  # the default journey


def test_journey_step_opens_its_complaints(qtbot, tab):
    from rcdesk.services.complaints.workflow import ComplaintInput, register_complaint
    from rcdesk.services.pilotage.journey import assign_complaint_step

    summary = register_complaint(ComplaintInput(walk_in_name="Passant",
                                                walk_in_contact="06 12 34 56 78",
                                                description="Casse"),
                                 received_on=date.today())
    assign_complaint_step(summary.id, "livraison")
    page = tab.page(2)
    page.reload()
    column = [page.table.horizontalHeaderItem(c).text() for c in
              range(page.table.columnCount())].index("livraison")
    page.table.setCurrentCell(1, column)
    page.open_step()
    listing = page.step_dialog.findChild(QListWidget, "stepComplaints")
    assert listing.count() == 1 and listing.item(0).text().startswith(summary.number)


def test_enter_on_an_indicator_asks_for_its_detail(qtbot, tab):
    tab.dashboard.indicator_opened.disconnect(tab.open_indicator)  # no modal dialog here
    table = tab.dashboard.table
    row = _row(tab, "complaints_in_time")
    table.setCurrentCell(row, 0)
    table.setFocus()
    with qtbot.waitSignal(tab.dashboard.indicator_opened) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened.args == ["complaints_in_time"]


def test_dashboard_prints_the_review_of_its_period(qtbot, tab, tmp_path, monkeypatch,
                                                   message_boxes):
    from pypdf import PdfReader
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "revue.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "PDF (*.pdf)")))
    tab.dashboard.save_review_pdf()
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=20000)
    assert message_boxes[0][0] == "information" and target.exists()
    text = PdfReader(str(target)).pages[0].extract_text()
    assert "Revue d'indicateurs" in text and "Aucune revue précédente." in text


def test_journey_contact_point_removed_from_the_page(qtbot, tab, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from rcdesk.services.pilotage.journey import ContactInput, add_contact, list_steps

    delivery = next(s for s in list_steps() if s.name == "livraison")
    add_contact(delivery.id, ContactInput("livreur"))
    add_contact(delivery.id, ContactInput("SMS", human=False))
    page = tab.page(2)
    page.reload()
    page.table.setCurrentCell(0, [s.name for s in list_steps()].index("livraison"))
    monkeypatch.setattr(QInputDialog, "getItem",
                        staticmethod(lambda *a, **k: ("livreur", True)))
    page.remove_contact()
    assert [c.name for c in next(s for s in list_steps() if s.name == "livraison").contacts] \
        == ["SMS"]


def test_ctrl_6_opens_the_pilotage_tab(qtbot, tmp_path):
    from rcdesk.ui.main_window import MainWindow

    window = MainWindow(str(tmp_path / "shop.db"), operator="sophie")
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Pilotage"
    tab = window.tab("pilotage")
    assert isinstance(tab, PilotageTab)
    qtbot.waitUntil(lambda: tab.dashboard.data is not None, timeout=20000)
    qtbot.waitUntil(lambda: tab.dashboard._worker is None, timeout=20000)


def test_actualiser_shows_what_another_pc_wrote(qtbot, tab, sqlite_database):
    """Another program writes a complaint received today (its own connection: this process
    sees no write of its own); Actualiser reads the registry again, whose kept figures of the
    year the base's triggers dropped."""
    import sqlite3

    qtbot.waitUntil(lambda: tab.dashboard.data is not None, timeout=20000)
    qtbot.waitUntil(lambda: bool(tab.dashboard.data.sparklines), timeout=20000)
    received = next(r for r in tab.dashboard.data.rows if r.indicator == "complaints_received")
    assert received.value == 0
    today = date.today().isoformat()
    other = sqlite3.connect(sqlite_database.target)
    other.execute("INSERT INTO complaint (number, received_at, received_on, due_date, "
                  "walk_in_name, walk_in_contact, channel, product, place, description, "
                  "expectation, status, type, severity, entity, paused_from, waited_days, "
                  "answer_text, compensation, cost_cents, resatisfied, updated_at, version, "
                  "journey_step) VALUES ('REC-2026-0099', ?, ?, ?, 'Passant', '', 'comptoir', "
                  "'', '', 'Vu ailleurs', '', 'Reçue', '', '', '', '', 0, '', 'aucune', 0, '', "
                  "?, 1, '')", (today + " 10:00:00", today, today, today + " 10:00:00"))
    other.commit()
    other.close()
    tab.dashboard.refresh_now()
    qtbot.waitUntil(lambda: tab.dashboard.data is not None and next(
        r for r in tab.dashboard.data.rows if r.indicator == "complaints_received").value == 1,
        timeout=20000)
