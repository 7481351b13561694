"""« Dernier contact » when the interaction that set it is deleted or re-dated: the latest
contact any area holds (a complaint, a survey answer, an imported date) stays."""

from datetime import date, datetime
from pathlib import Path

import pytest

from rcdesk.models.customers import Customer
from rcdesk.services.complaints import ComplaintInput, register_complaint
from rcdesk.services.customers import CustomerData, InteractionData, add_interaction, create_customer
from rcdesk.services.last_contact import delete_interaction, update_interaction
from rcdesk.services.settings import CompanyProfile, ensure_operator, save_company, set_current_operator


@pytest.fixture
def helene(database):
    save_company(CompanyProfile(name="Maison Lambert", country="FR", currency="EUR"))
    ensure_operator("sophie.m", "Sophie Martin")
    set_current_operator("sophie.m")
    return create_customer(CustomerData(first_name="Hélène", last_name="Dupont"))


def last_contact(customer_id):
    return Customer.get_by_id(customer_id).last_contact


def call(helene, when, subject="Appel"):
    return add_interaction(helene, InteractionData(at=when, channel="téléphone",
                                                   subject=subject))


def answer_survey(customer_id, when) -> tuple[int, int]:
    """(campaign, response): the customer answers an NPS question of a new campaign at when."""
    from rcdesk.services.surveys import (
        NPS,
        QuestionInput,
        ResponseInput,
        create_campaign,
        create_questionnaire,
        get_questionnaire,
        parse_answer,
        record_response,
    )

    qid = create_questionnaire("Après-vente", [QuestionInput(NPS, "Nous recommanderiez-vous ?",
                                                             True)])
    campaign = create_campaign(qid, "Hiver 2025", channel="web")
    question = get_questionnaire(qid).questions[0]
    return campaign, record_response(campaign, ResponseInput(
        {question.id: parse_answer(question, value=9)}, customer_id=customer_id,
        answered_at=when))


def test_interaction_deleted_after_a_later_complaint_keeps_the_complaint(helene):
    call(helene, datetime(2025, 3, 1, 10, 0))
    typo = call(helene, datetime(2026, 1, 20, 9, 0), "Relance")  # meant 2025
    register_complaint(ComplaintInput(customer_id=helene, description="Tasse fêlée"),
                       received_on=date(2025, 11, 5))  # received at 09:00 that day
    assert last_contact(helene) == datetime(2026, 1, 20, 9, 0)
    delete_interaction(typo)
    assert last_contact(helene) == datetime(2025, 11, 5, 9, 0)


def test_interaction_re_dated_before_a_survey_answer_keeps_the_answer(helene):
    answer_survey(helene, datetime(2025, 12, 2, 14, 30))
    typo = call(helene, datetime(2026, 1, 20, 9, 0))
    update_interaction(typo, InteractionData(at=datetime(2025, 1, 20, 9, 0),
                                             channel="téléphone", subject="Appel"))
    assert last_contact(helene) == datetime(2025, 12, 2, 14, 30)


def import_one(tmp_path, last_contact: str) -> int:
    from rcdesk.services.customers.imports import import_customers

    path = tmp_path / "clients.csv"
    path.write_text("Nom;Prénom;E-mail;Dernier contact\n"
                    f"Dupont;Hélène;helene.dupont@exemple.fr;{last_contact}\n", encoding="utf-8")
    result = import_customers(path, update=True)
    assert result.rejected == 0, result.summary()
    return Customer.get(Customer.email == "helene.dupont@exemple.fr").id


