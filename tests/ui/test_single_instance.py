"""A second rcdesk on the same file is refused with a clear message."""

import subprocess
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from rcdesk.ui import app, single_instance

HOLD_LOCK = """
import sys, time
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
assert lock.tryLock(1000)
print("locked", flush=True)
time.sleep(30)
"""


def test_second_instance_on_the_same_file_is_refused(qapp, tmp_path, monkeypatch, capsys):
    target = str(tmp_path / "shop.db")
    lock_path = single_instance.lock_path_for(target)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(lock_path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        shown = []
        monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
        status = app.run_gui(target)
        assert status == 2
        assert "déjà ouverte dans une autre fenêtre" in shown[0]
        assert target in shown[0]
        assert "déjà ouverte" in capsys.readouterr().err
    finally:
        holder.kill()
        holder.wait()


def test_lock_lives_in_the_data_dir_not_beside_the_file(tmp_path, isolated_data_dir):
    target = tmp_path / "shop.db"
    lock = single_instance.lock_path_for(str(target))
    assert lock.parent == isolated_data_dir / "locks"
    assert single_instance.lock_path_for(str(tmp_path / "." / "shop.db")) == lock


def test_window_refuses_to_switch_to_a_file_another_window_holds(qtbot, tmp_path, monkeypatch):
    from rcdesk.ui.main_window import MainWindow

    held = str(tmp_path / "held.db")
    lock = single_instance.lock_database(held)
    try:
        with pytest.raises(single_instance.AlreadyOpen, match="déjà ouverte"):
            single_instance.lock_database(held)
        window = MainWindow(str(tmp_path / "shop.db"), operator="sophie")
        qtbot.addWidget(window)
        shown = []
        monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
        assert not window.switch_database(held)
        assert held in shown[0]
        assert window.target == str(tmp_path / "shop.db")
    finally:
        lock.unlock()
    assert window.switch_database(held)  # free again


def test_a_server_url_takes_no_lock():
    assert single_instance.lock_database("postgresql://rcdesk@db.local/boutique") is None
