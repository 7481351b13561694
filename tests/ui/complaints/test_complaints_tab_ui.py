"""The Réclamations tab as a whole: Ctrl+N, opening a row, indicators with typed figures, PDFs."""

from __future__ import annotations

from datetime import date

import pyqtgraph as pg
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from rcdesk.services import complaints as cs
from rcdesk.ui.complaints import indicators as indicators_module
from rcdesk.ui.complaints.detail import ComplaintDetailDialog
from rcdesk.ui.complaints.intake import IntakeDialog
from rcdesk.ui.complaints.tab import ComplaintsTab


def _complaint(description="Assiette ébréchée"):
    return cs.register_complaint(cs.ComplaintInput(
        walk_in_name="Jean Martin", walk_in_contact="06 11 22 33 44", product="Assiettes",
        place="Lille centre", description=description))


def _pdf_text(path) -> str:
    # words only: a table cell may wrap a name over two lines
    return " ".join(" ".join(page.extract_text() for page in PdfReader(str(path)).pages).split())


def test_ctrl_n_opens_the_intake_form_and_enter_opens_the_complaint(qtbot, context):
    saved = _complaint()
    tab = ComplaintsTab(context)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    tab.windowHandle().requestActivate()  # shortcuts only fire in the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab, timeout=2000)
    tab.register.table.setFocus()
    qtbot.keyClick(tab.register.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    intake = tab.findChild(IntakeDialog)
    assert intake is not None and intake.isVisible()
    intake.done(0)
    tab.register.table.setCurrentIndex(tab.register.model.index(0, 0))
    qtbot.keyClick(tab.register.table, Qt.Key.Key_Return)
    detail = tab.findChild(ComplaintDetailDialog)
    assert detail is not None
    assert detail.detail.number == saved.number
    assert saved.number in detail.windowTitle()


def test_indicators_with_typed_transactions_and_revenue_follow_the_seed(qtbot, context):
    ids = [_complaint().id for _ in range(10)]
    category = cs.list_categories()[0][0]
    for complaint_id in ids[:2]:
        cs.qualify(complaint_id, cs.Qualification(category_id=category, type="bonne foi",
                                                  founded=True))
        cs.record_answer(complaint_id, cs.AnswerInput(
            answer_text="Assiette remplacée", answer_date=date.today(),
            compensation="échange", cost_cents=2500))
    view = indicators_module.IndicatorsView(context)
    qtbot.addWidget(view)
    view.transactions.setText("500")
    view.revenue.setText("2 000,00")
    view.refresh()
    assert view.values["received"].text() == "10"
    assert view.values["rate_pct"].text() == "2,0\u00a0%"  # 10 / 500
    assert view.values["loss_rate_pct"].text() == "2,5\u00a0%"  # 5 000 / 200 000 (cents)
    view.transactions.setText("cinq cents")
    view.refresh()
    assert not view.error.isHidden()
    assert view.transactions.text() == "cinq cents"


def test_pareto_keeps_its_cumulative_curve_when_computed_again(qtbot, context):
    category = cs.list_categories()[0][0]
    for _ in range(3):
        cs.qualify(_complaint().id, cs.Qualification(category_id=category, type="bonne foi"))
    view = indicators_module.IndicatorsView(context)
    qtbot.addWidget(view)
    plot = view.pareto.getPlotItem()
    for _ in range(2):
        view.refresh()
        assert view._cumul_vb.scene() is plot.scene()  # still drawn, above the bars
        curve = [i for i in view._cumul_vb.addedItems if isinstance(i, pg.PlotCurveItem)][0]
        assert list(curve.getData()[1]) == [100.0]  # one category: all of the complaints
    assert view.repeat.item(0).text() == "Aucun réclamant répétitif."


def test_register_report_and_acknowledgement_pdfs_are_written(qtbot, context, tmp_path,
                                                               monkeypatch, no_desktop_viewer,
                                                               message_boxes):
    from PySide6.QtWidgets import QFileDialog

    saved = _complaint("Tasse fendue")
    report = tmp_path / "registre.pdf"
    monkeypatch.setattr(indicators_module, "ask_pdf_path", lambda *a: str(report))
    view = indicators_module.IndicatorsView(context)
    qtbot.addWidget(view)
    view.save_report()  # drawn off the GUI thread
    qtbot.waitUntil(lambda: view.report_button.isEnabled(), timeout=20000)
    assert saved.number in _pdf_text(report)
    assert no_desktop_viewer == [str(report)]

    intake = IntakeDialog(context)
    qtbot.addWidget(intake)
    intake.walk_in.setChecked(True)
    intake.walk_in_name.setText("Nadia Benali")
    intake.walk_in_contact.setText("nadia@example.org")
    intake.description.setPlainText("Couvercle manquant")
    intake.expectation.setPlainText("Un couvercle")
    intake.save()
    ack = tmp_path / "accuse.pdf"
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a: asked.append(a) or (str(ack), "Documents PDF (*.pdf)"))
    assert intake.save_acknowledgement() == str(ack)
    text = _pdf_text(ack)
    assert intake.summary.number in text
    assert "Couvercle manquant" in text
    # the name proposed: what, which, for whom
    assert asked[0][2].endswith(f"Accusé de réception {intake.summary.number} Nadia Benali.pdf")
    assert ("information", f"L'accusé de réception est enregistré :\n{ack}") in message_boxes


def test_repeat_complainer_opens_their_complaints_in_the_register(qtbot, context):
    from rcdesk.services import customers as customers_service

    customer_id = customers_service.create_customer(customers_service.CustomerData(
        first_name="Noémie", last_name="Boulay", email="noemie@example.org"))
    for i in range(3):
        cs.register_complaint(cs.ComplaintInput(customer_id=customer_id,
                                                description=f"Réclamation {i}"))
    _complaint()
    tab = ComplaintsTab(context)
    qtbot.addWidget(tab)
    tab.pages.setCurrentWidget(tab.indicators)
    item = tab.indicators.repeat.item(0)
    assert item.text() == "Noémie Boulay — 3 réclamations"
    tab.indicators._repeat_activated(item)
    assert tab.pages.currentWidget() is tab.register
    assert tab.register.model.total() == 3


def test_late_badge_counts_and_filters_the_register(qtbot, context):
    from datetime import timedelta

    from rcdesk.models.complaints import Complaint

    late = _complaint()
    _complaint()
    Complaint.update(due_date=date.today() - timedelta(days=2)).where(
        Complaint.id == late.id).execute()
    tab = ComplaintsTab(context)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: "1 en retard" in tab.badge.text(), timeout=2000)
    tab.show_late()
    assert tab.register.late.isChecked()
    assert tab.register.model.total() == 1
    assert tab.register.model.complaint_id(0) == late.id


def test_all_complaints_of_the_customer_from_the_file(qtbot, context):
    from rcdesk.services import customers as customers_service

    customer_id = customers_service.create_customer(customers_service.CustomerData(
        first_name="Noémie", last_name="Boulay", email="noemie@example.org"))
    saved = cs.register_complaint(cs.ComplaintInput(customer_id=customer_id,
                                                    description="Nappe tachée"))
    _complaint()
    tab = ComplaintsTab(context)
    qtbot.addWidget(tab)
    detail = tab.open_complaint(saved.id)
    detail.history.all_button.click()
    assert tab.register.customer_label.text() == "Client : Noémie Boulay"
    assert tab.register.model.total() == 1
