"""Small dialogs that add one purchase or one interaction to a customer."""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
)

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.services import customers as customers_service
from rcdesk.services.tabular import parse_amount_cents
from rcdesk.ui.customers.choices import CHANNELS, DIRECTIONS
from rcdesk.ui.forms import ErrorLine, date_edit, dialog_buttons, from_qdate
from rcdesk.ui.journey_step_box import journey_step_box, set_journey_step


def to_utc(value: QDateTime) -> datetime:
    """A local date-time typed by the user as the naive UTC datetime the services store."""
    utc = value.toUTC()
    return datetime.combine(from_qdate(utc.date()), time(utc.time().hour(), utc.time().minute()))


def local_text(utc: datetime | None) -> str:
    """A stored UTC timestamp as the user's local "dd/mm/yyyy hh:mm"."""
    if utc is None:
        return ""
    value = QDateTime(QDate(utc.year, utc.month, utc.day),
                      QTime(utc.hour, utc.minute), QTimeZone.utc())
    return value.toLocalTime().toString("dd/MM/yyyy HH:mm")


class _EntryDialog(QDialog):
    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.error = ErrorLine()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self))

    def show_error(self, message: str, focus=None) -> None:
        self.error.show_error(message, focus)


class PurchaseDialog(_EntryDialog):
    """Date, amount, channel, reference -> add_purchase(), or update_purchase() when a
    purchase (PurchaseRow) is given. « Avoir » records a refund: the amount typed is
    stored negative (not a transaction in the complaint rate)."""

    def __init__(self, customer_id: int, parent=None, service=customers_service,
                 purchase=None):
        super().__init__(self.tr("Modifier l'achat") if purchase else self.tr("Nouvel achat"),
                         parent)
        self._service = service
        self.customer_id = customer_id
        self.purchase = purchase
        self.saved_id: int | None = None
        self.date = date_edit(purchase.date if purchase else None)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("ex. 49,90"))
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.refund = QCheckBox(self.tr("A&voir (remboursement au client)"))
        self.refund.setToolTip(self.tr(
            "Un avoir est enregistré comme un achat négatif : il diminue le chiffre "
            "d'affaires mais ne compte pas comme une transaction dans le taux de "
            "réclamation."))
        self.channel = QComboBox()
        self.channel.setEditable(True)
        self.channel.addItems(["magasin", "site web", "téléphone", "visite commerciale"])
        self.reference = QLineEdit()
        self.form.addRow(self.tr("&Date"), self.date)
        self.form.addRow(self.tr("&Montant"), self.amount)
        self.form.addRow("", self.refund)
        self.form.addRow(self.tr("&Canal"), self.channel)
        self.form.addRow(self.tr("&Référence"), self.reference)
        if purchase is not None:
            from rcdesk.core.formatting import format_number

            self.amount.setText(format_number(abs(purchase.amount_cents) / 100, 2))
            self.refund.setChecked(purchase.amount_cents < 0)
            self.channel.setCurrentText(purchase.channel)
            self.reference.setText(purchase.reference)
        self.amount.setFocus()

    def accept(self) -> None:
        try:
            cents = parse_amount_cents(self.amount.text())
        except ValueError as exc:
            self.show_error(str(exc), self.amount)
            return
        if self.refund.isChecked():
            cents = -abs(cents)
        values = (from_qdate(self.date.date()), cents)
        texts = dict(channel=self.channel.currentText().strip(),
                     reference=self.reference.text().strip())
        try:
            if self.purchase is not None:
                self._service.update_purchase(self.purchase.id, *values, **texts)
                self.saved_id = self.purchase.id
            else:
                self.saved_id = self._service.add_purchase(self.customer_id, *values, **texts)
        except (ValidationError, ServiceError) as exc:
            self.show_error(str(exc), self.amount)
            return
        super().accept()


class InteractionDialog(_EntryDialog):
    """One contact of the customer journey -> add_interaction(InteractionData), or
    services.last_contact.update_interaction() when an interaction (InteractionRow) is given."""

    def __init__(self, customer_id: int, parent=None, service=customers_service,
                 interaction=None):
        super().__init__(self.tr("Modifier l'interaction") if interaction
                         else self.tr("Nouvelle interaction"), parent)
        self._service = service
        self.customer_id = customer_id
        self.interaction = interaction
        self.saved_id: int | None = None
        self.at = QDateTimeEdit(QDateTime.currentDateTime())
        self.at.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.at.setCalendarPopup(True)
        self.channel = QComboBox()
        self.channel.addItems(list(CHANNELS))
        self.direction = QComboBox()
        self.direction.addItems(list(DIRECTIONS))
        self.step = journey_step_box("")  # the company's journey (Pilotage ▸ Parcours client)
        self.subject = QLineEdit()
        self.outcome = QPlainTextEdit()
        self.outcome.setTabChangesFocus(True)
        self.outcome.setFixedHeight(70)
        self.follow_up = QLineEdit()
        self.follow_up.setPlaceholderText(self.tr("JJ/MM/AAAA (facultatif)"))
        self.form.addRow(self.tr("&Date et heure"), self.at)
        self.form.addRow(self.tr("&Canal"), self.channel)
        self.form.addRow(self.tr("S&ens"), self.direction)
        self.form.addRow(self.tr("Étape du &parcours"), self.step)
        self.form.addRow(self.tr("&Objet"), self.subject)
        self.form.addRow(self.tr("&Réponse / suite donnée"), self.outcome)
        self.form.addRow(self.tr("&Relance le"), self.follow_up)
        if interaction is not None:
            self._fill(interaction)
        self.subject.setFocus()
        self.resize(460, 0)

    def _fill(self, row) -> None:
        from rcdesk.core.formatting import format_date

        at = row.at
        self.at.setDateTime(QDateTime(QDate(at.year, at.month, at.day), QTime(at.hour, at.minute),
                                      QTimeZone.utc()).toLocalTime())
        for combo, value in ((self.channel, row.channel), (self.direction, row.direction)):
            if combo.findText(value) < 0:
                combo.addItem(value)
            combo.setCurrentText(value)
        set_journey_step(self.step, row.step)
        self.subject.setText(row.subject)
        self.outcome.setPlainText(row.outcome)
        self.follow_up.setText(format_date(row.follow_up) if row.follow_up else "")

    def accept(self) -> None:
        from rcdesk.core.formatting import parse_user_date

        text = self.follow_up.text().strip()
        try:
            follow_up = parse_user_date(text) if text else None
        except ValueError as exc:
            self.show_error(str(exc), self.follow_up)
            return
        data = self._service.InteractionData(
            at=to_utc(self.at.dateTime()), channel=self.channel.currentText(),
            direction=self.direction.currentText(), step=self.step.currentData() or "",
            subject=self.subject.text().strip(), outcome=self.outcome.toPlainText().strip(),
            follow_up=follow_up)
        try:
            if self.interaction is not None:
                from rcdesk.services import last_contact  # it asks every area

                last_contact.update_interaction(self.interaction.id, data)
                self.saved_id = self.interaction.id
            else:
                self.saved_id = self._service.add_interaction(self.customer_id, data)
        except ValidationError as exc:
            self.show_error(exc.message)
            return
        except ServiceError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        super().accept()
