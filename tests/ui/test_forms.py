"""The form pieces every tab shares: error lines, dialog buttons, read-only row lists."""

from datetime import date

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QTableView, QVBoxLayout

from rcdesk.ui.forms import (
    date_edit,
    dialog_buttons,
    from_qdate,
    read_only_rows,
    with_error_line,
)


def test_error_line_shows_the_message_and_puts_the_cursor_in_the_refused_field(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    field = QLineEdit("06 12", dialog)
    holder, error = with_error_line(field, "phone")
    QVBoxLayout(dialog).addWidget(holder)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert error.isHidden() and error.objectName() == "error_phone"
    error.show_error("Numéro de téléphone incomplet.", field)
    assert not error.isHidden() and error.text() == "Numéro de téléphone incomplet."
    assert dialog.focusWidget() is field and field.text() == "06 12"
    error.clear_error()
    assert error.isHidden() and error.text() == ""


def test_dialog_buttons_are_french_and_accept_or_reject(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    buttons = dialog_buttons(dialog, ok=QDialogButtonBox.StandardButton.Ok)
    assert sorted(b.text() for b in buttons.buttons()) == ["Annuler", "Enregistrer"]
    with qtbot.waitSignal(dialog.accepted):
        buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    other = QDialog()
    qtbot.addWidget(other)
    cancel = dialog_buttons(other, "Continuer").button(QDialogButtonBox.StandardButton.Cancel)
    with qtbot.waitSignal(other.rejected):
        cancel.click()


def test_read_only_rows_open_the_current_row_on_enter_not_before(qtbot):
    table = read_only_rows(QTableView(), lambda: opened.append(table.currentIndex().row()))
    opened: list[int] = []
    qtbot.addWidget(table)
    table.setModel(QStringListModel(["Anne Roux", "Paul Durand"]))
    qtbot.keyClick(table, Qt.Key.Key_Return)  # no current row yet: nothing to open
    assert opened == []
    table.selectRow(1)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.keyClick(table, Qt.Key.Key_Enter)
    assert opened == [1, 1]
    assert table.editTriggers() == QTableView.EditTrigger.NoEditTriggers


def test_date_edit_reads_back_the_date_it_shows(qtbot):
    edit = date_edit(date(2026, 2, 28))
    qtbot.addWidget(edit)
    assert edit.displayFormat() == "dd/MM/yyyy"
    assert from_qdate(edit.date()) == date(2026, 2, 28)


def test_date_edit_stays_within_1900_2100(qtbot):
    from rcdesk.ui.forms import to_qdate

    edit = date_edit(date(2026, 2, 28))
    qtbot.addWidget(edit)
    assert from_qdate(edit.minimumDate()) == date(1900, 1, 1)
    assert from_qdate(edit.maximumDate()) == date(2100, 12, 31)
    edit.setDate(to_qdate(date(1, 1, 1)))
    assert from_qdate(edit.date()) == date(1900, 1, 1)
