"""services/bulk.insert_rows: the one bulk insert stores what peewee's own insert would."""

from datetime import date, datetime

from rcdesk.models.base import database_proxy
from rcdesk.models.complaints import Complaint
from rcdesk.models.customers import Interaction
from rcdesk.services.bulk import COPY_ROWS, SQLITE_PARAMETERS, insert_rows
from rcdesk.services.customers import CustomerData, create_customer

COLUMNS = ["customer", "at", "channel", "subject", "outcome", "follow_up", "follow_up_done"]
AWKWARD = ['Dit "bonjour", puis ; part', "ligne 1\nligne 2", "", "é€œ’«»", "\\N", "NULL"]


def stored(model, ids) -> list[tuple]:
    fields = [getattr(model, name) for name in
              ("at", "channel", "subject", "outcome", "follow_up", "follow_up_done", "direction")]
    return list(model.select(*fields).where(model.id.in_(ids)).order_by(model.id).tuples())


def test_values_are_stored_as_peewee_stores_them(database):
    customer = create_customer(CustomerData(first_name="Hélène", last_name="Dupont"))
    rows = [(customer, datetime(2026, 11, 29, 14, 5, 7, 120000 * (i % 2)), "téléphone",
             AWKWARD[i % len(AWKWARD)], AWKWARD[-1 - i % len(AWKWARD)],
             date(2024, 2, 29) if i % 3 else None, bool(i % 2)) for i in range(12)]
    with database_proxy.atomic():
        insert_rows(Interaction, COLUMNS, rows)
    bulk_ids = [i for (i,) in Interaction.select(Interaction.id).order_by(Interaction.id).tuples()]
    Interaction.insert_many([dict(zip(COLUMNS, row)) for row in rows]).execute()
    peewee_ids = [i for (i,) in Interaction.select(Interaction.id).order_by(Interaction.id)
                  .tuples()][len(rows):]
    assert stored(Interaction, bulk_ids) == stored(Interaction, peewee_ids)
    first = stored(Interaction, bulk_ids)[:2]
    assert first[0][:2] == (datetime(2026, 11, 29, 14, 5, 7), "téléphone")
    assert first[1][0] == datetime(2026, 11, 29, 14, 5, 7, 120000)
    assert first[0][2:] == ('Dit "bonjour", puis ; part', "NULL", None, False, "entrant")
    assert first[1][2:6] == ("ligne 1\nligne 2", "\\N", date(2024, 2, 29), True)


def test_many_rows_span_several_statements_and_copy_buffers(database):
    customer = create_customer(CustomerData(first_name="Paul", last_name="Martin"))
    count = max(2 * COPY_ROWS, 2 * SQLITE_PARAMETERS // len(COLUMNS)) + 7
    rows = [(customer, datetime(2026, 1, 1, 9, 0), "e-mail", f"n° {i}", "", None, False)
            for i in range(count)]
    with database_proxy.atomic():
        insert_rows(Interaction, COLUMNS, rows)
        insert_rows(Interaction, COLUMNS, [])
    subjects = [s for (s,) in Interaction.select(Interaction.subject).order_by(Interaction.id)
                .tuples()]
    assert subjects == [f"n° {i}" for i in range(count)]


def test_columns_not_given_get_the_model_defaults(database):
    day = date(2026, 11, 27)
    with database_proxy.atomic():
        insert_rows(Complaint, ["number", "received_at", "received_on", "due_date", "founded",
                                "updated_at"],
                    [("REC-2026-0001", datetime(2026, 11, 27, 9, 0), day, day, None,
                      datetime(2026, 11, 27, 9, 0)),
                     ("REC-2026-0002", datetime(2026, 11, 27, 9, 0), day, day, True,
                      datetime(2026, 11, 27, 9, 0))])
    rows = list(Complaint.select(Complaint.number, Complaint.founded, Complaint.status,
                                 Complaint.compensation, Complaint.waited_days,
                                 Complaint.walk_in_name).order_by(Complaint.id).tuples())
    assert rows == [("REC-2026-0001", None, "Reçue", "aucune", 0, ""),
                    ("REC-2026-0002", True, "Reçue", "aucune", 0, "")]
