"""The window's copies: « Enregistrer une copie… » in Documents with a dated name, the daily copy
on closing, Fichier ▸ Restaurer une sauvegarde… (list, confirmation, current base kept aside)."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox

from rcdesk.models.customers import Customer
from rcdesk.services.backups import backup_folder, backup_now
from rcdesk.services.customers.records import CustomerData, create_customer
from rcdesk.ui.backups_dialog import RestoreDialog
from rcdesk.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path):
    win = MainWindow(str(tmp_path / "boutique.db"), operator="sophie")
    qtbot.addWidget(win)
    return win


def test_save_copy_proposes_documents_and_a_dated_name_then_confirms(window, monkeypatch,
                                                                     tmp_path, message_boxes):
    proposed = []
    dest = tmp_path / "copie"

    def ask(parent, title, start, filters):
        proposed.append(start)
        return str(dest), filters
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(ask))
    window.save_copy()
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert proposed == [str(Path(documents) / f"boutique-{date.today().isoformat()}.db")]
    assert (tmp_path / "copie.db").exists()  # ".db" added to a name typed without it
    assert message_boxes[-1][0] == "information"
    assert str(tmp_path / "copie.db") in message_boxes[-1][1]


def test_closing_the_window_makes_the_days_copy_once(window, isolated_data_dir):
    create_customer(CustomerData(last_name="Fermeture"))
    window.close()
    copies = list((isolated_data_dir / "sauvegardes").glob("boutique-*.db"))
    assert [p.name for p in copies] == [f"boutique-{date.today().isoformat()}.db"]
    con = sqlite3.connect(copies[0])
    assert con.execute("SELECT last_name FROM customer").fetchall() == [("Fermeture",)]
    con.close()


def test_restore_lists_copies_and_brings_one_back(window, monkeypatch, tmp_path, message_boxes):
    create_customer(CustomerData(last_name="Ancien"))
    backup_now(today=date(2026, 3, 1))
    create_customer(CustomerData(last_name="Récent"))
    backup_now(today=date(2026, 3, 2))
    create_customer(CustomerData(last_name="Ce matin"))
    dialog_seen = {}

    def run(dialog):
        dialog_seen["rows"] = [dialog.table.item(r, 0).text() + " " + dialog.table.item(r, 2).text()
                               for r in range(dialog.table.rowCount())]
        dialog.table.selectRow(1)
        dialog.accept()
        return 1
    monkeypatch.setattr(RestoreDialog, "exec", run)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda *a, **k: message_boxes.append(("question", a[2])) or QMessageBox.StandardButton.Yes))
    window.restore_backup()
    assert dialog_seen["rows"] == ["02/03/2026 2 clients, 0 réclamation, 0 achat",
                                   "01/03/2026 1 client, 0 réclamation, 0 achat"]
    question = [text for kind, text in message_boxes if kind == "question"][0]
    assert "sauvegarde du 01/03/2026 (1 client" in question
    assert [c.last_name for c in Customer.select()] == ["Ancien"]
    aside = list(tmp_path.glob("boutique.avant-restauration-*.db"))
    assert len(aside) == 1
    assert message_boxes[-1][0] == "information" and str(aside[0]) in message_boxes[-1][1]
    window.tab("customers")  # the window works on the restored base


def test_restore_answered_no_changes_nothing(window, monkeypatch, tmp_path):
    create_customer(CustomerData(last_name="Reste"))
    backup_now(today=date(2026, 3, 1))
    create_customer(CustomerData(last_name="Aussi"))

    def run(dialog):
        dialog.accept()
        return 1
    monkeypatch.setattr(RestoreDialog, "exec", run)
    window.restore_backup()  # the fixture answers the question with No
    assert Customer.select().count() == 2
    assert list(tmp_path.glob("*avant-restauration*")) == []


def test_restore_dialog_screenshot_at_1366x768(window, qtbot, tmp_path):
    for n, name in enumerate(("Martin", "Benali", "Moreau")):
        create_customer(CustomerData(last_name=name))
        backup_now(today=date(2026, 11, 20 + n))
    (backup_folder() / "boutique-2026-11-19.db").write_bytes(b"abime")
    window.resize(1366, 768)
    window.show()
    dialog = RestoreDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.width() <= 1366 and dialog.height() <= 768
    assert dialog.table.rowCount() == 4
    assert not dialog.restore_button.isEnabled() or dialog.table.currentRow() == 0
    dialog.table.selectRow(3)  # the damaged copy cannot be restored
    assert not dialog.restore_button.isEnabled()
    dialog.table.selectRow(0)
    assert dialog.restore_button.isEnabled()
    assert dialog.grab().save(str(tmp_path / "restore-backup.png"))
