"""Processing: qualification, allowed moves, the pause clock, answer, closure, reopening."""

from datetime import date, datetime, timedelta

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


# --- answer, closure, reopening, qualification, edits and notes: the exact rules ------------

TODAY = date(2026, 11, 20)


@pytest.fixture
def fixed_today(monkeypatch):
    import rcdesk.services.complaints.workflow as workflow

    monkeypatch.setattr(workflow, "_today", lambda: TODAY)


def answered(customer_id, **kw):
    cid = qualified(customer_id, **kw)
    record_answer(cid, AnswerInput("Nous échangeons la nappe.", date(2026, 11, 4), "échange"))
    return cid


def test_answer_is_recorded_with_its_date_compensation_and_cost(customer, fixed_today):
    cid = qualified(customer)
    record_answer(cid, AnswerInput("  Remboursement partiel  ", date(2026, 11, 2),
                                   "remboursement partiel", 2500), "Appel du client")
    d = get_complaint(cid)
    assert (d.status, d.answer_text, d.answer_date, d.compensation, d.cost_cents) == (
        "Réponse envoyée", "Remboursement partiel", date(2026, 11, 2), "remboursement partiel",
        2500)
    assert [(e.what, e.comment) for e in d.timeline[-2:]] == [
        ("Réponse du 02/11/2026 ; compensation : remboursement partiel", "Appel du client"),
        ("Statut : Qualifiée → Réponse envoyée", "")]


def test_an_answer_from_en_traitement_and_an_answer_changed_later(customer, fixed_today):
    cid = qualified(customer)
    move(cid, "En traitement")
    record_answer(cid, AnswerInput("Échange", date(2026, 11, 5), "échange", 0))
    assert get_complaint(cid).timeline[-1].what == "Statut : En traitement → Réponse envoyée"
    count = ComplaintEvent.select().count()
    record_answer(cid, AnswerInput("Échange et bon", TODAY, "geste commercial", 1000), "Erreur")
    d = get_complaint(cid)
    assert (d.status, d.answer_text, d.answer_date, d.compensation, d.cost_cents) == (
        "Réponse envoyée", "Échange et bon", TODAY, "geste commercial", 1000)
    assert ComplaintEvent.select().count() == count + 1
    assert (d.timeline[-1].what, d.timeline[-1].comment) == (
        "Réponse modifiée : Réponse du 20/11/2026 ; compensation : geste commercial", "Erreur")


def test_an_answer_needs_a_qualified_complaint(customer, fixed_today):
    cid = new(customer)
    with pytest.raises(ServiceError) as err:
        record_answer(cid, AnswerInput("Échange", date(2026, 11, 4), "échange"))
    assert str(err.value) == "Qualifiez REC-2026-0001 avant d'y répondre."
    move(cid, "En attente du client", on=date(2026, 11, 3))
    with pytest.raises(ServiceError) as err:
        record_answer(cid, AnswerInput("Échange", date(2026, 11, 4), "échange"))
    assert str(err.value) == ("Passage interdit de « En attente du client » à « Réponse envoyée » "
                              "pour REC-2026-0001.")
    d = get_complaint(cid)
    assert (d.status, d.answer_text, d.answer_date) == ("En attente du client", "", None)


