"""The PAQ action form: the white paper's columns, created from complaints or edited."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.formatting import format_date, parse_user_date
from rcdesk.ui.complaints import operations as ops
from rcdesk.ui.complaints.common import SERVICE_ERRORS, error_text
from rcdesk.ui.forms import ErrorLine, date_line_edit, dialog_buttons, save_checking_version

NC_HELP = QCoreApplication.translate(
    "ActionDialog", "NC = non-conformité : l'écart constaté entre ce qui a été fait et ce qui "
    "était attendu (une exigence, un engagement de la charte, une procédure).")
FIVE_M_HELP = QCoreApplication.translate(
    "ActionDialog", "Les 5M sont les cinq familles de causes possibles d'un problème : main "
    "d'œuvre (les personnes), méthode (la façon de faire), matériel (outils, machines), milieu "
    "(l'environnement) et matière (produits, fournitures). Cochez celles en cause.")


class ActionDialog(QDialog):
    """Create or edit one PAQ action; created from complaints, it links back to them."""

    def __init__(self, action_id: int | None = None, complaint_ids=(), parent=None):
        super().__init__(parent)
        service = ops.actions()
        self.action_id = action_id
        self.loaded = None  # the action as read (its version): what a save writes over
        self.complaint_ids = list(complaint_ids)
        self.setWindowTitle(self.tr("Action du plan qualité") if action_id is None else
                            self.tr("Action n° %1").replace("%1", str(action_id)))
        self.setMinimumWidth(620)
        self.origin = QComboBox(self)
        self.origin.setObjectName("origin")
        for value in service.ORIGINS:
            self.origin.addItem(value, value)
        self.nc = self._text("nc", self.tr("La non-conformité constatée"))
        self.causes = {}
        causes_row = QHBoxLayout()
        for value in service.FIVE_M:
            box = QCheckBox(value, self)
            self.causes[value] = box
            causes_row.addWidget(box)
        causes_row.addStretch(1)
        self.cause_analysis = self._text("cause_analysis", self.tr("Pourquoi c'est arrivé"))
        self.action = self._text("action", self.tr("Ce qui sera fait"))
        self.planned_date = date_line_edit(self, "planned_date")
        self.documents = QLineEdit(self)
        self.documents.setObjectName("documents")
        self.pilot = QLineEdit(self)
        self.pilot.setObjectName("pilot")
        self.actors = QLineEdit(self)
        self.actors.setObjectName("actors")
        self.check_how = QLineEdit(self)
        self.check_how.setObjectName("check_how")
        self.check_date = date_line_edit(self, "check_date")
        self.progress_pct = QSpinBox(self)
        self.progress_pct.setObjectName("progress_pct")
        self.progress_pct.setRange(0, 100)
        self.progress_pct.setSingleStep(10)
        self.progress_pct.setSuffix(" %")
        self.progress_date = date_line_edit(self, "progress_date")
        self.effect_result = QComboBox(self)
        self.effect_result.setObjectName("effect_result")
        for value, label in (("", "non mesurée"), ("C", "C — conforme"),
                             ("NC", "NC — non conforme")):
            self.effect_result.addItem(self.tr(label), value)
        self.effect_date = date_line_edit(self, "effect_date")
        self.fields = {name: getattr(self, name) for name in (
            "origin", "nc", "cause_analysis", "action", "planned_date", "documents", "pilot",
            "actors", "check_how", "check_date", "progress_pct", "progress_date",
            "effect_result", "effect_date")}

        form = QFormLayout()
        self.linked = QLabel(self)
        self.linked.setObjectName("linkedComplaints")
        self.linked.setWordWrap(True)
        self.linked.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Réclamations liées :"), self.linked)
        self._show_linked(ops.complaint_numbers(complaint_ids=self.complaint_ids))
        form.addRow(self.tr("&Origine :"), self.origin)
        nc_label = self._buddy(self.tr("&Non-conformité constatée :"), self.nc)
        nc_label.setToolTip(NC_HELP)
        self.nc.setToolTip(NC_HELP)
        form.addRow(nc_label, self.nc)
        causes_label = QLabel(self.tr("Causes (les 5M) :"), self)
        causes_label.setToolTip(FIVE_M_HELP)
        for box in self.causes.values():
            box.setToolTip(FIVE_M_HELP)
        form.addRow(causes_label, causes_row)
        form.addRow(self.tr("Ana&lyse des causes :"), self.cause_analysis)
        form.addRow(self.tr("&Action :"), self.action)
        form.addRow(self.tr("&Quand :"), self.planned_date)
        form.addRow(self.tr("&Documents liés :"), self.documents)
        form.addRow(self.tr("&Pilote :"), self.pilot)
        form.addRow(self.tr("Ac&teurs :"), self.actors)
        form.addRow(self.tr("&Vérification (comment) :"), self.check_how)
        form.addRow(self.tr("Vérification (quand) :"), self.check_date)
        progress = QHBoxLayout()
        progress.addWidget(self.progress_pct)
        progress.addWidget(QLabel(self.tr("au"), self))
        progress.addWidget(self.progress_date)
        progress.addStretch(1)
        self.progress_pct.setMaximumWidth(90)
        form.addRow(self._buddy(self.tr("Avan&cement :"), self.progress_pct), progress)
        effect = QHBoxLayout()
        effect.addWidget(self.effect_result)
        effect.addWidget(QLabel(self.tr("le"), self))
        effect.addWidget(self.effect_date)
        effect.addStretch(1)
        form.addRow(self._buddy(self.tr("&Efficacité mesurée :"), self.effect_result), effect)
        self.error = ErrorLine(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self))
        if action_id is not None:
            self.loaded = ops.get_action(action_id=action_id)
            self._load(self.loaded)
        elif self.complaint_ids:
            self.origin.setCurrentIndex(max(0, self.origin.findData("réclamation")))
            self.nc.setPlainText(ops.complaints_digest(complaint_ids=self.complaint_ids))
        else:  # « réclamation » needs complaints to link: offer the next origin
            others = [i for i in range(self.origin.count())
                      if self.origin.itemData(i) != "réclamation"]
            self.origin.setCurrentIndex(others[0] if others else 0)

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(widget)
        return label

    def _text(self, name: str, placeholder: str) -> QPlainTextEdit:
        box = QPlainTextEdit(self)
        box.setObjectName(name)
        box.setTabChangesFocus(True)
        box.setPlaceholderText(placeholder)
        box.setFixedHeight(54)
        return box

    def _load(self, a) -> None:
        self.origin.setCurrentIndex(max(0, self.origin.findData(a.origin)))
        self.nc.setPlainText(a.nc or "")
        chosen = a.causes_5m if isinstance(a.causes_5m, (list, tuple)) else \
            [c.strip() for c in (a.causes_5m or "").split(",") if c.strip()]
        for value, box in self.causes.items():
            box.setChecked(value in chosen)
        self.cause_analysis.setPlainText(a.cause_analysis or "")
        self.action.setPlainText(a.action or "")
        for name in ("planned_date", "check_date", "progress_date", "effect_date"):
            getattr(self, name).setText(format_date(getattr(a, name)))
        for name in ("documents", "pilot", "actors", "check_how"):
            getattr(self, name).setText(getattr(a, name) or "")
        self.progress_pct.setValue(a.progress_pct or 0)
        self.effect_result.setCurrentIndex(max(0, self.effect_result.findData(
            a.effect_result or "")))
        self.complaint_ids = list(a.complaint_ids)
        self._show_linked(list(a.complaint_numbers))

    def _show_linked(self, numbers: list[str]) -> None:
        """The linked complaints by their REC numbers (never database ids)."""
        self.linked.setText(", ".join(numbers) if numbers else self.tr("aucune"))

    def _read_date(self, name: str) -> date | None:
        text = getattr(self, name).text().strip()
        if not text:
            return None
        try:
            return parse_user_date(text)
        except ValueError as exc:
            raise _FieldError(name, str(exc)) from exc

    def values(self) -> dict:
        return dict(
            origin=self.origin.currentData(), nc=self.nc.toPlainText().strip(),
            causes_5m=[v for v, box in self.causes.items() if box.isChecked()],
            cause_analysis=self.cause_analysis.toPlainText().strip(),
            action=self.action.toPlainText().strip(),
            planned_date=self._read_date("planned_date"),
            documents=self.documents.text().strip(), pilot=self.pilot.text().strip(),
            actors=self.actors.text().strip(), check_how=self.check_how.text().strip(),
            check_date=self._read_date("check_date"), progress_pct=self.progress_pct.value(),
            progress_date=self._read_date("progress_date"),
            effect_date=self._read_date("effect_date"),
            effect_result=self.effect_result.currentData())

    def accept(self) -> None:
        try:
            data = ops.action_input(values=self.values())
            if self.action_id is None:
                self.action_id = ops.create_action(data=data, complaint_ids=self.complaint_ids)
            elif not save_checking_version(self, lambda base: ops.update_action(
                    action_id=self.action_id, data=replace(data, version=base.version),
                    original=base), self.loaded, self.reload):
                return
        except _FieldError as exc:
            self._refuse(exc.field, exc.message)
            return
        except SERVICE_ERRORS as exc:
            self._refuse(getattr(exc, "field", ""), error_text(exc))
            return
        self.error.hide()
        super().accept()

    def reload(self, stored) -> None:
        """The stored action in the form (what was typed is replaced), its version kept."""
        self.loaded = stored
        self.error.hide()
        self._load(stored)

    def _refuse(self, field: str, message: str) -> None:
        self.error.show_error(message, self.fields.get(field))


class _FieldError(Exception):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message
