"""Status moves through the services: every allowed move, the refused ones, the pause clock."""

from datetime import date

import pytest

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.models.complaints import Complaint, ComplaintCategory, ComplaintEvent
from rcdesk.services.complaints import (
    AnswerInput,
    ComplaintInput,
    Qualification,
    close,
    get_complaint,
    move,
    qualify,
    record_answer,
    register_complaint,
    reopen,
)
from rcdesk.services.complaints.rules import STATUSES
from rcdesk.services.settings import CompanyProfile, save_company

RECEIVED_ON = date(2026, 3, 2)  # a Monday: due Monday 09/03 (5 working days)
ON = date(2026, 3, 4)
NUMBER = "REC-2026-0001"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """Closing and answering check dates against today: 20/03/2026 for these tests."""
    import rcdesk.services.complaints.workflow as workflow

    monkeypatch.setattr(workflow, "_today", lambda: date(2026, 3, 20))


def new(customer_id):
    data = ComplaintInput(customer_id=customer_id, channel="téléphone", product="Nappe lin",
                          description="Couleur différente de la photo")
    return register_complaint(data, received_on=RECEIVED_ON).id


def qualify_it(cid):
    category = ComplaintCategory.get(ComplaintCategory.name == "Livraison").id
    qualify(cid, Qualification(category, "faute du vendeur", True, "moyenne", "Magasin"))


def answer_it(cid):
    record_answer(cid, AnswerInput("Nous échangeons la nappe.", ON, "échange", 0))


def in_status(customer_id, status, *, category=False, answer=False):
    """A complaint brought to status through the services, as a counter would.

    category: a "Reçue" complaint that already has its category (qualified while waiting);
    answer: a "Qualifiée" or "En traitement" complaint whose answer is already recorded."""
    cid = new(customer_id)
    if status == "Reçue":
        if category:
            move(cid, "En attente du client", on=ON)
            qualify_it(cid)
            move(cid, "Reçue", on=ON)
    elif status == "Non recevable":
        move(cid, "Non recevable", "Produit acheté ailleurs", on=ON)
    elif status == "En attente du client":
        if category:
            qualify_it(cid)
        move(cid, "En attente du client", on=ON)
    else:
        qualify_it(cid)
        if status == "Qualifiée" and answer:
            answer_it(cid)
            move(cid, "En attente du client", on=ON)
            move(cid, "Qualifiée", on=ON)
        elif status == "En traitement":
            if answer:
                answer_it(cid)
            move(cid, "En traitement", on=ON)
        elif status in ("Réponse envoyée", "Clôturée"):
            answer_it(cid)
            if status == "Clôturée":
                close(cid, ON, "oui")
    assert get_complaint(cid).status == status
    return cid


ALLOWED = [
    ("Reçue", "Qualifiée", {"category": True}),
    ("Reçue", "En attente du client", {}),
    ("Reçue", "Non recevable", {}),
    ("Qualifiée", "En traitement", {}),
    ("Qualifiée", "Réponse envoyée", {"answer": True}),
    ("Qualifiée", "En attente du client", {}),
    ("Qualifiée", "Non recevable", {}),
    ("En traitement", "Réponse envoyée", {"answer": True}),
    ("En traitement", "En attente du client", {}),
    ("En traitement", "Non recevable", {}),
    ("En attente du client", "Reçue", {}),
    ("En attente du client", "Qualifiée", {"category": True}),
    ("En attente du client", "En traitement", {}),
    ("Réponse envoyée", "En traitement", {}),
    ("Réponse envoyée", "En attente du client", {}),
]


@pytest.mark.parametrize("before, after, setup", ALLOWED)
def test_every_allowed_move_is_made_and_logged(customer, before, after, setup):
    cid = in_status(customer, before, **setup)
    count = ComplaintEvent.select().count()
    move(cid, after, "  Motif du passage  ", on=date(2026, 3, 5))
    d = get_complaint(cid)
    assert d.status == after
    assert ComplaintEvent.select().count() == count + 1
    assert d.timeline[-1].what.startswith(f"Statut : {before} → {after}")
    assert d.timeline[-1].comment == "Motif du passage"


