"""The reviews page: the reviews kept, one shown in full, a new review (the previous decisions
and their actions' progress first, each indicator with a comment, the decisions), its PDF."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape as e
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.formatting import format_date
from rcdesk.core.indicators import STATUS_LABELS, format_value
from rcdesk.core.periods import period_span
from rcdesk.services import indicators as registry
from rcdesk.services.pilotage.reviews import (
    DecisionInput,
    Review,
    ReviewInput,
    get_review,
    lines_of_period,
    list_reviews,
    previous_review,
    save_review,
)
from rcdesk.ui.forms import (
    CtrlReturnAccepts,
    ErrorLine,
    action_button,
    date_edit,
    dialog_buttons,
    from_qdate,
)
from rcdesk.ui.period_box import PeriodBox
from rcdesk.ui.worker import ServiceWorker, run_report

DECISION_ROWS = 5
WAITING = "…"


def review_html(review: Review) -> str:
    """A kept review as the page shows it."""
    parts = [f"<h3>Revue du {format_date(review.held_on)}</h3>",
             f"<p>Période {period_span(review.period)}<br>Participants : {e(review.participants)}"
             "</p>"]
    if review.comments:
        parts.append(f"<p><i>{e(review.comments)}</i></p>")
    parts.append("<table border=1 cellspacing=0 cellpadding=3><tr><th>Indicateur</th>"
                 "<th>Valeur</th><th>Cible</th><th>État</th><th>Commentaire</th></tr>")
    for line in review.lines:
        parts.append(f"<tr><td>{e(line.label)}</td><td>{format_value(line.value, line.unit)}</td>"
                     f"<td>{format_value(line.target, line.unit)}</td>"
                     f"<td>{STATUS_LABELS[line.status]}</td><td>{e(line.comment)}</td></tr>")
    parts.append("</table><h4>Décisions</h4><ul>")
    for decision in review.decisions:
        parts.append(f"<li>{e(decision.text)} — {decision.progress_text()}</li>")
    parts.append("</ul>")
    return "".join(parts)


class ReviewDialog(CtrlReturnAccepts, QDialog):
    """A new review; Ctrl+Entrée saves, Échap cancels."""

    def __init__(self, parent=None, today: date | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Nouvelle revue d'indicateurs"))
        self.resize(1000, 680)
        today = today or date.today()
        self.saved: Review | None = None
        self.held_on = date_edit(today, self)
        self.period = PeriodBox("quarter", self)
        self.participants = QLineEdit(self)
        self.participants.setObjectName("reviewParticipants")
        self.comments = QLineEdit(self)
        previous = previous_review(today + timedelta(days=1), today)
        text = self.tr("Aucune revue précédente.")
        if previous is not None:
            items = "".join(f"<li>{e(d.text)} — {d.progress_text()}</li>" for d in previous.decisions)
            text = (self.tr("Décisions de la revue du %1 :").replace(
                "%1", format_date(previous.held_on)) + f"<ul>{items or '<li>aucune</li>'}</ul>")
        self.previous = QLabel(text, self)
        self.previous.setObjectName("previousDecisions")
        self.previous.setWordWrap(True)
        self.lines = QTableWidget(0, 5, self)
        self.lines.setObjectName("reviewLines")
        self.lines.setHorizontalHeaderLabels([self.tr(t) for t in (
            "Indicateur", "Valeur", "Cible", "État", "Commentaire")])
        self.lines.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.lines.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.lines.verticalHeader().hide()
        self.decisions = QTableWidget(DECISION_ROWS, 5, self)
        self.decisions.setObjectName("reviewDecisions")
        self.decisions.setHorizontalHeaderLabels([self.tr(t) for t in (
            "Décision", "Indicateur", "Action PAQ", "Pilote", "Échéance")])
        self.decisions.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 240), (2, 80), (3, 140), (4, 110)):
            self.decisions.setColumnWidth(column, width)
        self.decisions.horizontalHeaderItem(4).setToolTip(self.tr("JJ/MM/AAAA"))
        self.decisions.verticalHeader().hide()
        self.error = ErrorLine(self)
        form = QFormLayout()
        form.addRow(self.tr("Revue du :"), self.held_on)
        form.addRow(self.tr("Période revue :"), self.period)
        form.addRow(self.tr("Participants :"), self.participants)
        form.addRow(self.tr("Commentaire général :"), self.comments)
        layout = QVBoxLayout(self)
        layout.addWidget(self.previous)
        layout.addLayout(form)
        layout.addWidget(self.lines, 3)
        layout.addWidget(QLabel(self.tr("Décisions (cochez « Action PAQ » pour ouvrir une action "
                                        "du plan qualité) :"), self))
        layout.addWidget(self.decisions, 2)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self))
        self.period.preset_chosen.connect(self._fill_lines)
        self.period.dates_edited.connect(self._fill_lines)
        self._rows = []
        self._worker = None
        self.lines_ready = False
        self._fill_lines()
        self._fill_decisions()
        self.participants.setFocus()

    def _fill_lines(self) -> None:
        """The indicators at once (labels), their figures from a worker; comments typed stay."""
        self._rows = list(registry.definitions().values())
        if self.lines.rowCount() != len(self._rows):
            self.lines.setRowCount(len(self._rows))
            for index in range(len(self._rows)):
                self.lines.setItem(index, 4, QTableWidgetItem(""))
        for index, definition in enumerate(self._rows):
            for column, text in enumerate((definition.label, WAITING, WAITING, WAITING)):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.lines.setItem(index, column, item)
        period = self.period.period()
        worker = ServiceWorker(lines_of_period, period, with_progress=False)
        worker.signals.sig_done.connect(lambda lines: self._show_lines(period, lines))
        worker.signals.sig_failed.connect(self.error.show_error)
        self._worker = worker
        worker.start()

    def _show_lines(self, period, lines) -> None:
        if not isValid(self) or period != self.period.period():
            return  # closed, or another period chosen meanwhile
        by_key = {line.indicator: line for line in lines}
        for index, definition in enumerate(self._rows):
            line = by_key.get(definition.key)
            if line is None:
                continue
            for column, text in enumerate((format_value(line.value, line.unit),
                                           format_value(line.target, line.unit),
                                           STATUS_LABELS[line.status]), start=1):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.lines.setItem(index, column, item)
        self.lines_ready = True

    def _fill_decisions(self) -> None:
        for row in range(DECISION_ROWS):
            self.decisions.setItem(row, 0, QTableWidgetItem(""))
            combo = QComboBox(self.decisions)
            combo.addItem(self.tr("(général)"), "")
            for definition in self._rows:
                combo.addItem(definition.label, definition.key)
            self.decisions.setCellWidget(row, 1, combo)
            self.decisions.setCellWidget(row, 2, QCheckBox(self.decisions))
            self.decisions.setItem(row, 3, QTableWidgetItem(""))
            self.decisions.setItem(row, 4, QTableWidgetItem(""))

    def review_input(self) -> ReviewInput:
        from rcdesk.core.formatting import parse_user_date

        comments = {d.key: (self.lines.item(i, 4).text() if self.lines.item(i, 4) else "")
                    for i, d in enumerate(self._rows)}
        decisions = []
        for row in range(DECISION_ROWS):
            text = self.decisions.item(row, 0).text().strip()
            if not text:
                continue
            due_text = self.decisions.item(row, 4).text().strip()
            try:
                due = parse_user_date(due_text) if due_text else None
            except ValueError as exc:
                raise ValidationError("decisions", f"Décision {row + 1} : {exc}") from None
            decisions.append(DecisionInput(
                text, self.decisions.cellWidget(row, 1).currentData(),
                self.decisions.cellWidget(row, 2).isChecked(),
                self.decisions.item(row, 3).text(), due))
        return ReviewInput(from_qdate(self.held_on.date()), self.period.period(),
                           self.participants.text(), self.comments.text(),
                           {k: v for k, v in comments.items() if v.strip()}, decisions)

    def accept(self) -> None:
        try:
            self.saved = save_review(self.review_input())
        except (ValidationError, ServiceError) as exc:
            self.error.show_error(str(exc))
            return
        super().accept()


class ReviewsPage(QWidget):
    def __init__(self, context=None, parent=None):
        super().__init__(parent)
        self.context = context
        self.list = QListWidget(self)
        self.list.setObjectName("reviewList")
        self.view = QTextBrowser(self)
        self.view.setObjectName("reviewView")
        split = QSplitter(self)
        split.addWidget(self.list)
        split.addWidget(self.view)
        split.setSizes([260, 900])
        buttons = QHBoxLayout()
        buttons.addWidget(action_button(self.tr("Nouvelle revue…"), self.new_review, self,
                                        "newReview"))
        buttons.addWidget(action_button(self.tr("Imprimer la revue (PDF)…"), self.save_pdf,
                                        self, "reviewPdf"))
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(split)
        self.list.currentItemChanged.connect(self._show)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for review_id, held, period, who in list_reviews():
            item = QListWidgetItem(f"{format_date(held)} — {period_span(period)}")
            item.setData(Qt.ItemDataRole.UserRole, review_id)
            item.setToolTip(who)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.view.setHtml(self.tr("<p>Aucune revue d'indicateurs enregistrée : « Nouvelle "
                                      "revue… » la prépare avec les chiffres de la période.</p>"))

    def _show(self, item) -> None:
        if item is not None:
            self.view.setHtml(review_html(get_review(item.data(Qt.ItemDataRole.UserRole))))

    def new_review(self) -> None:
        dialog = ReviewDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()
            if self.context is not None:
                self.context.data_changed.emit("actions")

    def save_pdf(self) -> None:
        item = self.list.currentItem()
        if item is None:
            QMessageBox.information(self, self.tr("Revue"), self.tr("Choisissez une revue."))
            return
        review = get_review(item.data(Qt.ItemDataRole.UserRole))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Enregistrer la revue"),
                                              str(Path.home() / f"revue-{review.held_on}.pdf"),
                                              "PDF (*.pdf)")
        if not path:
            return
        from rcdesk.reports.pilotage_review import write_review_report

        run_report(self, self.tr("Revue d'indicateurs…"), write_review_report,
                   lambda p: QMessageBox.information(self, self.tr("Revue"),
                                                     self.tr("Enregistrée : %1").replace("%1", str(p))),
                   lambda m: QMessageBox.warning(self, self.tr("Revue"), m),
                   path=path, period=review.period, overwrite=True)
