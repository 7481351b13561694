"""The customer table model, without a view: paging, SQL sort, search, filters (both engines)."""

from PySide6.QtCore import Qt

from rcdesk.services.customers import CustomerQuery
from rcdesk.ui.customers.model import ID_ROLE, CustomerTableModel


def names(model) -> list[str]:
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_model_pages_rows_in_batches_and_fetches_more(database, add_customer, qapp):
    for n in range(12):
        add_customer(last_name=f"Client{n:02d}")
    model = CustomerTableModel()
    model.BATCH = 5
    model.set_query(CustomerQuery())
    assert model.total() == 12
    assert model.rowCount() == 5
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 10
    model.fetchMore()
    assert model.rowCount() == 12
    assert not model.canFetchMore()
    assert names(model)[:3] == ["Client00", "Client01", "Client02"]
    assert names(model)[-1] == "Client11"


def test_model_headers_come_from_the_service_columns(sqlite_database, qapp):
    model = CustomerTableModel()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:3] == ["Nom", "Type", "Statut"]
    assert "Téléphone" in headers


def test_model_sorts_in_sql_by_the_clicked_column(database, add_customer, qapp):
    add_customer(last_name="Bernard", city="Lyon")
    add_customer(last_name="Durand", city="Angers")
    add_customer(last_name="Arnaud", city="Nantes")
    model = CustomerTableModel()
    model.set_query(CustomerQuery())
    assert names(model) == ["Arnaud", "Bernard", "Durand"]
    city = model.column_of("city")
    model.sort(city, Qt.SortOrder.DescendingOrder)
    assert [model.index(r, city).data() for r in range(3)] == ["Nantes", "Lyon", "Angers"]
    assert model.query().sort == "city" and model.query().descending
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert names(model) == ["Durand", "Bernard", "Arnaud"]


def test_model_search_ignores_accents_and_phone_format(database, add_customer, qapp):
    helene = add_customer(first_name="Hélène", last_name="Lefèvre", phone="06 12 34 56 78")
    add_customer(first_name="Paul", last_name="Morel", phone="0698765432")
    model = CustomerTableModel()
    model.set_query(CustomerQuery(text="helene"))
    assert names(model) == ["Hélène Lefèvre"]
    assert model.index(0, 0).data(ID_ROLE) == helene
    model.set_query(CustomerQuery(text="+33 6 12 34 56 78"))
    assert names(model) == ["Hélène Lefèvre"]
    phone = model.column_of("phone")
    assert model.index(0, phone).data() == "06 12 34 56 78"
    model.set_query(CustomerQuery(text="zzz"))
    assert model.rowCount() == 0 and model.total() == 0 and not model.canFetchMore()


def test_model_filters_by_status_and_place(database, add_customer, qapp):
    add_customer(last_name="Prospect", status="prospect", city="Lyon")
    add_customer(last_name="Fidele", status="client", city="Lyon")
    add_customer(last_name="Parti", status="ancien client", city="Brest", region="Bretagne")
    model = CustomerTableModel()
    model.set_query(CustomerQuery(status="client"))
    assert names(model) == ["Fidele"]
    model.set_query(CustomerQuery(place="bretagne"))
    assert names(model) == ["Parti"]
    model.set_query(CustomerQuery(place="Lyon", status="prospect"))
    assert names(model) == ["Prospect"]
