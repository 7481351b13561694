"""The charter page: typing commitments and readings, advice shown, order, PDFs."""

from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt

from rcdesk.services.charter.commitments import (
    CommitmentInput,
    ReadingInput,
    add_commitment,
    add_reading,
    list_commitments,
    list_readings,
)
from rcdesk.ui.charter.dialogs import CommitmentDialog
from rcdesk.ui.charter.panel import COL_STATE, COL_WARN, CharterPanel
from rcdesk.ui.context import AppContext


@pytest.fixture
def panel(qtbot, sqlite_database):
    widget = CharterPanel(AppContext(sqlite_database.target))
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    return widget


def test_dialog_saves_a_typed_commitment(qtbot, sqlite_database):
    dialog = CommitmentDialog(None, None, 5, jargon=["meilleur"])
    qtbot.addWidget(dialog)
    dialog.show()
    # QTest types ASCII only: accented text is set, plain text is typed
    dialog.wording.setText("Nous répondons à toute réclamation sous 5 jours ouvrés.")
    dialog.indicator.setText("Réponses dans le délai")
    qtbot.keyClicks(dialog.target, "95")
    dialog.unit.setCurrentIndex(dialog.unit.findData("%"))
    qtbot.keyClicks(dialog.owner, "Service client")
    assert dialog.advice.text() == ""
    qtbot.keyClick(dialog.owner, Qt.Key.Key_Return)
    [saved] = list_commitments()
    assert saved.wording == "Nous répondons à toute réclamation sous 5 jours ouvrés."
    assert (saved.target_value, saved.target_unit, saved.comparison) == (95.0, "%", "min")
    assert dialog.result() == CommitmentDialog.DialogCode.Accepted


