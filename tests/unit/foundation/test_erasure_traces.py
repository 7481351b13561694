"""GDPR erasure leaves no personal string of the customer anywhere: not in the SQLite file, its
WAL or its full-text index (read as raw bytes), not in any live row on PostgreSQL."""

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from rcdesk.db import close_database, open_database
from rcdesk.models.base import database_proxy

FIRST, LAST = "Zoltanqx", "Vreckelberg"
EMAIL = "zoltanqx.vreckelberg@exemple-rgpd.fr"
PHONE_TYPED, PHONE_STORED = "06 71 82 93 04", "+33671829304"
# As typed and stored, as the search index folds them, as the phone is shown and searched.
# A contact person of the customer's file (a person too: erased with the file).
CONTACT, CONTACT_EMAIL, CONTACT_PHONE = "Quibelmarz", "quibelmarz@exemple-rgpd.fr", "0672839415"
PERSONAL = [FIRST, LAST, FIRST.lower(), LAST.lower(), FIRST.upper(), LAST.upper(), EMAIL,
            PHONE_STORED, PHONE_TYPED, "0671829304", "33671829304", "671829304",
            CONTACT, CONTACT.lower(), CONTACT_EMAIL, CONTACT_PHONE, "672839415"]


def _people(count: int, start: int) -> None:
    from rcdesk.services.customers import CustomerData, create_customer

    for i in range(start, start + count):
        create_customer(CustomerData(first_name=f"Jean{i}", last_name=f"Martin{i}",
                                     email=f"jean{i}@exemple.fr", phone=f"06{i:08d}",
                                     city="Lille", status="client"))


def build_and_erase(tmp_path: Path) -> int:
    """The customer everywhere an area keeps text, 200 others around, then the application's
    erasure."""
    from rcdesk.services.actions import ActionInput, create_action
    from rcdesk.services.complaints import (
        ComplaintInput,
        add_attachment,
        add_comment,
        register_complaint,
    )
    from rcdesk.services.customers import (
        CustomerData,
        InteractionData,
        add_interaction,
        add_purchase,
        create_customer,
        get_customer,
        update_customer,
    )
    from rcdesk.services.gdpr import anonymise_customer
    from rcdesk.services.settings import CompanyProfile, save_company

    save_company(CompanyProfile(name="Maison Test", country="FR", currency="EUR",
                                complaint_deadline_days=5))
    _people(100, 0)
    cid = create_customer(CustomerData(
        first_name=FIRST, last_name=LAST, email=EMAIL, phone=PHONE_TYPED, status="client",
        address="3 rue Nationale", postal_code="59000", city="Lille",
        notes=f"{FIRST} préfère être appelé le soir"))
    data = get_customer(cid)
    data.city = "Roubaix"  # a rewrite: the search index keeps the old terms until merged
    update_customer(cid, data)
    _people(100, 100)
    add_purchase(cid, date(2026, 3, 1), 4500)
    add_interaction(cid, InteractionData(channel="téléphone", subject=f"Appel de {FIRST} {LAST}",
                                         outcome=f"Rappeler au {PHONE_TYPED}"))
    own = register_complaint(ComplaintInput(
        customer_id=cid, description=f"{FIRST} {LAST} signale une théière fêlée ; rappeler "
                                     f"au {PHONE_TYPED}", expectation=f"Échange pour {LAST}"))
    add_comment(own.id, f"M. {LAST} rappelé")
    photo = tmp_path / f"photo {LAST}.jpg"
    photo.write_bytes(b"\xff\xd8 theiere")
    add_attachment(own.id, photo)
    walk_in = register_complaint(ComplaintInput(
        walk_in_name=f"{FIRST} {LAST}", walk_in_contact=EMAIL,
        description=f"M. {LAST} est passé au comptoir (tél. {PHONE_TYPED}) pour son voisin"))
    ticket = tmp_path / f"ticket {LAST}.png"
    ticket.write_bytes(b"\x89PNG ticket")
    add_attachment(walk_in.id, ticket)
    create_action(ActionInput(
        nc=f"Réclamation de {FIRST} {LAST} : théière fêlée",
        action=f"Rappeler le client au sujet de la théière fêlée puis contacter {FIRST} {LAST} "
               f"au {PHONE_TYPED}", pilot="Karim"), [walk_in.id])
    from rcdesk.core.periods import Period
    from rcdesk.services.pilotage.reviews import DecisionInput, ReviewInput, save_review

    save_review(ReviewInput(date(2026, 4, 2), Period(date(2026, 1, 1), date(2026, 3, 31)),
                            "Karim", f"Réclamation de {FIRST} {LAST} discutée",
                            {"complaints_received": f"dont {LAST}"},
                            [DecisionInput(f"Rappeler {FIRST} {LAST} au {PHONE_TYPED}")]))
    _other_areas(cid)
    anonymise_customer(cid)
    return cid


