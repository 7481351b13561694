"""Processing: qualification, allowed moves, the pause clock, answer, closure, reopening."""

from datetime import date, timedelta

import pytest

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.models.complaints import Complaint, ComplaintCategory, ComplaintEvent
from rcdesk.services.complaints import (
    AnswerInput,
    ComplaintInput,
    Qualification,
    add_attachment,
    add_category,
    close,
    customer_history,
    delete_category,
    edit_complaint,
    get_complaint,
    is_repeat_complainer,
    list_attachments,
    list_categories,
    move,
    qualify,
    record_answer,
    register_complaint,
    rename_category,
    reopen,
)

RECEIVED = date(2026, 11, 2)  # a Monday; due Monday 09/11 (5 working days)


def new(customer_id, on=RECEIVED, **kw):
    data = ComplaintInput(customer_id=customer_id, channel="téléphone", product="Nappe lin",
                          place="Lille", description="Couleur différente de la photo", **kw)
    return register_complaint(data, received_on=on).id


def category_id(name="Livraison"):
    return ComplaintCategory.get(ComplaintCategory.name == name).id


def qualified(customer_id, **kw):
    cid = new(customer_id, **kw)
    qualify(cid, Qualification(category_id(), "faute du vendeur", True, "moyenne", "Magasin"))
    return cid


def test_qualification_moves_received_to_qualified_with_timeline(customer):
    cid = qualified(customer)
    d = get_complaint(cid)
    assert (d.status, d.category, d.type, d.founded, d.severity, d.entity) == (
        "Qualifiée", "Livraison", "faute du vendeur", True, "moyenne", "Magasin")
    whats = [e.what for e in d.timeline]
    assert whats[1] == "Qualification : Livraison, faute du vendeur, fondée, gravité moyenne, " \
                       "confiée à Magasin"
    assert whats[2] == "Statut : Reçue → Qualifiée"


def test_forbidden_move_is_refused_and_nothing_changes(customer):
    cid = new(customer)
    before = ComplaintEvent.select().count()
    with pytest.raises(ServiceError) as err:
        move(cid, "Réponse envoyée")
    assert "Passage interdit de « Reçue » à « Réponse envoyée »" in str(err.value)
    with pytest.raises(ServiceError):
        move(cid, "Qualifiée")  # not qualified yet
    with pytest.raises(ValidationError):
        move(cid, "Perdue")
    assert get_complaint(cid).status == "Reçue"
    assert ComplaintEvent.select().count() == before


def test_waiting_for_customer_moves_due_date_by_working_days_waited(customer):
    cid = qualified(customer)
    assert get_complaint(cid).due_date == date(2026, 11, 9)
    move(cid, "En attente du client", "Photos demandées", on=date(2026, 11, 3))
    assert get_complaint(cid).paused_on == date(2026, 11, 3)
    # back on Tuesday 10/11: 5 working days waited (4, 5, 6, 9, 10)
    move(cid, "En traitement", "Photos reçues", on=date(2026, 11, 10))
    d = get_complaint(cid)
    assert d.due_date == date(2026, 11, 17)  # 09/11 + 5 working days, 11/11 is a holiday
    assert d.waited_days == 5
    assert d.paused_on is None
    assert "attente de 5 jour(s) ouvré(s), échéance reportée au 17/11/2026" in d.timeline[-1].what


@pytest.mark.parametrize("on,first,repeat", [
    (date(2026, 11, 29), date(2025, 11, 30), True),  # window 30/11/2025 – 29/11/2026
    (date(2026, 11, 29), date(2025, 11, 29), False),  # a year ago to the day: outside
    (date(2028, 2, 29), date(2027, 3, 1), True),  # leap day: window from 01/03/2027
    (date(2028, 2, 29), date(2027, 2, 28), False),
])
def test_repeat_complainer_window_is_the_last_12_months(customer, on, first, repeat):
    from rcdesk.services.complaints import repeat_complainers

    for day in (first, on - timedelta(days=100), on):
        new(customer, on=day)
    assert is_repeat_complainer(customer, on) is repeat
    assert [r.count for r in repeat_complainers(on)] == ([3] if repeat else [])


