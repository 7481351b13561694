"""Typing paper questionnaires back, keyboard only: one response per screen, digits for the
scores, Tab to the next field, Entrée saves and clears the screen for the next response,
Échap closes. The response is tied to a customer (the counter's search) or anonymous."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rcdesk.ui.complaints.customer_picker import CustomerSearch
from rcdesk.ui.forms import ErrorLine, action_button
from rcdesk.ui.surveys import operations as ops
from rcdesk.ui.surveys.dialogs import ERRORS, error_text


class _Field:
    """The edits of one question and how to read them."""

    def __init__(self, question, edits: list[QLineEdit]):
        self.question = question
        self.edits = edits


class EntryDialog(QDialog):
    saved = Signal(int)

    def __init__(self, campaign_id: int, parent=None):
        super().__init__(parent)
        service = ops.surveys()
        self.campaign = service.get_campaign(campaign_id)
        self.questionnaire = service.get_questionnaire(self.campaign.questionnaire_id, counts=False)
        self.count = 0
        self.setWindowTitle(self.tr("Saisie des réponses — %1").replace("%1",
                                                                          self.campaign.title))
        self.customer = CustomerSearch(self)
        self.customer.edit.setPlaceholderText(self.tr("Client (facultatif) : nom, téléphone, "
                                                      "e-mail… — vide = réponse anonyme"))
        self.fields: list[_Field] = []
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        holder = QWidget(self)
        holder.setLayout(form)
        for q in self.questionnaire.questions:
            self.fields.append(self._add(form, q))
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.status = QLabel(self)
        self.status.setObjectName("entryStatus")
        self.error = ErrorLine(self)
        save = action_button(self.tr("Enregistrer et suivante (Entrée)"), self.save_response,
                             self, name="saveResponse")
        close = action_button(self.tr("Fermer (Échap)"), self.reject, self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(save)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Une réponse par écran : chiffres pour les notes, Tab pour passer "
                               "au champ suivant, Entrée pour enregistrer et passer à la réponse "
                               "suivante."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.customer)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.resize(820, 640)
        self._first().setFocus()

    def _edit(self, name: str, width: int | None = None, digits: tuple[int, int] | None = None
              ) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        if width:
            edit.setMaximumWidth(width)
        if digits:
            edit.setValidator(QIntValidator(digits[0], digits[1], edit))
            edit.setMaxLength(len(str(digits[1])))
        edit.installEventFilter(self)
        return edit

    def _add(self, form: QFormLayout, q) -> _Field:
        service = ops.surveys()
        star = " *" if q.required else ""
        title = f"{q.number}. {q.label}{star}"
        low, high = q.scale
        if q.kind == service.NPS:
            score = self._edit(f"q{q.number}", 60, (0, 10))
            score.setPlaceholderText("0–10")
            why = self._edit(f"q{q.number}why")
            why.setPlaceholderText(self.tr("Pourquoi ?"))
            row = QHBoxLayout()
            row.addWidget(score)
            row.addWidget(why, 1)
            form.addRow(title, row)
            return _Field(q, [score, why])
        if q.kind == service.CRITERION:
            sat = self._edit(f"q{q.number}s", 60, (low, high))
            imp = self._edit(f"q{q.number}i", 60, (low, high))
            sat.setPlaceholderText(f"{low}–{high}")
            imp.setPlaceholderText(f"{low}–{high}")
            row = QHBoxLayout()
            row.addWidget(QLabel(self.tr("satisfaction"), self))
            row.addWidget(sat)
            row.addSpacing(16)
            row.addWidget(QLabel(self.tr("importance"), self))
            row.addWidget(imp)
            row.addStretch(1)
            form.addRow(title, row)
            return _Field(q, [sat, imp])
        if q.kind == service.RATING:
            edit = self._edit(f"q{q.number}", 60, (low, high))
            edit.setPlaceholderText(f"{low}–{high}")
        elif q.kind == service.YESNO:
            edit = self._edit(f"q{q.number}", 60)
            edit.setPlaceholderText(self.tr("o / n"))
        elif q.kind in (service.SINGLE, service.MULTIPLE):
            edit = self._edit(f"q{q.number}", 160)
            edit.setPlaceholderText(self.tr("n°") if q.kind == service.SINGLE
                                    else self.tr("n° séparés par des espaces"))
            choices = "   ".join(f"{i} {c}" for i, c in enumerate(q.choices, start=1))
            row = QHBoxLayout()
            row.addWidget(edit)
            hint = QLabel(choices, self)
            hint.setWordWrap(True)
            row.addWidget(hint, 1)
            form.addRow(title, row)
            return _Field(q, [edit])
        else:
            edit = self._edit(f"q{q.number}")
        form.addRow(title, edit)
        return _Field(q, [edit])

    def _first(self) -> QWidget:
        return self.fields[0].edits[0] if self.fields else self.customer

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (
                Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save_response()
            return True
        return super().eventFilter(obj, event)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save_response()
            return
        super().keyPressEvent(event)

    def _read(self, field: _Field):
        service = ops.surveys()
        q = field.question
        texts = [e.text().strip() for e in field.edits]
        if q.kind == service.NPS:
            return service.parse_answer(q, value=texts[0] or None, text=texts[1])
        if q.kind == service.CRITERION:
            return service.parse_answer(q, value=texts[0] or None, importance=texts[1] or None)
        if q.kind == service.MULTIPLE and texts[0]:
            numbers = [int(n) for n in re.findall(r"\d+", texts[0])]
            bad = [n for n in numbers if not 1 <= n <= len(q.choices)]
            if bad or not numbers:
                raise ValueError(self.tr("Q%1 : choix %2 inconnu (de 1 à %3).")
                                 .replace("%1", str(q.number))
                                 .replace("%2", str(bad[0] if bad else texts[0]))
                                 .replace("%3", str(len(q.choices))))
            return service.parse_answer(q, text="\n".join(q.choices[n - 1] for n in numbers))
        if q.kind in (service.RATING, service.YESNO):
            return service.parse_answer(q, value=texts[0] or None)
        return service.parse_answer(q, text=texts[0])

    def save_response(self) -> None:
        service = ops.surveys()
        answers = {}
        for field in self.fields:
            try:
                answers[field.question.id] = self._read(field)
            except ERRORS as exc:
                self.error.show_error(error_text(exc), field.edits[0])
                return
        try:
            rid = service.record_response(self.campaign.id, service.ResponseInput(
                answers, customer_id=self.customer.customer_id))
        except ERRORS as exc:
            self.error.show_error(error_text(exc))
            return
        self.count += 1
        self.error.clear_error()
        who = self.customer.edit.text() if self.customer.customer_id else self.tr("anonyme")
        self.status.setText(self.tr("Réponse n° %1 enregistrée (%2) — %3 saisie(s) dans "
                                    "cette session.").replace("%1", str(rid))
                            .replace("%2", who).replace("%3", str(self.count)))
        for field in self.fields:
            for edit in field.edits:
                edit.clear()
        self.customer.clear()
        self.saved.emit(rid)
        self._first().setFocus()