def _other_areas(cid: int) -> None:
    """The customer in the areas merged later: a contact person, a history line, survey
    answers, a loyalty card with its ledger."""
    from rcdesk.services.customers.contacts import ContactData, add_contact
    from rcdesk.services.customers.corrections import note
    from rcdesk.services.loyalty.cards import issue_card
    from rcdesk.services.loyalty.counter import record_purchase
    from rcdesk.services.loyalty.ledger import adjust
    from rcdesk.services.surveys import (
        ResponseInput,
        create_campaign,
        create_from_template,
        get_questionnaire,
        parse_answer,
        record_response,
    )

    add_contact(cid, ContactData(name=f"{CONTACT} {LAST}", role="Acheteuse",
                                 email=CONTACT_EMAIL, phone=CONTACT_PHONE,
                                 notes=f"Assistante de {FIRST} {LAST}"))
    note(cid, f"Fiche relue avec {FIRST} {LAST} ({PHONE_TYPED})")
    questionnaire = get_questionnaire(create_from_template("Avis", "comptoir"), counts=False)
    campaign = create_campaign(questionnaire.id, "Avis au comptoir")
    answers = {}
    for q in questionnaire.questions:
        if q.kind == "nps":
            answers[q.id] = parse_answer(q, value=9)
        elif q.kind == "texte libre":
            answers[q.id] = parse_answer(q, text=f"{FIRST} {LAST} : rappeler au {PHONE_TYPED}")
        elif q.kind == "critère":
            answers[q.id] = parse_answer(q, value=4, importance=5)
    record_response(campaign, ResponseInput(answers, customer_id=cid))
    card = issue_card(cid, date(2026, 3, 1))
    from rcdesk.models.loyalty import LoyaltyCard

    card_id = LoyaltyCard.get(LoyaltyCard.number == card).id
    record_purchase(card_id, 12000, date(2026, 3, 2), reference=f"ticket {LAST}")
    adjust(card_id, 10, f"geste pour {FIRST} {LAST}")


def _found_in(data: bytes) -> list[str]:
    return [text for text in PERSONAL if text.encode("utf-8") in data]


def test_sqlite_file_wal_and_index_hold_no_personal_string(sqlite_database, tmp_path):
    path = Path(sqlite_database.target)
    build_and_erase(tmp_path)
    assert _found_in(path.read_bytes()) == []
    wal = Path(f"{path}-wal")
    if wal.exists():
        assert wal.stat().st_size == 0  # checkpointed and truncated
        assert _found_in(wal.read_bytes()) == []
    db = sqlite_database.db
    # the index itself, through SQLite: no term of the person left in any segment
    for term in (FIRST.lower(), LAST.lower(), "0671829304"):
        assert db.execute_sql("SELECT count(*) FROM customer_fts WHERE customer_fts MATCH ?",
                              (f'"{term}"',)).fetchone()[0] == 0
    vocab = db.execute_sql("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, customer_fts, "
                           "'row')") and db.execute_sql("SELECT term FROM temp.v").fetchall()
    assert not {FIRST.lower(), LAST.lower(), "0671829304"} & {t for (t,) in vocab}
    close_database()  # and still nothing once the connection is gone
    assert _found_in(path.read_bytes()) == []


