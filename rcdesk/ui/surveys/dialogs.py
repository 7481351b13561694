"""Dialogs of the Satisfaction tab: questionnaires and their questions (templates included),
campaigns, a PAQ action from a zone 2 criterion, a follow-up call for a detractor."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
)

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.formatting import parse_user_date
from rcdesk.ui.forms import (
    ErrorLine,
    action_button,
    date_line_edit,
    dialog_buttons,
    save_checking_version,
)
from rcdesk.ui.journey_step_box import journey_step_box
from rcdesk.ui.surveys import operations as ops

ERRORS = (ServiceError, ValidationError, ValueError)


def error_text(exc: BaseException) -> str:
    return exc.message if isinstance(exc, ValidationError) else str(exc)


def _date_or_none(edit: QLineEdit) -> date | None:
    text = edit.text().strip()
    return parse_user_date(text) if text else None


class QuestionDialog(QDialog):
    """One question: kind, wording, required, choices (one per line), scale."""

    def __init__(self, question=None, parent=None, *, frozen: bool = False):
        super().__init__(parent)
        service = ops.surveys()
        self.setWindowTitle(self.tr("Question"))
        self.kind = QComboBox(self)
        for key, label in service.KINDS.items():
            self.kind.addItem(label, key)
        self.label = QLineEdit(self)
        self.label.setObjectName("questionLabel")
        self.required = QCheckBox(self.tr("Réponse &obligatoire"), self)
        self.choices = QPlainTextEdit(self)
        self.choices.setPlaceholderText(self.tr("Un choix par ligne"))
        self.choices.setMaximumHeight(90)
        self.choices.setTabChangesFocus(True)
        self.low = QSpinBox(self)
        self.low.setRange(0, 1)
        self.high = QSpinBox(self)
        self.high.setRange(2, 10)
        self.high.setValue(5)
        scale = QHBoxLayout()
        scale.addWidget(QLabel(self.tr("de"), self))
        scale.addWidget(self.low)
        scale.addWidget(QLabel(self.tr("à"), self))
        scale.addWidget(self.high)
        scale.addStretch(1)
        # a criterion's step of the customer journey (the journey map shows its satisfaction)
        self.journey_step = journey_step_box(question.journey_step if question else "", self)
        self.error = ErrorLine(self)
        form = QFormLayout()
        form.addRow(self.tr("&Type :"), self.kind)
        form.addRow(self.tr("&Libellé :"), self.label)
        form.addRow("", self.required)
        form.addRow(self.tr("&Choix :"), self.choices)
        # a row whose field is a layout gets no buddy from a text: the label is made here, so
        # its « & » is a shortcut to the first spin box, not a literal ampersand
        scale_label = QLabel(self.tr("É&chelle :"), self)
        scale_label.setBuddy(self.low)
        form.addRow(scale_label, scale)
        self.journey_label = QLabel(self.tr("Étape du parco&urs :"), self)
        self.journey_label.setBuddy(self.journey_step)
        form.addRow(self.journey_label, self.journey_step)
        self._form, self._scale = form, scale
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if frozen:
            layout.addWidget(QLabel(self.tr("Ce questionnaire a des réponses : seuls le libellé "
                                            "et l'étape du parcours peuvent encore changer."),
                                    self))
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self))
        if question is not None:
            self.kind.setCurrentIndex(self.kind.findData(question.kind))
            self.label.setText(question.label)
            self.required.setChecked(question.required)
            self.choices.setPlainText("\n".join(question.choices))
            self.low.setValue(question.scale[0])
            self.high.setValue(question.scale[1])
        for widget in (self.kind, self.required, self.choices, self.low, self.high):
            widget.setEnabled(not frozen)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.label.setFocus()
        self.resize(520, self.sizeHint().height())

    def _kind_changed(self) -> None:
        service = ops.surveys()
        kind = self.kind.currentData()
        # whole rows hidden (label and field): no « Échelle : de à » left without its boxes
        self._form.setRowVisible(self.choices, kind in (service.SINGLE, service.MULTIPLE))
        self._form.setRowVisible(self._scale, kind in (service.CRITERION, service.RATING))
        self._form.setRowVisible(self.journey_step, kind == service.CRITERION)
        if self.isVisible():  # no empty band where the hidden rows were
            self.resize(self.width(), self.sizeHint().height())

    def value(self):
        service = ops.surveys()
        return service.QuestionInput(
            self.kind.currentData(), self.label.text(), self.required.isChecked(),
            self.choices.toPlainText().splitlines(), (self.low.value(), self.high.value()),
            self.journey_step.currentData() or "")

    def accept(self) -> None:
        try:
            from rcdesk.services.surveys.questionnaires import validate_question

            validate_question(self.value())
        except ERRORS as exc:
            self.error.show_error(error_text(exc))
            return
        super().accept()


class QuestionnairesDialog(QDialog):
    """The questionnaires (left) and the questions of the one selected (right): new from a
    template, add / edit / move / delete a question, print the paper form."""

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.changed = False
        self.setWindowTitle(self.tr("Questionnaires"))
        self.list = QListWidget(self)
        self.list.setObjectName("questionnaireList")
        self.questions = QListWidget(self)
        self.questions.setObjectName("questionList")
        self.questions.itemActivated.connect(lambda _i: self.edit_question())
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        new = action_button(self.tr("&Nouveau…"), self.new_questionnaire, self,
                            name="newQuestionnaire")
        rename = action_button(self.tr("&Propriétés…"), self.rename, self,
                               name="questionnaireProperties")
        delete = action_button(self.tr("Supprimer"), self.delete_questionnaire, self)
        paper = action_button(self.tr("&Questionnaire papier (PDF)…"), self.print_paper, self)
        add = action_button(self.tr("&Ajouter une question…"), self.add_question, self,
                            name="addQuestion")
        edit = action_button(self.tr("&Modifier…"), self.edit_question, self)
        up = action_button(self.tr("Mon&ter"), lambda: self.move(-1), self)
        down = action_button(self.tr("Descen&dre"), lambda: self.move(1), self)
        remove = action_button(self.tr("Supprimer la question"), self.delete_question, self)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Questionnaires"), self))
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        for b in (new, rename, delete):
            row.addWidget(b)
        left.addLayout(row)
        left.addWidget(paper)
        right = QVBoxLayout()
        right.addWidget(self.info)
        right.addWidget(self.questions, 1)
        row = QHBoxLayout()
        for b in (add, edit, up, down, remove):
            row.addWidget(b)
        right.addLayout(row)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Fermer"))
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.list.currentRowChanged.connect(lambda _r: self.show_questions())
        self.resize(1000, 560)
        self.refresh()
        self.list.setFocus()

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def refresh(self, select: int | None = None) -> None:
        select = select or self.current_id()
        self.list.clear()
        for q in ops.surveys().list_questionnaires():
            audience = ops.surveys().AUDIENCES[q.audience]
            item = QListWidgetItem(f"{q.title} — {audience}, {len(q.questions)} question(s), "
                                   f"{q.responses} réponse(s)")
            item.setData(Qt.ItemDataRole.UserRole, q.id)
            self.list.addItem(item)
            if q.id == select:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.show_questions()

    def show_questions(self) -> None:
        self.questions.clear()
        qid = self.current_id()
        if qid is None:
            self.info.setText(self.tr("Aucun questionnaire : créez-en un depuis un modèle."))
            return
        q = ops.surveys().get_questionnaire(qid)
        self.info.setText(self.tr("%1 — %2 campagne(s), %3 réponse(s).%4")
                          .replace("%1", q.title).replace("%2", str(q.campaigns))
                          .replace("%3", str(q.responses))
                          .replace("%4", self.tr(" Les questions ne changent plus que de "
                                                 "libellé.") if q.responses else ""))
        kinds = ops.surveys().KINDS
        for x in q.questions:
            star = " *" if x.required else ""
            scale = f" ({x.scale[0]}–{x.scale[1]})" if x.kind in ("critère", "note") else ""
            if x.journey_step:
                scale += " · " + self.tr("étape « %1 »").replace("%1", x.journey_step)
            item = QListWidgetItem(f"{x.number}. {x.label}{star} — {kinds[x.kind]}{scale}"
                                   + (f" — {x.answers} réponse(s)" if x.answers else ""))
            item.setData(Qt.ItemDataRole.UserRole, x)
            self.questions.addItem(item)

    def _question(self):
        item = self.questions.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _run(self, fn, *args) -> bool:
        try:
            fn(*args)
        except ERRORS as exc:
            QMessageBox.warning(self, self.tr("Opération refusée"), error_text(exc))
            return False
        self.changed = True
        return True

    def new_questionnaire(self) -> None:
        service = ops.surveys()
        names = list(service.TEMPLATES.values())
        choice, ok = QInputDialog.getItem(self, self.tr("Nouveau questionnaire"),
                                          self.tr("Partir du modèle :"), names, 0, False)
        if not ok:
            return
        template = list(service.TEMPLATES)[names.index(choice)]
        title, ok = QInputDialog.getText(self, self.tr("Nouveau questionnaire"),
                                         self.tr("Titre :"), text=choice)
        if ok and self._run(lambda: setattr(self, "_new", service.create_from_template(
                title, template))):
            self.refresh(self._new)

    def rename(self) -> None:
        qid = self.current_id()
        if qid is None:
            return
        dialog = QuestionnaireHeaderDialog(ops.surveys().get_questionnaire(qid), self)
        if dialog.exec():
            self.changed = True
            self.refresh()

    def delete_questionnaire(self) -> None:
        qid = self.current_id()
        if qid is not None and QMessageBox.question(
                self, self.tr("Supprimer"), self.tr("Supprimer ce questionnaire ?")) \
                == QMessageBox.StandardButton.Yes and \
                self._run(ops.surveys().delete_questionnaire, qid):
            self.refresh()

    def add_question(self) -> None:
        qid = self.current_id()
        if qid is None:
            return
        dialog = QuestionDialog(None, self)
        if dialog.exec() and self._run(ops.surveys().add_question, qid, dialog.value()):
            self.refresh()

    def edit_question(self) -> None:
        question = self._question()
        if question is None:
            return
        frozen = ops.surveys().get_questionnaire(self.current_id()).responses > 0
        dialog = QuestionDialog(question, self, frozen=frozen)
        if dialog.exec() and self._run(ops.surveys().update_question, question.id,
                                       dialog.value()):
            self.refresh()

    def move(self, offset: int) -> None:
        question = self._question()
        if question is not None and self._run(ops.surveys().move_question, question.id,
                                              offset):
            row = self.questions.currentRow() + offset
            self.show_questions()
            self.questions.setCurrentRow(max(0, min(row, self.questions.count() - 1)))

    def delete_question(self) -> None:
        question = self._question()
        if question is not None and self._run(ops.surveys().delete_question, question.id):
            self.refresh()

    def print_paper(self) -> None:
        from rcdesk.ui.complaints.common import ask_pdf_path

        qid = self.current_id()
        if qid is None:
            return
        path = ask_pdf_path(self, "questionnaire.pdf")
        if path:
            self._run(lambda: ops.write_questionnaire_pdf(questionnaire_id=qid, path=path))


class QuestionnaireHeaderDialog(QDialog):
    """A questionnaire's title, audience and introduction (printed on the paper form)."""

    def __init__(self, questionnaire, parent=None):
        super().__init__(parent)
        service = ops.surveys()
        self.questionnaire = questionnaire
        self.setWindowTitle(self.tr("Questionnaire"))
        self.title = QLineEdit(questionnaire.title, self)
        self.audience = QComboBox(self)
        for key, label in service.AUDIENCES.items():
            self.audience.addItem(label, key)
        self.audience.setCurrentIndex(self.audience.findData(questionnaire.audience))
        self.intro = QPlainTextEdit(questionnaire.intro, self)
        self.intro.setTabChangesFocus(True)
        self.intro.setMaximumHeight(110)
        self.error = ErrorLine(self)
        form = QFormLayout()
        form.addRow(self.tr("&Titre :"), self.title)
        form.addRow(self.tr("&Public :"), self.audience)
        form.addRow(self.tr("&Introduction :"), self.intro)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self))
        self.title.setFocus()
        self.resize(560, self.sizeHint().height())

    def load(self, questionnaire) -> None:
        """The form filled again from the stored questionnaire (Recharger)."""
        self.questionnaire = questionnaire
        self.title.setText(questionnaire.title)
        self.audience.setCurrentIndex(self.audience.findData(questionnaire.audience))
        self.intro.setPlainText(questionnaire.intro)

    def accept(self) -> None:
        def save(base) -> None:
            ops.surveys().update_questionnaire(
                self.questionnaire.id, self.title.text(), self.audience.currentData(),
                self.intro.toPlainText(), version=base.version, original=base)

        try:
            saved = save_checking_version(self, save, self.questionnaire, self.load)
        except ERRORS as exc:
            self.error.show_error(error_text(exc))
            return
        if saved:
            super().accept()