@pytest.mark.parametrize("data, field, message", [
    (AnswerInput("   ", date(2026, 11, 4)), "answer_text", "La réponse est obligatoire."),
    (AnswerInput("x" * 10_001, date(2026, 11, 4)), "answer_text",
     "La réponse dépasse 10000 caractères."),
    (AnswerInput("Échange", None), "answer_date", "La date de réponse est obligatoire."),
    (AnswerInput("Échange", "04/11/2026"), "answer_date", "La date de réponse est obligatoire."),
    (AnswerInput("Échange", date(2026, 11, 1)), "answer_date",
     "La date de réponse (01/11/2026) précède la réception (02/11/2026)."),
    (AnswerInput("Échange", date(2026, 11, 21)), "answer_date",
     "La date de réponse ne peut pas être dans le futur."),
    (AnswerInput("Échange", date(2026, 11, 4), "bon d'achat"), "compensation",
     "Compensation inconnue : « bon d'achat »."),
    (AnswerInput("Échange", date(2026, 11, 4), "aucune", 500), "cost_cents",
     "Un coût suppose une compensation : choisissez-la."),
    (AnswerInput("Échange", date(2026, 11, 4), "échange", -1), "cost_cents",
     "Le coût ne peut pas être négatif."),
    (AnswerInput("Échange", date(2026, 11, 4), "échange", 2**31), "cost_cents",
     "Le coût est trop élevé."),
    (AnswerInput("Échange", date(2026, 11, 4), "échange", True), "cost_cents",
     "Le coût doit être un montant numérique."),
    (AnswerInput("Échange", date(2026, 11, 4), "échange", 12.5), "cost_cents",
     "Le coût doit être un montant numérique."),
])
def test_answer_refusals_name_the_field(customer, fixed_today, data, field, message):
    cid = qualified(customer)
    with pytest.raises(ValidationError) as err:
        record_answer(cid, data)
    assert (err.value.field, err.value.message) == (field, message)
    d = get_complaint(cid)
    assert (d.status, d.answer_text, d.cost_cents) == ("Qualifiée", "", 0)


def test_no_compensation_read_back_from_a_widget_refuses_a_cost(customer, fixed_today):
    cid = qualified(customer)
    none = "".join(["auc", "une"])  # a new string object, as a combo box's item data gives it
    with pytest.raises(ValidationError) as err:
        record_answer(cid, AnswerInput("Échange", date(2026, 11, 4), none, 500))
    assert (err.value.field, err.value.message) == (
        "cost_cents", "Un coût suppose une compensation : choisissez-la.")


def test_answer_limits_are_accepted(customer, fixed_today):
    cid = qualified(customer)
    moment = datetime(2026, 11, 2, 18, 30)  # a datetime counts for its day
    # the largest cost accepted (10 million), within PostgreSQL's 32-bit INTEGER column
    from rcdesk.services.complaints.workflow import MAX_COST_CENTS

    assert MAX_COST_CENTS == 10**9 < 2**31 - 1
    record_answer(cid, AnswerInput("x" * 10_000, moment, "échange", MAX_COST_CENTS))
    d = get_complaint(cid)
    assert (len(d.answer_text), d.answer_date, d.cost_cents) == (10_000, date(2026, 11, 2),
                                                                 1_000_000_000)
    record_answer(cid, AnswerInput("Rien à rembourser", TODAY, "aucune", 0))
    assert get_complaint(cid).answer_date == TODAY


def test_closure_checks_its_answer_date_and_the_resatisfaction(customer, fixed_today):
    cid = answered(customer)
    for day, message in ((date(2026, 11, 1), "précède la réception (02/11/2026)"),
                         (date(2026, 11, 21), "ne peut pas être dans le futur")):
        with pytest.raises(ValidationError) as err:
            close(cid, day, "oui")
        assert err.value.field == "answer_date" and message in err.value.message
    with pytest.raises(ValidationError) as err:
        close(cid, TODAY, "peut-être")
    assert (err.value.field, err.value.message) == (
        "resatisfied", "Indiquez si le client est de nouveau satisfait (oui, non ou sans réponse).")
    assert get_complaint(cid).status == "Réponse envoyée"
    close(cid, TODAY, "sans réponse")
    d = get_complaint(cid)
    assert (d.status, d.answer_date, d.resatisfied) == ("Clôturée", TODAY, "sans réponse")


def test_closure_needs_the_answered_status_and_an_answer_text(customer, fixed_today):
    cid = answered(customer)
    move(cid, "En traitement")  # the answer is kept, the status is not "Réponse envoyée"
    with pytest.raises(ServiceError) as err:
        close(cid, TODAY, "oui")
    assert str(err.value) == ("REC-2026-0001 n'a pas de réponse enregistrée : répondez au "
                              "client avant de clôturer.")
    other = answered(customer)
    Complaint.update(answer_text="").where(Complaint.id == other).execute()
    with pytest.raises(ServiceError) as err:
        close(other, TODAY, "oui")
    assert "REC-2026-0002 n'a pas de réponse enregistrée" in str(err.value)
    assert get_complaint(other).status == "Réponse envoyée"


