"""Renaming and deleting organisations from the Auto-évaluation tab, by keyboard and menu."""

from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from rcdesk.services import assessment as service
from rcdesk.services.assessment import AssessmentInput, save_assessment
from rcdesk.services.assessment import orgs as orgs
from rcdesk.services.settings import CompanyProfile, save_company
from rcdesk.ui.assessment import operations
from rcdesk.ui.assessment.rename_dialog import RenameOrganisationDialog
from rcdesk.ui.assessment.tab import AssessmentTab
from rcdesk.ui.context import AppContext

EXAMPLE = [7, 5, 6, 8, 4, 6, 7, 5]


@pytest.fixture
def clients(sqlite_database):
    """Own company "Cabinet Conseil" (one assessment); "Boulangerie Dupont" (two);
    "Garage Martin" (none)."""
    save_company(CompanyProfile(name="Cabinet Conseil"))
    own = orgs.own_organisation()
    dupont = orgs.create_organisation("Boulangerie Dupont")
    martin = orgs.create_organisation("Garage Martin")
    save_assessment(AssessmentInput(organisation_id=own.id, date=date(2026, 1, 5),
                                    scores=[8] * 8))
    for when in (date(2025, 1, 10), date(2026, 1, 12)):
        save_assessment(AssessmentInput(organisation_id=dupont.id, date=when, scores=EXAMPLE))
    return own, dupont, martin


@pytest.fixture
def page(qtbot, sqlite_database, clients):
    tab = AssessmentTab(AppContext(sqlite_database.target))
    qtbot.addWidget(tab)
    tab.resize(1300, 850)
    tab.show()
    tab.activateWindow()
    qtbot.waitExposed(tab)
    yield tab.maturity  # the tab (no parent) lives as long as this fixture holds it


def choose(page, name):
    page.organisations.setCurrentIndex(page.organisations.findText(name))
    assert page.organisations.currentText() == name


class DialogDriver:
    """Runs steps on the rename dialog while its exec() loop runs; a dialog still open after
    the steps is closed (and reported), so a failing test never hangs."""

    def __init__(self):
        self.errors: list = []
        self.left_open = False
        self.seen = None

    def on_dialog(self, steps):
        tries = []

        def run():
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, RenameOrganisationDialog):
                tries.append(1)
                if len(tries) < 200:
                    QTimer.singleShot(10, run)
                return
            self.seen = dialog
            try:
                steps(dialog)
            except BaseException as exc:  # reported after exec() returns
                self.errors.append(exc)
            finally:
                if dialog.isVisible():
                    self.left_open = True
                    dialog.reject()

        QTimer.singleShot(0, run)

    def check(self):
        if self.errors:
            raise self.errors[0]


def test_f2_renames_refusals_are_shown_under_the_field_then_enter_accepts(qtbot, page):
    choose(page, "Boulangerie Dupont")
    shown = []
    driver = DialogDriver()

    def steps(dialog):
        assert dialog.windowTitle() == "Renommer l'organisation"
        assert dialog.name.text() == "Boulangerie Dupont"
        assert dialog.name.selectedText() == "Boulangerie Dupont"  # typing replaces it
        qtbot.keyClicks(dialog.name, "garage martin")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
        shown.append((dialog.isVisible(), dialog.error.text(), dialog.name.text()))
        assert dialog.focusWidget() is dialog.name
        qtbot.keyClick(dialog.name, Qt.Key.Key_Delete)  # the refused name is selected
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
        shown.append((dialog.isVisible(), dialog.error.text(), dialog.name.text()))
        qtbot.keyClicks(dialog.name, "Patisserie Dupont")  # QTest types ASCII only
        assert dialog.error.isHidden()  # typing clears the message
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)

    driver.on_dialog(steps)
    page.organisations.setFocus()
    with qtbot.waitSignal(page.context.data_changed) as changed:
        qtbot.keyClick(page.organisations, Qt.Key.Key_F2)
    driver.check()
    assert not driver.left_open
    assert shown == [
        (True, "L'organisation « Garage Martin » existe déjà : choisissez un autre nom.",
         "garage martin"),
        (True, "Le nom de l'organisation est obligatoire.", ""),
    ]
    assert changed.args == ["assessment"]
    assert page.organisations.currentText() == "Patisserie Dupont"
    assert [page.organisations.itemText(i) for i in range(page.organisations.count())] == [
        "Cabinet Conseil (votre entreprise)", "Garage Martin", "Patisserie Dupont"]
    assert page.status.text() == "Organisation renommée : « Patisserie Dupont »."
    assert [o.name for o in orgs.list_organisations()] == [
        "Cabinet Conseil", "Garage Martin", "Patisserie Dupont"]
    assert service.get_assessment(page.current_id).organisation == "Patisserie Dupont"


