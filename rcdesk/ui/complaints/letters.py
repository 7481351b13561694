"""Reprinting a complaint's acknowledgement from its file: the original or a duplicate."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from rcdesk.core.formatting import format_date
from rcdesk.ui.complaints import operations as ops
from rcdesk.ui.complaints.common import SERVICE_ERRORS, ask_pdf_path, show_error


def tr(text: str) -> str:
    return QCoreApplication.translate("complaints", text)


def ask_duplicate(parent: QWidget, detail) -> bool | None:
    """Original (dated the day of receipt) or duplicate (dated today); None: cancelled."""
    box = QMessageBox(QMessageBox.Icon.Question, tr("Accusé de réception"),
                      tr("Quel accusé de réception produire pour %1 ?").replace(
                          "%1", detail.number), QMessageBox.StandardButton.Cancel, parent)
    original = box.addButton(tr("&Original (daté du %1)").replace(
        "%1", format_date(detail.received_on)), QMessageBox.ButtonRole.AcceptRole)
    duplicate = box.addButton(tr("&Duplicata (daté d'aujourd'hui)"),
                              QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(original)
    box.exec()
    if box.clickedButton() is original:
        return False
    if box.clickedButton() is duplicate:
        return True
    return None


def save_acknowledgement(parent: QWidget, detail, duplicate: bool | None) -> str | None:
    """Asks where, writes the acknowledgement (duplicate or not) and opens it; the path, or
    None when cancelled or refused (the refusal shown)."""
    if duplicate is None:
        return None
    suffix = "-duplicata" if duplicate else ""
    path = ask_pdf_path(parent, f"accuse-{detail.number}{suffix}.pdf")
    if not path:
        return None
    try:
        ops.write_acknowledgement(complaint_id=detail.id, path=path, duplicate=duplicate)
    except SERVICE_ERRORS as exc:
        show_error(parent, exc)
        return None
    ops.open_file(path)
    return path