@pytest.mark.parametrize("status", ["Reçue", "Qualifiée", "En traitement",
                                    "En attente du client", "Réponse envoyée"])
def test_only_final_complaints_are_reopened(customer, fixed_today, status):
    cid = answered(customer)
    if status != "Réponse envoyée":
        Complaint.update(status=status).where(Complaint.id == cid).execute()
    with pytest.raises(ServiceError) as err:
        reopen(cid, "Le client rappelle")
    assert str(err.value) == ("REC-2026-0001 n'est ni clôturée ni non recevable : rien à "
                              "rouvrir.")
    assert get_complaint(cid).status == status


def test_reopening_needs_a_reason_and_clears_the_closure(customer, fixed_today):
    cid = answered(customer)
    close(cid, TODAY, "non")
    with pytest.raises(ValidationError) as err:
        reopen(cid, None)
    assert (err.value.field, err.value.message) == (
        "comment", "Le motif de réouverture est obligatoire.")
    assert get_complaint(cid).status == "Clôturée"
    reopen(cid, "  Tache persistante  ")
    d = get_complaint(cid)
    assert (d.status, d.resatisfied, d.closed_at, d.answer_text) == (
        "En traitement", "", None, "Nous échangeons la nappe.")
    assert (d.timeline[-1].what, d.timeline[-1].comment) == (
        "Réouverture : Clôturée → En traitement", "Tache persistante")


@pytest.mark.parametrize("q, field, message", [
    (Qualification(None, "bonne foi"), "category_id", "Choisissez une catégorie de la liste."),
    (Qualification(9999, "bonne foi"), "category_id", "Choisissez une catégorie de la liste."),
    (Qualification(0, "de travers"), "type", "Type inconnu : « de travers » (attendu : bonne foi, "
                                             "mauvaise foi, faute du vendeur, à déterminer)."),
    (Qualification(0, "bonne foi", True, "énorme"), "severity",
     "Gravité inconnue : « énorme » (attendu : faible, moyenne, élevée, critique)."),
    (Qualification(0, "bonne foi", "oui"), "founded",
     "« Fondée » vaut oui, non ou à déterminer."),
    (Qualification(0, "bonne foi", True, "", "x" * 201), "entity",
     "L'entité en charge dépasse 200 caractères."),
])
def test_qualification_refusals_name_the_field(customer, q, field, message):
    cid = new(customer)
    if q.category_id == 0:
        q.category_id = category_id()
    with pytest.raises(ValidationError) as err:
        qualify(cid, q)
    assert (err.value.field, err.value.message) == (field, message)
    d = get_complaint(cid)
    assert (d.status, d.category_id) == ("Reçue", None)
    assert len(d.timeline) == 1


def test_qualification_wording_and_requalification_keep_the_status(customer):
    cid = new(customer)
    qualify(cid, Qualification(category_id(), "bonne foi", False), "Vu en magasin")
    d = get_complaint(cid)
    assert [(e.what, e.comment) for e in d.timeline[1:]] == [
        ("Qualification : Livraison, bonne foi, non fondée", "Vu en magasin"),
        ("Statut : Reçue → Qualifiée", "")]
    move(cid, "En traitement")
    qualify(cid, Qualification(category_id(), "à déterminer", None, "", "  Siège  "))
    d = get_complaint(cid)
    assert (d.status, d.type, d.founded, d.severity, d.entity) == (
        "En traitement", "à déterminer", None, "", "Siège")
    assert d.timeline[-1].what == ("Qualification : Livraison, à déterminer, fondement à "
                                   "déterminer, confiée à Siège")
    move(cid, "En attente du client", on=date(2026, 11, 3))
    qualify(cid, Qualification(category_id(), "mauvaise foi", False, "faible"))
    d = get_complaint(cid)
    assert (d.status, d.type) == ("En attente du client", "mauvaise foi")
    assert d.timeline[-1].what == "Qualification : Livraison, mauvaise foi, non fondée, gravité faible"


