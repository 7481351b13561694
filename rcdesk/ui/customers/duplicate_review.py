"""The import's review step: each probable duplicate (services/customers/duplicates.py) with
the customer it may be, and what to do with the row: merge it into that customer, skip it, or
create it anyway. Nothing is decided for the user: every row starts on « Ignorer »."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from rcdesk.services.customers.duplicates import CREATE, SKIP

COLUMNS = ("Ligne", "Dans le fichier", "Peut-être déjà", "Pourquoi", "Que faire ?")


class DuplicateReviewDialog(QDialog):
    """decisions() after accept(): line -> SKIP, CREATE or the customer id to merge into."""

    def __init__(self, probable, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Doublons probables"))
        self.resize(900, 440)
        self.probable = list(probable)
        intro = QLabel(self.tr(
            "%1 ligne(s) ressemblent à un client déjà enregistré ou à une autre ligne du "
            "fichier ; elles n'ont pas été importées. Choisissez pour chacune : "
            "<b>Fusionner</b> (la fiche existante reçoit les valeurs de la ligne), "
            "<b>Ignorer</b> ou <b>Créer quand même</b>.").replace("%1", str(len(self.probable))),
            self)
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.probable), len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.choices: list[QComboBox] = []
        for row, hit in enumerate(self.probable):
            other = (self.tr("client n° %1 « %2 »").replace("%1", str(hit.customer_id))
                     .replace("%2", hit.customer_name) if hit.customer_id is not None
                     else self.tr("ligne %1 du fichier").replace("%1", str(hit.other_line)))
            for column, text in enumerate((str(hit.line), hit.row_name, other, hit.reason)):
                self.table.setItem(row, column, QTableWidgetItem(text))
            combo = QComboBox(self.table)
            combo.addItem(self.tr("Ignorer"), SKIP)
            if hit.customer_id is not None:
                combo.addItem(self.tr("Fusionner"), hit.customer_id)
            combo.addItem(self.tr("Créer quand même"), CREATE)
            self.table.setCellWidget(row, 4, combo)
            self.choices.append(combo)
        buttons = QDialogButtonBox(self)
        self.apply_button = buttons.addButton(self.tr("&Appliquer"),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("&Plus tard"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        if self.choices:
            self.choices[0].setFocus()

    def choose(self, line: int, decision) -> None:
        """Set a row's choice (tests, keyboard-less callers)."""
        for hit, combo in zip(self.probable, self.choices):
            if hit.line == line:
                combo.setCurrentIndex(combo.findData(decision))

    def decisions(self) -> dict[int, object]:
        return {hit.line: combo.currentData() for hit, combo in zip(self.probable, self.choices)}
