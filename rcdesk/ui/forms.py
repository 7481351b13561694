"""Pieces every tab shares: dialog buttons, red error lines, date fields, read-only tables."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.dates import MAX_DATE, MIN_DATE
from rcdesk.core.errors import StaleRecordError

ERROR_STYLE = "color: #b00020;"
RELOAD, OVERWRITE, CANCEL = "reload", "overwrite", "cancel"


def tr(text: str) -> str:
    return QCoreApplication.translate("forms", text)


class ErrorLine(QLabel):
    """A red line for what a service refused; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None, name: str = "formError"):
        super().__init__(parent)
        self.setObjectName(name)
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.hide()

    def show_error(self, message: str, focus: QWidget | None = None) -> None:
        """Shows message; focus (the refused field) gets the cursor. What was typed stays."""
        self.setStyleSheet(ERROR_STYLE)
        self.setText(message)
        self.show()
        if focus is not None:
            focus.setFocus()

    def show_info(self, message: str) -> None:
        """A confirmation on the same line, in the normal colour (not a refusal)."""
        self.setStyleSheet("")
        self.setText(message)
        self.show()

    def clear_error(self) -> None:
        self.clear()
        self.hide()


def with_error_line(widget: QWidget, name: str) -> tuple[QWidget, ErrorLine]:
    """widget above its own error line (object name error_<name>), as one form row's field."""
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(widget)
    error = ErrorLine(name=f"error_{name}")
    column.addWidget(error)
    return holder, error


def dialog_buttons(dialog: QDialog, ok_text: str | None = None,
                   ok=QDialogButtonBox.StandardButton.Save) -> QDialogButtonBox:
    """ok (labelled ok_text, Enregistrer by default) and Annuler, wired to accept and reject."""
    buttons = QDialogButtonBox(ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.button(ok).setText(ok_text or tr("Enregistrer"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Annuler"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def ask_about_stale(parent: QWidget | None, error: StaleRecordError) -> str:
    """The service's refusal of a save from an older version, with its list of changes, and
    the choice: RELOAD (Recharger), OVERWRITE (Enregistrer quand même) or CANCEL (Annuler,
    also Échap: the form stays as typed)."""
    box = QMessageBox(QMessageBox.Icon.Warning, tr("Modifié sur un autre poste"), str(error),
                      parent=parent)
    reload = box.addButton(tr("Recharger"), QMessageBox.ButtonRole.AcceptRole)
    overwrite = box.addButton(tr("Enregistrer quand même"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(tr("Annuler"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(reload)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return RELOAD if clicked is reload else OVERWRITE if clicked is overwrite else CANCEL


def save_checking_version(parent: QWidget | None, save, loaded, reload) -> bool:
    """save(base) writes the form over the record the form was filled from (base: its
    version, and what it held for the list of changes), first with loaded. When another
    counter saved the record meanwhile (StaleRecordError), the user chooses: Recharger calls
    reload(stored record); Enregistrer quand même saves again over the stored record the box
    described (a newer change yet asks again); Annuler keeps the form as typed. True once
    saved; other refusals (ValidationError, ServiceError) go to the caller."""
    base = loaded
    while True:
        try:
            save(base)
            return True
        except StaleRecordError as exc:
            choice = ask_about_stale(parent, exc)
            if choice == OVERWRITE:
                base = exc.current
                continue
            if choice == RELOAD:
                reload(exc.current)
            return False


def action_button(text: str, slot, parent: QWidget | None = None,
                  name: str = "") -> QPushButton:
    """A button calling slot that Entrée typed in a field never presses (auto-default off):
    in a dialog, Entrée belongs to its default button."""
    button = QPushButton(text, parent)
    if name:
        button.setObjectName(name)
    button.setAutoDefault(False)
    button.clicked.connect(slot)
    return button


def date_line_edit(parent: QWidget | None = None, name: str = "",
                   width: int = 110) -> QLineEdit:
    """A date typed as JJ/MM/AAAA (read with parse_user_date); it may stay empty."""
    edit = QLineEdit(parent)
    if name:
        edit.setObjectName(name)
    edit.setPlaceholderText(tr("JJ/MM/AAAA"))
    edit.setMaximumWidth(width)
    return edit


def date_edit(value: date | None = None, parent: QWidget | None = None) -> QDateEdit:
    """A dd/MM/yyyy date field with a calendar popup (today when no value), limited to the
    dates rcdesk accepts (core.dates: 1900-2100)."""
    edit = QDateEdit(parent)
    edit.setDateRange(to_qdate(MIN_DATE), to_qdate(MAX_DATE))
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    edit.setDate(to_qdate(value or date.today()))
    return edit


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def shortcut(widget: QWidget, keys, slot,
             context=Qt.ShortcutContext.WidgetWithChildrenShortcut) -> QShortcut:
    sc = QShortcut(QKeySequence(keys), widget)
    sc.setContext(context)
    sc.activated.connect(slot)
    return sc


class CtrlReturnAccepts:
    """Mixed into a QDialog (before it): Ctrl+Entrée validates from any field, a multi-line
    text included. A key event rather than a QShortcut, so it works before the window is
    active."""

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.accept()
            return
        super().keyPressEvent(event)


def read_only_rows(table: QTableView, on_open=None) -> QTableView:
    """table made a read-only list of whole rows; Entrée or a double click on a row calls
    on_open() (the current index is that row)."""
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    if on_open is not None:
        table.doubleClicked.connect(lambda _index: on_open())
        table.installEventFilter(_EnterOpens(table, on_open))
    return table


class _EnterOpens(QObject):
    """Entrée on a table with a current row: a key filter, not `activated` (which also fires
    on a double click) nor a QShortcut (which waits for the window to be active)."""

    def __init__(self, table: QTableView, on_open):
        super().__init__(table)
        self._on_open = on_open

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and \
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                obj.currentIndex().isValid():
            self._on_open()
            return True
        return False