def test_edit_without_change_writes_nothing_and_unknown_complaint_is_refused(customer):
    cid = new(customer)
    same = ComplaintInput(customer_id=customer, channel="téléphone", product=" Nappe lin ",
                          place="Lille", description="Couleur différente de la photo")
    assert edit_complaint(cid, same, "Rien") == []
    assert len(get_complaint(cid).timeline) == 1
    with pytest.raises(ServiceError) as err:
        edit_complaint(999, same)
    assert str(err.value) == "La réclamation n° 999 n'existe pas."


def test_edit_names_every_changed_field_in_order(customer):
    cid = new(customer)
    changed = edit_complaint(cid, ComplaintInput(
        walk_in_name="M. Petit", walk_in_contact="06 12 34 56 78", channel="courrier",
        product="Vase", place="Roubaix", description="Vase fêlé", expectation="Avoir"),
        "Erreur de saisie")
    assert changed == ["client", "nom du réclamant", "contact", "canal", "produit", "lieu",
                       "description", "attente"]
    d = get_complaint(cid)
    assert (d.customer_id, d.customer_name, d.walk_in_contact, d.channel, d.product, d.place,
            d.description, d.expectation) == (None, "M. Petit", "06 12 34 56 78", "courrier",
                                              "Vase", "Roubaix", "Vase fêlé", "Avoir")
    assert (d.timeline[-1].what, d.timeline[-1].comment) == (
        "Modification : client, nom du réclamant, contact, canal, produit, lieu, description, "
        "attente", "Erreur de saisie")
    with pytest.raises(ValidationError) as err:
        edit_complaint(cid, ComplaintInput(walk_in_name="M. Petit", description=""))
    assert err.value.field == "walk_in_contact"


def test_notes_go_to_the_timeline(customer):
    from rcdesk.services.complaints import add_comment

    cid = new(customer)
    add_comment(cid, "  Client rappelé, absent  ")
    assert [(e.what, e.comment) for e in get_complaint(cid).timeline[1:]] == [
        ("Note", "Client rappelé, absent")]
    with pytest.raises(ValidationError) as err:
        add_comment(cid, "  ")
    assert (err.value.field, err.value.message) == ("comment", "Le commentaire est obligatoire.")
    with pytest.raises(ValidationError) as err:
        add_comment(cid, "x" * 10_001)
    assert err.value.message == "Le commentaire dépasse 10000 caractères."
    with pytest.raises(ServiceError):
        add_comment(999, "Note")
    assert len(get_complaint(cid).timeline) == 2


@pytest.mark.parametrize("kind, first, last, company, shown", [
    ("particulier", "Hélène", "Dupont", "", "Hélène Dupont"),
    ("professionnel", "Hélène", "Dupont", "Nappes SA", "Nappes SA"),
    ("professionnel", "Hélène", "Dupont", "", "Hélène Dupont"),
    ("particulier", "", "Dupont", "Nappes SA", "Dupont"),
])
def test_customer_display_is_the_customers_area_rule(kind, first, last, company, shown):
    from rcdesk.services.complaints.workflow import customer_display
    from rcdesk.services.customers import display_name

    assert customer_display(first, last, company, kind) == shown
    assert customer_display(first, last, company, kind) == display_name(first, last, company,
                                                                        kind)


def test_saving_takes_the_write_lock_at_once_on_sqlite(sqlite_database):
    """Two counters saving together wait for each other instead of failing on a stale read:
    on SQLite the save opens with BEGIN IMMEDIATE, or a savepoint inside a caller's
    transaction."""
    from rcdesk.models.base import database_proxy
    from rcdesk.services.complaints.workflow import write_transaction

    statements = []
    sqlite_database.db.connection().set_trace_callback(statements.append)
    try:
        register_complaint(ComplaintInput(walk_in_name="M. Petit", walk_in_contact="0612",
                                          description="Vase fêlé"), received_on=RECEIVED)
        assert [s for s in statements if s.startswith("BEGIN")] == ["BEGIN IMMEDIATE"]
        statements.clear()
        with database_proxy.atomic():
            with write_transaction():
                pass
        assert [s.split()[0] for s in statements] == ["BEGIN", "SAVEPOINT", "RELEASE", "COMMIT"]
        assert statements[0] == "BEGIN"
    finally:
        sqlite_database.db.connection().set_trace_callback(None)


