"""A new base: the short set-up (company, country, SIRET/ICE, signature), skippable, reopened
from Fichier; a base with a company name is left alone."""

from __future__ import annotations

import pytest

from rcdesk.services.settings import (
    CompanyProfile,
    get_company,
    letter_signer,
    save_company,
    set_current_operator,
)
from rcdesk.ui.first_run import FirstRunDialog
from rcdesk.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path):
    w = MainWindow(str(tmp_path / "nouvelle.db"), operator="caisse1")
    qtbot.addWidget(w)
    w.show()
    return w


def test_new_base_opens_the_set_up_and_saves_company_country_and_signature(qtbot, window):
    dialog = window.offer_first_run()
    assert isinstance(dialog, FirstRunDialog) and dialog.isVisible()
    assert dialog.focusWidget() is dialog.name
    assert dialog.currency.parentWidget().isHidden()  # the currency follows the country
    dialog.name.setText("Épicerie Benali")
    dialog.country.setCurrentIndex(dialog.country.findData("MA"))
    assert dialog.legal_id_label.text() == "ICE"
    dialog.legal_id.setText("001525487000088")
    dialog.address.setPlainText("12 rue Talaa")
    dialog.city.setText("Fès")
    dialog.phone.setText("0522 12 34 56")
    dialog.email.setText("contact@benali.ma")
    dialog.signer.setText("Karima Benali")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = get_company()
    assert (saved.name, saved.country, saved.currency, saved.legal_id, saved.city) == (
        "Épicerie Benali", "MA", "MAD", "001525487000088", "Fès")
    assert letter_signer("caisse1") == "Karima Benali"
    assert window.windowTitle().startswith("Épicerie Benali — ")
    assert window.operator_label.text() == "Opérateur : Karima Benali (caisse1)"
    assert window.offer_first_run() is None  # done: not asked again


def test_a_wrong_siret_is_refused_under_its_field_and_nothing_is_saved(qtbot, window):
    dialog = window.offer_first_run()
    dialog.name.setText("Boulangerie Durand")
    dialog.legal_id.setText("732 829 320 00075")  # wrong Luhn key
    dialog.accept()
    assert dialog.isVisible()
    assert "SIRET" in dialog.error_text("legal_id")
    assert get_company().name == ""



def test_a_too_long_signature_is_refused_before_the_company_is_saved(qtbot, window):
    dialog = window.offer_first_run()
    dialog.name.setText("Boulangerie Durand")
    dialog.signer.setMaxLength(1000)  # the service's own limit, should the field's ever differ
    dialog.signer.setText("S" * 101)
    dialog.accept()
    assert dialog.isVisible()
    assert "100 caractères" in dialog.error_text("display_name")
    assert get_company().name == ""  # nothing half-saved

def test_set_up_can_be_skipped_and_reopened_from_fichier(qtbot, window):
    dialog = window.offer_first_run()
    dialog.reject()  # « Plus tard »
    assert get_company().name == ""
    assert window.windowTitle().startswith("Entreprise sans nom")
    window.action_first_run.trigger()
    again = window.findChildren(FirstRunDialog)[-1]
    assert again.isVisible() and again is not dialog
    again.name.setText("Café du Port")
    again.accept()
    assert get_company().name == "Café du Port"
    assert letter_signer("caisse1") == ""  # no name given: letters sign with the company


def test_a_base_with_a_company_is_not_asked(qtbot, tmp_path):
    from rcdesk.db import open_database

    path = tmp_path / "boutique.db"
    open_database(path)
    save_company(CompanyProfile(name="Maison Lambert"))
    set_current_operator("sophie")
    w = MainWindow(str(path), operator="sophie")
    qtbot.addWidget(w)
    assert w.offer_first_run() is None
    assert w.findChildren(FirstRunDialog) == []


def test_ctrl_return_saves_the_set_up_from_the_address_box(qtbot, window):
    from PySide6.QtCore import Qt

    dialog = window.offer_first_run()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.name, "Riad Zitoun")
    dialog.address.setFocus()
    qtbot.keyClicks(dialog.address, "Derb Zitoun 12")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.address, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert (get_company().name, get_company().address) == ("Riad Zitoun", "Derb Zitoun 12")
