"""The loyalty rules without the database, on worked values."""

from datetime import date

import pytest

from rcdesk.core.loyalty import (
    ACTIVE,
    BLOCKED,
    EXPIRED,
    GRACE,
    Lot,
    Programme,
    Summary,
    Tier,
    VoucherInfo,
    add_months,
    card_status,
    check_number,
    check_programme,
    discount_cents,
    make_number,
    next_tier,
    points_for,
    points_to_expire,
    rebate_for,
    remaining_lots,
    renewed_expiry,
    spoken_summary,
    tier_for,
)

P = Programme()


def test_points_rounding_and_returns():
    assert points_for(4790, P) == 47
    assert points_for(4790, P.with_changes(rounding="nearest")) == 48
    assert points_for(4749, P.with_changes(rounding="nearest")) == 47
    assert points_for(-4790, P) == -47
    assert points_for(4790, P.with_changes(points_per_unit=2)) == 95  # 95,8 rounded down


def test_months_added_keep_the_last_day():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2026, 11, 15), -24) == date(2024, 11, 15)


def test_tiers_by_12_month_spend_and_their_discount():
    assert tier_for(49999, P).name == "Bronze"
    assert tier_for(50000, P).name == "Argent"
    assert tier_for(150000, P).name == "Or"
    assert next_tier(42000, P) == (Tier("Argent", 50000, 3.0), 8000)
    assert next_tier(200000, P) is None
    assert discount_cents(10000, tier_for(60000, P)) == 300
    assert discount_cents(4999, tier_for(200000, P)) == 250  # 249,95 -> 250 (half up)
    assert discount_cents(10000, tier_for(0, P)) == 0


def test_rebate_brackets_apply_the_rate_reached_to_the_whole_spend():
    assert rebate_for(99999, P) == (0.0, 0)
    assert rebate_for(250000, P) == (1.0, 2500)
    assert rebate_for(300000, P) == (2.0, 6000)


def test_card_status_and_the_grace_period():
    expires = date(2026, 11, 15)
    assert card_status(expires, False, date(2026, 11, 15), P) == ACTIVE
    assert card_status(expires, False, date(2026, 11, 29), P) == GRACE  # TP1: two weeks late
    assert card_status(expires, False, date(2026, 12, 15), P) == GRACE
    assert card_status(expires, False, date(2026, 12, 16), P) == EXPIRED
    assert card_status(expires, True, date(2026, 11, 1), P) == BLOCKED


def test_renewal_in_grace_continues_from_the_old_expiry():
    assert renewed_expiry(date(2026, 11, 15), date(2026, 11, 29), P) == date(2027, 11, 15)
    assert renewed_expiry(date(2026, 11, 15), date(2027, 1, 10), P) == date(2028, 1, 10)


def test_points_are_consumed_oldest_first():
    credits = [Lot(50, date(2026, 6, 30)), Lot(100, date(2026, 1, 31)), Lot(10, None)]
    assert remaining_lots(credits, 120) == [Lot(30, date(2026, 6, 30)), Lot(10, None)]
    assert remaining_lots(credits, 0)[0] == Lot(100, date(2026, 1, 31))
    # 100 expire on 31/01: 30 already spent -> 70 expire; a second run finds nothing
    assert points_to_expire(100, 30) == 70
    assert points_to_expire(100, 30 + 70) == 0
    assert points_to_expire(100, 150) == 0


def test_card_numbers_carry_a_luhn_digit():
    number = make_number("1234567890123", "29")
    assert number == "2912345678901234"
    assert check_number("2912 3456 7890 1234", 16, "29", "N°") == number
    with pytest.raises(ValueError, match="chiffre de contrôle faux"):
        check_number("2912345678901235", 16, "29", "Numéro de carte")
    with pytest.raises(ValueError, match="16 chiffres"):
        check_number("29123", 16, "29", "Numéro de carte")
    with pytest.raises(ValueError, match="chiffres uniquement"):
        check_number("29A2345678901234", 16, "29", "Numéro de carte")


def test_the_sentence_a_clerk_reads_out():
    vouchers = [VoucherInfo("1", 1000, date(2027, 1, 10)), VoucherInfo("2", 1000, date(2027, 1, 10))]
    summary = Summary(340, vouchers, [Lot(120, date(2027, 1, 31)), Lot(50, date(2027, 2, 20))])
    assert spoken_summary(summary) == ("Vous avez 2 bons de 10\u00a0€ et 340 points ; 120 points "
                                       "expirent le 31/01")
    assert spoken_summary(Summary(1, [], [])) == "Vous avez 1 point"
    assert spoken_summary(Summary(0, [VoucherInfo("1", 10000, date(2027, 1, 1))], []),
                          "MAD") == "Vous avez 1 bon de 100\u00a0DH et 0 point"


def test_programme_terms_that_cannot_work_are_refused():
    check_programme(P)
    with pytest.raises(ValueError, match="seuil"):
        check_programme(P.with_changes(threshold_points=0))
    with pytest.raises(ValueError, match="délai de grâce"):
        check_programme(P.with_changes(grace_days=-1))
