"""The ledger that cannot lie: earned once, balance = sum, refusals leave it unchanged."""

from datetime import date

import pytest
from loyalty_support import make_customer

from rcdesk.core.errors import ServiceError
from rcdesk.core.loyalty import Programme
from rcdesk.models.base import write_transaction
from rcdesk.models.customers import Purchase
from rcdesk.models.loyalty import LoyaltyCard, LoyaltyLedger
from rcdesk.services.loyalty.cards import card_view, find_card
from rcdesk.services.loyalty.counter import record_purchase
from rcdesk.services.loyalty.ledger import (
    adjust,
    append,
    balance_problems,
    correct,
    ledger_sum,
    opening_balance,
)
from rcdesk.services.loyalty.programme import programme_at, save_programme
from rcdesk.services.maintenance import check_database


def balance(card) -> int:
    return LoyaltyCard.get_by_id(card.id).balance


def rows(card) -> list[tuple]:
    return list(LoyaltyLedger.select(LoyaltyLedger.kind, LoyaltyLedger.points)
                .where(LoyaltyLedger.card == card.id).order_by(LoyaltyLedger.id).tuples())


def test_a_purchase_earns_its_points_once(card):
    result = record_purchase(card.id, 4790, date(2026, 3, 2), reference="T-0001")
    assert (result.points, result.balance, result.status) == (47, 47, "active")
    assert rows(card) == [("earn", 47)]
    with pytest.raises(ServiceError, match="déjà enregistré"):
        record_purchase(card.id, 4790, date(2026, 3, 2), reference="T-0001")
    assert rows(card) == [("earn", 47)]
    assert Purchase.select().count() == 1
    assert balance(card) == ledger_sum(card.id) == 47
    assert balance_problems() == [] and check_database() == []


def test_the_same_source_key_never_counts_twice(card):
    with write_transaction():
        append(card.id, "adjust", 10, date(2026, 1, 5), "import:abc:12", reason="x")
    with pytest.raises(ServiceError, match="ne compte pas deux fois"):
        with write_transaction():
            append(card.id, "adjust", 10, date(2026, 1, 5), "import:abc:12", reason="x")
    assert rows(card) == [("adjust", 10)] and balance(card) == 10


def test_check_sees_a_balance_that_is_not_the_ledger(card):
    record_purchase(card.id, 2000, date(2026, 3, 2))
    LoyaltyCard.update(balance=500).where(LoyaltyCard.id == card.id).execute()
    assert balance_problems() == [f"fidélité : la carte {card.number} affiche un solde de 500 "
                                  "points, son relevé en totalise 20"]
    assert balance_problems()[0] in check_database()


def test_a_return_takes_back_the_points_it_earned(card):
    record_purchase(card.id, 10000, date(2026, 3, 2), reference="T-7")
    back = record_purchase(card.id, -4000, date(2026, 3, 9), reference="T-7")
    assert (back.points, back.balance) == (-40, 60)
    # more than the purchase earned: only what is left of it comes back
    back = record_purchase(card.id, -20000, date(2026, 3, 10), reference="T-7")
    assert (back.points, back.balance) == (-60, 0)
    assert rows(card) == [("earn", 100), ("return", -40), ("return", -60)]
    assert balance(card) == ledger_sum(card.id)


def test_a_programme_change_applies_from_its_date_and_leaves_the_past(card):
    record_purchase(card.id, 5000, date(2026, 5, 31))
    save_programme(programme_at(date(2026, 6, 1)).with_changes(points_per_unit=2),
                   date(2026, 6, 1))
    assert programme_at(date(2026, 5, 31)).points_per_unit == 1
    record_purchase(card.id, 5000, date(2026, 6, 1))
    assert rows(card) == [("earn", 50), ("earn", 100)]
    with pytest.raises(ServiceError, match="seuil"):
        save_programme(Programme(threshold_points=0), date(2026, 7, 1))
    assert programme_at(date(2026, 8, 1)).points_per_unit == 2