class CampaignDialog(QDialog):
    """A campaign: questionnaire, title, period, channel, people asked."""

    def __init__(self, parent=None, campaign=None):
        super().__init__(parent)
        service = ops.surveys()
        self.campaign = campaign
        self.setWindowTitle(self.tr("Campagne") if campaign else self.tr("Nouvelle campagne"))
        self.questionnaire = QComboBox(self)
        for q in service.list_questionnaires():
            self.questionnaire.addItem(f"{q.title} ({q.audience})", q.id)
        self.title = QLineEdit(self)
        self.title.setObjectName("campaignTitle")
        self.start = date_line_edit(self, "campaignStart")
        self.start.setText(date.today().strftime("%d/%m/%Y"))
        self.end = date_line_edit(self, "campaignEnd")
        self.channel = QComboBox(self)
        self.channel.addItems(service.CHANNELS)
        self.channel.setCurrentText("comptoir")
        self.asked = QLineEdit(self)
        self.asked.setPlaceholderText(self.tr("facultatif : pour le taux de réponse"))
        self.error = ErrorLine(self)
        form = QFormLayout()
        form.addRow(self.tr("&Questionnaire :"), self.questionnaire)
        form.addRow(self.tr("&Titre :"), self.title)
        form.addRow(self.tr("&Du :"), self.start)
        form.addRow(self.tr("&Au :"), self.end)
        form.addRow(self.tr("&Canal :"), self.channel)
        form.addRow(self.tr("&Personnes sollicitées :"), self.asked)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self))
        if campaign is not None:
            self.questionnaire.setCurrentIndex(self.questionnaire.findData(
                campaign.questionnaire_id))
            self.questionnaire.setEnabled(False)
            self.title.setText(campaign.title)
            self.start.setText(campaign.start_date.strftime("%d/%m/%Y"))
            self.end.setText(campaign.end_date.strftime("%d/%m/%Y") if campaign.end_date
                             else "")
            self.channel.setCurrentText(campaign.channel)
            self.asked.setText(str(campaign.asked or ""))
        self.campaign_id: int | None = campaign.id if campaign else None
        self.title.setFocus()
        self.resize(480, self.sizeHint().height())

    def accept(self) -> None:
        service = ops.surveys()
        try:
            asked_text = self.asked.text().strip()
            if asked_text and not asked_text.isdigit():
                raise ValueError(self.tr("Le nombre de personnes sollicitées est un entier."))
            asked = int(asked_text) if asked_text else None
            start, end = _date_or_none(self.start), _date_or_none(self.end)
            if self.questionnaire.currentData() is None:
                raise ValueError(self.tr("Créez d'abord un questionnaire."))
            if self.campaign is None:
                self.campaign_id = service.create_campaign(
                    self.questionnaire.currentData(), self.title.text(), start=start, end=end,
                    channel=self.channel.currentText(), asked=asked)
            else:
                def save(base) -> None:
                    service.update_campaign(
                        self.campaign.id, self.title.text(), start=start, end=end,
                        channel=self.channel.currentText(), asked=asked,
                        version=base.version, original=base)

                if not save_checking_version(self, save, self.campaign, self.load):
                    return
        except ERRORS as exc:
            self.error.show_error(error_text(exc))
            return
        super().accept()

    def load(self, campaign) -> None:
        """The form filled again from the stored campaign (Recharger)."""
        self.campaign = campaign
        self.title.setText(campaign.title)
        self.start.setText(campaign.start_date.strftime("%d/%m/%Y"))
        self.end.setText(campaign.end_date.strftime("%d/%m/%Y") if campaign.end_date else "")
        self.channel.setCurrentText(campaign.channel)
        self.asked.setText(str(campaign.asked or ""))


