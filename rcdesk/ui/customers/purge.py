"""The "À purger" list: prospects without contact for N years (CNIL), anonymised in bulk."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
)

from rcdesk.core.errors import ValidationError
from rcdesk.core.formatting import format_date
from rcdesk.services import customers as customers_service
from rcdesk.ui.customers import operations
from rcdesk.ui.customers.lazy_page import LazyPage
from rcdesk.ui.customers.rows_model import RowsModel
from rcdesk.ui.forms import read_only_rows


class PurgePanel(LazyPage):
    """Candidates from gdpr.purge_candidates() (no customer a complaint keeps); the delay is
    the purge_years setting. Nothing is ticked: the user chooses whom to anonymise."""

    def __init__(self, context, parent=None, service=customers_service):
        super().__init__(context, parent, service)
        self.years = QSpinBox()
        self.years.setRange(1, 10)
        self.years.setSuffix(self.tr(" an(s)"))
        self.years.setValue(service.purge_years())
        self.years.valueChanged.connect(self._years_changed)
        intro = QLabel(self.tr("Prospects sans aucun contact depuis plus de"))
        self.count = QLabel()
        self.select_all = QPushButton(self.tr("Tout &sélectionner"))
        self.select_all.clicked.connect(lambda: self._check_all(True))
        self.select_none = QPushButton(self.tr("Tout &désélectionner"))
        self.select_none.clicked.connect(lambda: self._check_all(False))
        self.anonymise_button = QPushButton(self.tr("&Anonymiser la sélection…"))
        self.anonymise_button.clicked.connect(self.anonymise_checked)
        bar = QHBoxLayout()
        bar.addWidget(intro)
        bar.addWidget(self.years)
        bar.addWidget(self.count, 1)
        bar.addWidget(self.select_all)
        bar.addWidget(self.select_none)
        bar.addWidget(self.anonymise_button)

        self.model = RowsModel([self.tr("Prospect"), self.tr("Dernier contact"),
                                self.tr("Ville")], checkable=True, parent=self)
        self.table = read_only_rows(QTableView(), self._open_current)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        note = QLabel(self.tr("La CNIL recommande de ne pas garder un prospect plus de 3 ans "
                              "après le dernier contact venant de lui. L'anonymisation efface "
                              "ses données personnelles."))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)

    def refresh(self) -> None:
        self._stale = False
        from rcdesk.services.gdpr import purge_candidates

        rows = purge_candidates(self.years.value())
        self.model.set_rows([[c.name, format_date(c.last_contact), c.city] for c in rows],
                            [c.customer_id for c in rows], checked=False)
        self.count.setText(self.tr("%n fiche(s) à purger", "", len(rows)))
        self.anonymise_button.setEnabled(bool(rows))

    def _years_changed(self, years: int) -> None:
        try:
            self._service.set_purge_years(years)
        except ValidationError as exc:
            QMessageBox.warning(self, self.tr("À purger"), exc.message)
            return
        self.refresh()

    def _check_all(self, checked: bool) -> None:
        self.model.set_all_checked(checked)

    def checked_ids(self) -> list[int]:
        return self.model.checked_ids()

    def anonymise_checked(self) -> None:
        done = operations.anonymise_customers(parent=self, customer_ids=self.checked_ids(),
                                              context=self.context, service=self._service)
        if done:
            self.refresh()

    def _open_current(self) -> None:
        customer_id = self.model.id_at(self.table.currentIndex().row())
        if customer_id is not None:
            self.open_customer.emit(customer_id)
