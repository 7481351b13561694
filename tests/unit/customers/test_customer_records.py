"""Customers: validation, create/update, search on both engines, duplicates, delete, anonymise."""

from datetime import date

import pytest

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.services.customers import (
    CustomerData,
    CustomerQuery,
    InteractionData,
    add_interaction,
    add_purchase,
    count_customers,
    create_customer,
    delete_customer,
    display_name,
    find_duplicates,
    get_customer,
    list_customers,
    list_purchases,
    quick_search,
    update_customer,
    validate_customer,
)
from rcdesk.services.gdpr import anonymise_customer, delete_impact, delete_impact_text


def helene(**changes) -> CustomerData:
    values = dict(first_name="Hélène", last_name="Dupont", email="Helene.Dupont@Exemple.FR",
                  phone="06 12 34 56 78", postal_code="59000", city="Lille",
                  region="Hauts-de-France")
    values.update(changes)
    return CustomerData(**values)


def test_customer_is_normalised_and_read_back(database):
    cid = create_customer(helene(segments=["VIP", " vip ", "Fidèle", "VIP"]))
    data = get_customer(cid)
    assert data.phone == "+33612345678"
    assert data.email == "Helene.Dupont@exemple.fr"
    assert data.country == "FR"
    assert data.segments == ["VIP", " vip ".strip(), "Fidèle"]
    assert data.id == cid


@pytest.mark.parametrize("field, changes, message", [
    ("email", {"email": "pas-une-adresse"}, "e-mail"),
    ("phone", {"phone": "12"}, "numéro"),
    ("phone2", {"phone2": "06 12"}, "numéro"),
    ("postal_code", {"postal_code": "5900"}, "5 chiffres"),
    ("last_name", {"first_name": "", "last_name": ""}, "nom"),
    ("birth_date", {"birth_date": date(2999, 1, 1)}, "naissance"),
    ("notes", {"notes": "x" * 1_000_000}, "dépasse"),
    ("city", {"city": "x" * 300}, "dépasse"),
])
def test_validation_names_the_field(database, field, changes, message):
    with pytest.raises(ValidationError) as info:
        create_customer(helene(**changes))
    assert info.value.field == field
    assert message in info.value.message.lower()
    assert count_customers(CustomerQuery()) == 0


def test_professional_needs_company_and_valid_siret(database):
    with pytest.raises(ValidationError) as info:
        validate_customer(CustomerData(kind="professionnel", legal_id="73282932000074"))
    assert info.value.field == "company_name"
    with pytest.raises(ValidationError) as info:
        validate_customer(CustomerData(kind="professionnel", company_name="Durand SA",
                                       legal_id="73282932000075"))
    assert info.value.field == "legal_id"
    ok = validate_customer(CustomerData(kind="professionnel", company_name="Durand SA",
                                        legal_id="732 829 320 00074"))
    assert ok.legal_id == "73282932000074"


def test_moroccan_customer_needs_15_digit_ice_and_reads_local_phone(database):
    with pytest.raises(ValidationError) as info:
        validate_customer(CustomerData(kind="professionnel", company_name="Atlas SARL",
                                       country="MA", legal_id="12345"))
    assert info.value.field == "legal_id"
    with pytest.raises(ValidationError) as info:  # 15 digits, but a wrong check key
        validate_customer(CustomerData(kind="professionnel", company_name="Atlas SARL",
                                       country="MA", legal_id="001234567000089"))
    assert "clé de contrôle" in info.value.message
    ok = validate_customer(CustomerData(kind="professionnel", company_name="Atlas SARL",
                                        country="MA", legal_id="001234567000062",
                                        phone="0661234567", postal_code="20000"))
    assert ok.phone == "+212661234567"


def test_display_name_person_and_company():
    assert display_name("Hélène", "Dupont", "", "particulier") == "Hélène Dupont"
    assert display_name("Jean", "Durand", "Durand SA", "professionnel") == "Durand SA"
    assert display_name("", "", "", "particulier") == "Client anonymisé"


@pytest.mark.parametrize("text", ["helene", "HÉLÈNE", "dupont hel", "06 12 34 56 78",
                                  "0612345678",
                                  "+33 6 12", "612345678", "06.12.34.56.78", "0033612345678",
                                  "lille", "59000", "exemple", "EXT-42", "59000 06 12",
                                  "lille 0612"])