def test_each_operation_changes_its_own_complaint_only(customer, fixed_today):
    """Every write names its complaint: the one before and the one after stay as they were."""
    from playhouse.shortcuts import model_to_dict

    from rcdesk.services.complaints import add_comment

    first, middle, last = new(customer), new(customer), new(customer)

    def others():
        rows = [model_to_dict(Complaint.get_by_id(cid), recurse=False) for cid in (first, last)]
        events = [(e.complaint_id, e.what, e.comment) for e in ComplaintEvent.select().where(
            ComplaintEvent.complaint != middle).order_by(ComplaintEvent.id)]
        return rows, events

    before = others()
    edit_complaint(middle, ComplaintInput(customer_id=customer, channel="courrier",
                                          description="Autre chose"))
    qualify(middle, Qualification(category_id(), "bonne foi", True, "faible", "Siège"))
    move(middle, "En attente du client", on=date(2026, 11, 3))
    move(middle, "En traitement", on=date(2026, 11, 6))
    record_answer(middle, AnswerInput("Avoir", date(2026, 11, 6), "réduction", 500))
    record_answer(middle, AnswerInput("Avoir de 5 €", date(2026, 11, 6), "réduction", 500))
    close(middle, date(2026, 11, 6), "oui")
    reopen(middle, "Rappel")
    add_comment(middle, "Note")
    move(middle, "Non recevable", "Hors garantie")
    assert others() == before
    assert get_complaint(middle).status == "Non recevable"


def test_an_answer_without_compensation_costs_nothing_by_default(customer, fixed_today):
    assert AnswerInput("Rien", TODAY) == AnswerInput("Rien", TODAY, "aucune", 0)
    cid = qualified(customer)
    record_answer(cid, AnswerInput("Nous n'y pouvons rien", TODAY))
    d = get_complaint(cid)
    assert (d.status, d.compensation, d.cost_cents) == ("Réponse envoyée", "aucune", 0)
    other = qualified(customer)
    record_answer(other, AnswerInput("Échange", TODAY, "échange"))
    assert get_complaint(other).cost_cents == 0


def test_requalifying_an_answered_complaint_keeps_its_status(customer, fixed_today):
    cid = answered(customer)
    count = len(get_complaint(cid).timeline)
    qualify(cid, Qualification(category_id(), "bonne foi", True))
    d = get_complaint(cid)
    assert (d.status, d.type) == ("Réponse envoyée", "bonne foi")
    assert len(d.timeline) == count + 1
    assert d.timeline[-1].what == "Qualification : Livraison, bonne foi, fondée"


@pytest.mark.parametrize("category", [0, -1])
def test_a_category_id_that_no_category_has_is_refused(customer, category):
    cid = new(customer)
    with pytest.raises(ValidationError) as err:
        qualify(cid, Qualification(category, "bonne foi"))
    assert (err.value.field, err.value.message) == (
        "category_id", "Choisissez une catégorie de la liste.")


def test_a_deleted_complaint_is_not_found_even_when_later_ones_exist(customer):
    gone, kept = new(customer), new(customer)
    ComplaintEvent.delete().where(ComplaintEvent.complaint == gone).execute()
    Complaint.delete().where(Complaint.id == gone).execute()
    for action in (lambda: move(gone, "En traitement"), lambda: reopen(gone, "Rappel"),
                   lambda: get_complaint(gone)):
        with pytest.raises(ServiceError) as err:
            action()
        assert str(err.value) == f"La réclamation n° {gone} n'existe pas."
    assert get_complaint(kept).status == "Reçue"


