"""The Réclamations tab inside the main window: built on first show, saving by the operator."""

from __future__ import annotations

from rcdesk.models.complaints import ComplaintEvent
from rcdesk.ui.complaints.intake import IntakeDialog
from rcdesk.ui.complaints.tab import ComplaintsTab
from rcdesk.ui.main_window import MainWindow


def test_tab_in_the_window_records_the_operator_in_the_timeline(qtbot, tmp_path):
    window = MainWindow(str(tmp_path / "shop.db"), operator="sophie")
    qtbot.addWidget(window)
    index = window.tab_titles().index("Réclamations")
    window.tabs.setCurrentIndex(index)
    tab = window.findChild(ComplaintsTab)
    assert tab is not None
    assert tab.register.model.total() == 0
    intake = tab.new_complaint()
    intake.walk_in.setChecked(True)
    intake.walk_in_name.setText("Jean Martin")
    intake.walk_in_contact.setText("06 11 22 33 44")
    intake.description.setPlainText("Livraison incomplète")
    intake.expectation.setPlainText("La pièce manquante")
    intake.save()
    assert isinstance(intake, IntakeDialog) and intake.summary is not None
    assert tab.register.model.total() == 1  # the register followed data_changed
    assert ComplaintEvent.get().who == "sophie"


def test_first_show_of_the_tab_gives_the_focus_to_the_register_and_its_shortcuts_work(
        qtbot, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window = MainWindow(str(tmp_path / "shop.db"), operator="sophie")
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    assert window.tabs.currentIndex() == 0
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    tab = window.findChild(ComplaintsTab)
    assert tab is not None and tab.isVisible()  # built and shown by this very key
    assert QApplication.focusWidget() is tab.register.text  # not the tab's placeholder
    tab.pages.setCurrentWidget(tab.indicators)
    tab.new_button.setFocus()
    qtbot.keyClick(tab.new_button, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert tab.pages.currentWidget() is tab.register
    assert QApplication.focusWidget() is tab.register.text
    qtbot.keyClick(tab.register.text, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.findChild(IntakeDialog) is not None
