"""The possible-duplicate warning shown before a new customer is created."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)


class DuplicatesDialog(QDialog):
    """Lists the hits (name and why it looks the same); exec() returns OPEN, CREATE_ANYWAY
    or Rejected (back to the form, which keeps what was typed)."""

    OPEN = 2
    CREATE_ANYWAY = 3

    def __init__(self, hits, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Doublon possible"))
        intro = QLabel(self.tr("Ce client ressemble à une fiche existante. Ouvrez-la plutôt que "
                               "de créer un doublon, ou créez la fiche quand même."))
        intro.setWordWrap(True)
        self.list = QListWidget()
        for hit in hits:
            item = QListWidgetItem(f"{hit.name} — {hit.reason}")
            item.setData(Qt.ItemDataRole.UserRole, int(hit.customer_id))
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.done(self.OPEN))

        buttons = QDialogButtonBox()
        self.open_button = QPushButton(self.tr("&Ouvrir la fiche existante"))
        self.open_button.setDefault(True)
        self.create_button = QPushButton(self.tr("&Créer quand même"))
        self.back_button = QPushButton(self.tr("Revenir au formulaire"))
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.clicked.connect(lambda: self.done(self.OPEN))
        self.create_button.clicked.connect(lambda: self.done(self.CREATE_ANYWAY))
        self.back_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(520, 260)

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None
