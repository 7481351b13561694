"""The main window: tabs, menus, title, settings dialog, state, switching files."""

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from rcdesk.db import DatabaseOpenError
from rcdesk.services.settings import CompanyProfile, current_operator, get_company, save_company
from rcdesk.ui.main_window import MainWindow
from rcdesk.ui.settings_dialog import CompanySettingsDialog

PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


@pytest.fixture
def window(qtbot, tmp_path):
    win = MainWindow(str(tmp_path / "shop.db"), operator="sophie")
    qtbot.addWidget(win)
    return win


def test_window_has_the_six_tabs_in_order(window):
    assert window.tab_titles() == ["Clients", "Réclamations", "Satisfaction", "Fidélité",
                                   "Auto-évaluation", "Pilotage"]


def test_ctrl_digit_goes_straight_to_a_tab(window, qtbot):
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # a window shortcut fires in the active window
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Réclamations"
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Auto-évaluation"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 0
    assert window.tabs.tabToolTip(1) == "Réclamations (Ctrl+2)"


def test_file_menu_offers_the_database_actions(window):
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text().replace("&", "") for a in file_menu.actions() if not a.isSeparator()]
    assert texts == ["Nouvelle base…", "Ouvrir une base…", "Enregistrer une copie…",
                     "Restaurer une sauvegarde…", "Paramètres de l'entreprise…",
                     "Changer d'opérateur…", "Premier réglage…",
                     "Ouvrir la base de démonstration", "Quitter"]
    help_menu = window.menuBar().actions()[1].menu()
    assert help_menu.actions()[0].text().replace("&", "") == "À propos de rcdesk"


def test_title_shows_company_and_file(window):
    assert window.windowTitle() == "Entreprise sans nom — shop.db — rcdesk"
    save_company(CompanyProfile(name="Boulangerie Durand"))
    window.context.company_changed.emit()
    assert window.windowTitle() == "Boulangerie Durand — shop.db — rcdesk"


def test_each_tab_is_built_when_first_shown(window):
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        page = window.tabs.widget(index)
        assert page.content is not None
        assert page.content.context is window.context


def test_settings_dialog_saves_and_reloads(qtbot, window, tmp_path):
    dialog = CompanySettingsDialog(get_company(), window)
    qtbot.addWidget(dialog)
    dialog.name.setText("Épicerie Benali")
    dialog.country.setCurrentIndex(dialog.country.findData("MA"))
    assert dialog.currency.currentData() == "MAD"
    assert dialog.legal_id_label.text() == "ICE"
    dialog.legal_id.setText("001525487000088")
    dialog.phone.setText("0522 12 34 56")
    dialog.email.setText("contact@benali.ma")
    dialog.deadline.setValue(3)
    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG_1PX)
    assert dialog.set_logo_file(str(logo))
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = get_company()
    assert (saved.name, saved.country, saved.currency, saved.legal_id, saved.phone,
            saved.complaint_deadline_days, saved.logo) == (
        "Épicerie Benali", "MA", "MAD", "001525487000088", "+212522123456", 3, PNG_1PX)
    reopened = CompanySettingsDialog(get_company(), window)
    qtbot.addWidget(reopened)
    assert reopened.name.text() == "Épicerie Benali"
    assert reopened.phone.text() == "05 22 12 34 56"
    assert reopened.deadline.value() == 3
    assert reopened.currency.currentData() == "MAD"


def test_settings_dialog_over_another_counters_save_reloads_what_is_stored(
        qtbot, window, monkeypatch):
    from rcdesk.ui import forms

    save_company(CompanyProfile(name="Maison Lambert", country="MA", currency="MAD"))
    dialog = CompanySettingsDialog(get_company(), window)  # PC 1 opens the profile
    qtbot.addWidget(dialog)
    save_company(get_company().with_changes(phone="0522 12 34 56", complaint_deadline_days=3))
    asked = []
    monkeypatch.setattr(forms, "ask_about_stale",
                        lambda parent, error: asked.append(str(error)) or forms.RELOAD)
    dialog.city.setText("Casablanca")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert asked == ["Le profil de l'entreprise a été modifié sur un autre poste depuis que "
                     "vous l'avez ouvert : Téléphone (vide → 05 22 12 34 56), Délai de réponse "
                     "aux réclamations (5 jours ouvrés → 3 jours ouvrés). Rechargez la fiche, "
                     "ou enregistrez quand même pour remplacer ces changements."]
    assert (dialog.phone.text(), dialog.deadline.value(), dialog.city.text()) == (
        "05 22 12 34 56", 3, "")
    assert (dialog.country.currentData(), dialog.currency.currentData()) == ("MA", "MAD")
    dialog.city.setText("Casablanca")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = get_company()
    assert (saved.phone, saved.complaint_deadline_days, saved.city) == (
        "+212522123456", 3, "Casablanca")


def test_settings_dialog_shows_error_by_the_field_and_keeps_text(qtbot, window):
    dialog = CompanySettingsDialog(get_company(), window)
    qtbot.addWidget(dialog)
    dialog.name.setText("Maison Lambert")
    dialog.legal_id.setText("12345678901234")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "SIRET" in dialog.error_text("legal_id")
    assert dialog.legal_id.text() == "12345678901234"
    assert dialog.name.text() == "Maison Lambert"
    assert get_company().name == ""


def test_settings_dialog_refuses_a_file_that_is_not_an_image(qtbot, window, tmp_path):
    dialog = CompanySettingsDialog(get_company(), window)
    qtbot.addWidget(dialog)
    fake = tmp_path / "logo.png"
    fake.write_text("pas une image")
    assert not dialog.set_logo_file(str(fake))
    assert "PNG" in dialog.error_text("logo")


