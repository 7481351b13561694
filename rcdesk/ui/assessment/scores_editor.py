"""The 8 themes of the white paper, each with a score (spin box and slider), a comment and a hint."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rcdesk.services.assessment import MAX_COMMENT
from rcdesk.services.assessment.rules import SCORE_MAX, SCORE_MIN, THEMES

NOT_SCORED = SCORE_MIN - 1  # the spin box's "—": a theme not scored yet


class ScoresEditor(QWidget):
    """changed is emitted on every score or comment edit (the radar follows live)."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.spins: list[QSpinBox] = []
        self.sliders: list[QSlider] = []
        self.comments: list[QLineEdit] = []
        self.hints: list[QLabel] = []
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(1, 1)
        for index, theme in enumerate(THEMES):
            row = index * 3
            number = QLabel(f"<b>{theme.number}</b>")
            number.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
            wording = QLabel(theme.wording[0].upper() + theme.wording[1:])
            wording.setWordWrap(True)
            wording.setMinimumWidth(160)
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setRange(SCORE_MIN, SCORE_MAX)
            slider.setPageStep(1)
            slider.setTickPosition(QSlider.TickPosition.TicksBelow)
            slider.setTickInterval(1)
            slider.setMinimumWidth(90)
            slider.setMaximumWidth(160)
            slider.setAccessibleName(self.tr("Note du thème %1 (curseur)").replace(
                "%1", str(theme.number)))
            spin = QSpinBox()
            spin.setRange(NOT_SCORED, SCORE_MAX)
            spin.setSpecialValueText("—")
            spin.setSuffix(" / 10")
            spin.setValue(NOT_SCORED)
            spin.setObjectName(f"score_{theme.number}")
            spin.setAccessibleName(self.tr("Note du thème %1").replace("%1", str(theme.number)))
            spin.setToolTip(self.tr("Note de 0 à 10 (10 étant la note la plus élevée)"))
            comment = QLineEdit()
            comment.setObjectName(f"comment_{theme.number}")
            comment.setPlaceholderText(self.tr("Commentaire (constats, exemples…)"))
            comment.setClearButtonEnabled(True)
            comment.setMaxLength(MAX_COMMENT)
            hint = QLabel()
            hint.setObjectName(f"hint_{theme.number}")
            hint.setWordWrap(True)
            hint.setStyleSheet("color: #5B6B7A; font-style: italic;")
            hint.setVisible(False)
            grid.addWidget(number, row, 0, 2, 1)
            grid.addWidget(wording, row, 1)
            grid.addWidget(slider, row, 2)
            grid.addWidget(spin, row, 3)
            grid.addWidget(comment, row + 1, 1, 1, 3)
            grid.addWidget(hint, row + 2, 1, 1, 3)
            if index < len(THEMES) - 1:
                line = QFrame()
                line.setFrameShape(QFrame.Shape.HLine)
                line.setStyleSheet("color: #DDE3EA;")
                grid.addWidget(line, row + 2, 0, 1, 4, Qt.AlignmentFlag.AlignBottom)
            spin.valueChanged.connect(lambda value, i=index: self._spin_moved(i, value))
            slider.valueChanged.connect(lambda value, i=index: self._slider_moved(i, value))
            comment.textEdited.connect(lambda _text: self.changed.emit())
            self.spins.append(spin)
            self.sliders.append(slider)
            self.comments.append(comment)
            self.hints.append(hint)
        grid.setRowStretch(len(THEMES) * 3, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        # Tab order: score then comment, theme after theme (the slider mirrors the spin box).
        previous = None
        for spin, comment, slider in zip(self.spins, self.comments, self.sliders):
            slider.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            if previous is not None:
                QWidget.setTabOrder(previous, spin)
            QWidget.setTabOrder(spin, comment)
            previous = comment

    def _spin_moved(self, index: int, value: int) -> None:
        slider = self.sliders[index]
        slider.blockSignals(True)
        slider.setValue(max(value, SCORE_MIN))
        slider.blockSignals(False)
        self.changed.emit()

    def _slider_moved(self, index: int, value: int) -> None:
        self.spins[index].setValue(value)  # emits changed through the spin box

    def values(self) -> list[int | None]:
        """The scores, None for a theme not scored yet."""
        return [None if spin.value() == NOT_SCORED else spin.value() for spin in self.spins]

    def comment_texts(self) -> list[str]:
        return [edit.text() for edit in self.comments]

    def set_values(self, scores: Sequence[int | None], comments: Sequence[str]) -> None:
        for index, spin in enumerate(self.spins):
            value = scores[index] if index < len(scores) else None
            spin.blockSignals(True)
            spin.setValue(NOT_SCORED if value is None else value)
            spin.blockSignals(False)
            self.sliders[index].blockSignals(True)
            self.sliders[index].setValue(SCORE_MIN if value is None else value)
            self.sliders[index].blockSignals(False)
            self.comments[index].setText(comments[index] if index < len(comments) else "")
        self.changed.emit()

    def set_hints(self, hints: Mapping[int, str]) -> None:
        """Theme -> evidence text from rcdesk's data (shown, never applied to the score)."""
        for index, label in enumerate(self.hints):
            text = hints.get(index + 1, "")
            label.setText(self.tr("Indice : %1").replace("%1", text) if text else "")
            label.setVisible(bool(text))

    def focus_theme(self, number: int) -> None:
        self.spins[number - 1].setFocus()
        self.spins[number - 1].selectAll()
