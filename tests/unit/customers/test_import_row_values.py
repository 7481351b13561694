"""The import's row path (imports._validated, _new_row, _row_data) gives exactly what
validate_customer + customer_values give: the same rule, without a CustomerData per row."""

from datetime import date

import pytest

from rcdesk.core.errors import ValidationError
from rcdesk.services.customers import imports
from rcdesk.services.customers.duplicates import row_keys
from rcdesk.services.customers.records import (
    CustomerData,
    customer_values,
    validate_customer,
)


def _row() -> CustomerData:
    return CustomerData(kind="particulier", status="client", civility="Mme",
                        first_name=" Hélène ", last_name="Dupont\u202e", email="Helene.D@Exemple.FR",
                        phone="06 12 34 56 78", phone2="+212 6 61 23 45 67",
                        postal_code="59 000", city="Lille", birth_date=date(1980, 2, 29),
                        segments=["VIP", " Lyon ", "VIP"], consent=1, external_id="",
                        notes="ligne 1\r\nligne 2")


def test_row_values_are_validate_customer_and_customer_values(sqlite_database):
    expected = customer_values(validate_customer(_row(), "FR"))
    values = imports._validated(_row(), "FR")
    assert values == expected
    assert values["first_name"] == "Hélène" and values["last_name"] == "Dupont"
    assert values["email"] == "Helene.D@exemple.fr"
    assert values["phone"] == "+33612345678" and values["phone2"] == "+212661234567"
    assert values["postal_code"] == "59000" and values["segments"] == "VIP,Lyon"
    assert values["sort_name"] == "dupont helene"
    assert values["search_phones"] == ("33612345678 0612345678 612345678 "
                                       "212661234567 0661234567 661234567")
    assert values["consent"] is True and values["external_id"] is None
    assert values["notes"] == "ligne 1\nligne 2"


def test_new_row_gives_back_the_validated_customer(sqlite_database):
    row = imports._new_row(imports._validated(_row(), "FR"), {})
    assert imports._row_data(row) == validate_customer(_row(), "FR")
    assert imports._row_name(row) == "Hélène Dupont"
    columns = dict(zip(imports.NEW_COLUMNS, row))
    assert columns["client_since"] == date.today() and columns["lost_at"] is None
    assert columns["created_at"] is None  # stamped at the write
    keys = row_keys(imports._validated(_row(), "FR"), "dupont helene")
    assert keys == ("dupont helene", "59000", ("helene.d@exemple.fr",),
                    ("+33612345678", "+212661234567"), "")


@pytest.mark.parametrize("field, value", [("phone", "06 12"), ("email", "a@"),
                                          ("postal_code", "5900"), ("civility", "Dr")])
def test_row_values_refuse_what_validate_customer_refuses(sqlite_database, field, value):
    data = _row()
    setattr(data, field, value)
    with pytest.raises(ValidationError) as ours:
        imports._validated(data, "FR")
    with pytest.raises(ValidationError) as rule:
        validate_customer(data, "FR")
    assert (ours.value.field, ours.value.message) == (rule.value.field, rule.value.message)
    assert ours.value.field == field
