"""Correcting and deleting purchases and interactions from the customer's file."""

from __future__ import annotations

import os
from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from rcdesk.services import customers
from rcdesk.services.settings import ensure_operator, set_current_operator
from rcdesk.ui.customers.detail import CustomerDetailDialog
from rcdesk.ui.customers.entries import InteractionDialog, PurchaseDialog


def _tab(detail, title: str) -> int:
    titles = [detail.tabs.tabText(i) for i in range(detail.tabs.count())]
    return titles.index(title)

def test_purchase_corrected_into_a_refund_and_shown_in_the_history(qtbot, context,
                                                                   add_customer):
    ensure_operator("sophie.m", "Sophie Martin")
    set_current_operator("sophie.m")
    cid = add_customer(first_name="Anne", last_name="Roux")
    pid = customers.add_purchase(cid, date(2025, 3, 2), 4990, reference="T1")
    dialog = PurchaseDialog(cid, None, purchase=customers.get_purchase(pid))
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Modifier l'achat"
    assert dialog.amount.text() == "49,90"
    dialog.amount.setText("12,00")
    dialog.refund.setChecked(True)
    dialog.accept()
    assert [p.amount_cents for p in customers.list_purchases(cid)] == [-1200]
    detail = CustomerDetailDialog(context, cid)
    qtbot.addWidget(detail)
    assert detail.purchase_rows.text(0, 1) == "Avoir"
    assert detail.history_rows.rowCount() == 1
    assert detail.history_rows.text(0, 1) == "Sophie Martin"
    assert "corrigé : montant 49,90" in detail.history_rows.text(0, 2)
    assert "0 achat(s)" in detail.summary.text()  # a refund is not a purchase


def test_suppr_deletes_the_selected_purchase_after_confirmation(qtbot, context, add_customer,
                                                                answer_modal):
    cid = add_customer(last_name="Roux")
    customers.add_purchase(cid, date(2025, 3, 2), 4990)
    customers.add_purchase(cid, date(2025, 4, 2), 1000)
    detail = CustomerDetailDialog(context, cid)
    qtbot.addWidget(detail)
    detail.tabs.setCurrentIndex(_tab(detail, "Achats et avoirs"))
    detail.show()
    qtbot.waitExposed(detail)
    detail.windowHandle().requestActivate()  # shortcuts only fire in the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is detail, timeout=2000)
    detail.purchases.setFocus()
    detail.purchases.setCurrentIndex(detail.purchase_rows.index(0, 0))  # newest: 02/04/2025
    answer = answer_modal("Annuler")
    qtbot.keyClick(detail.purchases, Qt.Key.Key_Delete)
    assert answer.clicked and "Supprimer l'achat du 02/04/2025" in answer.text
    assert len(customers.list_purchases(cid)) == 2
    detail.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is detail, timeout=2000)
    detail.purchases.setFocus()
    answer = answer_modal("Supprimer")
    qtbot.keyClick(detail.purchases, Qt.Key.Key_Delete)
    assert answer.clicked
    assert [p.date for p in customers.list_purchases(cid)] == [date(2025, 3, 2)]
    assert detail.history_rows.rowCount() == 1
    if os.environ.get("RCDESK_SHOTS"):
        detail.resize(1366, 700)
        detail.tabs.setCurrentIndex(_tab(detail, "&Historique"))
        detail.grab().save(os.path.join(os.environ["RCDESK_SHOTS"], "customer-history.png"))


def test_interaction_corrected_from_its_dialog(qtbot, context, add_customer):
    cid = add_customer(last_name="Roux")
    iid = customers.add_interaction(cid, customers.InteractionData(
        at=datetime(2025, 3, 2, 9, 30), channel="téléphone", subject="Devis"))
    dialog = InteractionDialog(cid, None, interaction=customers.get_interaction(iid))
    qtbot.addWidget(dialog)
    assert dialog.subject.text() == "Devis"
    assert dialog.channel.currentText() == "téléphone"
    dialog.subject.setText("Devis cuisine")
    dialog.step.setCurrentText("information")
    dialog.accept()
    [row] = customers.list_interactions(cid)
    assert (row.subject, row.step, row.at) == ("Devis cuisine", "information",
                                               datetime(2025, 3, 2, 9, 30))
    assert customers.customer_history(cid)[0].what == \
        "Interaction du 02/03/2025 (téléphone) corrigée"
