"""Intake: numbering REC-YYYY-NNNN, due date, validation, the register's first rows."""

import threading
from datetime import date, datetime

import pytest

from rcdesk.core.errors import ValidationError
from rcdesk.models.base import database_proxy, utcnow
from rcdesk.models.complaints import Complaint, ComplaintEvent
from rcdesk.services.complaints import (
    ComplaintInput,
    ComplaintQuery,
    count_complaints,
    get_complaint,
    list_complaints,
    register_complaint,
)
from rcdesk.services.settings import set_current_operator


def intake(customer_id=None, **kw):
    values = dict(customer_id=customer_id, channel="comptoir", product="Service à thé",
                  place="Lille centre", description="Tasse fêlée à l'ouverture du carton",
                  expectation="Échange")
    values.update(kw)
    return ComplaintInput(**values)


def test_numbers_are_sequential_per_year_and_restart_each_year(customer):
    a = register_complaint(intake(customer), received_on=date(2025, 12, 30))
    b = register_complaint(intake(customer), received_on=date(2026, 1, 2))
    c = register_complaint(intake(customer), received_on=date(2026, 1, 5))
    assert (a.number, b.number, c.number) == ("REC-2025-0001", "REC-2026-0001", "REC-2026-0002")


def test_due_date_is_received_plus_deadline_working_days(customer):
    s = register_complaint(intake(customer), received_on=date(2026, 12, 22))
    assert s.due_date == date(2026, 12, 30)
    detail = get_complaint(s.id)
    assert detail.status == "Reçue"
    assert detail.customer_name == "Hélène Dupont"
    assert detail.timeline[0].what == "Réclamation enregistrée (comptoir)"
    assert "30/12/2026" in detail.timeline[0].comment


def test_deadline_follows_the_company_setting_and_country(database):
    from rcdesk.services.settings import CompanyProfile, save_company

    save_company(CompanyProfile(name="Souk", country="MA", currency="MAD",
                                complaint_deadline_days=3))
    s = register_complaint(intake(walk_in_name="Karim", walk_in_contact="0612345678"),
                           received_on=date(2026, 11, 16))
    assert s.due_date == date(2026, 11, 20)  # 18/11 Independence Day


def test_timeline_records_the_current_operator(customer):
    set_current_operator("sophie.martin")
    s = register_complaint(intake(customer))
    assert get_complaint(s.id).timeline[0].who == "sophie.martin"


def test_walk_in_complainant_needs_name_and_contact(company):
    with pytest.raises(ValidationError) as err:
        register_complaint(intake(walk_in_name="", walk_in_contact=""))
    assert err.value.field == "walk_in_name"
    with pytest.raises(ValidationError) as err:
        register_complaint(intake(walk_in_name="M. Petit", walk_in_contact=" "))
    assert err.value.field == "walk_in_contact"
    s = register_complaint(intake(walk_in_name="M. Petit", walk_in_contact="06 12 34 56 78"))
    assert get_complaint(s.id).customer_name == "M. Petit"


def test_unknown_customer_refused_and_nothing_written(company):
    with pytest.raises(ValidationError) as err:
        register_complaint(intake(9999))
    assert err.value.field == "customer_id"
    assert "Client inconnu" in err.value.message
    assert Complaint.select().count() == 0
    assert ComplaintEvent.select().count() == 0


def test_missing_description_and_unknown_channel_refused(customer):
    with pytest.raises(ValidationError) as err:
        register_complaint(intake(customer, description="   "))
    assert err.value.field == "description"
    with pytest.raises(ValidationError) as err:
        register_complaint(intake(customer, channel="pigeon"))
    assert err.value.field == "channel"
    assert Complaint.select().count() == 0


