"""The complaint form and the interaction form offer the company's journey steps as edited in
Pilotage ▸ Parcours client (the default journey while none is set), and save the step chosen."""

from datetime import datetime

import pytest

from rcdesk.models.complaints import Complaint
from rcdesk.services import customers
from rcdesk.services.complaints.detail import get_complaint
from rcdesk.services.pilotage.journey import (
    DEFAULT_STEPS,
    add_step,
    delete_step,
    list_steps,
    step_names,
)
from rcdesk.services.settings import CompanyProfile, save_company
from rcdesk.ui.complaints.edit import EditIntakeDialog
from rcdesk.ui.complaints.intake import IntakeDialog
from rcdesk.ui.context import AppContext
from rcdesk.ui.customers.entries import InteractionDialog


@pytest.fixture
def context(sqlite_database, qapp):
    save_company(CompanyProfile(name="Maison Test", city="Lille"))
    return AppContext(sqlite_database.target)


@pytest.fixture
def customer_id(context):
    return customers.create_customer(customers.CustomerData(
        first_name="Hélène", last_name="Dupont", phone="06 12 34 56 78", status="client"))


def _items(box):
    return [box.itemData(i) for i in range(box.count())]


def _own_journey(*names):
    """The company's journey replaced by names (the default steps deleted)."""
    for step in list_steps():
        delete_step(step.id)
    for name in names:
        add_step(name)


def test_default_journey_offered_while_none_is_set(qtbot, context, customer_id):
    assert step_names() == list(DEFAULT_STEPS)  # a new base starts with the default journey
    _own_journey()
    dialog = InteractionDialog(customer_id)
    qtbot.addWidget(dialog)
    assert _items(dialog.step) == ["", *DEFAULT_STEPS]


def test_complaint_form_offers_and_saves_the_edited_steps(qtbot, context, customer_id):
    _own_journey("Essai en magasin", "Pose à domicile")
    dialog = IntakeDialog(context)
    qtbot.addWidget(dialog)
    assert _items(dialog.journey_step) == ["", "Essai en magasin", "Pose à domicile"]
    dialog.search.customer_id = customer_id
    dialog.description.setPlainText("Carrelage posé de travers")
    dialog.expectation.setPlainText("Reprise de la pose")
    dialog.journey_step.setCurrentIndex(2)
    dialog.save()
    [row] = Complaint.select()
    assert row.journey_step == "Pose à domicile"
    detail = get_complaint(row.id)
    assert detail.journey_step == "Pose à domicile"
    # corrected: the edit form shows it and changes it; the timeline names it
    edit = EditIntakeDialog(detail)
    qtbot.addWidget(edit)
    assert edit.journey_step.currentData() == "Pose à domicile"
    edit.journey_step.setCurrentIndex(1)
    edit._save(detail)
    assert edit.changed == ["étape du parcours"]
    assert Complaint.get_by_id(row.id).journey_step == "Essai en magasin"


def test_interaction_form_offers_and_saves_the_edited_steps(qtbot, context, customer_id):
    _own_journey("Essai en magasin")
    iid = customers.add_interaction(customer_id, customers.InteractionData(
        at=datetime(2026, 3, 2, 9, 30), channel="téléphone", subject="Devis",
        step="ancienne étape"))
    dialog = InteractionDialog(customer_id, None,
                               interaction=customers.get_interaction(iid))
    qtbot.addWidget(dialog)
    # the step it carries stays offered (saving keeps it), then the journey's
    assert _items(dialog.step) == ["", "Essai en magasin", "ancienne étape"]
    assert dialog.step.currentData() == "ancienne étape"
    dialog.step.setCurrentIndex(1)
    dialog.accept()
    [row] = customers.list_interactions(customer_id)
    assert row.step == "Essai en magasin"


def test_criterion_dialog_offers_the_steps_and_the_journey_page_shows_satisfaction(
        qtbot, context, customer_id):
    import os

    from rcdesk.services.surveys import (
        CRITERION,
        NPS,
        QuestionInput,
        ResponseInput,
        create_campaign,
        create_questionnaire,
        get_questionnaire,
        parse_answer,
        record_response,
    )
    from rcdesk.ui.pilotage.journey import ROW_SATISFACTION, JourneyPage
    from rcdesk.ui.surveys.dialogs import QuestionDialog

    dialog = QuestionDialog(None)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData(NPS))
    assert dialog.journey_step.isHidden()  # a step for criteria only
    dialog.kind.setCurrentIndex(dialog.kind.findData(CRITERION))
    assert not dialog.journey_step.isHidden()
    assert _items(dialog.journey_step) == ["", *DEFAULT_STEPS]
    dialog.label.setText("Ponctualité du livreur")
    dialog.journey_step.setCurrentIndex(dialog.journey_step.findData("livraison"))
    value = dialog.value()
    assert (value.kind, value.journey_step) == (CRITERION, "livraison")

    qid = create_questionnaire("Après livraison", [QuestionInput(NPS, "Recommanderiez-vous ?"),
                                                   value])
    campaign = create_campaign(qid, "Livraisons", channel="web")
    q = get_questionnaire(qid)
    record_response(campaign, ResponseInput({q.questions[1].id: parse_answer(
        q.questions[1], value=4, importance=5)}))  # 4 on 0–5: 80 %
    page = JourneyPage(context)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    column = [page.table.horizontalHeaderItem(c).text()
              for c in range(page.table.columnCount())].index("livraison")
    assert page.table.item(ROW_SATISFACTION, column).text() == "80\u00a0% (1 réponse)"
    assert page.table.item(ROW_SATISFACTION, 0).text() == "—"
    if os.environ.get("RCDESK_SHOTS"):
        page.grab().save(os.path.join(os.environ["RCDESK_SHOTS"], "journey-page.png"))
        dialog.grab().save(os.path.join(os.environ["RCDESK_SHOTS"], "criterion-dialog.png"))
        intake = IntakeDialog(context)
        qtbot.addWidget(intake)
        intake.grab().save(os.path.join(os.environ["RCDESK_SHOTS"], "intake.png"))