def test_numbers_of_a_year_ignore_the_counters_of_later_years(customer):
    for _ in range(3):
        new(customer, on=date(2027, 1, 4))
    assert register_complaint(ComplaintInput(customer_id=customer, description="Tasse"),
                              received_on=date(2026, 12, 28)).number == "REC-2026-0001"
    assert new(customer, on=date(2027, 1, 5)) == 5
    assert Complaint.get_by_id(5).number == "REC-2027-0004"


def test_dates_and_options_are_passed_by_name(customer):
    data = ComplaintInput(customer_id=customer, description="Tasse fêlée")
    with pytest.raises(TypeError):
        register_complaint(data, datetime(2026, 3, 2, 9, 0))
    cid = register_complaint(data=data, received_on=date(2026, 3, 2)).id
    with pytest.raises(TypeError):
        move(cid, "En attente du client", "Photos", date(2026, 3, 3))
    assert get_complaint(cid).status == "Reçue"


def test_a_save_over_a_newer_version_is_asked_for_by_name(customer):
    """overwrite (and original) are keyword-only: a stray fourth argument never overwrites a
    newer save; the complaint, its data and its comment may be named."""
    cid = new(customer)
    edited = ComplaintInput(customer_id=customer, channel="e-mail", product="Nappe lin",
                            place="Lille", description="Couleur différente de la photo")
    with pytest.raises(TypeError):
        edit_complaint(cid, edited, "Canal corrigé", True)
    with pytest.raises(TypeError):
        qualify(cid, Qualification(category_id(), "bonne foi", True), "", True)
    assert (get_complaint(cid).channel, get_complaint(cid).status) == ("téléphone", "Reçue")
    assert edit_complaint(complaint_id=cid, data=edited, comment="Canal corrigé") == ["canal"]
    assert get_complaint(cid).channel == "e-mail"


def test_other_engines_are_asked_for_no_sqlite_lock():
    """PostgreSQL has no BEGIN IMMEDIATE: its save opens a plain transaction."""
    from rcdesk.models.base import database_proxy
    from rcdesk.services.complaints.workflow import write_transaction

    class Engine:  # any engine but SQLite
        asked = []

        def atomic(self, *args, **kwargs):
            self.asked.append(kwargs)

        def transaction_depth(self):
            return 0

    bound = database_proxy.obj
    database_proxy.obj = Engine()
    try:
        write_transaction()
    finally:
        database_proxy.obj = bound
    assert Engine.asked == [{}]  # one plain transaction, no lock_type


def _writer_sneaking_in(monkeypatch, times):
    """Another writer moves the year's counter on by 5 right after reserve_numbers read it, the
    first `times` times (what the lock prevents; the conditional update must notice it too)."""
    import rcdesk.services.complaints.workflow as workflow
    from rcdesk.models.complaints import ComplaintCounter

    left = [times]

    def read_then_bump(query):
        class Read:
            def scalar(self):
                value = query.scalar()
                if left[0] > 0 and value is not None:
                    left[0] -= 1
                    ComplaintCounter.update(last=ComplaintCounter.last + 5).where(
                        ComplaintCounter.year == 2026).execute()
                return value
        return Read()

    monkeypatch.setattr(workflow, "for_update", read_then_bump)


def test_a_counter_moved_between_read_and_update_is_read_again(customer, monkeypatch):
    from rcdesk.models.complaints import ComplaintCounter
    from rcdesk.services.complaints.workflow import reserve_numbers

    assert reserve_numbers(2026, 1) == ["REC-2026-0001"]
    _writer_sneaking_in(monkeypatch, times=2)
    # read 1, the other writer takes 2-6; read 6, it takes 7-11; read 11: 12 and 13 are ours
    assert reserve_numbers(2026, 2) == ["REC-2026-0012", "REC-2026-0013"]
    assert ComplaintCounter.get(ComplaintCounter.year == 2026).last == 13