def test_geometry_and_last_tab_are_restored(qtbot, tmp_path):
    first = MainWindow(str(tmp_path / "a.db"))
    qtbot.addWidget(first)
    first.resize(720, 520)
    first.tabs.setCurrentIndex(3)
    first.close()
    second = MainWindow(str(tmp_path / "a.db"))
    qtbot.addWidget(second)
    assert second.tabs.currentIndex() == 3
    assert (second.width(), second.height()) == (720, 520)


def test_operator_defaults_to_login_and_can_change(window):
    assert current_operator() == "sophie"
    window.set_operator("karim")
    assert current_operator() == "karim"
    assert window.operator_label.text() == "Opérateur : karim"
    assert QSettings().value("operator/last") == "karim"


def test_operator_dialog_by_keyboard_sets_login_and_display_name(window, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from rcdesk.services.settings import operator_name
    from rcdesk.ui.operator_dialog import OperatorDialog

    seen = {}

    def type_in_dialog():
        # records only: an assert failing here would leave the dialog open and hang the run
        dialog = QApplication.activeModalWidget()
        seen["dialog"] = isinstance(dialog, OperatorDialog)
        try:
            seen["focus"] = dialog.focusWidget() in (dialog.login, dialog.login.lineEdit())
            qtbot.keyClicks(dialog.display, "Julie Moreau")
            qtbot.keyClicks(dialog.login.lineEdit(), "julie.moreau")  # replaces the selection
            seen["name kept"] = dialog.display.text()
            qtbot.keyClick(dialog.login.lineEdit(), Qt.Key.Key_Tab)
            seen["tab"] = dialog.focusWidget() is dialog.display
            qtbot.keyClick(dialog.display, Qt.Key.Key_Return)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, type_in_dialog)
    assert window.change_operator() is True
    assert seen == {"dialog": True, "focus": True, "name kept": "Julie Moreau", "tab": True}
    assert current_operator() == "julie.moreau"
    assert operator_name("julie.moreau") == "Julie Moreau"
    assert window.operator_label.text() == "Opérateur : Julie Moreau (julie.moreau)"
    assert QSettings().value("operator/last") == "julie.moreau"


def test_operator_dialog_escape_changes_nothing(window, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def escape():
        dialog = QApplication.activeModalWidget()
        try:
            qtbot.keyClicks(dialog.login.lineEdit(), "quelqu'un")
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        finally:
            if dialog.isVisible():
                dialog.done(2)  # neither accepted nor rejected: the assert below fails

    QTimer.singleShot(0, escape)
    assert window.change_operator() is False
    assert current_operator() == "sophie"


def test_switching_to_a_bad_file_keeps_the_current_database(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    save_company(CompanyProfile(name="Reste ouverte"))
    bad = tmp_path / "notes.db"
    bad.write_text("ceci est un texte")
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: shown.append(a[2]))
    assert not window.switch_database(str(bad))
    assert "n'est pas au format SQLite" in shown[0]
    assert get_company().name == "Reste ouverte"
    assert bad.read_text() == "ceci est un texte"


def test_switching_to_another_file_opens_it(window, tmp_path):
    other = str(tmp_path / "other.db")
    assert window.switch_database(other)
    assert window.windowTitle().endswith("other.db — rcdesk")
    assert Path(other).exists()


def test_opening_a_missing_folder_raises_a_french_error(qtbot, tmp_path):
    with pytest.raises(DatabaseOpenError, match="n'existe pas"):
        MainWindow(str(tmp_path / "absent" / "x.db"))


def test_unexpected_exception_is_logged_and_shown(window, monkeypatch, isolated_data_dir):
    from rcdesk.ui import app

    shown = []
    monkeypatch.setattr(app, "show_unexpected_error", lambda parent, exc, text: shown.append(exc))
    app.setup_logging()
    app.install_exception_hook(lambda: window)
    import sys

    customer = "".join(["Mme Du", "pont 06 12 34 56 78"])  # data, not source text
    try:
        raise RuntimeError(f"boum chez {customer}")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    for handler in app.log.handlers:
        handler.flush()
    assert str(shown[0]) == "boum chez Mme Dupont 06 12 34 56 78"  # the user sees it all
    logged = (isolated_data_dir / "rcdesk.log").read_text(encoding="utf-8")
    assert "builtins.RuntimeError" in logged and "test_main_window.py" in logged
    assert "Dupont" not in logged and "06 12" not in logged  # the log holds no personal data
    sys.excepthook = sys.__excepthook__


def test_settings_dialog_by_keyboard_alone(qtbot, window):
    from PySide6.QtCore import Qt

    dialog = CompanySettingsDialog(get_company(), window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.name
    qtbot.keyClicks(dialog.name, "Cafe du Port")  # QTest types ASCII only
    qtbot.keyClick(dialog.name, Qt.Key.Key_Tab)  # -> pays
    assert dialog.focusWidget() is dialog.country
    qtbot.keyClick(dialog.country, Qt.Key.Key_Tab)  # -> SIRET
    qtbot.keyClicks(dialog.focusWidget(), "73282932000074")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert (get_company().name, get_company().legal_id) == ("Cafe du Port", "73282932000074")


def test_escape_cancels_the_settings_dialog_without_saving(qtbot, window):
    from PySide6.QtCore import Qt

    dialog = CompanySettingsDialog(get_company(), window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Ne pas garder")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == dialog.DialogCode.Rejected
    assert get_company().name == ""
