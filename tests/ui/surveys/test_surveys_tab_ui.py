"""The Satisfaction tab: keyboard entry, results, mapping and zone 2, the loop to complaints."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from rcdesk.models.surveys import SurveyAnswer, SurveyResponse
from rcdesk.ui.surveys.entry import EntryDialog
from rcdesk.ui.surveys.import_dialog import ImportDialog
from rcdesk.ui.surveys.tab import SurveysTab

FIXTURES = Path(__file__).parent.parent.parent / "unit" / "surveys" / "fixtures"


def type_response(qtbot, dialog, nps, why, c1, c2, services="", again=""):
    for name, text in (("q1", nps), ("q1why", why), ("q2s", c1[0]), ("q2i", c1[1]),
                       ("q3s", c2[0]), ("q3i", c2[1]), ("q4", services), ("q5", again)):
        edit = dialog.findChild(type(dialog.fields[0].edits[0]), name)
        assert edit is not None, name
        edit.setFocus()
        if text.isascii():
            qtbot.keyClicks(edit, text)  # the digits typed as the counter types them
        else:
            edit.setText(text)  # QTest cannot type accents on the offscreen platform
    qtbot.keyClick(dialog.fields[-1].edits[0], Qt.Key.Key_Return)


def test_keyboard_entry_one_response_per_screen(qtbot, campaign):
    dialog = EntryDialog(campaign)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.fields[0].edits[0].hasFocus()  # the first keystroke goes to the NPS
    type_response(qtbot, dialog, "9", "Très bien", ("5", "5"), ("4", "5"), "1 3", "o")
    assert SurveyResponse.select().count() == 1
    assert "Réponse n° 1 enregistrée" in dialog.status.text()
    assert dialog.fields[0].edits[0].text() == ""  # the screen is cleared for the next one
    multiple = SurveyAnswer.get(SurveyAnswer.question == dialog.fields[3].question.id)
    assert multiple.text == "Bar\nParking"
    # a required criterion left empty: refused, nothing written, the typing stays
    type_response(qtbot, dialog, "3", "Sale", ("", "5"), ("1", "5"))
    assert SurveyResponse.select().count() == 1
    assert "obligatoire" in dialog.error.text()
    assert dialog.fields[0].edits[0].text() == "3"


def test_results_mapping_and_zone2_action(qtbot, monkeypatch, context, campaign):
    from rcdesk.services import surveys
    from rcdesk.services.actions import list_actions
    from rcdesk.ui.surveys import dialogs

    q = surveys.get_questionnaire(surveys.get_campaign(campaign).questionnaire_id)
    for score in (10, 10, 9, 9, 9, 8, 7, 6, 3, 0):
        surveys.record_response(campaign, surveys.ResponseInput({
            q.questions[0].id: surveys.parse_answer(q.questions[0], value=score),
            q.questions[1].id: surveys.parse_answer(q.questions[1], value=4, importance=5),
            q.questions[2].id: surveys.parse_answer(q.questions[2], value=1, importance=5)}))
    tab = SurveysTab(context)
    qtbot.addWidget(tab)
    assert tab.nps_label.text().startswith("NPS +20,0 ± 54,0")
    assert "Moins de 30 réponses (10)" in tab.nps_warning.text()
    assert tab.criteria.item(1, 5).text() == "2 — à améliorer"
    # the bars of the distribution: 10 answers « 4 » for the first criterion, on 0–5
    assert tab.criteria.item(0, 7).data(Qt.ItemDataRole.UserRole) == [0, 0, 0, 0, 10, 0]
    tab.pages.setCurrentIndex(1)
    assert tab.zone2.count() == 1 and tab.zone2.item(0).text().startswith("Q3 Propreté")
    assert len(tab.mapping.labels) == 2
    monkeypatch.setattr(dialogs.ZoneActionDialog, "exec", lambda self: 1)
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.information", lambda *a: None)
    tab.zone2_action()
    action = list_actions()[0]
    assert action.origin == "enquête de satisfaction" and "Propreté" in action.nc
    tab.cut.setCurrentIndex(1)  # means: satisfaction cut at 2.5, importance at 5
    assert tab.results.mapping.cut == "moyennes"


def test_detractor_becomes_a_complaint(qtbot, monkeypatch, context, campaign):
    from rcdesk.models.complaints import Complaint
    from rcdesk.services import surveys
    from rcdesk.services.customers import CustomerData, create_customer

    customer = create_customer(CustomerData(first_name="Hélène", last_name="Dupont",
                                            status="client"))
    q = surveys.get_questionnaire(surveys.get_campaign(campaign).questionnaire_id)
    surveys.record_response(campaign, surveys.ResponseInput({
        q.questions[0].id: surveys.parse_answer(q.questions[0], value=2, text="Bruit la nuit"),
        q.questions[1].id: surveys.parse_answer(q.questions[1], value=3, importance=5),
        q.questions[2].id: surveys.parse_answer(q.questions[2], value=3, importance=5)},
        customer_id=customer))
    tab = SurveysTab(context)
    qtbot.addWidget(tab)
    tab.pages.setCurrentIndex(2)
    assert tab.verbatims.item(0, 2).text() == "Hélène Dupont"
    tab.verbatims.selectRow(0)
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.information", lambda *a: None)
    tab.to_complaint()
    assert "Bruit la nuit" in Complaint.get().description


def test_import_dialog_prefills_and_imports(qtbot, tmp_path, context):
    import shutil

    from rcdesk.services import surveys

    qid = surveys.create_questionnaire("Séjour", [
        surveys.QuestionInput(surveys.NPS, "Recommanderiez-vous notre hôtel à vos proches ?",
                              True),
        surveys.QuestionInput(surveys.CRITERION, "Accueil du personnel", True),
        surveys.QuestionInput(surveys.CRITERION, "Propreté", True)])
    cid = surveys.create_campaign(qid, "Web", channel="web")
    source = tmp_path / "fr.csv"
    shutil.copy(FIXTURES / "google_forms_fr.csv", source)
    dialog = ImportDialog(cid, path=str(source))
    qtbot.addWidget(dialog)
    combo = dialog.table.cellWidget(3, 2)
    assert combo.currentText() == "Q1 — pourquoi ?"
    dialog.run(dry_run=True)  # in the pool: wait for its result
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=20000)
    assert "Vérification : 2 réponses importées, 2 rejetées" in dialog.result.text()
    assert SurveyResponse.select().count() == 0
    dialog.run(dry_run=False)
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=20000)
    assert "2 réponses importées" in dialog.result.text()
    assert SurveyResponse.select().count() == 2


def test_questionnaire_editor_adds_moves_and_refuses_deleting_an_answered_question(
        qtbot, monkeypatch, context, campaign):
    from rcdesk.services import surveys
    from rcdesk.ui.surveys import dialogs

    warnings = []
    monkeypatch.setattr(dialogs.QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    dialog = dialogs.QuestionnairesDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.questions.count() == 5
    dialog.questions.setCurrentRow(4)
    dialog.move(-1)  # no answer yet: the order can change
    qid = surveys.get_campaign(campaign).questionnaire_id
    assert [q.label for q in surveys.get_questionnaire(qid).questions][3:] == [
        "Reviendrez-vous ?", "Services utilisés"]
    q = surveys.get_questionnaire(qid)
    surveys.record_response(campaign, surveys.ResponseInput({
        q.questions[0].id: surveys.parse_answer(q.questions[0], value=8),
        q.questions[1].id: surveys.parse_answer(q.questions[1], value=4, importance=4),
        q.questions[2].id: surveys.parse_answer(q.questions[2], value=4, importance=4)}))
    dialog.refresh()
    dialog.questions.setCurrentRow(0)
    dialog.delete_question()
    assert warnings and "ne peut pas être supprimée" in warnings[0]
    assert len(surveys.get_questionnaire(qid).questions) == 5


def test_delete_campaign_asks_then_takes_its_responses(qtbot, monkeypatch, context, campaign):
    from PySide6.QtWidgets import QMessageBox

    from rcdesk.models.surveys import SurveyCampaign
    from rcdesk.services import surveys

    q = surveys.get_questionnaire(surveys.get_campaign(campaign).questionnaire_id)
    surveys.record_response(campaign, surveys.ResponseInput({
        q.questions[0].id: surveys.parse_answer(q.questions[0], value=8),
        q.questions[1].id: surveys.parse_answer(q.questions[1], value=4, importance=4),
        q.questions[2].id: surveys.parse_answer(q.questions[2], value=4, importance=4)}))
    tab = SurveysTab(context)
    qtbot.addWidget(tab)
    asked = []
    answer = QMessageBox.StandardButton.No
    monkeypatch.setattr(QMessageBox, "question", lambda *a: asked.append(a[2]) or answer)
    tab.delete_campaign()
    assert "ses 1 réponse(s)" in asked[0] and SurveyCampaign.select().count() == 1
    answer = QMessageBox.StandardButton.Yes
    tab.delete_campaign()
    assert SurveyCampaign.select().count() == 0 and SurveyResponse.select().count() == 0
    assert tab.campaign.count() == 0 and tab.nps_label.text() == "Aucune campagne"


def test_questionnaire_properties_refuse_changing_the_audience_once_answered(qtbot, context,
                                                                          campaign):
    from rcdesk.services import surveys
    from rcdesk.ui.surveys.dialogs import QuestionnaireHeaderDialog

    qid = surveys.get_campaign(campaign).questionnaire_id
    dialog = QuestionnaireHeaderDialog(surveys.get_questionnaire(qid))
    qtbot.addWidget(dialog)
    dialog.intro.setPlainText("Merci !")
    dialog.accept()
    assert surveys.get_questionnaire(qid).intro == "Merci !"
    q = surveys.get_questionnaire(qid)
    surveys.record_response(campaign, surveys.ResponseInput({
        q.questions[0].id: surveys.parse_answer(q.questions[0], value=8),
        q.questions[1].id: surveys.parse_answer(q.questions[1], value=4, importance=4),
        q.questions[2].id: surveys.parse_answer(q.questions[2], value=4, importance=4)}))
    dialog = QuestionnaireHeaderDialog(surveys.get_questionnaire(qid))
    qtbot.addWidget(dialog)
    dialog.audience.setCurrentIndex(dialog.audience.findData("personnel"))
    dialog.accept()
    assert "son public ne change plus" in dialog.error.text()
    assert surveys.get_questionnaire(qid).audience == "clients"


def test_campaign_form_from_a_stale_campaign_offers_to_reload(qtbot, monkeypatch, campaign):
    from rcdesk.services import surveys
    from rcdesk.ui import forms
    from rcdesk.ui.surveys.dialogs import CampaignDialog

    dialog = CampaignDialog(campaign=surveys.get_campaign(campaign))
    qtbot.addWidget(dialog)
    loaded = surveys.get_campaign(campaign)
    surveys.update_campaign(campaign, "Printemps (autre poste)", start=loaded.start_date,
                            end=None, channel="web", asked=None, version=loaded.version)
    monkeypatch.setattr(forms, "ask_about_stale", lambda parent, error: forms.RELOAD)
    dialog.title.setText("Printemps (ce poste)")
    dialog.accept()
    assert dialog.title.text() == "Printemps (autre poste)"  # reloaded, nothing overwritten
    assert dialog.channel.currentText() == "web"
    assert surveys.get_campaign(campaign).title == "Printemps (autre poste)"
    dialog.title.setText("Printemps (ce poste)")
    dialog.accept()  # from the reloaded version: saved
    assert surveys.get_campaign(campaign).title == "Printemps (ce poste)"


def test_campaign_pdf_is_drawn_off_the_gui_thread(qtbot, monkeypatch, context, campaign,
                                                  message_boxes, tmp_path):
    import threading

    from pypdf import PdfReader

    from rcdesk.services import surveys
    from rcdesk.ui.complaints import common
    from rcdesk.ui.surveys import operations

    q = surveys.get_questionnaire(surveys.get_campaign(campaign).questionnaire_id)
    for score in (10, 10, 9, 9, 9, 8, 7, 6, 3, 0):
        surveys.record_response(campaign, surveys.ResponseInput({
            q.questions[0].id: surveys.parse_answer(q.questions[0], value=score),
            q.questions[1].id: surveys.parse_answer(q.questions[1], value=4, importance=5),
            q.questions[2].id: surveys.parse_answer(q.questions[2], value=1, importance=5)}))
    target = tmp_path / "satisfaction.pdf"
    monkeypatch.setattr(common, "ask_pdf_path", lambda *a: str(target))
    threads = []
    real = operations.write_campaign_pdf

    def drawn(**kwargs):
        threads.append(threading.current_thread())
        return real(**kwargs)

    monkeypatch.setattr(operations, "write_campaign_pdf", drawn)
    tab = SurveysTab(context)
    qtbot.addWidget(tab)
    tab.report()
    assert not tab.report_button.isEnabled()  # busy while the worker draws it
    qtbot.waitUntil(lambda: tab.report_button.isEnabled(), timeout=30000)
    assert threads and threads[0] is not threading.main_thread()
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(target)).pages).split())
    assert "Printemps" in text and "+20" in text
    assert message_boxes[-1][0] == "information" and str(target) in message_boxes[-1][1]


def test_question_dialog_rows_follow_the_kind_and_the_scale_has_its_shortcut(qtbot, database):
    from PySide6.QtWidgets import QFormLayout, QLabel

    from rcdesk.ui.surveys.dialogs import QuestionDialog

    dialog = QuestionDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    form = dialog.findChild(QFormLayout)
    scale_label = next(label for label in dialog.findChildren(QLabel)
                       if label.text() == "É&chelle :")
    assert scale_label.buddy() is dialog.low  # Alt+C, never a literal « & » on screen
    shown = {}
    for kind in ("nps", "critère", "choix unique", "note"):
        dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
        shown[kind] = [label.text() for label in sorted(
            (label for label in dialog.findChildren(QLabel)
             if label.isVisible() and form.indexOf(label) >= 0), key=form.indexOf)]
    assert shown == {
        "nps": ["&Type :", "&Libellé :"],
        "critère": ["&Type :", "&Libellé :", "É&chelle :", "Étape du parco&urs :"],
        "choix unique": ["&Type :", "&Libellé :", "&Choix :"],
        "note": ["&Type :", "&Libellé :", "É&chelle :"],
    }
    dialog.kind.setCurrentIndex(dialog.kind.findData("critère"))
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.label.setFocus()
    qtbot.keyClick(dialog.label, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.low.hasFocus)
