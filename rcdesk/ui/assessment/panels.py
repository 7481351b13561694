"""Pages beside the scores: recommendations, SWOT, and the comparison with the previous one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.formatting import format_date, format_number, format_signed
from rcdesk.services.assessment.rules import (
    SWOT_FIELDS,
    THEMES,
    average,
    default_recommendation,
    needs_recommendation,
    score_deltas,
)

UP, DOWN = QColor("#1E8449"), QColor("#C0392B")


class RecommendationsEditor(QWidget):
    """One editable text per theme under 7; the white paper's text until the user edits it."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._texts: dict[int, str] = {}  # edited texts, by theme (kept when a score rises)
        self._shown: tuple[int, ...] | None = None
        self.editors: dict[int, QPlainTextEdit] = {}
        self._inner = QWidget()
        self._layout = QVBoxLayout(self._inner)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._inner)
        intro = QLabel(self.tr("Pour chaque thème noté sous 7 : le principe et l'outil du livre "
                               "blanc. Adaptez le texte à l'organisation ; il figure tel quel "
                               "dans le diagnostic PDF."))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll)

    def load(self, texts: Mapping[int, str]) -> None:
        """texts: the edited recommendations of the assessment shown (theme -> text)."""
        self._texts = dict(texts)
        self._shown = None

    def update_scores(self, scores: Sequence[int | None]) -> None:
        themes = tuple(t.number for t in THEMES
                       if scores[t.number - 1] is not None and needs_recommendation(
                           scores[t.number - 1]))
        if themes == self._shown:
            for number in themes:
                self._titles[number].setText(self._title(number, scores[number - 1]))
            return
        self._shown = themes
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.editors, self._titles = {}, {}
        if not themes:
            empty = QLabel(self.tr("Aucun thème noté sous 7 : pas de recommandation prioritaire."))
            empty.setObjectName("noRecommendation")
            self._layout.addWidget(empty)
        for number in themes:
            title = QLabel(self._title(number, scores[number - 1]))
            reset = QPushButton(self.tr("Texte du livre blanc"))
            reset.setToolTip(self.tr("Remettre la recommandation du livre blanc"))
            head = QHBoxLayout()
            head.addWidget(title, 1)
            head.addWidget(reset)
            editor = QPlainTextEdit(self._texts.get(number) or default_recommendation(number))
            editor.setObjectName(f"recommendation_{number}")
            editor.setTabChangesFocus(True)
            editor.setMinimumHeight(70)
            editor.textChanged.connect(lambda n=number: self._edited(n))
            reset.clicked.connect(lambda _=False, n=number: self._reset(n))
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 6)
            box_layout.addLayout(head)
            box_layout.addWidget(editor)
            self._layout.addWidget(box)
            self.editors[number] = editor
            self._titles[number] = title
        self._layout.addStretch(1)

    def _title(self, number: int, score: int) -> str:
        return self.tr("<b>Thème %1 — %2</b> (note %3 / 10)").replace(
            "%1", str(number)).replace("%2", THEMES[number - 1].short).replace("%3", str(score))

    def _edited(self, number: int) -> None:
        text = self.editors[number].toPlainText()
        self._texts[number] = "" if text.strip() == default_recommendation(number) else text
        self.changed.emit()

    def _reset(self, number: int) -> None:
        self.editors[number].setPlainText(default_recommendation(number))

    def texts(self) -> dict[int, str]:
        """Theme -> edited text ("" = the white paper's), for every theme ever edited."""
        return dict(self._texts)


class SwotEditor(QWidget):
    """Forces, faiblesses (internal), opportunités, menaces (external), as the consultant writes."""

    changed = Signal()
    COLOURS = {"strengths": "#EAF5EC", "weaknesses": "#FBECEA", "opportunities": "#EAF2FB",
               "threats": "#FDF3E3"}
    HINTS = {
        "strengths": "Ressources et compétences qui donnent un avantage concurrentiel",
        "weaknesses": "Manques de ressources ou de compétences face aux concurrents",
        "opportunities": "Potentiels à développer dans l'environnement",
        "threats": "Changements de l'environnement qui peuvent nuire à l'activité",
    }

    def __init__(self, parent=None):
        super().__init__(parent)
        self.edits: dict[str, QPlainTextEdit] = {}
        grid = QGridLayout(self)
        labels = dict(SWOT_FIELDS)
        positions = {"strengths": (0, 0), "weaknesses": (0, 1), "opportunities": (2, 0),
                     "threats": (2, 1)}
        for key, (row, column) in positions.items():
            title = QLabel(f"<b>{self.tr(labels[key])}</b> — {self.tr(self.HINTS[key])}")
            title.setWordWrap(True)
            edit = QPlainTextEdit()
            edit.setObjectName(f"swot_{key}")
            edit.setTabChangesFocus(True)
            edit.setStyleSheet(f"QPlainTextEdit {{ background: {self.COLOURS[key]}; }}")
            edit.textChanged.connect(self.changed.emit)
            title.setBuddy(edit)
            grid.addWidget(title, row, column)
            grid.addWidget(edit, row + 1, column)
            self.edits[key] = edit

    def values(self) -> dict[str, str]:
        return {key: edit.toPlainText() for key, edit in self.edits.items()}

    def set_values(self, values: Mapping[str, str]) -> None:
        for key, edit in self.edits.items():
            edit.blockSignals(True)
            edit.setPlainText(values.get(key, ""))
            edit.blockSignals(False)


class ComparisonPanel(QWidget):
    """Before / after per theme and the change of the average."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setObjectName("comparisonSummary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(len(THEMES), 4)
        self.table.setObjectName("deltas")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)

    def show_comparison(self, current: Sequence[int | None], previous) -> None:
        """previous: the AssessmentSummary compared with, or None."""
        before_title = format_date(previous.date) if previous else self.tr("Avant")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Thème"), before_title, self.tr("Cette évaluation"), self.tr("Écart")])
        complete = all(value is not None for value in current)
        deltas = (score_deltas(previous.scores, current) if previous and complete else None)
        for row, theme in enumerate(THEMES):
            before = str(previous.scores[row]) if previous else "—"
            now = "—" if current[row] is None else str(current[row])
            if previous and current[row] is not None:
                delta = current[row] - previous.scores[row]
            else:
                delta = None
            cells = [f"{theme.number}. {theme.short}", before, now,
                     "—" if delta is None else format_signed(delta)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if column == 3 and delta:
                    item.setForeground(UP if delta > 0 else DOWN)
                self.table.setItem(row, column, item)
        if previous is None:
            self.summary.setText(self.tr("Première évaluation de cette organisation : pas "
                                         "encore de comparaison."))
        elif deltas is None:
            self.summary.setText(self.tr("Comparée à l'évaluation du %1 (moyenne %2) ; notez "
                                         "les 8 thèmes pour voir l'écart de moyenne.").replace(
                "%1", format_date(previous.date)).replace("%2", format_number(previous.average, 1)))
        else:
            now = average(current)
            self.summary.setText(self.tr("Comparée à l'évaluation du %1 : moyenne %2 (%3). "
                                         "Cette évaluation : %4, soit %5.")
                                 .replace("%1", format_date(previous.date))
                                 .replace("%2", format_number(previous.average, 1))
                                 .replace("%3", previous.level.label)
                                 .replace("%4", format_number(now, 1))
                                 .replace("%5", format_signed(round(now - previous.average, 1), 1)))