def test_dialog_refuses_bad_target_keeps_typing_and_shows_live_advice(qtbot, sqlite_database):
    dialog = CommitmentDialog(None, None, 5, jargon=["meilleur"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.wording, "Le meilleur accueil")
    assert "« meilleur »" in dialog.advice.text() and "pas mesurable" in dialog.advice.text()
    qtbot.keyClicks(dialog.target, "beaucoup")
    dialog.unit.setCurrentIndex(dialog.unit.findData("%"))
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert "« beaucoup » n'est pas un nombre" in dialog.error.text()
    assert dialog.isVisible() and dialog.target.text() == "beaucoup"
    assert list_commitments() == []
    dialog.wording.clear()
    dialog.target.clear()
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert "obligatoire" in dialog.error.text() and list_commitments() == []


def test_panel_shows_advice_last_value_and_records_readings(qtbot, panel):
    wait = add_commitment(CommitmentInput("Attente de 5 minutes au plus.", "Attente", "5",
                                          "minutes"))
    add_commitment(CommitmentInput("Le meilleur accueil", ""))
    add_reading(wait.id, ReadingInput(date(2026, 9, 1), date(2026, 9, 30), "6"))
    panel.refresh()
    assert panel.table.rowCount() == 2
    assert panel.table.item(0, COL_STATE).text() == "Non respecté"
    warn = panel.table.item(1, COL_WARN)
    assert warn.text() == "3" and "« meilleur »" in warn.toolTip()
    panel.table.selectRow(1)
    assert panel.advice_list.count() == 3
    assert panel.advice_list.item(0).text().startswith("Conseil n°4 — Ni chiffre ni délai")

    panel.table.selectRow(0)
    panel.readings_box.start.setDate(QDate(2026, 10, 31))
    panel.readings_box.end.setDate(QDate(2026, 10, 1))
    qtbot.keyClicks(panel.readings_box.value, "4,5")
    panel.readings_box.add_button.click()
    assert "précède son début" in panel.readings_box.error.text()
    assert len(list_readings(wait.id)) == 1 and panel.readings_box.value.text() == "4,5"
    panel.readings_box.start.setDate(QDate(2026, 10, 1))
    panel.readings_box.end.setDate(QDate(2026, 10, 31))
    qtbot.keyClick(panel.readings_box.value, Qt.Key.Key_Return)
    assert [r.value for r in list_readings(wait.id)] == [4.5, 6.0]
    assert panel.table.item(0, COL_STATE).text() == "Respecté"
    table = panel.readings_box.table
    assert table.rowCount() == 2 and table.item(0, 0).text() == "octobre 2026"
    table.selectRow(1)
    panel.readings_box.delete_button.click()
    assert [r.value for r in list_readings(wait.id)] == [4.5]
    assert panel.table.item(0, COL_STATE).text() == "Respecté"


def test_panel_reorders_deletes_and_warns_past_ten(qtbot, panel):
    for n in range(1, 12):
        add_commitment(CommitmentInput(f"Engagement {n} sous 2 jours.", "Délai"))
    panel.refresh()
    assert panel.charter_advice.isVisibleTo(panel)
    assert panel.charter_advice.text().startswith("⚠ 11 engagements")
    panel.table.selectRow(0)
    panel.down_button.click()
    assert [c.wording[:12] for c in list_commitments()][:2] == ["Engagement 2", "Engagement 1"]
    assert panel.selected().wording.startswith("Engagement 1")
    panel.delete_commitment(confirm=False)
    assert len(list_commitments()) == 10
    assert not panel.charter_advice.isVisibleTo(panel)
    assert [c.position for c in list_commitments()] == list(range(1, 11))


def test_panel_writes_poster_and_compliance_pdfs(qtbot, panel, tmp_path):
    add_commitment(CommitmentInput("Nous rappelons chaque client sous 24 heures.", "Rappels",
                                   "24", "heures"))
    panel.refresh()
    poster = panel.export_poster(tmp_path / "affiche.pdf")
    assert "sous 24 heures" in PdfReader(str(poster)).pages[0].extract_text()
    report = panel.export_compliance(tmp_path / "conformite.pdf")
    assert "Conformité de la charte" in PdfReader(str(report)).pages[0].extract_text()


def test_computed_commitment_shows_months_and_refuses_entry(qtbot, panel, monkeypatch):
    from rcdesk.services.complaints.indicators import ComplaintIndicators

    monkeypatch.setattr("rcdesk.services.complaints.area.headline_indicators",
                        lambda period: ComplaintIndicators(answered_in_time_pct=90.0))
    add_commitment(CommitmentInput("Réponse sous 5 jours ouvrés.", "", "95", "%",
                                   source="complaints_in_time"))
    panel.refresh()
    assert panel.table.item(0, 3).text() == "Réclamations répondues sous 5 jours ouvrés (%)"
    assert panel.table.item(0, COL_STATE).text() == "Non respecté"
    box = panel.readings_box
    assert not box.add_button.isEnabled() and not box.value.isEnabled()
    assert box.table.rowCount() == 12
    assert box.table.item(0, 1).text() == "90\u00a0%"
    assert box.table.item(0, 4).text() == "calculé par rcdesk"


def test_period_dialog_refuses_end_before_start(qtbot, sqlite_database):
    from rcdesk.ui.charter.dialogs import PeriodDialog

    dialog = PeriodDialog()
    qtbot.addWidget(dialog)
    dialog.start.setDate(QDate(2026, 6, 30))
    dialog.end.setDate(QDate(2026, 1, 1))
    dialog.accept()
    assert "précède" in dialog.error.text() and dialog.result() == 0
    dialog.end.setDate(QDate(2026, 7, 31))
    dialog.accept()
    assert dialog.period().end == date(2026, 7, 31) and dialog.result() == 1


def test_empty_charter_invites_to_add_and_disables_row_actions(qtbot, panel):
    assert panel.charter_advice.isVisibleTo(panel)
    assert panel.charter_advice.text().startswith("La charte ne contient encore aucun engagement")
    assert not panel.edit_button.isEnabled() and not panel.delete_button.isEnabled()
    assert not panel.readings_box.add_button.isEnabled()
    assert panel.readings_box.start.date().day() == 1


def test_jargon_list_edited_then_reset(qtbot, panel):
    from rcdesk.services.charter.checks import DEFAULT_JARGON
    from rcdesk.services.charter.commitments import jargon_terms
    from rcdesk.ui.charter.dialogs import JargonDialog

    add_commitment(CommitmentInput("Livraison express sous 2 jours.", "Délai"))
    dialog = JargonDialog(panel)
    qtbot.addWidget(dialog)
    dialog.editor.setPlainText("express\n\nExpress\nleader")
    dialog.accept()
    assert jargon_terms() == ["express", "leader"]
    panel.refresh()
    assert "« express »" in panel.table.item(0, COL_WARN).toolTip()
    dialog = JargonDialog(panel)
    qtbot.addWidget(dialog)
    dialog._reset()
    dialog.accept()
    assert jargon_terms() == list(DEFAULT_JARGON)