def test_escape_cancels_the_rename(qtbot, page):
    choose(page, "Garage Martin")
    driver = DialogDriver()

    def steps(dialog):
        qtbot.keyClicks(dialog.name, "Autre nom")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)

    driver.on_dialog(steps)
    page.organisations.setFocus()
    qtbot.keyClick(page.organisations, Qt.Key.Key_F2)
    driver.check()
    assert driver.seen is not None and not driver.left_open
    assert page.organisations.currentText() == "Garage Martin"
    assert orgs.find_organisation("Autre nom") is None
    assert page.status.isHidden()


def test_rename_keeps_the_scores_being_typed(qtbot, page):
    choose(page, "Garage Martin")
    for spin, value in zip(page.scores.spins, [6, 6, 6]):
        spin.setValue(value)
    assert page.dirty
    driver = DialogDriver()
    driver.on_dialog(lambda dialog: (qtbot.keyClicks(dialog.name, "Garage Martin SARL"),
                                     qtbot.keyClick(dialog.name, Qt.Key.Key_Return)))
    page.org_bar.rename_button.click()
    driver.check()
    assert page.organisations.currentText() == "Garage Martin SARL"
    assert page.dirty and page.scores.values()[:3] == [6, 6, 6]
    for spin, value in zip(page.scores.spins, [6] * 8):
        spin.setValue(value)
    assert page.save()
    assert service.get_assessment(page.current_id).organisation == "Garage Martin SARL"


def test_tab_order_then_enter_on_delete_asks_with_the_count_and_no_keeps_it(
        qtbot, page, message_boxes):
    choose(page, "Boulangerie Dupont")
    bar = page.org_bar
    page.organisations.setFocus()
    order = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [bar.new_button, bar.rename_button, bar.delete_button]
    qtbot.keyClick(bar.delete_button, Qt.Key.Key_Return)
    assert message_boxes == [("question", (
        "Supprimer l'organisation « Boulangerie Dupont » et ses 2 évaluation(s) ?\n\n"
        "Leurs notes, commentaires, recommandations et SWOT seront effacés définitivement. "
        "Les diagnostics PDF déjà enregistrés restent sur le disque."))]
    # the fixture answers the default button: No
    assert orgs.find_organisation("Boulangerie Dupont").assessments == 2
    assert page.organisations.currentText() == "Boulangerie Dupont"


def test_delete_key_on_the_selector_deletes_the_client_and_its_assessments(
        qtbot, page, monkeypatch):
    asked = []

    def yes(parent, title, text, *args):
        asked.append((title, text))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(operations.QMessageBox, "question", staticmethod(yes))
    monkeypatch.setattr(operations, "ask_save_changes",
                        lambda **kw: pytest.fail("rien à enregistrer pour une organisation "
                                                 "supprimée"))
    choose(page, "Boulangerie Dupont")
    page.scores.spins[0].setValue(2)  # unsaved, goes with the organisation
    page.organisations.setFocus()
    with qtbot.waitSignal(page.context.data_changed):
        qtbot.keyClick(page.organisations, Qt.Key.Key_Delete)
    assert asked[0][0] == "Supprimer l'organisation"
    assert "ses 2 évaluation(s)" in asked[0][1]
    assert [page.organisations.itemText(i) for i in range(page.organisations.count())] == [
        "Cabinet Conseil (votre entreprise)", "Garage Martin"]
    assert page.organisations.currentText() == "Cabinet Conseil (votre entreprise)"
    assert page.organisations.hasFocus()
    assert page.status.text() == ("Organisation « Boulangerie Dupont » supprimée avec "
                                  "2 évaluation(s).")
    assert page.history.count() == 1 and not page.dirty
    assert page.scores.values() == [8] * 8
    assert orgs.find_organisation("Boulangerie Dupont") is None
    assert [a.organisation for a in (service.latest_assessment(),)] == ["Cabinet Conseil"]


