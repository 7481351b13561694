"""Dialogs of the charter: edit one commitment (with live advice) and edit the jargon list."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.formatting import format_date, format_number, parse_user_date
from rcdesk.core.indicators import AT_LEAST, AT_MOST, MANUAL, UNITS, default_comparison
from rcdesk.services.charter import commitments as service
from rcdesk.services.charter.checks import check_commitment, sentences, word_count
from rcdesk.services.charter.commitments import sources
from rcdesk.ui.forms import (
    ErrorLine,
    date_edit,
    date_line_edit,
    dialog_buttons,
    from_qdate,
    save_checking_version,
)

OK = QDialogButtonBox.StandardButton.Ok
ADVICE_STYLE = "color: #8A5A00;"


class CommitmentDialog(QDialog):
    """Add or edit a commitment; the service validates, the form keeps what was typed."""

    def __init__(self, parent=None, commitment: service.Commitment | None = None,
                 deadline_days: int = 5, jargon: list[str] | None = None):
        super().__init__(parent)
        self.commitment = commitment
        self.saved: service.Commitment | None = None
        self._jargon = jargon if jargon is not None else service.jargon_terms()
        self.setWindowTitle(self.tr("Modifier l'engagement") if commitment
                            else self.tr("Nouvel engagement"))
        self.setMinimumWidth(680)

        self.wording = QLineEdit()
        self.wording.setPlaceholderText(self.tr("Ex. : Nous répondons à toute réclamation sous "
                                                "5 jours ouvrés."))
        self.words = QLabel()
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.advice.setStyleSheet(ADVICE_STYLE)
        self.source = QComboBox()
        self.source.addItem(self.tr("Relevés manuels (saisis par période)"), MANUAL)
        self.sources = sources()
        for key, indicator in self.sources.items():
            self.source.addItem(self.tr("Calculé par rcdesk : {label}").format(
                label=indicator.label), key)
        self.indicator = QLineEdit()
        self.indicator.setPlaceholderText(self.tr("Ex. : part des réclamations répondues dans "
                                                  "le délai"))
        self.comparison = QComboBox()
        self.comparison.addItem(self.tr("au moins"), AT_LEAST)
        self.comparison.addItem(self.tr("au plus"), AT_MOST)
        self.target = QLineEdit()
        self.target.setPlaceholderText(self.tr("ex. 95"))
        self.target.setMaximumWidth(90)
        self.unit = QComboBox()
        self.unit.addItem(self.tr("(sans unité)"), "")
        for unit in UNITS:
            self.unit.addItem(unit, unit)
        self.measured_how = QLineEdit()
        self.measured_how.setPlaceholderText(self.tr("Ex. : registre des réclamations, visite "
                                                     "mystère, enquête"))
        self.owner = QLineEdit()
        self.review_date = date_line_edit(width=120)
        self.error = ErrorLine(name="charterDialogError")

        target_row = QWidget()
        row = QHBoxLayout(target_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.comparison)
        row.addWidget(self.target)
        row.addWidget(self.unit)
        row.addStretch(1)

        form = QFormLayout()
        form.addRow(self.tr("&Engagement :"), self.wording)
        form.addRow("", self.words)
        form.addRow(self.tr("&Mesure :"), self.source)
        form.addRow(self.tr("&Indicateur :"), self.indicator)
        form.addRow(self.tr("&Cible :"), target_row)
        form.addRow(self.tr("Mode de mesure :"), self.measured_how)
        form.addRow(self.tr("&Pilote :"), self.owner)
        form.addRow(self.tr("Date de &révision :"), self.review_date)
        self.buttons = dialog_buttons(self, ok=OK)
        self.buttons.button(OK).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.advice)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self._fields = {"wording": self.wording, "indicator": self.indicator,
                        "target": self.target, "unit": self.unit, "source": self.source,
                        "comparison": self.comparison, "owner": self.owner,
                        "review_date": self.review_date}
        if commitment:
            self._load(commitment)
        self.source.currentIndexChanged.connect(self._source_changed)
        self.unit.currentIndexChanged.connect(self._unit_changed)
        for widget in (self.wording, self.indicator, self.review_date):
            widget.textChanged.connect(self._refresh_advice)
        self.source.currentIndexChanged.connect(self._refresh_advice)
        self._refresh_advice()

    def _load(self, c: service.Commitment) -> None:
        self.wording.setText(c.wording)
        self.indicator.setText(c.indicator)
        self.source.setCurrentIndex(max(0, self.source.findData(c.source)))
        if c.target_value is not None:
            self.target.setText(format_number(c.target_value, 0 if c.target_value ==
                                              int(c.target_value) else 1))
        self.unit.setCurrentIndex(max(0, self.unit.findData(c.target_unit)))
        self.comparison.setCurrentIndex(max(0, self.comparison.findData(c.comparison)))
        self.measured_how.setText(c.measured_how)
        self.owner.setText(c.owner)
        self.review_date.setText(format_date(c.review_date))

    def _update(self, base: service.Commitment) -> None:
        self.saved = service.update_commitment(
            base.id, replace(self.data(), version=base.version), original=base)

    def reload(self, stored: service.Commitment) -> None:
        """The stored commitment in the form (what was typed is replaced), its version kept."""
        self.commitment = stored
        self.error.hide()
        self.target.clear()
        self._load(stored)

    def _source_changed(self) -> None:
        indicator = self.sources.get(self.source.currentData())
        if indicator is not None:
            self.unit.setCurrentIndex(self.unit.findData(indicator.unit))
            self.comparison.setCurrentIndex(self.comparison.findData(indicator.direction))
            if not self.indicator.text().strip():
                self.indicator.setText(indicator.label)

    def _unit_changed(self) -> None:
        self.comparison.setCurrentIndex(
            self.comparison.findData(default_comparison(self.unit.currentData())))

    def _refresh_advice(self) -> None:
        text = self.wording.text()
        longest = max((word_count(s) for s in sentences(text)), default=0)
        self.words.setText(self.tr("{n} mot(s) dans la phrase la plus longue (20 au plus)")
                           .format(n=longest))
        try:
            review = parse_user_date(self.review_date.text())
        except ValueError:
            review = None
        draft = service.CommitmentInput(text, self.indicator.text(),
                                        source=self.source.currentData())
        draft.review_date = review
        warnings = check_commitment(draft, self._jargon, date.today()) if text.strip() else []
        self.advice.setText("\n".join(f"⚠ {w.message}" for w in warnings))

    def data(self) -> service.CommitmentInput:
        return service.CommitmentInput(
            wording=self.wording.text(), indicator=self.indicator.text(),
            target=self.target.text(), unit=self.unit.currentData(),
            comparison=self.comparison.currentData(), measured_how=self.measured_how.text(),
            owner=self.owner.text(), review_date=self.review_date.text(),
            source=self.source.currentData())

    def accept(self) -> None:
        try:
            if self.commitment is None:
                self.saved = service.add_commitment(self.data())
            elif not save_checking_version(self, self._update, self.commitment, self.reload):
                return
        except ValidationError as exc:
            self.error.show_error(exc.message, self._fields.get(exc.field))
            return
        except ServiceError as exc:
            self.error.show_error(str(exc))
            return
        super().accept()


class JargonDialog(QDialog):
    """The editable list of sales terms and jargon, one per line."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Mots à éviter dans la charte"))
        self.setMinimumSize(380, 420)
        intro = QLabel(self.tr("Termes commerciaux, publicitaires ou jargon qualité signalés "
                               "dans les engagements (un par ligne) :"))
        intro.setWordWrap(True)
        self.editor = QPlainTextEdit("\n".join(service.jargon_terms()))
        reset = QPushButton(self.tr("Rétablir la liste par défaut"))
        reset.clicked.connect(self._reset)
        buttons = dialog_buttons(self, ok=OK)
        buttons.addButton(reset, QDialogButtonBox.ButtonRole.ResetRole)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.editor)
        layout.addWidget(buttons)

    def _reset(self) -> None:
        from rcdesk.services.charter.checks import DEFAULT_JARGON

        self.editor.setPlainText("\n".join(DEFAULT_JARGON))

    def accept(self) -> None:
        service.set_jargon_terms(self.editor.toPlainText().splitlines())
        super().accept()



class PeriodDialog(QDialog):
    """The period of the compliance report (the last 12 months by default)."""

    def __init__(self, parent=None):
        from rcdesk.services.charter.compliance import resolve_period

        super().__init__(parent)
        self.setWindowTitle(self.tr("Période du rapport de conformité"))
        default = resolve_period(None)
        self.start, self.end = date_edit(default.start), date_edit(default.end)
        self.error = ErrorLine()
        form = QFormLayout()
        form.addRow(self.tr("&Du :"), self.start)
        form.addRow(self.tr("&Au :"), self.end)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self, self.tr("Continuer"), OK))

    def period(self):
        from rcdesk.core.periods import Period

        return Period(from_qdate(self.start.date()), from_qdate(self.end.date()))

    def accept(self) -> None:
        period = self.period()
        if period.end < period.start:
            self.error.show_error(self.tr("La fin de période précède son début."), self.end)
            return
        super().accept()