def test_the_sixteenth_move_closes_through_close_only(customer):
    cid = in_status(customer, "Réponse envoyée")
    with pytest.raises(ServiceError) as err:
        move(cid, "Clôturée", "Client rappelé")
    assert str(err.value) == ("La clôture demande la date de réponse et la re-satisfaction du "
                              "client : utilisez « Clôturer ».")
    assert get_complaint(cid).status == "Réponse envoyée"
    close(cid, date(2026, 3, 5), "non", "Client rappelé")
    d = get_complaint(cid)
    assert (d.status, d.resatisfied, d.answer_date) == ("Clôturée", "non", date(2026, 3, 5))
    assert d.closed_at is not None
    row = Complaint.get_by_id(cid)  # closing is not a pause
    assert (row.paused_on, row.paused_from, row.due_date) == (None, "", date(2026, 3, 9))
    assert [(e.what, e.comment) for e in d.timeline[-2:]] == [
        ("Statut : Réponse envoyée → Clôturée", "Client rappelé"),
        ("Clôture : client re-satisfait : non", "")]


FORBIDDEN = [
    ("Reçue", "En traitement", "En attente du client, Non recevable, Qualifiée"),
    ("Reçue", "Réponse envoyée", "En attente du client, Non recevable, Qualifiée"),
    ("Reçue", "Reçue", "En attente du client, Non recevable, Qualifiée"),
    ("Reçue", "Clôturée", "En attente du client, Non recevable, Qualifiée"),
    ("Qualifiée", "Reçue", "En attente du client, En traitement, Non recevable, Réponse envoyée"),
    ("Qualifiée", "Clôturée",
     "En attente du client, En traitement, Non recevable, Réponse envoyée"),
    ("En traitement", "Qualifiée", "En attente du client, Non recevable, Réponse envoyée"),
    ("En traitement", "Reçue", "En attente du client, Non recevable, Réponse envoyée"),
    ("En traitement", "En traitement", "En attente du client, Non recevable, Réponse envoyée"),
    ("En attente du client", "Réponse envoyée", "En traitement, Qualifiée, Reçue"),
    ("En attente du client", "Non recevable", "En traitement, Qualifiée, Reçue"),
    ("En attente du client", "En attente du client", "En traitement, Qualifiée, Reçue"),
    ("Réponse envoyée", "Non recevable", "Clôturée, En attente du client, En traitement"),
    ("Réponse envoyée", "Qualifiée", "Clôturée, En attente du client, En traitement"),
    ("Réponse envoyée", "Reçue", "Clôturée, En attente du client, En traitement"),
]


@pytest.mark.parametrize("before, after, possible", FORBIDDEN)
def test_forbidden_moves_are_refused_in_french_and_change_nothing(customer, before, after,
                                                                  possible):
    cid = in_status(customer, before, answer=True)
    row = Complaint.get_by_id(cid)
    count = ComplaintEvent.select().count()
    with pytest.raises(ServiceError) as err:
        move(cid, after, "Essai")
    assert str(err.value) == (f"Passage interdit de « {before} » à « {after} » pour {NUMBER} "
                              f"(possibles : {possible}).")
    again = Complaint.get_by_id(cid)
    assert (again.status, again.updated_at, again.due_date) == (row.status, row.updated_at,
                                                               row.due_date)
    assert ComplaintEvent.select().count() == count


