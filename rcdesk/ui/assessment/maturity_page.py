"""The "Diagnostic de maturité" page: organisation, history, scores, live radar and level."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.dates import MIN_DATE
from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.formatting import format_date
from rcdesk.services import assessment as service
from rcdesk.services.assessment.evidence import NOT_OWN, evidence_hints
from rcdesk.services.settings import operator_name
from rcdesk.ui.assessment import operations
from rcdesk.ui.assessment.history_list import HistoryList
from rcdesk.ui.assessment.level_panel import LevelPanel
from rcdesk.ui.assessment.organisation_bar import OrganisationBar
from rcdesk.ui.assessment.panels import ComparisonPanel, RecommendationsEditor, SwotEditor
from rcdesk.ui.assessment.scores_editor import ScoresEditor


class MaturityPage(QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.current_id: int | None = None
        self.previous = None  # the AssessmentSummary the shown one compares with
        self.dirty = False
        self._loading = False
        self._org_index = -1

        self.org_bar = OrganisationBar()
        self.organisations = self.org_bar.combo
        self.new_org_button = self.org_bar.new_button
        self.new_button = QPushButton(self.tr("Nouvelle évaluation"))
        self.new_button.setToolTip(self.tr("Commencer une nouvelle évaluation de l'organisation"))
        self.save_button = QPushButton(self.tr("Enregistrer"))
        self.save_button.setDefault(True)
        self.save_button.setToolTip(self.tr("Enregistrer l'évaluation (Ctrl+S)"))
        self.pdf_button = QPushButton(self.tr("Diagnostic PDF"))
        self.delete_button = QPushButton(self.tr("Supprimer…"))
        self.delete_button.setToolTip(self.tr("Supprimer l'évaluation affichée (Suppr dans "
                                              "l'historique)"))
        top = QHBoxLayout()
        top.addWidget(self.org_bar, 1)
        for widget in (self.save_button, self.pdf_button):
            top.addWidget(widget)

        # the history owns adding and removing assessments; the top row, the organisation
        self.history = HistoryList()
        history_box = QGroupBox(self.tr("Historique"))
        history_layout = QVBoxLayout(history_box)
        history_layout.addWidget(self.history)
        history_buttons = QHBoxLayout()
        history_buttons.addWidget(self.new_button)
        history_buttons.addWidget(self.delete_button)
        history_layout.addLayout(history_buttons)

        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("date")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setMinimumDate(QDate(MIN_DATE.year, MIN_DATE.month, MIN_DATE.day))
        self.date_edit.setMaximumDate(QDate.currentDate())
        self.assessor = QLineEdit()
        self.assessor.setObjectName("assessor")
        self.assessor.setPlaceholderText(self.tr("Qui a mené l'évaluation"))
        form = QFormLayout()
        form.addRow(self.tr("&Date :"), self.date_edit)
        form.addRow(self.tr("É&valuateur :"), self.assessor)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #C0392B; font-weight: bold;")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setStyleSheet("color: #1E8449;")
        self.status.setVisible(False)

        self.scores = ScoresEditor()
        self.hint_note = QLabel()
        self.hint_note.setWordWrap(True)
        self.hint_note.setStyleSheet("color: #5B6B7A;")
        notes = QWidget()
        notes_layout = QVBoxLayout(notes)
        notes_layout.setContentsMargins(4, 4, 4, 4)
        notes_layout.addWidget(self.hint_note)
        notes_layout.addWidget(self.scores, 1)
        self.recommendations = RecommendationsEditor()
        self.swot = SwotEditor()
        self.comparison = ComparisonPanel()
        self.pages = QTabWidget()
        self.pages.addTab(notes, self.tr("Notes des 8 thèmes"))
        self.pages.addTab(self.recommendations, self.tr("Recommandations"))
        self.pages.addTab(self.swot, self.tr("SWOT"))
        self.pages.addTab(self.comparison, self.tr("Comparaison"))
        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addLayout(form)
        editor_layout.addWidget(self.error)
        editor_layout.addWidget(self.status)
        editor_layout.addWidget(self.pages, 1)

        self.level_panel = LevelPanel()
        self.radar = self.level_panel.radar
        self.average_label = self.level_panel.average_label
        self.level_label = self.level_panel.level_label
        self.level_text = self.level_panel.level_text
        right = self.level_panel

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(history_box)
        splitter.addWidget(editor)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([270, 620, 460])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self.organisations.currentIndexChanged.connect(self._organisation_chosen)
        self.org_bar.new_action.triggered.connect(self.add_organisation)
        self.org_bar.rename_action.triggered.connect(self.rename_organisation)
        self.org_bar.delete_action.triggered.connect(self.delete_organisation)
        self.new_button.clicked.connect(self.new_assessment)
        self.save_button.clicked.connect(self.save)
        self.pdf_button.clicked.connect(self.export_pdf)
        self.delete_button.clicked.connect(self.remove_assessment)
        self.history.delete_action.triggered.connect(self.remove_assessment)
        self.history.currentItemChanged.connect(self._history_chosen)
        self.scores.changed.connect(self._edited)
        self.recommendations.changed.connect(self._edited)
        self.swot.changed.connect(self._edited)
        self.assessor.textEdited.connect(self._edited)
        self.assessor.returnPressed.connect(self.save)
        self.date_edit.dateChanged.connect(self._date_changed)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.cancel_edits)
        context.company_changed.connect(self._company_changed)
        context.data_changed.connect(self._data_changed)
        self.reload_organisations()

    # --- organisations and history -----------------------------------------------------

    def organisation_id(self) -> int | None:
        return self.organisations.currentData()

    def reload_organisations(self, select: int | None = None) -> None:
        self.org_bar.fill(select if select is not None else self.organisation_id())
        self._load_organisation()

    def _company_changed(self) -> None:
        """The own company's name follows the profile; what is being typed stays."""
        self.org_bar.show_own_name()

    def _is_own(self) -> bool:
        return self.org_bar.current_is_own()

    def _organisation_chosen(self, index: int) -> None:
        if not self.confirm_discard():
            self.organisations.blockSignals(True)
            self.organisations.setCurrentIndex(self._org_index)
            self.organisations.blockSignals(False)
            return
        self._load_organisation()

    def _load_organisation(self, select: int | None = None) -> None:
        self._org_index = self.organisations.currentIndex()
        self._refresh_hints()
        summaries = service.history(self.organisation_id()) if self.organisation_id() else []
        self.history.show_history(summaries)
        wanted = select if select is not None else (summaries[-1].id if summaries else None)
        if wanted is None:
            self.new_assessment(confirm=False)
        else:
            self.history.select_assessment(wanted)
            self.load_assessment(wanted)

    def _history_chosen(self, item, _previous) -> None:
        if item is None:
            return
        if not self.confirm_discard():
            self.history.blockSignals(True)
            self.history.setCurrentItem(_previous)
            self.history.blockSignals(False)
            return
        self.load_assessment(item.data(Qt.ItemDataRole.UserRole))

    def add_organisation(self) -> None:
        if not self.confirm_discard():
            return
        org = operations.new_organisation(parent=self)
        if org is not None:
            self.reload_organisations(select=org.id)

    def rename_organisation(self) -> None:
        """The assessment being edited stays as typed: only the selector changes."""
        org = operations.rename_organisation(parent=self, organisation_id=self.organisation_id())
        if org is not None:
            self.org_bar.fill(org.id)
            self._org_index = self.organisations.currentIndex()
            self._set_status(self.tr("Organisation renommée : « %1 ».").replace("%1", org.name))
            self.context.data_changed.emit("assessment")

    def delete_organisation(self) -> None:
        """After the confirmation, what was typed for the organisation goes with it."""
        done = operations.delete_organisation(parent=self, organisation_id=self.organisation_id())
        if done is None:
            return
        name, count = done
        self.dirty = False
        self.current_id = None
        self.reload_organisations(select=service.own_organisation().id)
        self._set_status(self.tr("Organisation « %1 » supprimée avec %n évaluation(s).", "",
                                 count).replace("%1", name))
        self.context.data_changed.emit("assessment")
        self.organisations.setFocus()

    # --- the editor --------------------------------------------------------------------

    def load_assessment(self, assessment_id: int) -> None:
        view = service.get_assessment(assessment_id)
        self._loading = True
        self.current_id = view.id
        self.date_edit.setDate(QDate(view.date.year, view.date.month, view.date.day))
        self.assessor.setText(view.assessor)
        self.recommendations.load({n: view.recommendations[n] for n in view.edited
                                   if n in view.recommendations})
        self.swot.set_values(view.swot)
        self.previous = service.previous_assessment(view.organisation_id, view.date, view.id)
        self.scores.set_values(view.scores, view.comments)
        self._loading = False
        self._set_dirty(False)
        self._can_delete(True)
        self._show_error("")

    def new_assessment(self, confirm: bool = True) -> None:
        if confirm and not self.confirm_discard():
            return
        self._loading = True
        self.current_id = None
        self.history.select_assessment(None)
        self.date_edit.setMaximumDate(QDate.currentDate())
        self.date_edit.setDate(QDate.currentDate())
        self.assessor.setText(operator_name(self.context.operator()))
        self.recommendations.load({})
        self.swot.set_values({})
        self.previous = (service.previous_assessment(self.organisation_id(), date.today())
                         if self.organisation_id() else None)
        self.scores.set_values([None] * 8, [""] * 8)
        self._loading = False
        self._set_dirty(False)
        self._can_delete(False)
        self._show_error("")

    def _date_changed(self) -> None:
        if self._loading or not self.organisation_id():
            return
        self.previous = service.previous_assessment(self.organisation_id(),
                                                    self.date_edit.date().toPython(),
                                                    self.current_id)
        self._edited()

    def _edited(self) -> None:
        self._refresh_live()
        if not self._loading:
            self._set_dirty(True)

    def _refresh_live(self) -> None:
        values = self.scores.values()
        self.level_panel.show_scores(values, self.previous)
        self.recommendations.update_scores(values)
        self.comparison.show_comparison(values, self.previous)

    def _refresh_hints(self) -> None:
        if not self.organisation_id():
            return
        if self._is_own():
            hints = evidence_hints(True)
            self.scores.set_hints({n: h.text for n, h in hints.items()})
            self.hint_note.setText(self.tr("Les indices viennent des données de rcdesk ; ils "
                                           "éclairent la note sans jamais la remplacer."))
        else:
            self.scores.set_hints({})
            self.hint_note.setText(self.tr(NOT_OWN))

    def _data_changed(self, area: str) -> None:
        if area != "assessment":
            self._refresh_hints()

    def _can_delete(self, enabled: bool) -> None:
        self.delete_button.setEnabled(enabled)
        self.history.delete_action.setEnabled(enabled)

    def _set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        if dirty:
            self._set_status("")

    def _set_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    # --- actions -----------------------------------------------------------------------

    def form_input(self) -> service.AssessmentInput:
        return service.AssessmentInput(
            organisation_id=self.organisation_id(), date=self.date_edit.date().toPython(),
            assessor=self.assessor.text(), scores=self.scores.values(),
            comments=self.scores.comment_texts(), recommendations=self.recommendations.texts(),
            swot=self.swot.values())

    def save(self) -> bool:
        """Validates and records; a refusal is shown by the field and the form keeps its text."""
        try:
            assessment_id = service.save_assessment(self.form_input(), self.current_id)
        except ValidationError as exc:
            self._show_error(exc.message)
            self._focus_field(exc.field)
            return False
        except ServiceError as exc:
            self._show_error(str(exc))
            return False
        self._show_error("")
        self._load_organisation(select=assessment_id)
        self._set_status(self.tr("Évaluation enregistrée."))
        self.context.data_changed.emit("assessment")
        return True

    def _focus_field(self, field: str) -> None:
        match = re.fullmatch(r"(score|comment)_(\d)", field)
        if match:
            self.pages.setCurrentIndex(0)
            self.scores.focus_theme(int(match.group(2)))
        elif field == "date":
            self.date_edit.setFocus()
        elif field == "assessor":
            self.assessor.setFocus()

    def export_pdf(self, path: str | None = None):
        if (self.current_id is None or self.dirty) and not self.save():
            return None
        org = self.org_bar.current_name()
        stem = re.sub(r"[^\w-]+", "-", org).strip("-") or "organisation"
        suggested = f"diagnostic-{stem}-{self.date_edit.date().toString('yyyy-MM-dd')}.pdf"
        target = operations.export_diagnosis(parent=self, assessment_id=self.current_id,
                                             suggested=suggested, path=path)
        if target is not None:
            self._set_status(self.tr("Diagnostic enregistré : %1").replace("%1", str(target)))
        return target

    def remove_assessment(self) -> None:
        if self.current_id is None:
            return
        label = format_date(self.date_edit.date().toPython())
        if operations.delete_assessment(parent=self, assessment_id=self.current_id, label=label):
            self.current_id = None
            self.dirty = False
            self._load_organisation()
            self.context.data_changed.emit("assessment")

    def cancel_edits(self) -> None:
        """Escape: back to the assessment as saved (after asking, when something was typed)."""
        if not self.dirty or not operations.ask_abandon(parent=self):
            return
        if self.current_id is None:
            self.new_assessment(confirm=False)
        else:
            self.load_assessment(self.current_id)

    def confirm_discard(self) -> bool:
        """True when nothing unsaved would be lost (saved, discarded, or nothing changed)."""
        if not self.dirty:
            return True
        answer = operations.ask_save_changes(parent=self)
        return self.save() if answer == "save" else answer == "discard"