def test_failed_save_gives_no_number_and_numbers_are_never_reused(customer, monkeypatch):
    first = register_complaint(intake(customer), received_on=date(2026, 3, 2))
    import rcdesk.services.complaints.workflow as wf

    def boom(*a, **k):
        raise RuntimeError("disque plein")

    monkeypatch.setattr(wf, "_log", boom)
    with pytest.raises(RuntimeError):
        register_complaint(intake(customer), received_on=date(2026, 3, 2))
    monkeypatch.undo()
    assert Complaint.select().count() == 1
    second = register_complaint(intake(customer), received_on=date(2026, 3, 3))
    assert (first.number, second.number) == ("REC-2026-0001", "REC-2026-0002")
    # deleting the last complaint does not give its number back
    Complaint.delete().where(Complaint.id == second.id).execute()
    third = register_complaint(intake(customer), received_on=date(2026, 3, 4))
    assert third.number == "REC-2026-0003"


def test_two_counters_saving_at_once_get_distinct_numbers(customer):
    """Two threads, each on its own connection, save 15 complaints each at the same time."""
    db = database_proxy.obj
    numbers: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def counter():
        try:
            barrier.wait()
            for _ in range(15):
                numbers.append(register_complaint(intake(customer),
                                                  received_on=date(2026, 6, 1)).number)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            db.close()

    threads = [threading.Thread(target=counter) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(numbers) == [f"REC-2026-{i:04d}" for i in range(1, 31)]


def test_register_lists_rows_with_customer_and_state(customer):
    today = date.today()
    old = register_complaint(intake(customer, product="Nappe"), received_on=date(2020, 1, 6),
                             received_at=datetime(2020, 1, 6, 9, 0))
    new = register_complaint(intake(walk_in_name="Mme Roux", walk_in_contact="roux@x.fr"))
    rows = list_complaints(ComplaintQuery(), 0, 50)
    assert [r[0] for r in rows] == [new.id, old.id]
    assert rows[1][1:4] == ("REC-2020-0001", date(2020, 1, 6), "Hélène Dupont")
    assert rows[1][6] == "Nappe"
    assert rows[1][-1] == "late"
    assert rows[0][3] == "Mme Roux"
    assert rows[0][2] == today
    assert count_complaints(ComplaintQuery()) == 2
    assert count_complaints(ComplaintQuery(late_only=True)) == 1
    assert [r[0] for r in list_complaints(ComplaintQuery(late_only=True))] == [old.id]
    assert count_complaints(ComplaintQuery(text="dupont")) == 1
    assert count_complaints(ComplaintQuery(text="helene")) == 1  # accents ignored
    assert count_complaints(ComplaintQuery(text="roux")) == 1
    assert count_complaints(ComplaintQuery(text="REC-2020")) == 1
    assert count_complaints(ComplaintQuery(customer_id=customer)) == 1
    assert count_complaints(ComplaintQuery(start=date(2020, 1, 1), end=date(2020, 12, 31))) == 1
    assert count_complaints(ComplaintQuery(channel="téléphone")) == 0
    assert count_complaints(ComplaintQuery(status="Reçue")) == 2


@pytest.mark.parametrize("changes, field, message", [
    (dict(walk_in_name="x" * 201, walk_in_contact="0612"), "walk_in_name",
     "Le nom du réclamant dépasse 200 caractères."),
    (dict(walk_in_name="M. Petit", walk_in_contact="x" * 201), "walk_in_contact",
     "Le contact du réclamant dépasse 200 caractères."),
    (dict(product="x" * 201), "product", "Le produit ou service dépasse 200 caractères."),
    (dict(place="x" * 201), "place", "Le magasin ou lieu dépasse 200 caractères."),
    (dict(description="x" * 10_001), "description", "La description dépasse 10000 caractères."),
    (dict(description=None), "description", "La description est obligatoire."),
    (dict(expectation="x" * 10_001), "expectation", "L'attente du client dépasse 10000 caractères."),
    (dict(channel="pigeon"), "channel", "Canal inconnu : « pigeon » (attendu : comptoir, "
                                        "téléphone, courrier, e-mail, fax, site web, réseaux "
                                        "sociaux)."),
    (dict(walk_in_name=" "), "walk_in_name",
     "Choisissez un client ou saisissez le nom du réclamant."),
    (dict(walk_in_name="M. Petit", walk_in_contact=None), "walk_in_contact",
     "Saisissez un moyen de contacter le réclamant (téléphone ou e-mail)."),
])
def test_intake_refusals_name_the_field_and_write_nothing(company, changes, field, message):
    values = dict(walk_in_name="M. Petit", walk_in_contact="0612") if "walk_in_name" not in \
        changes else {}
    values.update(changes)
    with pytest.raises(ValidationError) as err:
        register_complaint(intake(**values))
    assert (err.value.field, err.value.message) == (field, message)
    assert Complaint.select().count() == 0


@pytest.mark.parametrize("customer_id", [True, "1", 1.0, 0, 9999])
def test_customer_must_be_an_existing_id(customer, customer_id):
    with pytest.raises(ValidationError) as err:
        register_complaint(intake(customer_id))
    assert (err.value.field, err.value.message) == (
        "customer_id", f"Client inconnu (n° {customer_id}) : choisissez un client existant ou "
                       "saisissez un réclamant.")
    assert Complaint.select().count() == 0


def test_intake_texts_are_stripped_and_limits_accepted(company):
    s = register_complaint(intake(
        walk_in_name="  " + "N" * 200 + "  ", walk_in_contact=" 06 12 34 56 78 ",
        product="P" * 200, place=" Lille ", description="D" * 10_000, expectation=" E "),
        received_on=date(2026, 3, 2))
    d = get_complaint(s.id)
    assert (d.walk_in_name, d.walk_in_contact, d.product, d.place, d.expectation) == (
        "N" * 200, "06 12 34 56 78", "P" * 200, "Lille", "E")
    assert len(d.description) == 10_000
    assert (d.customer_id, d.customer_name) == (None, "N" * 200)


def test_a_known_customer_needs_no_walk_in_contact(customer):
    s = register_complaint(intake(customer, walk_in_name="", walk_in_contact=""),
                           received_on=date(2026, 3, 2))
    d = get_complaint(s.id)
    assert (d.customer_id, d.customer_name, d.walk_in_name) == (customer, "Hélène Dupont", "")


def test_receipt_moment_and_day(customer):
    on_day = register_complaint(intake(customer), received_on=date(2026, 3, 2))
    assert on_day.received_at == datetime(2026, 3, 2, 9, 0)  # a known day: 9:00
    assert on_day.due_date == date(2026, 3, 9)
    at = datetime(2026, 3, 6, 16, 45)
    moment = register_complaint(intake(customer), received_at=at)
    d = get_complaint(moment.id)
    assert (moment.received_at, d.received_on, moment.due_date) == (at, date(2026, 3, 6),
                                                                    date(2026, 3, 13))
    both = register_complaint(intake(customer), received_at=at, received_on=date(2026, 3, 9))
    d = get_complaint(both.id)
    assert (both.received_at, d.received_on, both.due_date) == (at, date(2026, 3, 9),
                                                                date(2026, 3, 16))
    assert (on_day.number, moment.number, both.number) == (
        "REC-2026-0001", "REC-2026-0002", "REC-2026-0003")


def test_receipt_now_is_today(customer):
    s = register_complaint(intake(customer))
    d = get_complaint(s.id)
    assert d.received_on == date.today()
    assert s.number == f"REC-{date.today().year}-0001"
    assert abs((utcnow() - s.received_at).total_seconds()) < 60


def test_timeline_opens_with_the_channel_and_the_promised_day(customer):
    set_current_operator("karim.benali")
    s = register_complaint(intake(customer, channel="e-mail"), received_on=date(2026, 11, 16))
    (event,) = get_complaint(s.id).timeline
    assert (event.who, event.what, event.comment) == (
        "karim.benali", "Réclamation enregistrée (e-mail)",
        "Réponse promise au plus tard le 23/11/2026")


def test_the_summary_of_a_saved_complaint_is_read_only(customer):
    from dataclasses import FrozenInstanceError

    s = register_complaint(intake(customer), received_on=date(2026, 3, 2))
    with pytest.raises(FrozenInstanceError):
        s.number = "REC-2026-9999"
    assert get_complaint(s.id).number == s.number == "REC-2026-0001"
