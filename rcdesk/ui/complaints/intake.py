"""« Nouvelle réclamation »: the counter form, filled with the keyboard alone, then its receipt."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.dates import MIN_DATE
from rcdesk.ui.complaints import operations as ops
from rcdesk.ui.complaints.common import SERVICE_ERRORS, error_text
from rcdesk.ui.complaints.customer_picker import CustomerSearch, QuickCustomerDialog
from rcdesk.ui.complaints.receipt import ReceiptPage
from rcdesk.ui.forms import ErrorLine, action_button, from_qdate, shortcut, to_qdate
from rcdesk.ui.journey_step_box import journey_step_box

LAST_PLACE_KEY = "complaints/last_place"
# This PC's channel (a counter PC: « comptoir », the phone desk's: « téléphone »): each new
# complaint starts on it, never on the channel of the previous complaint.
COUNTER_CHANNEL_KEY = "complaints/counter_channel"
DEFAULT_CHANNEL = "comptoir"


def counter_channel(settings) -> str:
    """The channel a new complaint starts on at this PC (QSettings, per PC)."""
    value = str(settings.value(COUNTER_CHANNEL_KEY, DEFAULT_CHANNEL)) if settings else ""
    return value if value in ops.complaints().CHANNELS else DEFAULT_CHANNEL


class DayEdit(QDateEdit):
    """A day field (dd/MM/yyyy, calendar on Alt+Bas, today by default) that Tab leaves at
    once: the arrows change the day, month or year; Tab does not walk through them."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setDateRange(to_qdate(MIN_DATE), to_qdate(date.today()))
        self.setDisplayFormat("dd/MM/yyyy")
        self.setCalendarPopup(True)
        self.setDate(to_qdate(date.today()))

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt's names
        return QWidget.focusNextPrevChild(self, next)


