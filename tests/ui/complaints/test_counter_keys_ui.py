"""The counter's goal, measured: from any tab, a complaint saved and its acknowledgement
printed in at most 10 keys beyond the typed words, with key events only.

A key is one press, a chord counting once (Ctrl+N, Alt+P, Ctrl+Entrée). Typed words are not
counted. The print dialog is replaced (it would block): its Entrée, which prints on the default
printer, is counted as one key, and the printer prints into a PDF file."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from rcdesk.models.complaints import Complaint
from rcdesk.services import customers as customers_service
from rcdesk.services.settings import CompanyProfile, save_company
from rcdesk.ui import printing
from rcdesk.ui.complaints.intake import IntakeDialog
from rcdesk.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


class Keyboard:
    """Sends each key to the widget that has the focus, as a person would, and counts."""

    def __init__(self, qtbot):
        self.qtbot = qtbot
        self.count = 0

    def focus(self):
        widget = QApplication.focusWidget()
        assert widget is not None, "no widget has the focus"
        return widget

    def press(self, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
        self.count += 1
        self.qtbot.keyClick(self.focus(), key, modifiers)
        QApplication.processEvents()

    def wait_for_window(self, window) -> None:
        """A dialog just opened: the keys go to it once the system activated it."""
        self.qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(self.focus(), text)


@pytest.fixture
def counter(qtbot, tmp_path, monkeypatch):
    """The main window on a file with two namesakes, on its first tab; printing into a file."""
    printed = tmp_path / "printed.pdf"
    keyboard = Keyboard(qtbot)

    def print_dialog(parent, printer):
        keyboard.count += 1  # the print dialog's Entrée: print on the default printer
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    monkeypatch.setattr(printing, "ask_printer", print_dialog)
    window = MainWindow(str(tmp_path / "shop.db"), operator="sophie")
    qtbot.addWidget(window)
    save_company(CompanyProfile(name="Maison Test", city="Lille"))
    for first, last, phone, city in (("Karima", "BENALI", "06 12 34 56 78", "Roubaix"),
                                     ("Karim", "Benali", "06 98 76 54 32", "Lille")):
        customers_service.create_customer(customers_service.CustomerData(
            first_name=first, last_name=last, phone=phone, city=city, status="client"))
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.tabs.setCurrentIndex(0)
    return window, keyboard, printed


def _intake(window, keys: Keyboard | None = None) -> IntakeDialog:
    dialog = window.findChild(IntakeDialog)
    assert isinstance(dialog, IntakeDialog)
    if keys is not None:
        keys.wait_for_window(dialog)
    return dialog


def _describe_and_print(qtbot, keys: Keyboard, window, printed) -> Complaint:
    keys.type("Bouilloire LX2")
    keys.press(Qt.Key.Key_Return)  # on to the place
    keys.press(Qt.Key.Key_Return)  # the place stays as it is: on to the description
    keys.type("Le couvercle ne ferme plus")
    keys.press(Qt.Key.Key_Tab)  # Entrée would be a new line in the description
    keys.type("Un echange")  # (QTest types ASCII only)
    intake = _intake(window)
    keys.press(Qt.Key.Key_Return, CTRL)  # saved
    assert intake.pages.currentIndex() == 1
    assert keys.focus() is intake.receipt.print_button
    keys.press(Qt.Key.Key_Return)  # the print dialog opens on the default printer
    assert len(PdfReader(str(printed)).pages) == 1
    return Complaint.get()


def test_known_customer_complaint_saved_and_printed_in_9_keys(qtbot, counter):
    window, keys, printed = counter
    keys.press(Qt.Key.Key_2, CTRL)  # Réclamations, shown for the first time
    keys.press(Qt.Key.Key_N, CTRL)
    intake = _intake(window, keys)
    assert keys.focus() is intake.search.edit
    keys.type("roubaix")  # the town tells the namesakes apart
    qtbot.waitUntil(lambda: intake.search.hits.count() == 1)
    keys.press(Qt.Key.Key_Return)  # picked: on to the product
    assert keys.focus() is intake.product
    row = _describe_and_print(qtbot, keys, window, printed)
    assert (row.customer.first_name, row.customer.last_name) == ("Karima", "BENALI")
    assert (row.channel, row.product, row.expectation) == ("comptoir", "Bouilloire LX2",
                                                           "Un echange")
    assert keys.count == 9


def test_new_customer_complaint_saved_and_printed_in_10_keys(qtbot, counter):
    window, keys, printed = counter
    keys.press(Qt.Key.Key_2, CTRL)
    keys.press(Qt.Key.Key_N, CTRL)
    intake = _intake(window, keys)
    keys.type("MARTIN Sophie")
    keys.press(Qt.Key.Key_F, ALT)  # Créer la fiche client… (a mnemonic clicks after 100 ms)
    qtbot.waitUntil(lambda: intake.quick_dialog is not None)
    quick = intake.quick_dialog
    assert quick is not None and quick.isVisible()
    keys.wait_for_window(quick)
    assert (quick.first_name.text(), quick.last_name.text()) == ("Sophie", "MARTIN")
    assert keys.focus() is quick.phone
    keys.type("06 55 44 33 22")
    keys.press(Qt.Key.Key_Return)  # created and picked: on to the product
    keys.wait_for_window(intake)
    assert intake.search.customer_id is not None
    assert keys.focus() is intake.product
    row = _describe_and_print(qtbot, keys, window, printed)
    assert (row.customer.first_name, row.customer.last_name, row.customer.phone) == (
        "Sophie", "MARTIN", "+33655443322")
    assert keys.count == 10


def test_walk_in_complaint_saved_and_printed_in_10_keys(qtbot, counter):
    window, keys, printed = counter
    window.tabs.setCurrentIndex(4)  # from another tab than the first
    keys.press(Qt.Key.Key_2, CTRL)
    keys.press(Qt.Key.Key_N, CTRL)
    intake = _intake(window, keys)
    keys.type("Jean Dupuis")
    keys.press(Qt.Key.Key_P, ALT)  # Client de passage: the name moves to the complainant's
    qtbot.waitUntil(intake.walk_in.isChecked)  # a mnemonic clicks after 100 ms
    assert intake.walk_in_name.text() == "Jean Dupuis"
    assert keys.focus() is intake.walk_in_contact
    keys.type("06 70 80 90 10")
    keys.press(Qt.Key.Key_Return)  # on to the product
    row = _describe_and_print(qtbot, keys, window, printed)
    assert row.customer is None
    assert (row.walk_in_name, row.walk_in_contact) == ("Jean Dupuis", "06 70 80 90 10")
    assert keys.count == 10
