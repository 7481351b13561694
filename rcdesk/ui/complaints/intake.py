"""« Nouvelle réclamation »: the counter form, filled with the keyboard alone, then its receipt."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.formatting import format_date
from rcdesk.ui.complaints import operations as ops
from rcdesk.ui.complaints.common import (
    SERVICE_ERRORS,
    ask_pdf_path,
    error_text,
    local_datetime_text,
    show_error,
)
from rcdesk.ui.complaints.customer_picker import CustomerSearch, QuickCustomerDialog
from rcdesk.ui.forms import ErrorLine, action_button, shortcut

LAST_PLACE_KEY = "complaints/last_place"
LAST_CHANNEL_KEY = "complaints/last_channel"


class IntakeDialog(QDialog):
    """Recueil: who complains, by which channel, about what, and what they expect.

    Enter saves from a one-line field, Ctrl+Enter from the multi-line ones; Escape asks before
    throwing typed text away. Once saved, the page shows the number and due date and offers the
    acknowledgement of receipt as a PDF."""

    saved = Signal(int)

    def __init__(self, context=None, parent=None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Nouvelle réclamation"))
        self.setMinimumWidth(560)
        self.summary = None
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_form())
        self.pages.addWidget(self._build_done())
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
        self.walk_in = QCheckBox(self.tr("Client de &passage (sans fiche)"), page)
        self.walk_in.toggled.connect(self._walk_in_toggled)
        self.walk_in_name = QLineEdit(page)
        self.walk_in_name.setObjectName("walk_in_name")
        self.walk_in_name.setPlaceholderText(self.tr("Nom et prénom"))
        self.walk_in_contact = QLineEdit(page)
        self.walk_in_contact.setObjectName("walk_in_contact")
        self.walk_in_contact.setPlaceholderText(self.tr("Téléphone ou e-mail"))
        self.walk_in_box = QWidget(page)
        box = QHBoxLayout(self.walk_in_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.walk_in_name, 1)
        box.addWidget(self.walk_in_contact, 1)
        self.walk_in_box.hide()

        self.channel = QComboBox(page)
        self.channel.setObjectName("channel")
        for name in ops.complaints().CHANNELS:
            self.channel.addItem(name[:1].upper() + name[1:], name)
        self.product = QLineEdit(page)
        self.product.setObjectName("product")
        self.product.setPlaceholderText(self.tr("Produit, service ou commande concernés"))
        self.place = QLineEdit(page)
        self.place.setObjectName("place")
        self.place.setPlaceholderText(self.tr("Magasin, agence ou lieu"))
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

        form = QFormLayout()
        form.addRow(self.tr("&Client :"), self.search)
        form.addRow("", self.picked_label)
        form.addRow("", customer_row)
        form.addRow("", self.walk_in_box)
        form.addRow(self.tr("C&anal :"), self.channel)
        form.addRow(self.tr("P&roduit / service :"), self.product)
        form.addRow(self.tr("&Lieu :"), self.place)
        form.addRow(self.tr("&Description :"), self.description)
        form.addRow(self.tr("A&ttente du client :"), self.expectation)

        self.error = ErrorLine(page)
        self.save_button = QPushButton(self.tr("&Enregistrer"), page)
        self.save_button.setObjectName("save")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        cancel = action_button(self.tr("Annuler"), self.reject, page)
        hint = QLabel(self.tr("Entrée ou Ctrl+Entrée : enregistrer · Échap : annuler"), page)
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
        for first, second in ((self.search.edit, self.walk_in), (self.walk_in, self.walk_in_name),
                              (self.walk_in_name, self.walk_in_contact),
                              (self.walk_in_contact, self.new_customer),
                              (self.new_customer, self.channel), (self.channel, self.product),
                              (self.product, self.place), (self.place, self.description),
                              (self.description, self.expectation),
                              (self.expectation, self.save_button), (self.save_button, cancel)):
            QWidget.setTabOrder(first, second)
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
        # Ctrl+Enter inside a multi-line box saves (plain Enter stays a new line there).
        if isinstance(obj, QPlainTextEdit) and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.save()
            return True
        return super().eventFilter(obj, event)

    def _restore_defaults(self) -> None:
        settings = self.context.settings if self.context is not None else None
        if settings is None:
            return
        place = settings.value(LAST_PLACE_KEY, "")
        if place:
            self.place.setText(str(place))
        channel = settings.value(LAST_CHANNEL_KEY, "")
        index = self.channel.findData(channel)
        if index >= 0:
            self.channel.setCurrentIndex(index)

    def _customer_picked(self, customer_id: int, display: str) -> None:
        self.walk_in.setChecked(False)
        self.picked_label.setText(self.tr("✓ Fiche n° %1 : %2").replace("%1", str(customer_id))
                                  .replace("%2", display))
        self.picked_label.show()
        self.error.hide()
        self.channel.setFocus()

    def _nothing_found(self, text: str) -> None:
        self.error.show_error(self.tr("Aucun client ne correspond à « %1 » : créez sa fiche "
                                      "(Alt+F) ou cochez « Client de passage » (Alt+P).")
                              .replace("%1", text))

    def _customer_cleared(self) -> None:
        self.picked_label.clear()
        self.picked_label.hide()

    def _walk_in_toggled(self, on: bool) -> None:
        self.walk_in_box.setVisible(on)
        if on:
            if self.search.customer_id is not None:
                self.search.clear()
                self._customer_cleared()
            if not self.walk_in_name.text() and self.search.edit.text().strip():
                self.walk_in_name.setText(self.search.edit.text().strip())
            self.walk_in_name.setFocus()

    def _create_customer(self) -> None:
        dialog = QuickCustomerDialog(self.search.edit.text(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.customer_id is not None:
            self.search.set_customer(dialog.customer_id, dialog.display)

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
        try:
            self.summary = ops.register_complaint(
                customer_id=None if walk_in else customer_id,
                walk_in_name=self.walk_in_name.text().strip() if walk_in else "",
                walk_in_contact=self.walk_in_contact.text().strip() if walk_in else "",
                channel=self.channel.currentData(), product=self.product.text().strip(),
                place=self.place.text().strip(),
                description=self.description.toPlainText().strip(),
                expectation=self.expectation.toPlainText().strip())
        except SERVICE_ERRORS as exc:
            self._refuse(self._field_widget(getattr(exc, "field", "")), error_text(exc))
            return
        if self.context is not None:
            self.context.settings.setValue(LAST_PLACE_KEY, self.place.text().strip())
            self.context.settings.setValue(LAST_CHANNEL_KEY, self.channel.currentData())
            self.context.data_changed.emit("complaints")
        self._show_done()
        self.saved.emit(self.summary.id)

    def _field_widget(self, field: str) -> QWidget | None:
        return {"customer_id": self.search.edit, "customer": self.search.edit,
                "walk_in_name": self.walk_in_name, "walk_in_contact": self.walk_in_contact,
                "channel": self.channel, "product": self.product, "place": self.place,
                "description": self.description, "expectation": self.expectation}.get(field)

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

    def _build_done(self) -> QWidget:
        page = QWidget(self)
        self.done_label = QLabel(page)
        self.done_label.setObjectName("doneLabel")
        self.done_label.setWordWrap(True)
        self.done_label.setTextFormat(Qt.TextFormat.RichText)
        self.done_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.print_button = QPushButton(self.tr("&Imprimer l'accusé"), page)
        self.print_button.setObjectName("printAck")
        self.print_button.clicked.connect(self.print_acknowledgement)
        self.pdf_button = action_button(self.tr("En&registrer en PDF…"), self.save_acknowledgement,
                                        page, name="saveAck")
        self.another_button = action_button(self.tr("&Nouvelle réclamation"), self.start_again,
                                            page)
        close = action_button(self.tr("&Fermer"), self.accept, page)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        buttons.addWidget(self.another_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(page)
        layout.addWidget(self.done_label, 1)
        layout.addLayout(buttons)
        return page

    def _show_done(self) -> None:
        s = self.summary
        self.done_label.setText(self.tr(
            "<h2>Réclamation %1 enregistrée</h2>"
            "<p>Réclamant : <b>%4</b><br>Reçue le %2.<br>"
            "Réponse due au plus tard le <b>%3</b>.</p>"
            "<p>Remettez ou envoyez l'accusé de réception au client dès maintenant : "
            "il reprend le numéro, ce qui a été compris et le délai de réponse.</p>")
            .replace("%1", s.number).replace("%2", local_datetime_text(s.received_at))
            .replace("%3", format_date(s.due_date)).replace("%4", html.escape(self._who())))
        self.setWindowTitle(self.tr("Réclamation %1").replace("%1", s.number))
        self.pages.setCurrentIndex(1)
        self.print_button.setDefault(True)
        self.print_button.setFocus()

    def _who(self) -> str:
        if self.walk_in.isChecked():
            return self.walk_in_name.text().strip()
        return self.search.edit.text().strip()

    def print_acknowledgement(self) -> None:
        """Write the letter to a temporary PDF and open it in the viewer, which prints."""
        try:
            path = ops.write_acknowledgement(complaint_id=self.summary.id,
                                             path=ops.temporary_pdf(self.summary.number))
        except SERVICE_ERRORS as exc:
            show_error(self, exc)
            return
        if not ops.open_file(path):
            QMessageBox.information(self, self.tr("Accusé de réception"),
                                    self.tr("Le PDF est prêt : %1").replace("%1", path))

    def save_acknowledgement(self) -> None:
        path = ask_pdf_path(self, f"accuse-reception-{self.summary.number}.pdf")
        if not path:
            return
        try:
            ops.write_acknowledgement(complaint_id=self.summary.id, path=path)
        except SERVICE_ERRORS as exc:
            show_error(self, exc)

    def start_again(self) -> None:
        """Back to an empty form for the next customer in the queue (place and channel kept)."""
        self.summary = None
        self.search.clear()
        self._customer_cleared()
        self.walk_in.setChecked(False)
        for widget in (self.walk_in_name, self.walk_in_contact, self.product):
            widget.clear()
        self.description.clear()
        self.expectation.clear()
        self.error.hide()
        self.setWindowTitle(self.tr("Nouvelle réclamation"))
        self.pages.setCurrentIndex(0)
        self.save_button.setDefault(True)
        self.search.setFocus()
