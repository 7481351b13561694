"""The intake's second page: the complaint saved, its acknowledgement printed or saved as PDF."""

from __future__ import annotations

import html
import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.formatting import format_date
from rcdesk.ui import printing
from rcdesk.ui.complaints import operations as ops
from rcdesk.ui.complaints.common import SERVICE_ERRORS, received_text, show_error, tr
from rcdesk.ui.forms import action_button

PDF_FOLDER_KEY = "documents/pdf_folder"  # where the last letter was saved, on this PC


def letters_folder(settings) -> Path:
    """Where a letter's PDF is proposed: the folder of the last one saved on this PC, else the
    user's Documents folder, else their home."""
    last = str(settings.value(PDF_FOLDER_KEY, "")) if settings is not None else ""
    if last and Path(last).is_dir():
        return Path(last)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def letter_file_name(kind: str, number: str, who: str) -> str:
    """« Accusé de réception REC-2026-0001 Karima BENALI.pdf »: what, which, for whom; no
    character a file system refuses."""
    name = " ".join(p for p in (kind, number, who) if p)
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", name)
    return re.sub(r"\s+", " ", name).strip()[:120] + ".pdf"


class ReceiptPage(QWidget):
    """Number, who, received on, due date; Imprimer (the print dialog, Entrée prints on the
    default printer), Aperçu, Enregistrer en PDF (folder and name proposed, place confirmed)."""

    another_requested = Signal()
    close_requested = Signal()

    def __init__(self, parent=None, context=None):
        super().__init__(parent)
        self.context = context
        self.summary = None
        self.who = ""
        self.done_label = QLabel(self)
        self.done_label.setObjectName("doneLabel")
        self.done_label.setWordWrap(True)
        self.done_label.setTextFormat(Qt.TextFormat.RichText)
        self.done_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.print_button = QPushButton(tr("&Imprimer l'accusé…"), self)
        self.print_button.setObjectName("printAck")
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_acknowledgement)
        self.preview_button = action_button(tr("A&perçu"), self.preview_acknowledgement, self,
                                            name="previewAck")
        self.pdf_button = action_button(tr("En&registrer en PDF…"), self.save_acknowledgement,
                                        self, name="saveAck")
        self.another_button = action_button(tr("&Nouvelle réclamation"),
                                            self.another_requested.emit, self)
        close = action_button(tr("&Fermer"), self.close_requested.emit, self)
        buttons = QHBoxLayout()
        for button in (self.print_button, self.preview_button, self.pdf_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.another_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.done_label, 1)
        layout.addLayout(buttons)

    def show_summary(self, summary, who: str) -> None:
        self.summary, self.who = summary, who
        self.done_label.setText(tr(
            "<h2>Réclamation %1 enregistrée</h2>"
            "<p>Réclamant : <b>%4</b><br>Reçue le %2.<br>"
            "Réponse due au plus tard le <b>%3</b>.</p>"
            "<p>Remettez ou envoyez l'accusé de réception au client dès maintenant : "
            "il reprend le numéro, ce qui a été compris et le délai de réponse.</p>"
            "<p>Entrée : imprimer · Alt+R : enregistrer en PDF · Alt+N : réclamation suivante</p>")
            .replace("%1", summary.number).replace("%2", self._received_text(summary))
            .replace("%3", format_date(summary.due_date)).replace("%4", html.escape(who)))

    @staticmethod
    def _received_text(summary) -> str:
        return received_text(getattr(summary, "received_on", None), summary.received_at)

    def _title(self) -> str:
        return tr("Accusé de réception %1").replace("%1", self.summary.number)

    def _write_temporary(self) -> str | None:
        try:
            return ops.write_acknowledgement(complaint_id=self.summary.id,
                                             path=ops.temporary_pdf(self.summary.number))
        except SERVICE_ERRORS as exc:
            show_error(self, exc)
            return None

    def print_acknowledgement(self) -> bool:
        """The print dialog on the default printer; True once sent to the printer."""
        path = self._write_temporary()
        if path is None:
            return False
        try:
            return printing.print_pdf(self, path, self._title())
        except OSError as exc:
            QMessageBox.warning(self, tr("Impression"), tr(
                "L'impression a échoué : %1\nLe PDF reste disponible : %2")
                .replace("%1", str(exc)).replace("%2", path))
            return False

    def preview_acknowledgement(self) -> None:
        path = self._write_temporary()
        if path is not None:
            printing.preview_pdf(self, path, self._title())

    def save_acknowledgement(self) -> str:
        """Asks where (the letters folder and a name made of the number and the complainant
        proposed), writes, and says where it is. The path, or "" when cancelled or refused."""
        settings = self.context.settings if self.context is not None else None
        suggested = letters_folder(settings) / letter_file_name(
            tr("Accusé de réception"), self.summary.number, self.who)
        path, _ = QFileDialog.getSaveFileName(self, tr("Enregistrer l'accusé en PDF"),
                                              str(suggested), tr("Documents PDF (*.pdf)"))
        if not path:
            return ""
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            ops.write_acknowledgement(complaint_id=self.summary.id, path=path)
        except SERVICE_ERRORS as exc:
            show_error(self, exc)
            return ""
        if settings is not None:
            settings.setValue(PDF_FOLDER_KEY, str(Path(path).parent))
        QMessageBox.information(self, tr("Accusé enregistré"), tr(
            "L'accusé de réception est enregistré :\n%1").replace("%1", path))
        return path