class ZoneActionDialog(QDialog):
    """A PAQ action for a zone 2 criterion: its pilot and when."""

    def __init__(self, label: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Action du plan qualité"))
        self.pilot = QLineEdit(self)
        self.pilot.setObjectName("actionPilot")
        self.when = date_line_edit(self, "actionWhen")
        self.when.setText((date.today() + timedelta(days=30)).strftime("%d/%m/%Y"))
        self.error = ErrorLine(self)
        form = QFormLayout()
        form.addRow(self.tr("Critère :"), QLabel(label, self))
        form.addRow(self.tr("&Pilote :"), self.pilot)
        form.addRow(self.tr("&Quand :"), self.when)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Origine : enquête de satisfaction (zone 2 : important "
                                        "et insatisfaisant)."), self))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self, self.tr("Créer l'action")))
        self.pilot.setFocus()

    def planned(self) -> date | None:
        return _date_or_none(self.when)


class FollowUpDialog(QDialog):
    """The date of a follow-up call to a detractor."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Rappeler le client"))
        self.when = date_line_edit(self, "followUpDate")
        self.when.setText((date.today() + timedelta(days=2)).strftime("%d/%m/%Y"))
        self.error = ErrorLine(self)
        form = QFormLayout()
        form.addRow(self.tr("Rappel &le :"), self.when)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self, self.tr("Programmer le rappel")))
        self.when.setFocus()
        self.when.selectAll()

    def day(self) -> date:
        return parse_user_date(self.when.text())