def test_delete_an_empty_client_says_it_has_no_assessment(qtbot, page, monkeypatch):
    asked = []
    monkeypatch.setattr(operations.QMessageBox, "question", staticmethod(
        lambda parent, title, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes))
    choose(page, "Garage Martin")
    page.org_bar.delete_action.trigger()
    assert asked == ["Supprimer l'organisation « Garage Martin » ? Elle n'a aucune évaluation."]
    assert page.status.text() == ("Organisation « Garage Martin » supprimée avec "
                                  "0 évaluation(s).")
    assert orgs.find_organisation("Garage Martin") is None


def test_the_own_company_is_neither_deleted_nor_renamed_here(qtbot, page, message_boxes):
    choose(page, "Cabinet Conseil (votre entreprise)")
    page.organisations.setFocus()
    qtbot.keyClick(page.organisations, Qt.Key.Key_Delete)
    qtbot.keyClick(page.organisations, Qt.Key.Key_F2)  # no dialog: a message instead
    assert message_boxes == [
        ("warning", "« Cabinet Conseil » est votre entreprise : elle ne peut pas être "
                    "supprimée. Seules les organisations clientes peuvent l'être ; ses "
                    "évaluations se suppriment une à une."),
        ("information", "« Cabinet Conseil » est votre entreprise : son nom vient du profil de "
                        "l'entreprise et se modifie dans Fichier ▸ Paramètres de "
                        "l'entreprise…"),
    ]
    assert [o.name for o in orgs.list_organisations()] == [
        "Cabinet Conseil", "Boulangerie Dupont", "Garage Martin"]
    assert page.history.count() == 1


def test_the_selector_context_menu_offers_new_rename_delete(page):
    combo = page.organisations
    assert combo.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    assert [(a.text(), a.shortcut().toString()) for a in combo.actions()] == [
        ("Nouvelle organisation…", "Ctrl+Shift+N"),
        ("Renommer l'organisation…", "F2"),
        ("Supprimer l'organisation…", "Del"),
    ]
    assert [page.org_bar.new_button.text(), page.org_bar.rename_button.text(),
            page.org_bar.delete_button.text()] == ["Nouvelle…", "Renommer…", "Supprimer…"]
    assert [a.text() for a in page.history.actions()] == ["Supprimer l'évaluation…"]


def test_delete_key_in_the_history_deletes_that_assessment_only(qtbot, page, monkeypatch):
    asked = []
    monkeypatch.setattr(operations.QMessageBox, "question", staticmethod(
        lambda parent, title, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes))
    choose(page, "Boulangerie Dupont")
    page.history.setFocus()
    page.history.setCurrentRow(1)  # newest first: the 10/01/2025 one
    qtbot.keyClick(page.history, Qt.Key.Key_Delete)
    assert asked == ["Supprimer définitivement l'évaluation du 10/01/2025 ?"]
    assert [s.date for s in service.history(orgs.find_organisation("Boulangerie Dupont").id)] == [
        date(2026, 1, 12)]
    assert page.history.count() == 1
    assert page.organisations.currentText() == "Boulangerie Dupont"


def test_rename_dialog_alone_shows_a_too_long_name_by_the_field(qtbot, clients):
    _, dupont, _ = clients
    dialog = RenameOrganisationDialog(orgs.get_organisation(dupont.id))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("x" * 201)
    dialog.accept()
    assert dialog.isVisible() and dialog.renamed is None
    assert dialog.error.text() == "Le nom de l'organisation dépasse 200 caractères."
    assert dialog.name.accessibleDescription() == dialog.error.text()
    assert orgs.get_organisation(dupont.id).name == "Boulangerie Dupont"


def test_delete_and_f2_do_nothing_while_the_selector_list_is_open(qtbot, page, monkeypatch):
    """In the open list the highlighted row is not chosen yet: Suppr must not ask to delete
    the organisation chosen before."""
    asked = []
    monkeypatch.setattr(operations.QMessageBox, "question", staticmethod(
        lambda *args: asked.append("suppression") or QMessageBox.StandardButton.No))
    monkeypatch.setattr(RenameOrganisationDialog, "exec",
                        lambda self: asked.append("renommage") or 0)
    choose(page, "Boulangerie Dupont")
    page.organisations.setFocus()
    page.organisations.showPopup()
    view = page.organisations.view()
    qtbot.waitUntil(view.isVisible)
    try:
        qtbot.keyClick(view, Qt.Key.Key_Down)
        qtbot.keyClick(view, Qt.Key.Key_Delete)
        qtbot.keyClick(view, Qt.Key.Key_F2)
    finally:
        page.organisations.hidePopup()
    assert asked == []
    assert orgs.find_organisation("Boulangerie Dupont") is not None
