"""Correcting what intake recorded (channel, product, place, texts); the timeline names it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from rcdesk.ui.complaints import operations as ops
from rcdesk.ui.complaints.common import SERVICE_ERRORS, error_text
from rcdesk.ui.forms import CtrlReturnAccepts, ErrorLine, dialog_buttons, save_checking_version
from rcdesk.ui.journey_step_box import journey_step_box, set_journey_step


class EditIntakeDialog(CtrlReturnAccepts, QDialog):
    """The intake fields of a stored complaint; the complainant stays as recorded."""

    def __init__(self, detail, parent=None):
        super().__init__(parent)
        self.detail = detail
        self.setWindowTitle(self.tr("Modifier %1").replace("%1", detail.number))
        self.setMinimumWidth(520)
        self.channel = QComboBox(self)
        self.channel.setObjectName("channel")
        for name in ops.complaints().CHANNELS:
            self.channel.addItem(name[:1].upper() + name[1:], name)
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
        form.addRow(self.tr("C&anal :"), self.channel)
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
        self.channel.setCurrentIndex(max(0, self.channel.findData(detail.channel)))
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

    def _save(self, base) -> None:
        self.changed = ops.edit_complaint(
            complaint_id=base.id, customer_id=base.customer_id,
            walk_in_name=base.walk_in_name, walk_in_contact=base.walk_in_contact,
            channel=self.channel.currentData(), product=self.product.text(),
            place=self.place.text(), description=self.description.toPlainText(),
            expectation=self.expectation.toPlainText(), comment=self.comment.text(),
            version=base.version, original=base,
            journey_step=self.journey_step.currentData() or "")

    def accept(self) -> None:
        try:
            if not save_checking_version(self, self._save, self.detail, self.reload):
                return
        except SERVICE_ERRORS as exc:
            self.error.show_error(error_text(exc))
            return
        super().accept()