def test_granted_days_read_the_complaints_own_dates():
    from rcdesk.services.complaints.rules import granted_days

    assert granted_days(date(2026, 11, 20), date(2026, 11, 27), "FR") == 5
    assert granted_days(date(2026, 11, 2), date(2026, 11, 17), "FR") == 10  # 11/11 is a holiday
    assert granted_days(date(2026, 11, 20), date(2026, 11, 20), "FR") == 0


def test_paused_complaint_is_not_late_while_waiting(customer):
    cid = qualified(customer, on=date.today() - timedelta(days=3))
    move(cid, "En attente du client", on=date.today() - timedelta(days=1))
    assert get_complaint(cid).due_state == "ok"


def test_answer_before_receipt_refused(customer):
    cid = qualified(customer)
    with pytest.raises(ValidationError) as err:
        record_answer(cid, AnswerInput("Nous échangeons la nappe.", date(2026, 10, 30), "échange"))
    assert err.value.field == "answer_date"
    assert "précède la réception (02/11/2026)" in err.value.message
    assert get_complaint(cid).answer_text == ""


# 3,000,000,000 cents overflows PostgreSQL's integer column: refused, not a DataError
@pytest.mark.parametrize("cost", [-100, "12,50", 3.5, None, 3_000_000_000])
def test_negative_non_numeric_or_huge_cost_refused(customer, cost):
    cid = qualified(customer)
    with pytest.raises(ValidationError) as err:
        record_answer(cid, AnswerInput("Remboursement", date(2026, 11, 4),
                                       "remboursement partiel", cost))
    assert err.value.field == "cost_cents"
    d = get_complaint(cid)
    assert (d.status, d.cost_cents, d.answer_text) == ("Qualifiée", 0, "")


def test_answer_then_close_then_reopen(customer):
    cid = qualified(customer)
    record_answer(cid, AnswerInput("Remboursement de 20 %", date(2026, 11, 5),
                                   "remboursement partiel", 1250))
    d = get_complaint(cid)
    assert (d.status, d.answer_date, d.cost_cents) == ("Réponse envoyée", date(2026, 11, 5), 1250)
    close(cid, date(2026, 11, 5), "oui", "Client rappelé")
    d = get_complaint(cid)
    assert (d.status, d.resatisfied) == ("Clôturée", "oui")
    assert d.closed_at is not None
    with pytest.raises(ServiceError):
        move(cid, "En traitement")
    with pytest.raises(ValidationError):
        reopen(cid, "  ")
    reopen(cid, "Le client rappelle : tache persistante")
    d = get_complaint(cid)
    assert (d.status, d.resatisfied, d.closed_at) == ("En traitement", "", None)
    assert d.timeline[-1].what == "Réouverture : Clôturée → En traitement"
    assert d.timeline[-1].comment == "Le client rappelle : tache persistante"


def test_closure_without_answer_refused(customer):
    cid = qualified(customer)
    with pytest.raises(ServiceError) as err:
        close(cid, date(2026, 11, 5), "oui")
    assert "répondez au client avant de clôturer" in str(err.value)
    assert get_complaint(cid).status == "Qualifiée"
    record_answer(cid, AnswerInput("Échange", date(2026, 11, 5), "échange", 0))
    with pytest.raises(ValidationError) as err:
        close(cid, date(2026, 11, 5), "peut-être")
    assert err.value.field == "resatisfied"
    with pytest.raises(ValidationError):
        close(cid, None, "oui")
    assert get_complaint(cid).status == "Réponse envoyée"


def test_rejection_needs_a_reason(customer):
    cid = new(customer)
    with pytest.raises(ValidationError):
        move(cid, "Non recevable")
    move(cid, "Non recevable", "Produit acheté chez un concurrent")
    assert get_complaint(cid).status == "Non recevable"


def test_edit_records_changed_fields(customer):
    cid = new(customer)
    changed = edit_complaint(cid, ComplaintInput(customer_id=customer, channel="e-mail",
                                                 product="Nappe lin", place="Roubaix",
                                                 description="Couleur différente de la photo"))
    assert changed == ["canal", "lieu"]
    assert get_complaint(cid).timeline[-1].what == "Modification : canal, lieu"