def test_an_imported_date_is_not_lost_by_deleting_or_re_dating_interactions(database,
                                                                             tmp_path):
    save_company(CompanyProfile(name="Maison Lambert", country="FR", currency="EUR"))
    cid = import_one(tmp_path, "01/06/2025")
    imported = last_contact(cid)
    assert imported.date() == date(2025, 6, 1)
    assert Customer.get_by_id(cid).last_contact_imported == imported
    early = call(cid, datetime(2024, 1, 10, 9, 0))
    typo = call(cid, datetime(2026, 1, 20, 9, 0))
    assert last_contact(cid) == datetime(2026, 1, 20, 9, 0)
    delete_interaction(early)  # unrelated
    assert last_contact(cid) == datetime(2026, 1, 20, 9, 0)
    update_interaction(typo, InteractionData(at=datetime(2025, 1, 20, 9, 0),
                                             channel="téléphone", subject="Appel"))
    assert last_contact(cid) == imported  # the file's date, not the interaction's
    delete_interaction(typo)
    assert last_contact(cid) == imported
    # a later file with an older date moves neither
    import_one(tmp_path, "01/01/2024")
    assert (last_contact(cid), Customer.get_by_id(cid).last_contact_imported) == (imported,
                                                                                  imported)


def test_every_area_says_its_latest_contacts(helene):
    from rcdesk.services.areas import AREAS
    from rcdesk.services.last_contact import latest_contacts, recompute_last_contacts

    nobody = create_customer(CustomerData(first_name="Léa", last_name="Roy"))
    call(helene, datetime(2025, 3, 1, 10, 0))
    register_complaint(ComplaintInput(customer_id=helene, description="Tasse fêlée"),
                       received_on=date(2025, 4, 7))
    parts = {area.key: area.last_contacts([helene, nobody]) for area in AREAS}
    assert parts["customers"] == {helene: datetime(2025, 3, 1, 10, 0)}
    assert parts["complaints"] == {helene: datetime(2025, 4, 7, 9, 0)}
    assert all(part == {} for key, part in parts.items()
               if key not in ("customers", "complaints"))
    assert latest_contacts([helene, nobody]) == {helene: datetime(2025, 4, 7, 9, 0),
                                                 nobody: None}
    Customer.update(last_contact=datetime(2030, 1, 1)).execute()  # wrong everywhere
    recompute_last_contacts([helene, nobody])
    assert (last_contact(helene), last_contact(nobody)) == (datetime(2025, 4, 7, 9, 0), None)
    # a complaint's answer counts from its day; its closure only where the customer was asked
    from rcdesk.models.complaints import Complaint
    from rcdesk.services.complaints.workflow import complaint_contacts

    Complaint.update(answer_date=date(2025, 4, 9), closed_at=datetime(2025, 4, 20, 16, 5, 7, 80),
                     resatisfied="sans réponse").execute()
    assert complaint_contacts([helene, nobody]) == {helene: datetime(2025, 4, 9, 0, 0)}
    Complaint.update(resatisfied="oui").execute()
    assert complaint_contacts([helene]) == {helene: datetime(2025, 4, 20, 16, 5, 7)}


def test_a_deleted_survey_response_gives_back_the_previous_contact(helene):
    from rcdesk.services.last_contact import delete_response
    call(helene, datetime(2025, 3, 1, 10, 0))
    _campaign, rid = answer_survey(helene, datetime(2025, 12, 2, 14, 30))
    assert last_contact(helene) == datetime(2025, 12, 2, 14, 30)
    delete_response(rid)
    assert last_contact(helene) == datetime(2025, 3, 1, 10, 0)


def test_touch_last_contacts_moves_many_customers_forward_only(helene):
    from rcdesk.services.customers import touch_last_contacts

    others = [create_customer(CustomerData(first_name=f"Client{i}", last_name="Test"))
              for i in range(250)]  # two chunks
    call(helene, datetime(2026, 2, 1, 8, 0))
    touch_last_contacts({helene: datetime(2025, 1, 1), **{cid: datetime(2025, 5, 1, 12, i % 60)
                                                          for i, cid in enumerate(others)}})
    assert last_contact(helene) == datetime(2026, 2, 1, 8, 0)  # never back
    assert last_contact(others[0]) == datetime(2025, 5, 1, 12, 0)
    assert last_contact(others[249]) == datetime(2025, 5, 1, 12, 9)