def test_a_counter_that_keeps_moving_is_refused_after_three_reads(customer, monkeypatch):
    from rcdesk.models.complaints import ComplaintCounter
    from rcdesk.services.complaints.workflow import reserve_numbers

    assert reserve_numbers(2026, 1) == ["REC-2026-0001"]
    _writer_sneaking_in(monkeypatch, times=3)
    with pytest.raises(ServiceError, match="Le compteur des numéros de réclamation a changé"):
        reserve_numbers(2026, 1)
    assert ComplaintCounter.get(ComplaintCounter.year == 2026).last == 16  # only theirs


def test_a_save_from_an_older_version_names_what_changed_in_words(customer, fixed_today):
    """The refusal shows the customer, the category, « fondée » and the cost as the user reads
    them, never their ids; qualify refuses unless overwrite is asked for by name."""
    from rcdesk.core.errors import StaleRecordError
    from rcdesk.services.customers import CustomerData, create_customer

    other = create_customer(CustomerData(first_name="Paul", last_name="Durand"))
    cid = new(customer)
    pc1 = get_complaint(cid)
    qualify(cid, Qualification(category_id(), "bonne foi", True, version=pc1.version))
    with pytest.raises(StaleRecordError) as refused:
        qualify(cid, Qualification(category_id(), "mauvaise foi", False, version=pc1.version),
                original=pc1)
    assert refused.value.changes == [
        ("Statut", "Reçue", "Qualifiée"), ("Catégorie", "aucune", "Livraison"),
        ("Type", "vide", "bonne foi"), ("Fondée", "à déterminer", "fondée")]
    assert get_complaint(cid).type == "bonne foi"

    pc2 = get_complaint(cid)
    intake = dict(channel="téléphone", product="Nappe lin", place="Lille",
                  description="Couleur différente de la photo")
    edit_complaint(cid, ComplaintInput(customer_id=other, **intake))
    with pytest.raises(StaleRecordError) as refused:
        edit_complaint(cid, ComplaintInput(customer_id=customer, version=pc2.version, **intake),
                       original=pc2)
    assert refused.value.changes == [("Client", "Hélène Dupont", "Paul Durand")]
    assert str(refused.value).startswith(
        "Cette réclamation a été modifiée sur un autre poste depuis que vous l'avez ouverte : "
        "Client (Hélène Dupont → Paul Durand).")

    walk_in = register_complaint(ComplaintInput(
        walk_in_name="M. Petit", walk_in_contact="06 01 02 03 04", **intake),
        received_on=RECEIVED).id
    pw = get_complaint(walk_in)
    edit_complaint(walk_in, ComplaintInput(customer_id=other, **intake))
    with pytest.raises(StaleRecordError) as refused:
        edit_complaint(walk_in, ComplaintInput(walk_in_name="M. Petit", version=pw.version,
                                               walk_in_contact="06 01 02 03 04", **intake),
                       original=pw)
    assert ("Client", "aucun (réclamant de passage)", "Paul Durand") in refused.value.changes

    answered_id = answered(customer)
    pa = get_complaint(answered_id)
    record_answer(answered_id, AnswerInput("Remboursement.", date(2026, 11, 4),
                                           "remboursement partiel", 2500))
    with pytest.raises(StaleRecordError) as refused:
        record_answer(answered_id, AnswerInput("Échange.", date(2026, 11, 4), "échange",
                                               version=pa.version), original=pa)
    assert ("Coût", "0,00\u00a0€", "25,00\u00a0€") in refused.value.changes


def test_answer_options_and_empty_reservations(customer, fixed_today):
    from rcdesk.models.complaints import ComplaintCounter
    from rcdesk.services.complaints.workflow import reserve_numbers

    cid = qualified(customer)
    with pytest.raises(TypeError):
        record_answer(cid, AnswerInput("Échange.", date(2026, 11, 4), "échange"), "", True)
    assert get_complaint(cid).status == "Qualifiée"
    assert reserve_numbers(2026, 0) == [] and reserve_numbers(2026, -1) == []
    assert ComplaintCounter.get(ComplaintCounter.year == 2026).last == 1  # cid's number only