def test_search_finds_accents_and_any_phone_format(database, text):
    cid = create_customer(helene(external_id="EXT-42"))
    create_customer(CustomerData(first_name="Marc", last_name="Martin", phone="07 98 76 54 32",
                                 postal_code="75011", city="Paris"))
    query = CustomerQuery(text=text)
    assert count_customers(query) == 1
    assert list_customers(query, 0, 10)[0][:2] == (cid, "Hélène Dupont")


def test_list_is_filtered_sorted_and_paged_in_sql(database):
    names = ["Émile Zola", "Albert Camus", "Colette Willy", "Boris Vian"]
    for i, name in enumerate(names):
        first, last = name.split()
        create_customer(CustomerData(first_name=first, last_name=last,
                                     status="client" if i % 2 else "prospect",
                                     segments=["VIP"] if i < 2 else [], consent=i == 3,
                                     city="Lille" if i < 3 else "Paris"))
    by_name = list_customers(CustomerQuery(sort="name"), 0, 10)
    assert [r[1] for r in by_name] == ["Albert Camus", "Boris Vian", "Colette Willy", "Émile Zola"]
    assert [r[1] for r in list_customers(CustomerQuery(sort="name", descending=True), 1, 2)] == [
        "Colette Willy", "Boris Vian"]
    assert count_customers(CustomerQuery(status="client")) == 2
    assert count_customers(CustomerQuery(segment="VIP")) == 2
    assert count_customers(CustomerQuery(segment="vip")) == 2
    assert count_customers(CustomerQuery(segment="VI")) == 0
    assert count_customers(CustomerQuery(place="lille")) == 3
    assert count_customers(CustomerQuery(consent=True)) == 1
    assert count_customers(CustomerQuery(text="zola", status="prospect")) == 1


def test_quick_search_gives_display_and_contact_phone_and_town_first(database):
    cid = create_customer(helene())
    hits = quick_search("dupont")
    assert [(h.customer_id, h.display, h.contact) for h in hits] == [
        (cid, "Hélène Dupont", "06 12 34 56 78 · Lille · Helene.Dupont@exemple.fr")]
    assert quick_search("  ") == []


def test_duplicates_by_email_phone_and_close_name(database):
    cid = create_customer(helene())
    same_mail = find_duplicates(CustomerData(last_name="X", email="helene.dupont@exemple.fr"))
    assert [(h.customer_id, h.reason) for h in same_mail] == [(cid, "même e-mail")]
    same_phone = find_duplicates(CustomerData(last_name="X", phone="+33 6 12 34 56 78"))
    assert [(h.customer_id, h.reason) for h in same_phone] == [(cid, "même téléphone")]
    close = find_duplicates(CustomerData(first_name="Helene", last_name="Dupond",
                                         postal_code="59000"))
    assert [(h.customer_id, h.name) for h in close] == [(cid, "Hélène Dupont")]
    assert find_duplicates(CustomerData(first_name="Helene", last_name="Dupond",
                                        postal_code="75011")) == []
    assert find_duplicates(helene(), exclude_id=cid) == []


def test_update_dates_status_changes_and_checks_external_id(database):
    cid = create_customer(helene(status="client"))
    other = create_customer(CustomerData(last_name="Martin", external_id="T-1"))
    data = get_customer(cid)
    data.status = "ancien client"
    update_customer(cid, data)
    assert get_customer(cid).status == "ancien client"
    data.external_id = "T-1"
    with pytest.raises(ValidationError) as info:
        update_customer(cid, data)
    assert info.value.field == "external_id"
    assert get_customer(other).external_id == "T-1"


def test_delete_says_what_goes_and_cascades(database):
    cid = create_customer(helene())
    add_purchase(cid, date(2026, 1, 5), 4990, "comptoir", "T-001")
    add_purchase(cid, date(2026, 2, 5), 1000)
    add_interaction(cid, InteractionData(channel="téléphone", subject="Devis"))
    godchild = create_customer(CustomerData(last_name="Filleul", referred_by_id=cid))
    impact = delete_impact(cid)
    assert impact.gone == {"achat(s)": 2, "interaction(s)": 1, "ligne(s) d'historique": 0}
    assert impact.kept == {"filleul(s)": 1, "réclamation(s)": 0}
    assert delete_impact_text(impact) == ("2 achat(s), 1 interaction(s) supprimé(s) avec lui ; "
                                          "1 filleul(s) conservé(s) sans lien vers lui")
    delete_customer(cid)
    assert count_customers(CustomerQuery()) == 1
    assert get_customer(godchild).referred_by_id is None
    with pytest.raises(ServiceError):
        get_customer(cid)