def test_tier_discount_from_the_12_month_spend(card):
    Purchase.insert(customer=card.customer_id, date=date(2026, 1, 10),
                    amount_cents=60000).execute()
    result = record_purchase(card.id, 10000, date(2026, 3, 1))
    assert (result.tier, result.discount_cents, result.paid_cents, result.points) == (
        "Argent", 300, 9700, 97)
    assert "Remise Argent 3\u00a0% : −3,00\u00a0€" in result.messages[0]
    view = card_view(card.id, date(2026, 3, 1))
    assert (view.tier, view.next_tier, view.missing_cents) == ("Argent", "Or", 150000 - 69700)


def test_an_adjustment_needs_a_reason_and_a_correction_says_what_it_corrects(card):
    with pytest.raises(ServiceError, match="motif est obligatoire"):
        adjust(card.id, 30, "   ")
    with pytest.raises(ServiceError, match="négatif"):
        adjust(card.id, -5, "erreur de saisie")
    assert rows(card) == []
    row = adjust(card.id, 30, "geste commercial", date(2026, 2, 1))
    fixed = correct(row, "doublon", date(2026, 2, 2))
    assert LoyaltyLedger.get_by_id(fixed).corrects_id == row
    assert rows(card) == [("adjust", 30), ("correction", -30)] and balance(card) == 0
    with pytest.raises(ServiceError, match="ne compte pas deux fois"):
        correct(row, "encore")


def test_an_opening_balance_is_loaded_once(card):
    opening_balance(card.id, 250, date(2026, 1, 1), "carte papier")
    with pytest.raises(ServiceError):
        opening_balance(card.id, 250, date(2026, 1, 1))
    assert rows(card) == [("opening", 250)]


def test_lookup_by_number_phone_and_name(card):
    assert find_card(card.number).id == card.id
    assert find_card(" ".join(card.number[i:i + 4] for i in range(0, 16, 4))).id == card.id
    assert find_card("06 12 48 09 17").id == card.id
    wrong = card.number[:-1] + str((int(card.number[-1]) + 1) % 10)
    with pytest.raises(ServiceError, match="chiffre de contrôle faux"):
        find_card(wrong)
    with pytest.raises(ServiceError, match="Aucune carte"):
        find_card("06 99 99 99 99")


def test_a_purchase_on_a_blocked_card_is_refused(card):
    from rcdesk.services.loyalty.cards import replace_card

    replace_card(card.id, date(2026, 3, 1))
    with pytest.raises(ServiceError, match="bloquée .*achat non enregistré"):
        record_purchase(card.id, 1000, date(2026, 3, 2))
    assert Purchase.select().count() == 0


def test_a_customer_without_card_has_none(database):
    make_customer("Léa", "Martin", "+33611223344")
    with pytest.raises(ServiceError, match="Aucune carte"):
        find_card("0611223344")


def test_lookup_by_the_second_phone(database):
    from rcdesk.services.loyalty.cards import issue_card

    cid = make_customer("Paul", "Henry", "+33611111111", phone2="+33699887766")
    number = issue_card(cid, date(2026, 1, 1))
    assert find_card("06 99 88 77 66").number == number
    assert find_card("0611111111").number == number


def test_ledger_page_newest_first_then_sorted_on_both_engines(card):
    from rcdesk.services.loyalty.counter import record_purchase
    from rcdesk.services.loyalty.ledger import (
        LedgerQuery,
        adjust,
        ledger_count,
        ledger_page,
        opening_balance,
    )

    opening_balance(card.id, 120, date(2025, 11, 15), "carte papier")
    record_purchase(card.id, 4790, date(2026, 3, 2), reference="T-1")
    adjust(card.id, -7, "erreur de saisie", date(2026, 3, 3))
    query = LedgerQuery(card.id)
    assert ledger_count(query) == 3
    assert [r[1:5] for r in ledger_page(query, 0, 2)] == [
        (date(2026, 3, 3), "Ajustement", -7, "erreur de saisie"),
        (date(2026, 3, 2), "Achat", 47, "achat T-1")]
    assert [r[3] for r in ledger_page(query, 2, 10)] == [120]
    by_points = LedgerQuery(card.id, sort="points", descending=False)
    assert [r[3] for r in ledger_page(by_points, 0, 10)] == [-7, 47, 120]