def test_a_file_older_than_secure_delete_is_scrubbed_once(tmp_path):
    """A file written by an older rcdesk (no secure_delete) keeps deleted rows in free space:
    a customer deleted long ago, the rows of an earlier erasure. The first erasure rewrites the
    file once; later ones need not."""
    from rcdesk.services.customers import CustomerData, create_customer, delete_customer
    from rcdesk.services.gdpr import anonymise_customer

    path = tmp_path / "old.db"
    db = open_database(path)
    db.execute_sql("DELETE FROM rcdesk_meta WHERE key = 'secure_delete'")
    db.execute_sql("PRAGMA secure_delete = OFF")  # as an older rcdesk wrote
    gone = create_customer(CustomerData(first_name="Oldnameqx", last_name="Deletedqx",
                                        notes="Oldnameqx " * 30))
    _people(50, 0)
    cid = create_customer(CustomerData(first_name=FIRST, last_name=LAST, phone=PHONE_TYPED))
    delete_customer(gone)
    close_database()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0
    con.close()
    assert b"Oldnameqx" in path.read_bytes()  # what an older rcdesk leaves behind

    db = open_database(path)  # today's rcdesk
    anonymise_customer(cid)
    data = path.read_bytes() + Path(f"{path}-wal").read_bytes()
    assert b"Oldnameqx" not in data and b"oldnameqx" not in data
    assert _found_in(data) == []
    assert db.execute_sql("SELECT value FROM rcdesk_meta WHERE key = 'secure_delete'"
                          ).fetchone() == ("1",)


@pytest.mark.pg
def test_postgresql_keeps_no_live_row_with_a_personal_string(pg_database, tmp_path):
    build_and_erase(tmp_path)
    db = database_proxy.obj
    columns = db.execute_sql(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = 'public' AND data_type IN ('text', 'character varying')"
    ).fetchall()
    assert ("customer", "search_text") in columns and len(columns) > 40
    found = []
    for table, column in columns:
        for text in PERSONAL:
            count = db.execute_sql(f'SELECT count(*) FROM "{table}" WHERE strpos("{column}", %s) > 0',
                                   (text,)).fetchone()[0]
            if count:
                found.append((table, column, text))
    assert found == []


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_erasure_kept_what_statistics_need(engine, request, tmp_path):
    from rcdesk.models.complaints import Complaint, ComplaintEvent
    from rcdesk.models.customers import Customer, Purchase

    request.getfixturevalue(f"{'sqlite' if engine == 'sqlite' else 'pg'}_database")
    cid = build_and_erase(tmp_path)
    row = Customer.get_by_id(cid)
    assert row.anonymised_at is not None and row.status == "client"
    assert Purchase.select().where(Purchase.customer == cid).count() == 2  # one on the card
    # the other areas: the contact person gone, the history emptied, the survey response
    # anonymous with its scores, the card blocked with its points (statistics)
    from rcdesk.models.customers import CustomerContact, CustomerEvent
    from rcdesk.models.loyalty import LoyaltyCard, LoyaltyLedger
    from rcdesk.models.surveys import SurveyAnswer, SurveyResponse

    assert CustomerContact.select().where(CustomerContact.customer == cid).count() == 0
    assert CustomerEvent.select().where(CustomerEvent.customer == cid).count() == 0
    assert SurveyResponse.select().where(SurveyResponse.customer == cid).count() == 0
    assert SurveyResponse.select().count() == 1
    scores = [a.value for a in SurveyAnswer.select() if a.value is not None]
    assert scores.count(9) == 1 and set(scores) == {4, 9}  # the NPS and the criteria stay
    card = LoyaltyCard.get(LoyaltyCard.customer == cid)
    assert card.status == "blocked" and card.balance == 130
    assert {r.reason for r in LoyaltyLedger.select()} == {""}
    assert Complaint.select().count() == 2
    assert Customer.select().count() == 201
    # The PAQ action's line in the timeline quotes its text cut at a word boundary: half a
    # surname ("Vreckelb") would escape the erasure's whole-word match.
    lines = [what for (what,) in ComplaintEvent.select(ComplaintEvent.what).tuples()]
    paq = [w for w in lines if w.startswith("Action du plan qualité")]
    assert paq and paq[0].endswith("contacter [effacé]…")
    assert not any("Vreckel" in w or "Zoltan" in w for w in lines)
