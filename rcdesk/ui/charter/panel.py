"""The "Charte d'engagements" page: commitments with their advice, readings, last value, PDFs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.formatting import format_date
from rcdesk.core.indicators import MANUAL, format_target, met_label
from rcdesk.services.charter import commitments as service
from rcdesk.ui.charter.dialogs import CommitmentDialog, JargonDialog, PeriodDialog
from rcdesk.ui.charter.readings import GREEN, RED, ReadingsBox

COLUMNS = ("N°", "⚠", "Engagement", "Indicateur / mesure", "Cible", "Dernière valeur", "État",
           "Pilote", "Révision")
COL_WARN, COL_WORDING, COL_STATE = 1, 2, 6


class CharterPanel(QWidget):
    """Embedded by the Auto-évaluation tab; talks to rcdesk.services.charter only."""

    charter_changed = Signal()

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self._commitments: list[service.Commitment] = []
        self._warnings: list[list] = []
        self._build()
        self.refresh()

    # --- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        self.add_button = QPushButton(self.tr("Ajouter"))
        self.edit_button = QPushButton(self.tr("Modifier"))
        self.delete_button = QPushButton(self.tr("Supprimer"))
        self.up_button = QPushButton(self.tr("Monter"))
        self.down_button = QPushButton(self.tr("Descendre"))
        self.jargon_button = QPushButton(self.tr("Mots à éviter…"))
        self.poster_button = QPushButton(self.tr("Affiche PDF"))
        self.compliance_button = QPushButton(self.tr("Rapport de conformité PDF"))
        style = self.style()
        self.up_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowUp))
        self.down_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown))
        self.up_button.setToolTip(self.tr("Monter l'engagement (Alt+Haut)"))
        self.down_button.setToolTip(self.tr("Descendre l'engagement (Alt+Bas)"))
        self.add_button.clicked.connect(self.add_commitment)
        self.edit_button.clicked.connect(self.edit_commitment)
        self.delete_button.clicked.connect(self.delete_commitment)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.jargon_button.clicked.connect(self.edit_jargon)
        self.poster_button.clicked.connect(self._ask_poster)
        self.compliance_button.clicked.connect(self._ask_compliance)
        toolbar = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button, self.up_button,
                       self.down_button):
            toolbar.addWidget(button)
        toolbar.addStretch(1)
        for button in (self.jargon_button, self.poster_button, self.compliance_button):
            toolbar.addWidget(button)

        self.charter_advice = QLabel()
        self.charter_advice.setObjectName("charterAdvice")
        self.charter_advice.setWordWrap(True)
        self.charter_advice.setStyleSheet("background: #FFF4D6; border: 1px solid #E8C66A; "
                                          "padding: 4px;")
        self.summary = QLabel()

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setStyleSheet("QTableWidget::item { padding: 3px; }")
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_WORDING, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(3, 220)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_commitment())

        self.advice_list = QListWidget()
        self.advice_list.setObjectName("commitmentAdvice")
        self.advice_list.setWordWrap(True)
        advice_box = QGroupBox(self.tr("Conseils du livre blanc pour cet engagement"))
        QVBoxLayout(advice_box).addWidget(self.advice_list)

        self.readings_box = ReadingsBox()
        self.readings_box.changed.connect(self._changed)

        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(advice_box)
        lower.addWidget(self.readings_box)
        lower.setStretchFactor(0, 1)
        lower.setStretchFactor(1, 1)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.charter_advice)
        upper_layout.addWidget(self.table)
        upper_layout.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addWidget(splitter)

        QShortcut(QKeySequence("Alt+Up"), self.table, lambda: self.move_selected(-1))
        QShortcut(QKeySequence("Alt+Down"), self.table, lambda: self.move_selected(1))
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, self.delete_commitment)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self.edit_commitment)
        self.context.data_changed.connect(self._other_area_changed)

    # --- reading the services ----------------------------------------------------------

    def refresh(self, select_id: int | None = None) -> None:
        """Reload the charter, its advice and last values; keep (or move to) a selection."""
        if select_id is None:
            current = self.selected()
            select_id = current.id if current else None
        self._commitments = service.list_commitments()
        check = service.charter_warnings(commitments=self._commitments)
        self._warnings = check.by_commitment
        charter_text = "\n".join(f"⚠ {w.message}" for w in check.charter)
        if not self._commitments:
            charter_text = self.tr(
                "La charte ne contient encore aucun engagement : cliquez sur « Ajouter ». "
                "Le livre blanc conseille une dizaine d'engagements au plus, en phrases courtes, "
                "chiffrés (%, délais) et mesurés.")
        self.charter_advice.setText(charter_text)
        self.charter_advice.setVisible(bool(charter_text))
        summary = service.charter_summary()
        self.summary.setText(self.tr("{n} engagement(s), dont {m} mesurable(s) — {w} conseil(s) "
                                     "à examiner").format(n=summary.commitments,
                                                          m=summary.measurable, w=check.count))
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._commitments))
        warn_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for row, (c, warnings) in enumerate(zip(self._commitments, self._warnings)):
            measure = service.last_measure(c)
            last = service.measure_text(c, measure)
            source = c.indicator or service.describe_source(c)
            if c.source != MANUAL:
                source = service.describe_source(c)
            values = (str(c.position), "", c.wording, source,
                      format_target(c.target_value, c.target_unit, c.comparison),
                      last, met_label(measure.met), c.owner, format_date(c.review_date))
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, c.id)
                self.table.setItem(row, column, item)
            warn = self.table.item(row, COL_WARN)
            if warnings:
                warn.setIcon(warn_icon)
                warn.setText(str(len(warnings)))
                tip = "\n".join(f"• {w.message}" for w in warnings)
                warn.setToolTip(tip)
                self.table.item(row, COL_WORDING).setToolTip(tip)
            state = self.table.item(row, COL_STATE)
            if measure.met is not None:
                state.setForeground(QBrush(GREEN if measure.met else RED))
        self.table.blockSignals(False)
        self.table.resizeRowsToContents()
        ids = [c.id for c in self._commitments]
        if select_id in ids:
            self.table.selectRow(ids.index(select_id))
        elif ids:
            self.table.selectRow(0)
        self._selection_changed()

    def selected(self) -> service.Commitment | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self._commitments):
            return None
        return self._commitments[rows[0].row()]

    def _selection_changed(self) -> None:
        commitment = self.selected()
        for button in (self.edit_button, self.delete_button, self.up_button, self.down_button):
            button.setEnabled(commitment is not None)
        self.advice_list.clear()
        self.readings_box.show_commitment(commitment)
        if commitment is None:
            return
        warnings = self._warnings[self._commitments.index(commitment)]
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for w in warnings:
            tip = self.tr("Conseil n°{n} — ").format(n=w.tip) if w.tip else ""
            self.advice_list.addItem(QListWidgetItem(icon, tip + w.message))
        if not warnings:
            ok = self.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
            self.advice_list.addItem(QListWidgetItem(
                ok, self.tr("Aucune remarque : l'engagement suit les conseils du livre blanc.")))

    def _other_area_changed(self, area: str) -> None:
        if area == "complaints":
            self.refresh()

    def _changed(self, select_id: int | None = None) -> None:
        self.refresh(select_id)
        self.charter_changed.emit()
        self.context.data_changed.emit("charter")

    # --- user actions ------------------------------------------------------------------

    def _deadline(self) -> int:
        return self.context.company().complaint_deadline_days

    def add_commitment(self) -> None:
        dialog = CommitmentDialog(self, None, self._deadline())
        if dialog.exec() and dialog.saved:
            self._changed(dialog.saved.id)

    def edit_commitment(self) -> None:
        commitment = self.selected()
        if commitment is None:
            return
        dialog = CommitmentDialog(self, commitment, self._deadline())
        if dialog.exec() and dialog.saved:
            self._changed(commitment.id)

    def delete_commitment(self, confirm: bool = True) -> None:
        commitment = self.selected()
        if commitment is None:
            return
        if confirm:
            answer = QMessageBox.question(
                self, self.tr("Supprimer l'engagement"),
                self.tr("Supprimer l'engagement n°{n} et ses relevés ?\n\n« {w} »").format(
                    n=commitment.position, w=commitment.wording))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._run(service.delete_commitment, commitment.id)
        self._changed()

    def move_selected(self, step: int) -> None:
        commitment = self.selected()
        if commitment is not None:
            self._run(service.move_commitment, commitment.id, step)
            self._changed(commitment.id)

    def edit_jargon(self) -> None:
        if JargonDialog(self).exec():
            self._changed()

    def _run(self, function, *args):
        try:
            return function(*args)
        except (ServiceError, ValidationError) as exc:
            QMessageBox.warning(self, self.tr("Charte d'engagements"), str(exc))
            return None
        except OSError as exc:  # a PDF that cannot be written (read-only folder, file open)
            QMessageBox.warning(self, self.tr("Charte d'engagements"),
                                self.tr("Impossible d'écrire le fichier : {why}").format(
                                    why=exc.strerror or exc))
            return None

    # --- PDFs --------------------------------------------------------------------------

    def export_poster(self, path: str | Path) -> Path | None:
        from rcdesk.reports.charter import write_charter_poster

        return self._run(lambda: write_charter_poster(path, overwrite=True))  # the dialog asked

    def export_compliance(self, path: str | Path, period=None) -> Path | None:
        from rcdesk.reports.charter_compliance import write_compliance_report

        return self._run(lambda: write_compliance_report(path, period, overwrite=True))

    def _ask_poster(self) -> None:
        self._ask_and_write(self.tr("Affiche de la charte"), "charte-engagements.pdf",
                            self.export_poster)

    def _ask_compliance(self) -> None:
        dialog = PeriodDialog(self)
        if not dialog.exec():
            return
        period = dialog.period()
        self._ask_and_write(self.tr("Rapport de conformité de la charte"),
                            f"conformite-charte-{period.end.isoformat()}.pdf",
                            lambda path: self.export_compliance(path, period))

    def _ask_and_write(self, title: str, name: str, write) -> None:
        path, _ = QFileDialog.getSaveFileName(self, title, name, self.tr("PDF (*.pdf)"))
        if not path:
            return
        if write(path):
            QMessageBox.information(self, title, self.tr("Document enregistré :\n{p}").format(
                p=path))

