"""The customers of one RFM segment: list, filter, mailing list respecting consent."""

import csv
from datetime import date, timedelta

import pytest

from rcdesk.core.errors import ValidationError
from rcdesk.models.customers import Purchase
from rcdesk.services.customers import (
    SEGMENTS,
    CustomerData,
    create_customer,
    export_mailing_list,
    rfm,
    segment_members,
)
from rcdesk.services.settings import CompanyProfile, save_company


@pytest.fixture
def file_with_a_risk_segment(database):
    """15 customers: 5 frequent buyers who stopped 2 years ago (À risque), 10 recent ones."""
    save_company(CompanyProfile(name="Maison Lambert", country="FR", currency="EUR"))
    today = date.today()
    ids = {}
    for i in range(5):
        ids[f"risque{i}"] = create_customer(CustomerData(
            first_name="Ancien", last_name=f"Fidèle {i}", email=f"f{i}@exemple.fr" if i else "",
            consent=i % 2 == 1, phone="+212661234567" if i == 1 else "", city="Lille"))
        Purchase.insert_many([{"customer": ids[f"risque{i}"], "date": today - timedelta(
            days=700 + k), "amount_cents": 3000} for k in range(6)]).execute()
    for i in range(10):
        ids[f"recent{i}"] = create_customer(CustomerData(last_name=f"Récent {i}",
                                                         email=f"r{i}@exemple.fr", consent=True))
        Purchase.insert(customer=ids[f"recent{i}"], date=today - timedelta(days=2),
                        amount_cents=1000).execute()
    return ids


def test_segment_lists_its_customers_and_filters(file_with_a_risk_segment):
    ids = file_with_a_risk_segment
    assert rfm(ids["risque0"]).label == "À risque"
    members = segment_members("À risque")
    assert sorted(m.customer_id for m in members) == sorted(ids[f"risque{i}"] for i in range(5))
    assert all(m.total_cents == 18000 and m.code.startswith("R2") for m in members)
    one = next(m for m in members if m.customer_id == ids["risque1"])
    assert one.phone == "+212 6 61 23 45 67"
    consenting = segment_members("À risque", consent_only=True)
    assert sorted(m.customer_id for m in consenting) == [ids["risque1"], ids["risque3"]]
    assert [m.name for m in segment_members("À risque", text="fidele 4")] == ["Ancien Fidèle 4"]
    with pytest.raises(ValidationError, match="Segment inconnu"):
        segment_members("VIP")
    assert "À risque" in SEGMENTS


def test_mailing_list_keeps_only_consenting_customers_with_an_email(file_with_a_risk_segment,
                                                                    tmp_path):
    path = tmp_path / "a-relancer.csv"
    assert export_mailing_list("À risque", path) == 2
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["Nom", "E-mail", "Ville", "Profil d'achat", "Dernier achat"]
    assert sorted(r[1] for r in rows[1:]) == ["f1@exemple.fr", "f3@exemple.fr"]
    assert all(r[3].startswith("À risque (R2") for r in rows[1:])