class IntakeDialog(QDialog):
    """Recueil: who complains, by which channel, about what, and what they expect.

    Entrée moves to the next useful field (picking a customer goes straight to the product),
    Ctrl+Entrée saves from anywhere; an empty expectation is pointed out once before saving.
    Échap asks before throwing typed text away. Once saved, the receipt page shows the number
    and due date and prints or saves the acknowledgement of receipt."""

    saved = Signal(int)

    def __init__(self, context=None, parent=None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Nouvelle réclamation"))
        self.setMinimumWidth(760)
        self.summary = None
        self._expectation_warned = False
        self.quick_dialog: QuickCustomerDialog | None = None
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_form())
        self.receipt = ReceiptPage(self, self.context)
        self.receipt.another_requested.connect(self.start_again)
        self.receipt.close_requested.connect(self.accept)
        self.pages.addWidget(self.receipt)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self._restore_defaults()
        self.search.setFocus()

    # --- form -----------------------------------------------------------------------------

    def _build_form(self) -> QWidget:
        page = QWidget(self)
        self.search = CustomerSearch(page)
        self.search.picked.connect(self._customer_picked)
        self.search.cleared.connect(self._customer_cleared)
        self.search.nothing_found.connect(self._nothing_found)
        self.picked_label = QLabel(page)
        self.picked_label.setObjectName("pickedCustomer")
        self.picked_label.setStyleSheet("color: #1d6b32;")
        self.picked_label.hide()
        self.new_customer = action_button(self.tr("Créer la &fiche client…"), self._create_customer,
                                          page)
        self.new_customer.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+F, never a Tab stop
        self.walk_in = QCheckBox(self.tr("Client de &passage (sans fiche)"), page)
        self.walk_in.toggled.connect(self._walk_in_toggled)
        self.walk_in_name = QLineEdit(page)
        self.walk_in_name.setObjectName("walk_in_name")
        self.walk_in_name.setPlaceholderText(self.tr("Nom et prénom"))
        self.walk_in_contact = QLineEdit(page)
        self.walk_in_contact.setObjectName("walk_in_contact")
        self.walk_in_contact.setPlaceholderText(self.tr("06 12 34 56 78 ou nom@exemple.fr"))

        self.channel = QComboBox(page)
        self.channel.setObjectName("channel")
        for name in ops.complaints().CHANNELS:
            self.channel.addItem(name[:1].upper() + name[1:], name)
        self.default_channel_button = QToolButton(page)
        self.default_channel_button.setObjectName("defaultChannel")
        self.default_channel_button.setText(self.tr("Canal de ce poste"))
        self.default_channel_button.setToolTip(self.tr(
            "Chaque nouvelle réclamation saisie sur ce poste commencera sur ce canal"))
        self.default_channel_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.default_channel_button.clicked.connect(self.make_channel_default)
        channel_row = QWidget(page)
        row = QHBoxLayout(channel_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.channel, 1)
        row.addWidget(self.default_channel_button)
        self.received_on = DayEdit(page)
        self.received_on.setObjectName("received_on")
        self.received_on.setToolTip(self.tr(
            "Le jour où la réclamation est arrivée (un courrier reçu vendredi et saisi lundi : "
            "vendredi) ; le délai de réponse court à partir de ce jour"))
        self.product = QLineEdit(page)
        self.product.setObjectName("product")
        self.product.setPlaceholderText(self.tr("Produit, service ou commande concernés"))
        self.place = QLineEdit(page)
        self.place.setObjectName("place")
        self.place.setPlaceholderText(self.tr("Magasin, agence ou lieu"))
        self.journey_step = journey_step_box("", page)  # the company's journey (Pilotage)
        self.journey_step.setToolTip(self.tr(
            "L'étape du parcours client où le problème est né (carte du parcours, Pilotage)"))
        self.description = self._text_box(self.tr("Ce que le client signale, avec ses mots"))
        self.description.setObjectName("description")
        self.expectation = self._text_box(self.tr("Remboursement, échange, excuses, "
                                                  "explication…"))
        self.expectation.setObjectName("expectation")

        customer_row = QWidget(page)
        row = QHBoxLayout(customer_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.walk_in)
        row.addStretch(1)
        row.addWidget(self.new_customer)

        self.form = form = QFormLayout()
        form.addRow(self.tr("&Client :"), self.search)
        form.addRow("", self.picked_label)
        form.addRow("", customer_row)
        form.addRow(self.tr("No&m du réclamant :"), self.walk_in_name)
        form.addRow(self.tr("C&ontact :"), self.walk_in_contact)
        form.addRow(self.tr("C&anal :"), channel_row)
        form.addRow(self.tr("Reçue l&e :"), self.received_on)
        form.addRow(self.tr("P&roduit / service :"), self.product)
        form.addRow(self.tr("&Lieu :"), self.place)
        form.addRow(self.tr("&Description :"), self.description)
        form.addRow(self.tr("A&ttente du client :"), self.expectation)
        form.addRow(self.tr("Étape du parco&urs :"), self.journey_step)
        self._show_walk_in_rows(False)

        self.error = ErrorLine(page)
        self.save_button = QPushButton(self.tr("Enregistrer (Ctrl+Entrée)"), page)
        self.save_button.setObjectName("save")
        self.save_button.setAutoDefault(False)  # Entrée in a field moves on, it never saves
        self.save_button.clicked.connect(self.save)
        cancel = action_button(self.tr("Annuler"), self.reject, page)
        hint = QLabel(self.tr("Entrée : champ suivant · Échap : annuler"), page)
        hint.setStyleSheet("color: palette(mid);")
        buttons = QHBoxLayout()
        buttons.addWidget(hint)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)  # room left by the hidden hit list goes below, not between rows
        layout.addLayout(buttons)
        chain = (self.search.edit, self.walk_in, self.walk_in_name, self.walk_in_contact,
                 self.channel, self.received_on, self.product, self.place, self.description,
                 self.expectation, self.journey_step, self.save_button, cancel)
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        for widget in (self.walk_in_name, self.walk_in_contact, self.channel, self.received_on,
                       self.product, self.place, self.journey_step, self.walk_in):
            widget.installEventFilter(self)
        shortcut(page, "Ctrl+Return", self.save)
        shortcut(page, "Ctrl+Enter", self.save)
        return page

    def _text_box(self, placeholder: str) -> QPlainTextEdit:
        box = QPlainTextEdit(self)
        box.setTabChangesFocus(True)
        box.setPlaceholderText(placeholder)
        box.setFixedHeight(72)
        box.installEventFilter(self)
        return box

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and \
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.save()  # Ctrl+Entrée saves from any field, a multi-line one included
                return True
            if isinstance(obj, QPlainTextEdit):
                return False  # Entrée is a new line in the description and the expectation
            if isinstance(obj, QComboBox) and obj.view().isVisible():
                return False  # the open list takes Entrée to choose
            self._next_field(obj)
            return True
        return super().eventFilter(obj, event)

    def _next_field(self, widget: QWidget) -> None:
        """Where Entrée goes from widget: the next field; from the complainant's contact,
        straight to the product (the channel and the date have their defaults)."""
        if widget is self.walk_in_contact:
            self.product.setFocus()
        else:
            self.focusNextChild()

    def _show_walk_in_rows(self, on: bool) -> None:
        self.form.setRowVisible(self.walk_in_name, on)
        self.form.setRowVisible(self.walk_in_contact, on)

    def _restore_defaults(self) -> None:
        settings = self.context.settings if self.context is not None else None
        self.channel.setCurrentIndex(max(0, self.channel.findData(counter_channel(settings))))
        if settings is None:
            return
        place = settings.value(LAST_PLACE_KEY, "")
        if place:
            self.place.setText(str(place))

    def make_channel_default(self) -> None:
        """The channel shown becomes this PC's: new complaints start on it."""
        if self.context is None:
            return
        self.context.settings.setValue(COUNTER_CHANNEL_KEY, self.channel.currentData())
        self.default_channel_button.setToolTip(self.tr("Canal de ce poste : %1")
                                               .replace("%1", self.channel.currentText()))

    def _customer_picked(self, customer_id: int, display: str) -> None:
        self.walk_in.setChecked(False)
        self.picked_label.setText(self.tr("✓ Fiche n° %1 : %2").replace("%1", str(customer_id))
                                  .replace("%2", display))
        self.picked_label.show()
        self.error.clear_error()
        self.product.setFocus()  # channel and date keep their defaults: Maj+Tab reaches them

    def _nothing_found(self, text: str) -> None:
        self.error.show_error(self.tr("Aucun client ne correspond à « %1 » : créez sa fiche "
                                      "(Alt+F) ou cochez « Client de passage » (Alt+P).")
                              .replace("%1", text))

    def _customer_cleared(self) -> None:
        self.picked_label.clear()
        self.picked_label.hide()

    def _walk_in_toggled(self, on: bool) -> None:
        """A complainant without a record: the name typed in the search box moves to the
        complainant's name (shown once), the search's refusal goes away."""
        self._show_walk_in_rows(on)
        self.error.clear_error()
        if not on:
            return
        typed = self.search.edit.text().strip() if self.search.customer_id is None else ""
        self.search.clear()
        self._customer_cleared()
        if typed and not self.walk_in_name.text().strip():
            self.walk_in_name.setText(typed)
        (self.walk_in_contact if self.walk_in_name.text().strip() else self.walk_in_name).setFocus()

    def _create_customer(self) -> QuickCustomerDialog:
        """The quick customer form over this one (window-modal, not a nested event loop)."""
        dialog = QuickCustomerDialog(self.search.edit.text(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda result: self._customer_created(dialog, result))
        self.quick_dialog = dialog
        dialog.open()
        return dialog

    def _customer_created(self, dialog: QuickCustomerDialog, result: int) -> None:
        self.quick_dialog = None
        self.activateWindow()  # back to the form for the keys that follow
        if result == QDialog.DialogCode.Accepted and dialog.customer_id is not None:
            self.search.set_customer(dialog.customer_id, dialog.display)
        else:
            self.search.setFocus()

    # --- saving ---------------------------------------------------------------------------

    def has_input(self) -> bool:
        return any((self.search.edit.text().strip(), self.walk_in_name.text().strip(),
                    self.walk_in_contact.text().strip(), self.product.text().strip(),
                    self.description.toPlainText().strip(),
                    self.expectation.toPlainText().strip()))

    def save(self) -> None:
        if self.pages.currentIndex() != 0:
            return
        customer_id = self.search.customer_id
        walk_in = self.walk_in.isChecked()
        if customer_id is None and not walk_in:
            if self.search.edit.text().strip():
                self._refuse(self.search.edit, self.tr(
                    "Choisissez le client dans la liste (flèches puis Entrée), créez sa fiche, "
                    "ou cochez « Client de passage »."))
            else:
                self._refuse(self.search.edit, self.tr(
                    "Indiquez qui réclame : cherchez le client ou cochez « Client de passage »."))
            return
        if self.description.toPlainText().strip() and \
                not self.expectation.toPlainText().strip() and not self._expectation_warned:
            self._expectation_warned = True  # said once: a second Ctrl+Entrée saves without
            self._refuse(self.expectation, self.tr(
                "Qu'attend le client ? Saisissez son attente (remboursement, échange, "
                "explication…), ou Ctrl+Entrée de nouveau pour enregistrer sans."))
            return
        try:
            self.summary = ops.register_complaint(
                customer_id=None if walk_in else customer_id,
                walk_in_name=self.walk_in_name.text().strip() if walk_in else "",
                walk_in_contact=self.walk_in_contact.text().strip() if walk_in else "",
                channel=self.channel.currentData(), product=self.product.text().strip(),
                place=self.place.text().strip(),
                description=self.description.toPlainText().strip(),
                expectation=self.expectation.toPlainText().strip(),
                received_on=from_qdate(self.received_on.date()),
                journey_step=self.journey_step.currentData() or "")
        except SERVICE_ERRORS as exc:
            self._refuse(self._field_widget(getattr(exc, "field", "")), error_text(exc))
            return
        if self.context is not None:
            self.context.settings.setValue(LAST_PLACE_KEY, self.place.text().strip())
            self.context.data_changed.emit("complaints")
        self.error.clear_error()
        self.receipt.show_summary(self.summary, self._who())
        self.setWindowTitle(self.tr("Réclamation %1").replace("%1", self.summary.number))
        self.pages.setCurrentIndex(1)
        self.receipt.print_button.setFocus()
        self.saved.emit(self.summary.id)

    def _who(self) -> str:
        if self.walk_in.isChecked():
            return self.walk_in_name.text().strip()
        return self.search.edit.text().strip()

    def _field_widget(self, field: str) -> QWidget | None:
        return {"customer_id": self.search.edit, "customer": self.search.edit,
                "walk_in_name": self.walk_in_name, "walk_in_contact": self.walk_in_contact,
                "channel": self.channel, "received_on": self.received_on,
                "product": self.product, "place": self.place,
                "description": self.description, "expectation": self.expectation,
                "journey_step": self.journey_step}.get(field)

    def _refuse(self, widget: QWidget | None, message: str) -> None:
        self.error.show_error(message, widget)

    def reject(self) -> None:
        if self.pages.currentIndex() == 0 and self.has_input():
            answer = QMessageBox.question(
                self, self.tr("Abandonner la saisie ?"),
                self.tr("La réclamation n'est pas enregistrée. Abandonner ce qui a été saisi ?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()

    # --- receipt page ---------------------------------------------------------------------

    def print_acknowledgement(self) -> bool:
        return self.receipt.print_acknowledgement()

    def save_acknowledgement(self) -> str:
        return self.receipt.save_acknowledgement()

    def start_again(self) -> None:
        """Back to an empty form for the next customer in the queue: the place is kept, the
        channel goes back to this PC's and the date to today."""
        self.summary = None
        self._expectation_warned = False
        self.search.clear()
        self._customer_cleared()
        self.walk_in.setChecked(False)
        for widget in (self.walk_in_name, self.walk_in_contact, self.product):
            widget.clear()
        self.description.clear()
        self.expectation.clear()
        self.received_on.setDate(to_qdate(date.today()))
        self.journey_step.setCurrentIndex(0)
        self.channel.setCurrentIndex(max(0, self.channel.findData(
            counter_channel(self.context.settings if self.context else None))))
        self.error.clear_error()
        self.setWindowTitle(self.tr("Nouvelle réclamation"))
        self.pages.setCurrentIndex(0)
        self.search.setFocus()
