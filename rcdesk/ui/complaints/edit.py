"""Correcting what intake recorded (channel, reception day, product, place, texts); the
timeline names it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rcdesk.ui.complaints import operations as ops
from rcdesk.ui.complaints.common import SERVICE_ERRORS, error_text
from rcdesk.ui.complaints.intake import DayEdit
from rcdesk.ui.forms import (
    CtrlReturnAccepts,
    ErrorLine,
    dialog_buttons,
    from_qdate,
    save_checking_version,
    to_qdate,
)
from rcdesk.ui.journey_step_box import journey_step_box, set_journey_step


class EditIntakeDialog(CtrlReturnAccepts, QDialog):
    """The intake fields of a stored complaint. The complainant stays as recorded unless
    « Changer de client… » attaches it to a customer file (a namesake picked by mistake, a
    walk-in whose file was created afterwards): their « Dernier contact » follows."""

    def __init__(self, detail, parent=None):
        super().__init__(parent)
        self.detail = detail
        self.setWindowTitle(self.tr("Modifier %1").replace("%1", detail.number))
        self.setMinimumWidth(520)
        self.customer_id = detail.customer_id
        self.who = QLabel(self)
        self.who.setObjectName("complainant")
        self.change_customer_button = QPushButton(self.tr("C&hanger de client…"), self)
        self.change_customer_button.setObjectName("changeCustomer")
        self.change_customer_button.setAutoDefault(False)
        self.change_customer_button.clicked.connect(self.change_customer)
        who_row = QWidget(self)
        row = QHBoxLayout(who_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.who, 1)
        row.addWidget(self.change_customer_button)
        self.channel = QComboBox(self)
        self.channel.setObjectName("channel")
        for name in ops.complaints().CHANNELS:
            self.channel.addItem(name[:1].upper() + name[1:], name)
        self.received_on = DayEdit(self)
        self.received_on.setObjectName("received_on")
        self.received_on.setToolTip(self.tr(
            "Le jour où la réclamation est arrivée ; la date de réponse due se décale avec lui "
            "(même délai en jours ouvrés)"))
        self.product = QLineEdit(self)
        self.product.setObjectName("product")
        self.place = QLineEdit(self)
        self.place.setObjectName("place")
        self.journey_step = journey_step_box(detail.journey_step, self)
        self.description = QPlainTextEdit(self)
        self.description.setObjectName("description")
        self.expectation = QPlainTextEdit(self)
        self.expectation.setObjectName("expectation")
        self._show(detail)
        for box in (self.description, self.expectation):
            box.setTabChangesFocus(True)
            box.setFixedHeight(80)
        self.comment = QLineEdit(self)
        self.comment.setObjectName("comment")
        self.comment.setPlaceholderText(self.tr("Pourquoi cette correction (facultatif)"))
        form = QFormLayout()
        form.addRow(self.tr("Client :"), who_row)
        form.addRow(self.tr("C&anal :"), self.channel)
        form.addRow(self.tr("Reçue l&e :"), self.received_on)
        form.addRow(self.tr("P&roduit / service :"), self.product)
        form.addRow(self.tr("&Lieu :"), self.place)
        form.addRow(self.tr("Étape du parco&urs :"), self.journey_step)
        form.addRow(self.tr("&Description :"), self.description)
        form.addRow(self.tr("A&ttente du client :"), self.expectation)
        form.addRow(self.tr("&Motif :"), self.comment)
        self.error = ErrorLine(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self))

    def _show(self, detail) -> None:
        self.customer_id = detail.customer_id
        self.who.setText(detail.customer_name or detail.walk_in_name or "—")
        self.channel.setCurrentIndex(max(0, self.channel.findData(detail.channel)))
        self.received_on.setDate(to_qdate(detail.received_on))
        self.product.setText(detail.product)
        self.place.setText(detail.place)
        set_journey_step(self.journey_step, detail.journey_step)
        self.description.setPlainText(detail.description)
        self.expectation.setPlainText(detail.expectation)

    def reload(self, detail) -> None:
        """The stored complaint in the form (what was typed is replaced; the reason stays)."""
        self.detail = detail
        self.error.hide()
        self._show(detail)

    def pick_customer(self):
        """(customer id, name) chosen in the customer file, or None (the picker dialog)."""
        from rcdesk.ui.complaints.customer_picker import CustomerPickDialog

        dialog = CustomerPickDialog(self)
        dialog.setWindowTitle(self.tr("Rattacher %1 à un client").replace("%1",
                                                                          self.detail.number))
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.customer_id is not None:
            return dialog.customer_id, dialog.display
        return None

    def change_customer(self) -> None:
        picked = self.pick_customer()
        if picked is not None:
            self.customer_id = picked[0]
            self.who.setText(picked[1])

    def _save(self, base) -> None:
        walk_in = self.customer_id is None
        self.changed = ops.edit_complaint(
            complaint_id=base.id, customer_id=self.customer_id,
            walk_in_name=base.walk_in_name if walk_in else "",
            walk_in_contact=base.walk_in_contact if walk_in else "",
            channel=self.channel.currentData(), product=self.product.text(),
            place=self.place.text(), description=self.description.toPlainText(),
            expectation=self.expectation.toPlainText(), comment=self.comment.text(),
            version=base.version, original=base,
            received_on=from_qdate(self.received_on.date()),
            journey_step=self.journey_step.currentData() or "")

    def accept(self) -> None:
        try:
            if not save_checking_version(self, self._save, self.detail, self.reload):
                return
        except SERVICE_ERRORS as exc:
            self.error.show_error(error_text(exc))
            return
        super().accept()