def test_an_old_file_keeps_its_imported_dates_apart(tmp_path):
    """Step 17 on a real file of version 13: a « Dernier contact » later than every contact the
    file holds came from an import and is kept apart; one a contact explains is not."""
    import shutil
    import sqlite3

    from rcdesk.db import open_database

    fixture = Path(__file__).parents[2] / "fixtures" / "schema" / "v13.db"
    path = tmp_path / "v13.db"
    shutil.copy(fixture, path)
    con = sqlite3.connect(path)
    # 1: its interaction at that very time; 2: its complaint received then; 3: no contact
    con.execute("UPDATE customer SET last_contact = '2026-10-01 14:00:00' WHERE id = 2")
    con.execute("UPDATE customer SET last_contact = '2025-05-01 00:00:00' WHERE id = 3")
    con.commit()
    con.close()
    open_database(path).close()
    con = sqlite3.connect(path)
    rows = con.execute("SELECT id, last_contact, last_contact_imported FROM customer "
                       "ORDER BY id").fetchall()
    con.close()
    assert rows == [(1, "2026-11-18 16:45:12.500000", None), (2, "2026-10-01 14:00:00", None),
                    (3, "2025-05-01 00:00:00", "2025-05-01 00:00:00")]


def test_a_complaint_given_to_a_namesake_is_no_longer_the_first_ones_contact(helene):
    from rcdesk.services.complaints import get_complaint
    from rcdesk.services.last_contact import edit_complaint

    namesake = create_customer(CustomerData(first_name="Hélène", last_name="Dupond"))
    call(helene, datetime(2025, 3, 1, 10, 0))
    cid = register_complaint(ComplaintInput(customer_id=helene, description="Tasse fêlée"),
                             received_on=date(2025, 11, 5)).id
    assert last_contact(helene) == datetime(2025, 11, 5, 9, 0)
    c = get_complaint(cid)
    edit_complaint(cid, ComplaintInput(customer_id=namesake, channel=c.channel,
                                       description=c.description, version=c.version),
                   "Homonyme")
    assert last_contact(namesake) == datetime(2025, 11, 5, 9, 0)
    assert last_contact(helene) == datetime(2025, 3, 1, 10, 0)


def test_the_only_contact_deleted_leaves_no_last_contact(helene):
    only = call(helene, datetime(2025, 3, 1, 10, 0))
    delete_interaction(only)
    assert last_contact(helene) is None


def test_a_campaign_deleted_with_its_responses_gives_back_the_previous_contact(helene):
    from rcdesk.services.last_contact import delete_campaign
    call(helene, datetime(2025, 3, 1, 10, 0))
    campaign, _rid = answer_survey(helene, datetime(2025, 12, 2, 14, 30))
    assert last_contact(helene) == datetime(2025, 12, 2, 14, 30)
    assert delete_campaign(campaign) == 1
    assert last_contact(helene) == datetime(2025, 3, 1, 10, 0)


def test_an_answer_re_dated_earlier_or_later_moves_the_last_contact(helene):
    from rcdesk.services import complaints as cs
    from rcdesk.services.complaints import AnswerInput
    from rcdesk.services.last_contact import close_complaint, record_answer

    cid = register_complaint(ComplaintInput(customer_id=helene, description="Tasse fêlée"),
                             received_on=date(2025, 11, 5)).id
    cs.qualify(cid, cs.Qualification(cs.list_categories()[0][0], "bonne foi", True))
    record_answer(cid, AnswerInput("Nous remplaçons la tasse.", date(2025, 11, 20)))
    assert last_contact(helene) == datetime(2025, 11, 20, 0, 0)  # the answer's day
    record_answer(cid, AnswerInput("Nous remplaçons la tasse.", date(2025, 11, 10)))
    assert last_contact(helene) == datetime(2025, 11, 10, 0, 0)  # typo mended: back
    # closed without asking the customer, the answer date corrected later: forward to it
    close_complaint(cid, date(2025, 11, 12), "sans réponse")
    assert last_contact(helene) == datetime(2025, 11, 12, 0, 0)
