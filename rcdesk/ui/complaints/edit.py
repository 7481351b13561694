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
from rcdesk.ui.forms import CtrlReturnAccepts, ErrorLine, dialog_buttons


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
        self.channel.setCurrentIndex(max(0, self.channel.findData(detail.channel)))
        self.product = QLineEdit(detail.product, self)
        self.product.setObjectName("product")
        self.place = QLineEdit(detail.place, self)
        self.place.setObjectName("place")
        self.description = QPlainTextEdit(detail.description, self)
        self.description.setObjectName("description")
        self.expectation = QPlainTextEdit(detail.expectation, self)
        self.expectation.setObjectName("expectation")
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
        form.addRow(self.tr("&Description :"), self.description)
        form.addRow(self.tr("A&ttente du client :"), self.expectation)
        form.addRow(self.tr("&Motif :"), self.comment)
        self.error = ErrorLine(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self))

    def accept(self) -> None:
        d = self.detail
        try:
            self.changed = ops.edit_complaint(
                complaint_id=d.id, customer_id=d.customer_id, walk_in_name=d.walk_in_name,
                walk_in_contact=d.walk_in_contact, channel=self.channel.currentData(),
                product=self.product.text(), place=self.place.text(),
                description=self.description.toPlainText(),
                expectation=self.expectation.toPlainText(), comment=self.comment.text())
        except SERVICE_ERRORS as exc:
            self.error.show_error(error_text(exc))
            return
        super().accept()