def test_categories_edit_and_delete_in_use_refused(customer):
    new_id = add_category("Emballage")
    assert (new_id, "Emballage") in list_categories()
    with pytest.raises(ValidationError):
        add_category(" emballage ")
    rename_category(new_id, "Emballage abîmé")
    assert (new_id, "Emballage abîmé") in list_categories()
    cid = new(customer)
    qualify(cid, Qualification(new_id, "bonne foi", True))
    with pytest.raises(ServiceError) as err:
        delete_category(new_id)
    assert "utilisée par 1 réclamation(s)" in str(err.value)
    assert (new_id, "Emballage abîmé") in list_categories()
    spare = add_category("Divers")
    delete_category(spare)
    assert spare not in [i for i, _ in list_categories()]


def test_attachment_copied_into_data_dir_by_sha256(customer, tmp_path, isolated_data_dir):
    import hashlib

    photo = tmp_path / "Photo tasse.JPG"
    photo.write_bytes(b"\xff\xd8\xff fake jpeg")
    cid = new(customer)
    add_attachment(cid, photo)
    add_attachment(cid, photo)  # same content: one stored copy
    sha = hashlib.sha256(photo.read_bytes()).hexdigest()
    rows = list_attachments(cid)
    assert [r.filename for r in rows] == ["Photo tasse.JPG", "Photo tasse.JPG"]
    assert rows[0].path == isolated_data_dir / "attachments" / f"{sha}.jpg"
    assert rows[0].path.read_bytes() == photo.read_bytes()
    assert [p.name for p in (isolated_data_dir / "attachments").iterdir()] == [f"{sha}.jpg"]
    with pytest.raises(ValidationError):
        add_attachment(cid, tmp_path / "absent.png")


def test_history_and_repeat_complainer(customer):
    from tests.unit.complaints.conftest import add_purchases

    add_purchases(customer, date(2026, 5, 1), 3, 4500)
    for day in (date(2026, 1, 5), date(2026, 6, 1), date(2026, 10, 1)):
        new(customer, on=day)
    rows, purchases = customer_history(customer)
    assert [r.number for r in rows] == ["REC-2026-0003", "REC-2026-0002", "REC-2026-0001"]
    assert (purchases.count, purchases.total_cents, purchases.last_date) == (
        3, 13500, date(2026, 5, 1))
    assert is_repeat_complainer(customer, date(2026, 11, 24))
    assert not is_repeat_complainer(customer, date(2027, 2, 1))
    assert Complaint.select().count() == 3


def test_due_state_rule_late_soon_ok():
    from rcdesk.services.complaints import due_state

    today = date(2026, 11, 24)  # a Tuesday
    assert due_state("En traitement", date(2026, 11, 23), None, today, "FR") == "late"
    assert due_state("En traitement", date(2026, 11, 24), None, today, "FR") == "soon"
    assert due_state("Reçue", date(2026, 11, 25), None, today, "FR") == "soon"
    assert due_state("Reçue", date(2026, 11, 26), None, today, "FR") == "ok"
    # answered or closed complaints are never late
    assert due_state("Réponse envoyée", date(2026, 11, 1), None, today, "FR") == "ok"
    assert due_state("Clôturée", date(2026, 11, 1), None, today, "FR") == "ok"
    # paused: the clock stopped; late only if it already was when the pause began
    assert due_state("En attente du client", date(2026, 11, 20), date(2026, 11, 19), today,
                     "FR") == "ok"
    assert due_state("En attente du client", date(2026, 11, 20), date(2026, 11, 23), today,
                     "FR") == "late"


def test_rejected_complaint_can_be_reopened(customer):
    cid = new(customer)
    move(cid, "Non recevable", "Hors garantie")
    with pytest.raises(ServiceError):
        qualify(cid, Qualification(category_id(), "bonne foi", True))
    reopen(cid, "Facture retrouvée : sous garantie")
    assert get_complaint(cid).status == "En traitement"
    with pytest.raises(ServiceError) as err:
        reopen(cid, "encore")
    assert "rien à rouvrir" in str(err.value)
