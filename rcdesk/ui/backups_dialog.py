"""Fichier ▸ Restaurer une sauvegarde…: the dated copies with what each holds; the chosen one
is returned to the window, which asks for confirmation and restores it (services/backups)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from rcdesk.core.errors import ServiceError
from rcdesk.db import read_only_reason
from rcdesk.services.backups import (
    KEEP_DAILY,
    KEEP_WEEKLY,
    BackupInfo,
    backup_folder,
    list_backups,
    set_backup_folder,
)

COLUMNS = ("Date", "Base", "Contenu", "Taille")


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} Mo".replace(".", ",")
    return f"{max(1, round(size / 1024))} Ko"


class RestoreDialog(QDialog):
    """Pick a copy to restore; chosen() is its path after accept()."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restaurer une sauvegarde"))
        self.resize(760, 420)
        self.copies: list[BackupInfo] = []
        self.folder_label = QLabel(self)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setWordWrap(True)
        self.change_folder = QPushButton(self.tr("&Changer de dossier…"), self)
        self.change_folder.setToolTip(self.tr(
            "Le dossier où rcdesk range ses copies automatiques : une clé USB ou un dossier "
            "synchronisé (OneDrive, Dropbox…) les met à l'abri d'une panne du PC."))
        self.change_folder.clicked.connect(self._choose_folder)
        self.change_folder.setEnabled(read_only_reason() is None)
        self.other_file = QPushButton(self.tr("Autre &fichier…"), self)
        self.other_file.clicked.connect(self._choose_file)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.accept())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.hint = QLabel(self.tr(
            "rcdesk enregistre une copie à la fermeture de la fenêtre, une fois par jour, et "
            "garde les %1 derniers jours et %2 semaines. Restaurer remplace la base ouverte "
            "par la copie choisie ; la base actuelle est d'abord gardée à côté d'elle.")
            .replace("%1", str(KEEP_DAILY)).replace("%2", str(KEEP_WEEKLY)), self)
        self.hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.restore_button = self.buttons.addButton(
            self.tr("&Restaurer…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Fermer"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.folder_label, 1)
        top.addWidget(self.change_folder)
        top.addWidget(self.other_file)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self._chosen: Path | None = None
        self.reload()
        self.table.setFocus()

    def reload(self) -> None:
        folder = backup_folder()
        self.folder_label.setText(self.tr("Dossier des sauvegardes : %1").replace("%1", str(folder)))
        self.copies = list_backups(folder)
        self.table.setRowCount(len(self.copies))
        for row, info in enumerate(self.copies):
            cells = (info.day.strftime("%d/%m/%Y"), info.base, info.summary(), _size(info.size))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(info.path))
                if info.problem:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(row, column, item)
        if self.copies:
            self.table.selectRow(0)
        self._selection_changed()

    def _selection_changed(self) -> None:
        info = self._selected()
        self.restore_button.setEnabled(info is not None and info.problem is None)

    def _selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.copies[rows[0].row()] if rows else None

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Dossier des sauvegardes"),
                                                  str(backup_folder()))
        if not folder:
            return
        try:
            set_backup_folder(folder)
        except ServiceError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        self.reload()

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choisir une sauvegarde"),
                                              str(backup_folder()),
                                              self.tr("Bases rcdesk (*.db);;Tous les fichiers (*)"))
        if path:
            self._chosen = Path(path)
            super().accept()

    def accept(self) -> None:
        info = self._selected()
        if info is None or info.problem:
            return
        self._chosen = info.path
        super().accept()

    def chosen(self) -> Path | None:
        return self._chosen
