"""Fidélité ▸ Programme: the terms in force, and a change from a date (the past stays)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.errors import ServiceError
from rcdesk.core.formatting import format_date, format_money
from rcdesk.core.loyalty import ROUNDINGS, parse_brackets, parse_tiers, pct
from rcdesk.services.loyalty.programme import programme_at, programme_versions, save_programme
from rcdesk.ui.forms import ErrorLine, action_button, date_edit, from_qdate

# (field, label, minimum, maximum, suffix); money fields are whole currency units here
FIELDS = (
    ("points_per_unit", "Points par unité dépensée", 1, 1000, ""),
    ("threshold_points", "Points pour un bon", 1, 100000, " points"),
    ("voucher_value_cents", "Valeur d'un bon", 1, 100000, ""),
    ("voucher_days", "Validité d'un bon", 1, 3660, " jours"),
    ("card_months", "Validité d'une carte", 1, 120, " mois"),
    ("card_price_cents", "Prix d'une carte", 0, 100000, ""),
    ("warn_days", "Avertir avant une expiration", 0, 365, " jours"),
    ("grace_days", "Délai de grâce après expiration", 0, 365, " jours"),
    ("points_months", "Validité des points", 1, 120, " mois"),
    ("referrer_points", "Points du parrain", 0, 100000, " points"),
    ("newcomer_points", "Points du filleul", 0, 100000, " points"),
)
MONEY = {"voucher_value_cents", "card_price_cents"}


class ProgrammeView(QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        form = QFormLayout()
        self.spins: dict[str, QSpinBox] = {}
        for name, label, low, high, suffix in FIELDS:
            spin = QSpinBox(self)
            spin.setObjectName(name)
            spin.setRange(low, high)
            spin.setSuffix(suffix)
            self.spins[name] = spin
            form.addRow(self.tr(label) + " :", spin)
        self.rounding = QComboBox(self)
        for key, label in ROUNDINGS.items():
            self.rounding.addItem(label, key)
        form.insertRow(1, self.tr("Arrondi des points :"), self.rounding)
        self.tiers_edit = QLineEdit(self)
        self.tiers_edit.setObjectName("programmeTiers")
        self.tiers_edit.setToolTip(self.tr("nom:achats sur 12 mois:remise %, séparés par « ; » "
                                           "— exemple : Bronze:0:0; Argent:500:3; Or:1500:5"))
        form.addRow(self.tr("Paliers (remise) :"), self.tiers_edit)
        self.rebate_period = QComboBox(self)
        self.rebate_period.addItem(self.tr("par année"), "year")
        self.rebate_period.addItem(self.tr("par trimestre"), "quarter")
        form.addRow(self.tr("Ristourne :"), self.rebate_period)
        self.rebates_edit = QLineEdit(self)
        self.rebates_edit.setObjectName("programmeRebates")
        self.rebates_edit.setToolTip(self.tr("achats de la période:taux %, séparés par « ; » — "
                                             "exemple : 1000:1; 3000:2"))
        form.addRow(self.tr("Paliers de ristourne :"), self.rebates_edit)
        self.valid_from = date_edit(date.today(), self)
        self.valid_from.setObjectName("programmeFrom")
        form.addRow(self.tr("Applicable à partir du :"), self.valid_from)
        self.tiers = QLabel(self)
        self.tiers.setWordWrap(True)
        self.history = QLabel(self)
        self.history.setWordWrap(True)
        self.error = ErrorLine(self, "programmeError")
        self.saved = QLabel(self)
        save = action_button(self.tr("&Enregistrer le programme"), self.save, self,
                             "saveProgramme")
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("<b>Paliers (remise permanente) et ristournes</b>"), self))
        right.addWidget(self.tiers)
        right.addWidget(QLabel(self.tr("<b>Versions du programme</b>"), self))
        right.addWidget(self.history)
        right.addStretch(1)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(save)
        left.addWidget(self.error)
        left.addWidget(self.saved)
        left.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)
        self.load()

    def load(self) -> None:
        p = programme_at(date.today())
        cur = self.context.company().currency
        symbol = self.context.company().currency_symbol
        for name, spin in self.spins.items():
            value = getattr(p, name)
            spin.setValue(value // 100 if name in MONEY else value)
            if name in MONEY:
                spin.setSuffix(f" {symbol}")
        self.rounding.setCurrentIndex(max(0, self.rounding.findData(p.rounding)))
        self.tiers_edit.setText("; ".join(
            f"{t.name}:{t.min_spend_cents // 100}:{t.discount_pct:g}".replace(".", ",")
            for t in p.tiers))
        self.rebate_period.setCurrentIndex(max(0, self.rebate_period.findData(p.rebate_period)))
        self.rebates_edit.setText("; ".join(
            f"{b.min_spend_cents // 100}:{b.rate_pct:g}".replace(".", ",") for b in p.brackets))
        lines = [f"{t.name} : dès {format_money(t.min_spend_cents, cur)} d'achats sur 12 mois, "
                 f"remise {pct(t.discount_pct)}" for t in p.tiers]
        word = "trimestre" if p.rebate_period == "quarter" else "année"
        lines += [f"Ristourne par {word} : dès {format_money(b.min_spend_cents, cur)}, "
                  f"{pct(b.rate_pct)}" for b in p.brackets]
        self.tiers.setText("\n".join(lines))
        versions = programme_versions()
        self.history.setText("\n".join(
            f"à partir du {format_date(v.valid_from)} : {v.points_per_unit} pt/unité, "
            f"{v.threshold_points} pts → {format_money(v.voucher_value_cents, cur)}, grâce "
            f"{v.grace_days} j" for v in versions) or self.tr("Conditions par défaut "
                                                               "(jamais modifiées)."))

    def save(self) -> None:
        values = {name: spin.value() * (100 if name in MONEY else 1)
                  for name, spin in self.spins.items()}
        values["rounding"] = self.rounding.currentData()
        values["rebate_period"] = self.rebate_period.currentData()
        when = from_qdate(self.valid_from.date())
        try:
            values["tiers"] = parse_tiers(self.tiers_edit.text())
            values["brackets"] = parse_brackets(self.rebates_edit.text())
        except ValueError as exc:
            self.error.show_error(str(exc))
            self.tiers_edit.setFocus()
            return
        try:
            save_programme(programme_at(when).with_changes(**values), when)
        except ServiceError as exc:
            self.error.show_error(str(exc))
            return
        self.error.clear_error()
        self.saved.setText(self.tr("Programme enregistré, applicable à partir du %1.")
                           .replace("%1", format_date(when)))
        self.load()
        self.context.data_changed.emit("loyalty")
