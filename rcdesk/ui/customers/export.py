"""Export the current filtered list to CSV (French Excel) or XLSX, off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from rcdesk.core.formatting import format_number
from rcdesk.ui.worker import ServiceWorker


def tr(text: str) -> str:
    return QCoreApplication.translate("customers", text)


def _export(query, path: str):
    from rcdesk.services.customers.export import export_customers

    return export_customers(query, path)


def export_list(*, parent: QWidget, query, total: int,
                path: str | None = None) -> ServiceWorker | None:
    """Asks for the file (CSV or XLSX by its suffix) and writes the list the user sees.

    Returns the running worker (tests wait on worker.signals.sig_done), None if cancelled."""
    title = tr("Exporter la liste")
    if path is None:
        path, chosen = QFileDialog.getSaveFileName(
            parent, title, str(Path.home() / "clients.xlsx"),
            tr("Classeur Excel (*.xlsx);;CSV pour Excel (*.csv)"))
        if not path:
            return None
        if Path(path).suffix.lower() not in (".csv", ".xlsx"):
            path += ".csv" if "csv" in chosen.lower() else ".xlsx"
    progress = QProgressDialog(
        tr("Export de %1 fiche(s)…").replace("%1", format_number(total, 0)), "", 0, 0, parent)
    progress.setWindowTitle(title)
    progress.setCancelButton(None)  # one SQL pass; the file is written whole or not at all
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    worker = ServiceWorker(_export, query, path, with_progress=False)

    def done(count) -> None:
        progress.close()
        QMessageBox.information(parent, title, tr("%1 fiche(s) exportée(s) dans :\n%2")
                                .replace("%1", format_number(int(count or 0), 0))
                                .replace("%2", str(path)))

    def failed(message: str) -> None:
        progress.close()
        QMessageBox.warning(parent, title, message)

    worker.signals.sig_done.connect(done)
    worker.signals.sig_failed.connect(failed)
    parent._export_worker = worker  # kept alive until its signals arrive
    worker.start()
    return worker
