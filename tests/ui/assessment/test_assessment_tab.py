"""The Auto-évaluation tab driven through qtbot: live radar and level, saving, history, PDF."""

from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from rcdesk.services import assessment as service
from rcdesk.services.assessment import AssessmentInput, save_assessment
from rcdesk.services.settings import CompanyProfile, save_company
from rcdesk.ui.assessment import operations
from rcdesk.ui.assessment.tab import AssessmentTab
from rcdesk.ui.context import AppContext


@pytest.fixture
def tab(qtbot, sqlite_database):
    save_company(CompanyProfile(name="Maison Lambert"))
    widget = AssessmentTab(AppContext(sqlite_database.target))
    qtbot.addWidget(widget)
    widget.resize(1300, 850)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    return widget


def type_scores(qtbot, page, scores):
    for spin, value in zip(page.scores.spins, scores):
        spin.setFocus()
        spin.selectAll()
        qtbot.keyClicks(spin, str(value))


def test_typed_scores_show_average_level_and_radar_live_then_save(qtbot, tab):
    page = tab.maturity
    assert page.history.count() == 0
    assert "0 thème(s) noté(s)" in page.average_label.text()
    type_scores(qtbot, page, [7, 5, 6, 8, 4, 6, 7, 5])
    assert page.average_label.text() == "Moyenne : 6,0 / 10"
    assert page.level_label.text() == "Relation Client à consolider"
    assert page.level_text.text().startswith("La Relation client est présente")
    assert page.radar.scores == (7, 5, 6, 8, 4, 6, 7, 5)
    qtbot.keyClicks(page.scores.comments[0], "Pas de charte")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.status.text() == "Évaluation enregistrée."
    assert page.history.count() == 1
    view = service.get_assessment(page.current_id)
    assert view.scores == (7, 5, 6, 8, 4, 6, 7, 5)
    assert view.comments[0] == "Pas de charte"
    assert view.organisation == "Maison Lambert" and view.date == date.today()


def test_all_sevens_then_nines_change_the_level(qtbot, tab):
    page = tab.maturity
    type_scores(qtbot, page, [7] * 8)
    assert page.level_label.text() == "Relation Client maîtrisée"
    page.scores.sliders[0].setValue(9)  # the slider moves the spin box
    assert page.scores.spins[0].value() == 9
    type_scores(qtbot, page, [9] * 8)
    assert page.level_label.text() == "Excellence en Relation Client"
    assert page.average_label.text() == "Moyenne : 9,0 / 10"


def test_missing_score_is_refused_by_the_field_and_the_form_keeps_its_text(qtbot, tab):
    page = tab.maturity
    type_scores(qtbot, page, [7, 5, 6, 8, 4, 6, 7])
    qtbot.keyClicks(page.scores.comments[1], "Parcours inconnu")
    qtbot.keyClick(page.assessor, Qt.Key.Key_Return)  # Enter validates
    assert page.error.isVisible()
    assert "thème 8" in page.error.text() and "manquante" in page.error.text()
    assert page.scores.spins[7].hasFocus()
    assert page.scores.comments[1].text() == "Parcours inconnu"
    assert service.latest_assessment() is None


def test_history_shows_before_after_overlay_and_deltas(qtbot, sqlite_database, tab):
    own = service.own_organisation()
    save_assessment(AssessmentInput(organisation_id=own.id, date=date(2025, 1, 10),
                                    scores=[5, 4, 5, 6, 4, 5, 6, 3]))
    latest = save_assessment(AssessmentInput(organisation_id=own.id, date=date(2026, 1, 12),
                                             scores=[7, 6, 6, 8, 6, 7, 7, 5],
                                             swot={"strengths": "Équipe stable"}))
    page = tab.maturity
    page.reload_organisations()
    assert page.current_id == latest
    assert page.history.count() == 2
    assert page.history.item(0).text() == "12/01/2026 · 6,5 · à consolider (+1,7)"
    assert page.radar.previous == (5, 4, 5, 6, 4, 5, 6, 3)
    assert page.radar.scores == (7, 6, 6, 8, 6, 7, 7, 5)
    assert page.comparison.table.item(0, 3).text() == "+2"
    assert page.comparison.table.item(2, 3).text() == "+1"
    assert "10/01/2025" in page.comparison.summary.text()
    assert page.swot.edits["strengths"].toPlainText() == "Équipe stable"
    page.history.setCurrentRow(1)  # the older one: nothing before it
    assert page.radar.previous is None
    assert "Première évaluation" in page.comparison.summary.text()