def test_anonymise_keeps_purchases_and_removes_personal_data(database):
    cid = create_customer(helene(status="client", notes="allergique", external_id="C-9"))
    add_purchase(cid, date(2026, 1, 5), 4990)
    add_interaction(cid, InteractionData(channel="téléphone", subject="Hélène rappelle"))
    anonymise_customer(cid)
    data = get_customer(cid)
    assert (data.first_name, data.last_name, data.email, data.phone, data.notes,
            data.external_id) == ("", "", "", "", "", None)
    assert data.status == "client"
    assert [p.amount_cents for p in list_purchases(cid)] == [4990]
    assert count_customers(CustomerQuery(text="helene")) == 0
    assert list_customers(CustomerQuery(), 0, 5)[0][1] == "Client anonymisé"
    with pytest.raises(ServiceError) as info:
        update_customer(cid, helene())
    assert "anonymisé" in str(info.value)


@pytest.mark.parametrize("text, expected", [
    ("d'arc", ["Jeanne d'Arc"]), ("jean-pierre", ["Jean-Pierre Lœuf"]),
    ("jeanne.darc@exemple.fr", ["Jeanne d'Arc"]), ('"OR" NEAR *', []), ("AND", []),
    ("%", ["Jean-Pierre Lœuf", "Jeanne d'Arc"]), ("arc 0612", ["Jeanne d'Arc"]),
])
def test_search_survives_punctuation_and_query_syntax(database, text, expected):
    create_customer(CustomerData(first_name="Jeanne", last_name="d'Arc", phone="0612345678",
                                 email="jeanne.darc@exemple.fr"))
    create_customer(CustomerData(first_name="Jean-Pierre", last_name="Lœuf"))
    rows = list_customers(CustomerQuery(text=text, sort="unknown-column"), 0, 10)
    assert sorted(r[1] for r in rows) == expected
    assert count_customers(CustomerQuery(text=text)) == len(expected)


def test_sort_by_any_list_column_and_page_past_the_end(database):
    from rcdesk.services.customers import LIST_COLUMNS

    for i, city in enumerate(["Paris", "Amiens", "Lille"]):
        create_customer(CustomerData(last_name=f"Nom {i}", city=city, postal_code=f"5900{i}"))
    assert [r[7] for r in list_customers(CustomerQuery(sort="city"), 0, 5)] == [
        "Amiens", "Lille", "Paris"]
    assert [r[6] for r in list_customers(CustomerQuery(sort="postal_code", descending=True),
                                         0, 5)] == ["59002", "59001", "59000"]
    for key, _ in LIST_COLUMNS:
        assert len(list_customers(CustomerQuery(sort=key), 0, 5)) == 3
    assert list_customers(CustomerQuery(), 10, 5) == []
    assert len(LIST_COLUMNS) + 1 == len(list_customers(CustomerQuery(), 0, 1)[0])


def test_delete_names_the_history_lines_that_go_with_the_customer(database):
    from rcdesk.models.customers import CustomerEvent, Purchase
    from rcdesk.services.customers.corrections import delete_purchase, update_purchase

    cid = create_customer(helene())
    add_purchase(cid, date(2026, 1, 5), 4990)
    add_purchase(cid, date(2026, 2, 5), 1000)
    first, second = [p.id for p in Purchase.select().where(Purchase.customer == cid)
                     .order_by(Purchase.id)]
    update_purchase(first, date(2026, 1, 6), 4990)
    delete_purchase(second)
    assert CustomerEvent.select().where(CustomerEvent.customer == cid).count() == 2
    impact = delete_impact(cid)
    assert impact.gone["ligne(s) d'historique"] == 2
    assert delete_impact_text(impact) == (
        "1 achat(s), 2 ligne(s) d'historique supprimé(s) avec lui")
    delete_customer(cid)
    assert CustomerEvent.select().where(CustomerEvent.customer == cid).count() == 0
