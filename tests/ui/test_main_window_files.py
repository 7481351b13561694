"""The window and database files: it asks before creating a missing one, and opens a read-only
one read-only, says so, and refuses its writes in French."""

import hashlib
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from rcdesk.core.errors import ReadOnlyDatabaseError
from rcdesk.db import MissingDatabaseError, close_database, open_database
from rcdesk.services import customers
from rcdesk.services.settings import CompanyProfile, current_operator, list_operators, save_company
from rcdesk.ui.main_window import TABS, MainWindow


def folder_state(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def shop_file(path, name="Boulangerie Durand"):
    path.parent.mkdir(parents=True, exist_ok=True)
    open_database(path)
    save_company(CompanyProfile(name=name))
    customer = customers.create_customer(customers.CustomerData(last_name="Martin"))
    close_database()
    return customer


def test_window_asks_before_creating_a_missing_file_and_creates_nothing_on_no(
        qtbot, tmp_path, message_boxes):
    missing = tmp_path / "boutque.db"
    with pytest.raises(MissingDatabaseError):
        MainWindow(str(missing), ask_before_creating=True)
    assert message_boxes == [("question", f"Le fichier « {missing} » n'existe pas.\n\nCréer une "
                              "nouvelle base rcdesk, vide, à cet endroit ?\n(Non : rien n'est "
                              "créé ; vérifiez le chemin donné par --db ou RCDESK_DB.)")]
    assert not missing.exists()


def test_window_creates_the_file_when_the_user_says_yes(qtbot, tmp_path, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2])
                        or QMessageBox.StandardButton.Yes)
    path = tmp_path / "nouvelle.db"
    window = MainWindow(str(path), ask_before_creating=True)
    qtbot.addWidget(window)
    assert len(asked) == 1 and path.exists()
    assert window.windowTitle() == "Entreprise sans nom — nouvelle.db — rcdesk"


def test_an_existing_file_opens_without_a_question(qtbot, tmp_path, message_boxes):
    shop_file(tmp_path / "shop.db")
    window = MainWindow(str(tmp_path / "shop.db"), ask_before_creating=True)
    qtbot.addWidget(window)
    assert message_boxes == []


def test_run_gui_on_a_mistyped_db_exits_2_without_creating_it(tmp_path, message_boxes, capsys):
    from rcdesk.ui.app import run_gui

    missing = tmp_path / "boutque.db"
    assert run_gui(str(missing)) == 2
    assert [kind for kind, _ in message_boxes] == ["question"]
    assert capsys.readouterr().err == f"Le fichier « {missing} » n'existe pas.\n"
    assert not missing.exists()


def test_read_only_file_opens_read_only_says_so_and_refuses_writes(
        qtbot, tmp_path, read_only, message_boxes, monkeypatch):
    folder = tmp_path / "archives"
    path = folder / "boutique.db"
    customer = shop_file(path)
    read_only(path)
    before = folder_state(folder)

    window = MainWindow(str(path), operator="visiteur")
    qtbot.addWidget(window)
    reason = f"le fichier « {path} » n'est pas modifiable"
    assert message_boxes[0][0] == "information"
    assert message_boxes[0][1].startswith(f"Cette base est en lecture seule : {reason}.\n")
    assert window.windowTitle() == "Boulangerie Durand — boutique.db (lecture seule) — rcdesk"
    assert window.read_only_label.isVisibleTo(window)
    assert window.read_only_label.toolTip() == reason
    assert not window.action_settings.isEnabled() and not window.action_operator.isEnabled()
    assert current_operator() == "visiteur" and "visiteur" not in list_operators()
    for line in TABS:  # every tab shows a read-only database without writing to it
        window.tab(line.key)

    from rcdesk.ui.customers import operations

    monkeypatch.setattr(operations, "confirm", lambda *args, **kwargs: True)
    assert operations.delete_customer(parent=window, customer_id=customer) is False
    assert message_boxes[-1] == ("warning", f"Cette base est en lecture seule : {reason}. "
                                 "La modification n'a pas été enregistrée.")
    assert customers.count_customers(customers.CustomerQuery()) == 1

    window.close()
    assert folder_state(folder) == before


def test_a_refusal_no_dialog_caught_is_shown_as_a_warning_not_an_error(
        qtbot, tmp_path, message_boxes, isolated_data_dir):
    from rcdesk.ui import app

    window = MainWindow(str(tmp_path / "shop.db"))
    qtbot.addWidget(window)
    app.setup_logging()
    app.install_exception_hook(lambda: window)
    try:
        raise ReadOnlyDatabaseError("le dossier « /archives » est en lecture seule")
    except ReadOnlyDatabaseError:
        sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = sys.__excepthook__
    assert message_boxes == [("warning", "Cette base est en lecture seule : le dossier "
                              "« /archives » est en lecture seule. La modification n'a pas été "
                              "enregistrée.")]
    assert not (isolated_data_dir / "rcdesk.log").exists()


def test_switching_to_a_read_only_file_says_so(qtbot, tmp_path, read_only, message_boxes):
    window = MainWindow(str(tmp_path / "shop.db"))
    qtbot.addWidget(window)
    assert window.action_settings.isEnabled() and not window.read_only_label.isVisibleTo(window)
    other = tmp_path / "archives" / "ancienne.db"
    shop_file(other, name="Archives")
    open_database(tmp_path / "shop.db")
    read_only(other.parent)
    assert window.switch_database(str(other))
    assert message_boxes[-1][1].startswith(
        f"Cette base est en lecture seule : le dossier « {other.parent} » est en lecture seule.")
    assert not window.action_settings.isEnabled()
    assert window.switch_database(str(tmp_path / "shop.db"))
    assert window.action_settings.isEnabled() and not window.read_only_label.isVisibleTo(window)
