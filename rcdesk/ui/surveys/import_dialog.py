"""Import answers from a survey tool's export: the columns recognised by their headers are
pre-set, the others chosen here; « Vérifier » runs the whole import without writing,
« Importer » writes it. Rejected rows go to a file beside the source, with their reason."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from rcdesk.ui.forms import ErrorLine, action_button
from rcdesk.ui.surveys import operations as ops
from rcdesk.ui.surveys.dialogs import ERRORS, error_text

FILTER = "Exports de formulaires (*.csv *.xlsx *.txt);;Tous les fichiers (*)"


class ImportDialog(QDialog):
    def __init__(self, campaign_id: int, parent=None, path: str = ""):
        super().__init__(parent)
        service = ops.surveys()
        self.campaign = service.get_campaign(campaign_id)
        self.questionnaire = service.get_questionnaire(self.campaign.questionnaire_id, counts=False)
        self.imported = 0
        self.worker = None
        self.progress = None
        self.setWindowTitle(self.tr("Importer des réponses — %1").replace("%1",
                                                                           self.campaign.title))
        self.path = QLineEdit(self)
        self.path.setObjectName("importPath")
        self.path.setReadOnly(True)
        browse = action_button(self.tr("&Choisir le fichier…"), self.browse, self,
                               name="importBrowse")
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("importColumns")
        self.table.setHorizontalHeaderLabels([self.tr("Colonne du fichier"),
                                              self.tr("Exemple"), self.tr("Lue comme")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(2, 330)
        self.table.verticalHeader().hide()
        self.result = QLabel(self)
        self.result.setObjectName("importResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = ErrorLine(self)
        self.check = action_button(self.tr("&Vérifier (sans rien enregistrer)"),
                                   lambda: self.run(dry_run=True), self, name="importCheck")
        self.go = action_button(self.tr("&Importer"), lambda: self.run(dry_run=False), self,
                                name="importRun")
        close = action_button(self.tr("Fermer"), self.accept, self)
        for b in (self.check, self.go):
            b.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.path, 1)
        top.addWidget(browse)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.check)
        bottom.addWidget(self.go)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Google Forms, LimeSurvey, Microsoft Forms ou tableur : une ligne "
                               "par répondant, une colonne par question. Les colonnes reconnues "
                               "par leur en-tête sont déjà associées ; les autres sont ignorées "
                               "(et listées)."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.result)
        layout.addLayout(bottom)
        self.resize(900, 560)
        browse.setFocus()
        if path:
            self.load(path)

    def targets(self) -> list[tuple[str, object]]:
        imports = ops.imports()
        items: list[tuple[str, object]] = [(self.tr("— ignorée —"), None),
                                           (self.tr("Horodatage"), imports.Target(
                                               imports.TIMESTAMP)),
                                           (self.tr("E-mail du répondant"), imports.Target(
                                               imports.EMAIL))]
        service = ops.surveys()
        for q in self.questionnaire.questions:
            short = q.label if len(q.label) <= 40 else q.label[:39] + "…"
            if q.kind == service.CRITERION:
                items.append((f"Q{q.number} {short} — satisfaction",
                              imports.Target(imports.SATISFACTION, q)))
                items.append((f"Q{q.number} {short} — importance",
                              imports.Target(imports.IMPORTANCE, q)))
            else:
                items.append((f"Q{q.number} {short}", imports.Target(imports.VALUE, q)))
                if q.kind == service.NPS:
                    items.append((f"Q{q.number} — pourquoi ?", imports.Target(imports.WHY, q)))
        return items

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Fichier de réponses"), "", FILTER)
        if path:
            self.load(path)

    def load(self, path: str) -> None:
        self.error.clear_error()
        self.result.clear()
        try:
            headers, rows = ops.preview(path=path)
        except ERRORS as exc:
            self.error.show_error(error_text(exc))
            return
        self.path.setText(path)
        guessed = ops.imports().guess_columns(headers, self.questionnaire)
        targets = self.targets()
        self.table.setRowCount(len(headers))
        for index, header in enumerate(headers):
            self.table.setItem(index, 0, QTableWidgetItem(header or f"colonne {index + 1}"))
            sample = next((r[index] for r in rows if index < len(r) and r[index]), "")
            self.table.setItem(index, 1, QTableWidgetItem(sample[:80]))
            combo = QComboBox(self.table)
            for label, target in targets:
                combo.addItem(label, target)
            wanted = guessed.get(index)
            if wanted is not None:
                combo.setCurrentIndex(next(i for i, (_, t) in enumerate(targets) if t == wanted))
            self.table.setCellWidget(index, 2, combo)
        for b in (self.check, self.go):
            b.setEnabled(True)
        self.check.setFocus()

    def columns(self) -> dict:
        return {row: self.table.cellWidget(row, 2).currentData()
                for row in range(self.table.rowCount())}

    def run(self, dry_run: bool) -> None:
        """In the pool, with a progress dialog whose Annuler stops it (nothing written)."""
        from PySide6.QtWidgets import QProgressDialog

        from rcdesk.ui.worker import ServiceWorker

        if self.worker is not None:
            return
        self.error.clear_error()
        self.worker = ServiceWorker(_run_import, self.campaign.id, self.path.text(),
                                    self.columns(), dry_run)
        self.progress = QProgressDialog(self.tr("Lecture et vérification des lignes…"),
                                        self.tr("Annuler"), 0, 0, self)
        self.progress.setWindowTitle(self.windowTitle())
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(500)
        self.progress.canceled.connect(self.worker.cancel)
        self.worker.signals.sig_progress.connect(
            lambda done, _total: self.progress.setLabelText(
                self.tr("%1 lignes traitées…").replace("%1", str(done))))
        self.worker.signals.sig_done.connect(lambda result: self._done(result, dry_run))
        self.worker.signals.sig_failed.connect(self._failed)
        for b in (self.check, self.go):
            b.setEnabled(False)
        self.result.setText(self.tr("Import en cours…"))
        self.worker.start()

    def _finish(self) -> None:
        self.worker = None
        if self.progress is not None:
            self.progress.reset()
            self.progress = None
        self.check.setEnabled(True)

    def _failed(self, message: str) -> None:
        self._finish()
        self.go.setEnabled(True)
        self.result.clear()
        self.error.show_error(message)

    def _done(self, result, dry_run: bool) -> None:
        self._finish()
        self.go.setEnabled(dry_run)
        if result is None:  # cancelled
            self.result.setText(self.tr("Import annulé : rien n'a été enregistré."))
            self.go.setEnabled(True)
            return
        lines = [(self.tr("Vérification : ") if dry_run else "") + result.summary() + "."]
        if result.ignored:
            lines.append(self.tr("Colonnes ignorées : ") + ", ".join(result.ignored))
        if result.rejects_path:
            lines.append(self.tr("Lignes rejetées et leur motif : ") + str(result.rejects_path))
        self.result.setText("\n".join(lines))
        if not dry_run:
            self.imported += result.imported

    def reject(self) -> None:
        """Échap during a run cancels it first (the database stays as it was)."""
        if self.worker is not None:
            self.worker.cancel()
            return
        super().reject()


def _run_import(campaign_id: int, path: str, columns: dict, dry_run: bool, *, progress,
                cancelled):
    """The worker's call: None when cancelled (the import's transaction rolled back)."""
    from rcdesk.services.tabular import Cancelled

    try:
        return ops.imports().import_responses(
            campaign_id, path, columns=columns, dry_run=dry_run, stop=cancelled,
            progress=lambda done: progress(done, 0))
    except Cancelled:
        return None