def test_recommendations_follow_scores_and_edits_are_saved(qtbot, tab):
    page = tab.maturity
    type_scores(qtbot, page, [7, 7, 7, 7, 7, 7, 7, 4])
    assert list(page.recommendations.editors) == [8]
    assert "programme de fidélité" in page.recommendations.editors[8].toPlainText()
    page.recommendations.editors[8].setPlainText("Lancer la carte de fidélité en mars")
    page.swot.edits["threats"].setPlainText("Ventes en ligne")
    assert page.save()
    view = service.get_assessment(page.current_id)
    assert view.recommendations == {8: "Lancer la carte de fidélité en mars"}
    assert view.swot["threats"] == "Ventes en ligne"
    type_scores(qtbot, page, [7, 7, 7, 7, 7, 7, 7, 9])
    assert "Aucun thème noté sous 7" in page.recommendations.findChild(
        type(page.level_label), "noRecommendation").text()


def test_new_client_organisation_and_diagnosis_pdf(qtbot, tab, tmp_path, monkeypatch):
    page = tab.maturity
    monkeypatch.setattr(operations.QInputDialog, "getText",
                        staticmethod(lambda *a, **k: ("Boulangerie Dupont", True)))
    page.add_organisation()
    assert page.organisations.currentText() == "Boulangerie Dupont"
    assert "organisation cliente" in page.hint_note.text()
    type_scores(qtbot, page, [7, 5, 6, 8, 4, 6, 7, 5])
    target = page.export_pdf(str(tmp_path / "diag.pdf"))  # saves first, then writes
    assert target == tmp_path / "diag.pdf"
    text = " ".join(PdfReader(str(target)).pages[0].extract_text().split())
    assert "Boulangerie Dupont" in text and "Relation Client à consolider" in text
    assert service.get_assessment(page.current_id).organisation == "Boulangerie Dupont"


def test_evidence_hint_is_shown_beside_the_score(qtbot, tab):
    hint = tab.maturity.scores.hints[3]
    assert not hint.isHidden()
    assert "Enquêtes de satisfaction : aucune donnée" in hint.text()


def test_charter_page_is_built_when_first_shown(qtbot, tab):
    assert tab.pages.count() == 2
    assert tab.pages.tabText(0) == "Diagnostic de maturité"
    assert tab.pages.tabText(1) == "Charte d'engagements"
    assert tab.charter is None
    tab.pages.setCurrentIndex(1)
    assert type(tab.charter).__name__ == "CharterPanel"


def test_escape_goes_back_to_the_saved_assessment(qtbot, tab, monkeypatch):
    page = tab.maturity
    type_scores(qtbot, page, [7] * 8)
    assert page.save()
    type_scores(qtbot, page, [2, 2])
    assert page.dirty and page.level_label.text() == "Relation Client à consolider"
    monkeypatch.setattr(operations, "ask_abandon", lambda **kw: True)
    qtbot.keyClick(page.scores.spins[1], Qt.Key.Key_Escape)
    assert not page.dirty
    assert page.scores.values() == [7] * 8
    assert page.level_label.text() == "Relation Client maîtrisée"


def test_switching_organisation_with_unsaved_scores_asks_and_can_cancel(qtbot, tab, monkeypatch):
    service.create_organisation("Client A")
    page = tab.maturity
    page.reload_organisations()
    type_scores(qtbot, page, [6, 6])
    monkeypatch.setattr(operations, "ask_save_changes", lambda **kw: "cancel")
    page.organisations.setCurrentIndex(1)
    assert page.organisations.currentIndex() == 0  # stayed, typed scores kept
    assert page.scores.values()[:2] == [6, 6]
    monkeypatch.setattr(operations, "ask_save_changes", lambda **kw: "discard")
    page.organisations.setCurrentIndex(1)
    assert page.organisations.currentText() == "Client A"
    assert page.scores.values() == [None] * 8


def test_company_rename_keeps_what_is_being_typed(qtbot, tab):
    page = tab.maturity
    type_scores(qtbot, page, [8, 8, 8])
    save_company(CompanyProfile(name="Maison Lambert SARL"))
    tab.context.company_changed.emit()
    assert page.organisations.itemText(0) == "Maison Lambert SARL (votre entreprise)"
    assert page.scores.values()[:3] == [8, 8, 8]
