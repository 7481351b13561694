"""Company profile and operators, on both engines."""

import pytest

from rcdesk.core.errors import ValidationError
from rcdesk.services.settings import (
    CompanyProfile,
    current_operator,
    format_phone,
    get_company,
    get_setting,
    list_operators,
    operator_name,
    save_company,
    set_current_operator,
    set_setting,
)

PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


def test_company_profile_saves_normalised_and_reloads(database):
    saved = save_company(CompanyProfile(
        name="  Boulangerie Durand ", legal_id="732 829 320 00074", phone="03 20 12 34 56",
        email="Contact@Durand.FR", country="FR", currency="EUR", complaint_deadline_days=7,
        logo=PNG_1PX, city="Lille"))
    assert saved.name == "Boulangerie Durand"
    again = get_company()
    assert again.name == "Boulangerie Durand"
    assert again.legal_id == "73282932000074"
    assert again.phone == "+33320123456"
    assert again.email == "Contact@durand.fr"
    assert again.complaint_deadline_days == 7
    assert again.logo == PNG_1PX
    assert again.currency_symbol == "€"
    assert format_phone(again.phone) == "03 20 12 34 56"


def test_moroccan_company_takes_ice_and_local_phone(database):
    save_company(CompanyProfile(name="Dar Atlas", legal_id="001525487000088", phone="0522 12 34 56",
                                country="MA", currency="MAD"))
    profile = get_company()
    assert profile.phone == "+212522123456"
    assert profile.currency_symbol == "DH"


@pytest.mark.parametrize("changes, field", [
    ({"name": "  "}, "name"),
    ({"legal_id": "73282932000075"}, "legal_id"),  # wrong Luhn key
    ({"country": "MA", "currency": "MAD", "legal_id": "12345"}, "legal_id"),
    ({"phone": "12"}, "phone"),
    ({"email": "pas-une-adresse"}, "email"),
    ({"complaint_deadline_days": 0}, "complaint_deadline_days"),
    ({"logo": b"GIF89a..."}, "logo"),
    ({"country": "BE"}, "country"),
])
def test_bad_profile_is_refused_and_nothing_changes(database, changes, field):
    save_company(CompanyProfile(name="Avant"))
    bad = CompanyProfile(name="Après").with_changes(**changes)
    with pytest.raises(ValidationError) as info:
        save_company(bad)
    assert info.value.field == field
    assert info.value.message  # a French sentence for the user
    assert get_company().name == "Avant"


def test_settings_round_trip_json_values(database):
    assert get_setting("purge_years", 3) == 3
    set_setting("purge_years", 5)
    set_setting("categories", ["Livraison", "Accueil"])
    assert get_setting("purge_years") == 5
    assert get_setting("categories") == ["Livraison", "Accueil"]


def test_current_operator_is_recorded_in_users(database):
    set_current_operator("karim.benali")
    assert current_operator() == "karim.benali"
    assert "karim.benali" in list_operators()
    with pytest.raises(ValidationError):
        set_current_operator("   ")
    assert current_operator() == "karim.benali"


def test_operator_display_name_signs_letters(database):
    set_current_operator("sophie.martin")
    assert operator_name("sophie.martin") == "sophie.martin"  # no name given: the login
    set_current_operator("sophie.martin", "  Sophie Martin ")
    assert operator_name("sophie.martin") == "Sophie Martin"
    set_current_operator("karim.benali")  # switching away keeps Sophie's name
    set_current_operator("sophie.martin")
    assert operator_name("sophie.martin") == "Sophie Martin"
    assert operator_name("inconnu") == "inconnu"
    with pytest.raises(ValidationError) as refused:
        set_current_operator("julie.moreau", "J" * 101)
    assert refused.value.field == "display_name"
    assert "julie.moreau" not in list_operators()  # nothing half-written
    assert current_operator() == "sophie.martin"
