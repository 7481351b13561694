"""The annual communication plan page: the year's actions with the white paper's columns, the
planning by month, the budget allotted and spent; PDF, XLSX and a target's mailing list."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.formatting import format_money
from rcdesk.services.pilotage.comm_plan import (
    MEDIA,
    OBJECTIVES,
    PlanInput,
    PlanRow,
    add_plan_row,
    delete_plan_row,
    export_mailing_list,
    plan_of_year,
    update_plan_row,
)
from rcdesk.services.settings import get_company
from rcdesk.ui.forms import CtrlReturnAccepts, ErrorLine, action_button, dialog_buttons
from rcdesk.ui.worker import run_report

MONTHS = ("J", "F", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D")
HEAD = ("Objectif", "Cibles", "Action", "Média", "Canal", "Budget", "Dépensé", "Efficacité",
        "Résultat")
COLOURS = {"cognitif": "#4F81BD", "affectif": "#C0504D", "conatif": "#9BBB59"}


class PlanDialog(CtrlReturnAccepts, QDialog):
    """One action of the plan; Ctrl+Entrée saves, Échap cancels; a refusal keeps the form."""

    def __init__(self, year: int, row: PlanRow | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Action de communication %1").replace("%1", str(year)))
        self.year, self.row = year, row
        self.objective = QComboBox(self)
        for key, label in OBJECTIVES.items():
            self.objective.addItem(f"{key} ({label})", key)
        self.media = QComboBox(self)
        for key in MEDIA:
            self.media.addItem(key, key)
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        form.addRow(self.tr("Objectif :"), self.objective)
        labels = (("action", "Action :"), ("target_segment", "Cibles :"),
                  ("channel", "Support ou canal :"),
                  ("copies", "Nombre d'exemplaires :"), ("start", "Début (JJ/MM/AAAA) :"),
                  ("end", "Fin (JJ/MM/AAAA) :"), ("periodicity", "Périodicité :"),
                  ("budget", "Budget alloué :"), ("spent", "Dépensé :"),
                  ("resources", "Ressources :"), ("measure", "Évaluation de l'efficacité :"),
                  ("measure_target", "Objectif visé :"), ("result", "Résultat :"))
        for key, label in labels:
            edit = QLineEdit(self)
            edit.setObjectName(f"plan_{key}")
            self.fields[key] = edit
            form.addRow(self.tr(label), edit)
            if key == "action":
                form.addRow(self.tr("Média / hors média :"), self.media)
        self.fields["target_segment"].setPlaceholderText(
            self.tr("statut:client, rfm:Fidèles ou une étiquette du fichier client"))
        self.fields["budget"].setPlaceholderText(self.tr("obligatoire (0 si sans coût)"))
        self.error = ErrorLine(self)
        form.addRow(self.error)
        form.addRow(dialog_buttons(self))
        self.resize(720, self.sizeHint().height())
        if row is not None:
            self.objective.setCurrentIndex(self.objective.findData(row.objective))
            self.media.setCurrentIndex(self.media.findData(row.media))
            values = {"action": row.action, "target_segment": row.target_segment,
                      "channel": row.channel, "copies": "" if row.copies is None else str(row.copies),
                      "start": row.start.strftime("%d/%m/%Y"), "end": row.end.strftime("%d/%m/%Y"),
                      "periodicity": row.periodicity,
                      "budget": f"{row.budget_cents / 100:.2f}".replace(".", ","),
                      "spent": f"{row.spent_cents / 100:.2f}".replace(".", ","),
                      "resources": row.resources, "measure": row.measure,
                      "measure_target": row.measure_target, "result": row.result}
            for key, value in values.items():
                self.fields[key].setText(value)
        self.objective.setFocus()

    def data(self) -> PlanInput:
        text = {key: edit.text() for key, edit in self.fields.items()}
        return PlanInput(self.year, self.objective.currentData(), text["action"],
                         self.media.currentData(), text["start"], text["end"], text["budget"],
                         text["target_segment"], text["channel"], text["copies"],
                         text["periodicity"], text["spent"], text["resources"], text["measure"],
                         text["measure_target"], text["result"])

    def accept(self) -> None:
        try:
            if self.row is None:
                add_plan_row(self.data())
            else:
                update_plan_row(self.row.id, self.data())
        except (ValidationError, ServiceError) as exc:
            self.error.show_error(str(exc), self.fields.get(getattr(exc, "field", ""), None))
            return
        super().accept()


class CommPlanPage(QWidget):
    def __init__(self, context=None, parent=None):
        super().__init__(parent)
        self.context = context
        self.year = QSpinBox(self)
        self.year.setObjectName("planYear")
        self.year.setRange(1900, 2100)
        self.year.setValue(date.today().year)
        self.summary = QLabel(self)
        self.summary.setObjectName("planSummary")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Année :"), self))
        top.addWidget(self.year)
        top.addWidget(self.summary, 1)
        buttons = QHBoxLayout()
        for text, slot, name in ((self.tr("Ajouter…"), self.add, "addPlanRow"),
                                 (self.tr("Modifier…"), self.edit, "editPlanRow"),
                                 (self.tr("Supprimer"), self.delete, "deletePlanRow"),
                                 (self.tr("Liste de diffusion…"), self.mailing, "mailingList"),
                                 (self.tr("PDF…"), lambda: self.export("pdf"), "planPdf"),
                                 (self.tr("XLSX…"), lambda: self.export("xlsx"), "planXlsx")):
            buttons.addWidget(action_button(text, slot, self, name))
        buttons.addStretch(1)
        self.table = QTableWidget(0, len(HEAD) + 12, self)
        self.table.setObjectName("planTable")
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEAD] + list(MONTHS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column in range(len(HEAD), len(HEAD) + 12):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(column, 22)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.year.valueChanged.connect(self.reload)
        self.rows: list[PlanRow] = []
        self.reload()

    def reload(self) -> None:
        plan = plan_of_year(self.year.value())
        currency = get_company().currency
        self.rows = plan.rows
        self.summary.setText(self.tr("%1 action(s) · budget %2 · dépensé %3")
                             .replace("%1", str(len(plan.rows)))
                             .replace("%2", format_money(plan.budget_cents, currency))
                             .replace("%3", format_money(plan.spent_cents, currency)))
        self.table.setRowCount(len(plan.rows))
        for index, row in enumerate(plan.rows):
            texts = (row.objective, row.target_segment or "—", row.action, row.media,
                     row.channel, format_money(row.budget_cents, currency),
                     format_money(row.spent_cents, currency),
                     " — ".join(t for t in (row.measure, row.measure_target) if t),
                     row.result)
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                self.table.setItem(index, column, item)
            months = row.months(plan.year)
            for month in range(1, 13):
                item = QTableWidgetItem("")
                if month in months:
                    item.setBackground(QBrush(QColor(COLOURS[row.objective])))
                self.table.setItem(index, len(HEAD) + month - 1, item)

    def _current(self) -> PlanRow | None:
        index = self.table.currentRow()
        if 0 <= index < len(self.rows):
            return self.rows[index]
        QMessageBox.information(self, self.tr("Plan de communication"),
                                self.tr("Choisissez d'abord une action du plan."))
        return None

    def add(self) -> None:
        if PlanDialog(self.year.value(), parent=self).exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def edit(self) -> None:
        row = self._current()
        if row is not None and PlanDialog(self.year.value(), row, self).exec() == \
                QDialog.DialogCode.Accepted:
            self.reload()

    def delete(self) -> None:
        row = self._current()
        if row is not None and QMessageBox.question(
                self, self.tr("Supprimer"), self.tr("Supprimer l'action « %1 » du plan ?")
                .replace("%1", row.action)) == QMessageBox.StandardButton.Yes:
            delete_plan_row(row.id)
            self.reload()

    def mailing(self) -> None:
        row = self._current()
        if row is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Liste de diffusion"),
                                              str(Path.home() / "liste-diffusion.csv"),
                                              "CSV (*.csv)")
        if not path:
            return
        try:
            count = export_mailing_list(row.id, path, overwrite=True)
        except (ValidationError, ServiceError) as exc:
            QMessageBox.warning(self, self.tr("Liste de diffusion"), str(exc))
            return
        QMessageBox.information(self, self.tr("Liste de diffusion"),
                                self.tr("%1 client(s) ayant donné leur consentement : %2")
                                .replace("%1", str(count)).replace("%2", path))

    def export(self, kind: str) -> None:
        year = self.year.value()
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Plan de communication"),
            str(Path.home() / f"plan-communication-{year}.{kind}"),
            "PDF (*.pdf)" if kind == "pdf" else "Classeur Excel (*.xlsx)")
        if not path:
            return
        from rcdesk.reports.pilotage_comm_plan import write_comm_plan

        run_report(self, self.tr("Plan de communication…"), write_comm_plan,
                   lambda p: QMessageBox.information(self, self.tr("Plan de communication"),
                                                     self.tr("Enregistré : %1").replace("%1", str(p))),
                   lambda m: QMessageBox.warning(self, self.tr("Plan de communication"), m),
                   path=path, year=year, overwrite=True)