@pytest.mark.parametrize("final", ["Clôturée", "Non recevable"])
def test_closed_and_rejected_complaints_are_terminal_until_reopened(customer, final):
    cid = in_status(customer, final)
    count = ComplaintEvent.select().count()
    for status in STATUSES:
        with pytest.raises(ServiceError) as err:
            move(cid, status, "Essai")
        assert str(err.value) == (f"La réclamation {NUMBER} est « {final} » : rouvrez-la pour la "
                                  "modifier.")
    with pytest.raises(ServiceError) as err:
        qualify_it(cid)
    assert str(err.value) == (f"La réclamation {NUMBER} est « {final} » : rouvrez-la avant de la "
                              "requalifier.")
    with pytest.raises(ServiceError) as err:
        answer_it(cid)
    assert str(err.value) == (f"Passage interdit de « {final} » à « Réponse envoyée » pour "
                              f"{NUMBER}.")
    with pytest.raises(ServiceError) as err:
        close(cid, ON, "oui")
    assert "n'a pas de réponse enregistrée" in str(err.value)
    assert get_complaint(cid).status == final
    assert ComplaintEvent.select().count() == count
    reopen(cid, "Le client rappelle")
    assert get_complaint(cid).status == "En traitement"
    move(cid, "En attente du client", on=ON)
    assert get_complaint(cid).status == "En attente du client"


def test_unknown_status_is_a_validation_error_even_on_a_final_complaint(customer):
    for status in ("Reçue", "Non recevable"):
        cid = in_status(customer, status)
        with pytest.raises(ValidationError) as err:
            move(cid, "Perdue", "Essai")
        assert (err.value.field, err.value.message) == ("status", "Statut inconnu : « Perdue ».")


@pytest.mark.parametrize("before", ["Reçue", "Qualifiée", "En traitement"])
def test_rejection_needs_a_reason(customer, before):
    cid = in_status(customer, before)
    for reason in ("", "   ", None):
        with pytest.raises(ValidationError) as err:
            move(cid, "Non recevable", reason)
        assert (err.value.field, err.value.message) == (
            "comment", "Indiquez pourquoi la réclamation est non recevable.")
    assert get_complaint(cid).status == before
    move(cid, "Non recevable", "Hors garantie")
    assert get_complaint(cid).timeline[-1].comment == "Hors garantie"


def test_qualified_needs_a_category_and_answered_needs_an_answer(customer):
    cid = in_status(customer, "Reçue")
    with pytest.raises(ServiceError) as err:
        move(cid, "Qualifiée")
    assert str(err.value) == (f"Qualifiez {NUMBER} (catégorie, type) avant de la marquer "
                              "« Qualifiée ».")
    move(cid, "En attente du client", on=ON)
    with pytest.raises(ServiceError) as err:
        move(cid, "Qualifiée")  # back from waiting: still no category
    assert "avant de la marquer « Qualifiée »" in str(err.value)
    qualify_it(cid)
    move(cid, "Qualifiée", on=ON)
    with pytest.raises(ServiceError) as err:
        move(cid, "Réponse envoyée")
    assert str(err.value) == f"Enregistrez d'abord la réponse apportée à {NUMBER}."
    move(cid, "En traitement", on=ON)
    with pytest.raises(ServiceError) as err:
        move(cid, "Réponse envoyée")
    assert str(err.value) == f"Enregistrez d'abord la réponse apportée à {NUMBER}."
    assert get_complaint(cid).status == "En traitement"


def test_moving_an_unknown_complaint_says_so(customer):
    with pytest.raises(ServiceError) as err:
        move(999, "En traitement")
    assert str(err.value) == "La réclamation n° 999 n'existe pas."


# --- the pause clock ----------------------------------------------------------------------


def waiting(customer_id, on=date(2026, 3, 3)):
    cid = in_status(customer_id, "Qualifiée")
    move(cid, "En attente du client", "Photos demandées", on=on)
    return cid


def test_pause_records_the_day_and_the_status_it_left(customer):
    cid = waiting(customer)
    row = Complaint.get_by_id(cid)
    assert (row.paused_on, row.paused_from, row.due_date) == (
        date(2026, 3, 3), "Qualifiée", date(2026, 3, 9))
    assert get_complaint(cid).timeline[-1].what == "Statut : Qualifiée → En attente du client"


