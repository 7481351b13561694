"""The customer journey page: one column per step (points of contact, moments of truth,
contacts and complaints of the period, top categories), the weakest step in red; steps and
contact points edited here; the landscape PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.formatting import format_date, format_number
from rcdesk.services.complaints.journey import complaints_of_step
from rcdesk.services.pilotage.journey import (
    ContactInput,
    JourneyMap,
    add_contact,
    add_step,
    delete_contact,
    delete_step,
    journey_map,
    move_step,
    rename_step,
)
from rcdesk.ui.forms import CtrlReturnAccepts, ErrorLine, action_button, dialog_buttons
from rcdesk.ui.period_box import PeriodBox
from rcdesk.ui.worker import run_report

ROWS = ("Points de contact", "Contacts sur la période", "Réclamations (irritants)",
        "Réclamations pour 100 contacts", "Principales catégories",
        "Satisfaction des critères")
ROW_SATISFACTION = 5
LOW = "#FBE3C2"  # the least satisfying step's satisfaction
WEAK = "#B3261E"


class ContactDialog(CtrlReturnAccepts, QDialog):
    def __init__(self, step_name: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Point de contact — %1").replace("%1", step_name))
        self.name = QLineEdit(self)
        self.name.setObjectName("contactName")
        self.human = QCheckBox(self.tr("contact humain (accueil, vendeur, livreur, téléphone)"),
                               self)
        self.human.setChecked(True)
        self.particulier = QLineEdit(self)
        self.professionnel = QLineEdit(self)
        self.truth = QCheckBox(self.tr("moment de vérité"), self)
        self.error = ErrorLine(self)
        form = QFormLayout(self)
        form.addRow(self.tr("Nom :"), self.name)
        form.addRow("", self.human)
        form.addRow(self.tr("Canal pour les particuliers :"), self.particulier)
        form.addRow(self.tr("Canal pour les professionnels :"), self.professionnel)
        form.addRow("", self.truth)
        form.addRow(self.error)
        form.addRow(dialog_buttons(self))

    def data(self) -> ContactInput:
        return ContactInput(self.name.text(), self.human.isChecked(), self.particulier.text(),
                            self.professionnel.text(), self.truth.isChecked())


class JourneyPage(QWidget):
    def __init__(self, context=None, parent=None):
        super().__init__(parent)
        self.context = context
        self.period_box = PeriodBox("year", self)
        self.table = QTableWidget(len(ROWS), 0, self)
        self.table.setObjectName("journeyTable")
        self.table.setVerticalHeaderLabels([self.tr(r) for r in ROWS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectColumns)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.map: JourneyMap | None = None
        top = QHBoxLayout()
        top.addWidget(self.period_box)
        top.addStretch(1)
        buttons = QHBoxLayout()
        for text, slot, name in (
                (self.tr("Ajouter une étape…"), self.add_step, "addStep"),
                (self.tr("Renommer…"), self.rename_step, "renameStep"),
                (self.tr("◀ Avancer"), lambda: self.move(-1), "stepEarlier"),
                (self.tr("Reculer ▶"), lambda: self.move(1), "stepLater"),
                (self.tr("Supprimer l'étape"), self.delete_step, "deleteStep"),
                (self.tr("Point de contact…"), self.add_contact, "addContact"),
                (self.tr("Retirer un point de contact…"), self.remove_contact, "removeContact"),
                (self.tr("Carte PDF…"), self.save_pdf, "journeyPdf")):
            buttons.addWidget(action_button(text, slot, self, name))
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.table.doubleClicked.connect(lambda _i: self.open_step())
        self.period_box.preset_chosen.connect(self.reload)
        self.period_box.dates_edited.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        self.map = journey_map(self.period_box.period())
        steps = self.map.steps
        self.table.setColumnCount(len(steps))
        for column, m in enumerate(steps):
            title = ("★ " if m.step.moment_of_truth else "") + m.step.name
            head = QTableWidgetItem(title)
            head.setData(Qt.ItemDataRole.UserRole, m.step.id)
            if m.weakest:
                head.setForeground(QBrush(QColor(WEAK)))
                head.setToolTip(self.tr("Étape la plus irritante de la période"))
            self.table.setHorizontalHeaderItem(column, head)
            contacts = "\n".join(("H · " if c.human else "N · ") + c.name
                                 + (" ★" if c.moment_of_truth else "") for c in m.step.contacts)
            texts = (contacts or "—", format_number(m.contacts, 0),
                     format_number(m.complaints, 0),
                     format_number(m.irritant_pct, 1) if m.irritant_pct is not None else "—",
                     "\n".join(f"{n} ({c})" for n, c in m.top_categories) or "—",
                     m.satisfaction_text)
            for row, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if m.weakest:
                    item.setBackground(QBrush(QColor("#F6C7C3")))
                if row == ROW_SATISFACTION and m.least_satisfying:
                    item.setBackground(QBrush(QColor(LOW)))
                    item.setToolTip(self.tr("Étape la moins satisfaisante de la période"))
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()

    def _current_step(self) -> tuple[int, str] | None:
        column = self.table.currentColumn()
        if column < 0 or self.map is None or column >= len(self.map.steps):
            QMessageBox.information(self, self.tr("Parcours client"),
                                    self.tr("Choisissez d'abord une étape (une colonne)."))
            return None
        step = self.map.steps[column].step
        return step.id, step.name

    def _run(self, call) -> None:
        try:
            call()
        except (ValidationError, ServiceError) as exc:
            QMessageBox.warning(self, self.tr("Parcours client"), str(exc))
        self.reload()

    def add_step(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Nouvelle étape"), self.tr("Nom :"))
        if ok:
            self._run(lambda: add_step(name))

    def rename_step(self) -> None:
        current = self._current_step()
        if current is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Renommer l'étape"), self.tr("Nom :"),
                                        text=current[1])
        if ok:
            self._run(lambda: rename_step(current[0], name))

    def move(self, offset: int) -> None:
        current = self._current_step()
        if current is not None:
            self._run(lambda: move_step(current[0], offset))

    def delete_step(self) -> None:
        current = self._current_step()
        if current is None:
            return
        answer = QMessageBox.question(self, self.tr("Supprimer l'étape"),
                                      self.tr("Supprimer l'étape « %1 » et ses points de "
                                              "contact ?").replace("%1", current[1]))
        if answer == QMessageBox.StandardButton.Yes:
            self._run(lambda: delete_step(current[0]))

    def add_contact(self) -> None:
        current = self._current_step()
        if current is None:
            return
        dialog = ContactDialog(current[1], self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                add_contact(current[0], dialog.data())
            except (ValidationError, ServiceError) as exc:
                dialog.error.show_error(str(exc), dialog.name)
                continue
            break
        self.reload()

    def remove_contact(self) -> None:
        current = self._current_step()
        if current is None:
            return
        contacts = next(m.step.contacts for m in self.map.steps if m.step.id == current[0])
        if not contacts:
            QMessageBox.information(self, self.tr("Parcours client"),
                                    self.tr("Cette étape n'a pas de point de contact."))
            return
        names = [c.name for c in contacts]
        name, ok = QInputDialog.getItem(self, self.tr("Retirer un point de contact"),
                                        self.tr("Point de contact :"), names, 0, False)
        if ok:
            self._run(lambda: delete_contact(contacts[names.index(name)].id))

    def open_step(self) -> None:
        """The complaints (irritants) of the chosen step in the period."""
        current = self._current_step()
        if current is None:
            return
        period = self.period_box.period()
        rows = complaints_of_step(current[1], period)
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Réclamations de l'étape « %1 »").replace("%1", current[1]))
        listing = QListWidget(dialog)
        listing.setObjectName("stepComplaints")
        for _cid, number, received in rows:
            listing.addItem(f"{number} — reçue le {format_date(received)}")
        if not rows:
            listing.addItem(self.tr("Aucune réclamation à cette étape sur la période."))
        layout = QVBoxLayout(dialog)
        layout.addWidget(listing)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Fermer"))
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        dialog.resize(420, 400)
        self.step_dialog = dialog
        dialog.open()

    def save_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Carte du parcours client"),
                                              str(Path.home() / "parcours-client.pdf"),
                                              "PDF (*.pdf)")
        if not path:
            return
        from rcdesk.reports.pilotage_journey import write_journey_report

        run_report(self, self.tr("Carte du parcours client…"), write_journey_report,
                   lambda p: QMessageBox.information(self, self.tr("Parcours client"),
                                                     self.tr("Enregistrée : %1").replace("%1", str(p))),
                   lambda m: QMessageBox.warning(self, self.tr("Parcours client"), m),
                   path=path, period=self.period_box.period(), overwrite=True)