def test_leaving_the_pause_moves_the_due_date_by_the_working_days_waited(customer):
    cid = waiting(customer)
    move(cid, "En traitement", on=date(2026, 3, 9))  # Monday: 4, 5, 6, 9 waited
    row = Complaint.get_by_id(cid)
    assert (row.status, row.paused_on, row.paused_from) == ("En traitement", None, "")
    assert (row.waited_days, row.due_date) == (4, date(2026, 3, 13))
    assert get_complaint(cid).timeline[-1].what == (
        "Statut : En attente du client → En traitement ; attente de 4 jour(s) ouvré(s), "
        "échéance reportée au 13/03/2026")


def test_a_pause_left_the_same_day_or_before_moves_nothing(customer):
    cid = waiting(customer, on=date(2026, 3, 4))
    move(cid, "Qualifiée", on=date(2026, 3, 4))
    row = Complaint.get_by_id(cid)
    assert (row.waited_days, row.due_date) == (0, date(2026, 3, 9))
    assert get_complaint(cid).timeline[-1].what.endswith(
        "attente de 0 jour(s) ouvré(s), échéance reportée au 09/03/2026")
    move(cid, "En attente du client", on=date(2026, 3, 4))
    move(cid, "En traitement", on=date(2026, 3, 2))  # a date before the pause: nothing waited
    row = Complaint.get_by_id(cid)
    assert (row.waited_days, row.due_date) == (0, date(2026, 3, 9))


def test_waits_add_up(customer):
    cid = waiting(customer, on=date(2026, 3, 3))
    move(cid, "En traitement", on=date(2026, 3, 5))  # 4, 5
    move(cid, "En attente du client", on=date(2026, 3, 6))
    move(cid, "En traitement", on=date(2026, 3, 10))  # Friday -> Tuesday: 9, 10
    row = Complaint.get_by_id(cid)
    assert (row.waited_days, row.due_date) == (4, date(2026, 3, 13))


def test_waiting_over_a_weekend_counts_working_days_only(customer):
    cid = waiting(customer, on=date(2026, 3, 6))  # Friday
    move(cid, "En traitement", on=date(2026, 3, 9))  # Monday
    assert Complaint.get_by_id(cid).waited_days == 1


def test_the_pause_counts_the_holidays_of_the_company_country(customer):
    save_company(CompanyProfile(name="Souk", country="MA", currency="MAD",
                                complaint_deadline_days=5))
    cid = register_complaint(ComplaintInput(customer_id=customer, description="Tapis abîmé"),
                             received_on=date(2026, 11, 16)).id
    assert get_complaint(cid).due_date == date(2026, 11, 24)  # 18/11 is a holiday in Morocco
    move(cid, "En attente du client", on=date(2026, 11, 17))
    move(cid, "Reçue", on=date(2026, 11, 19))  # 18 does not count, 19 does
    row = Complaint.get_by_id(cid)
    assert (row.waited_days, row.due_date) == (1, date(2026, 11, 25))


def test_a_pause_without_its_day_moves_nothing(customer):
    cid = waiting(customer)
    Complaint.update(paused_on=None).where(Complaint.id == cid).execute()  # an old record
    move(cid, "En traitement", on=date(2026, 3, 10))
    row = Complaint.get_by_id(cid)
    assert (row.waited_days, row.due_date) == (0, date(2026, 3, 9))
    assert get_complaint(cid).timeline[-1].what == "Statut : En attente du client → En traitement"


def test_other_moves_leave_the_due_date_alone(customer):
    cid = in_status(customer, "Qualifiée")
    move(cid, "En traitement", on=date(2026, 3, 12))
    row = Complaint.get_by_id(cid)
    assert (row.due_date, row.waited_days, row.paused_on, row.paused_from) == (
        date(2026, 3, 9), 0, None, "")
    assert get_complaint(cid).timeline[-1].what == "Statut : Qualifiée → En traitement"
