"""Grace period (TP1), expiry oldest first, vouchers once, renew/replace/merge, referral."""

from datetime import date

import pytest
from loyalty_support import make_customer

from rcdesk.core.errors import ServiceError
from rcdesk.models.loyalty import LoyaltyCard, LoyaltyLedger, LoyaltyVoucher
from rcdesk.services.loyalty.cards import (
    card_view,
    find_card,
    issue_card,
    merge_cards,
    renew_card,
    replace_card,
)
from rcdesk.services.loyalty.counter import (
    VoucherAlreadyUsed,
    record_purchase,
    redeem,
    run_expiry,
    use_voucher,
)
from rcdesk.services.loyalty.ledger import ledger_sum


def fresh(card) -> LoyaltyCard:
    return LoyaltyCard.get_by_id(card.id)


def kinds(card) -> list[tuple]:
    return list(LoyaltyLedger.select(LoyaltyLedger.kind, LoyaltyLedger.points)
                .where(LoyaltyLedger.card == card.id).order_by(LoyaltyLedger.id).tuples())


def test_tp1_a_purchase_two_weeks_after_expiry_still_earns(card):
    # the card expired on 15/11/2026; TP1: the customer comes back two weeks later
    result = record_purchase(card.id, 8000, date(2026, 11, 29))
    assert (result.status, result.points, result.balance) == ("grace", 80, 80)
    assert "Carte à renouveler — renouvelable ici" in result.messages[-1]
    assert "15/12/2026" in result.messages[-1]


def test_an_expired_card_earns_nothing_and_says_what_it_would_have(database):
    cid = make_customer()
    number = issue_card(cid, date(2025, 6, 1))  # expired 01/06/2026, grace until 01/07/2026
    card = LoyaltyCard.get(LoyaltyCard.number == number)
    result = record_purchase(card.id, 8000, date(2026, 7, 2))
    assert (result.status, result.points, result.would_have_earned) == ("expired", 0, 80)
    assert "aurait rapporté 80 points" in result.messages[-1]
    assert "Renouvelez-la ici" in result.messages[-1]
    assert kinds(card) == []


def test_grace_points_kept_when_renewed_within_the_grace_period(database):
    cid = make_customer()
    card = LoyaltyCard.get(LoyaltyCard.number == issue_card(cid, date(2025, 6, 1)))
    record_purchase(card.id, 5000, date(2026, 5, 20))  # 50 while active
    record_purchase(card.id, 3000, date(2026, 6, 10))  # 30 in grace
    assert renew_card(card.id, date(2026, 6, 20)) == date(2027, 6, 1)
    run_expiry(date(2026, 7, 15))
    assert fresh(card).balance == 80
    assert kinds(card) == [("earn", 50), ("earn", 30)]


def test_grace_points_taken_back_when_the_grace_period_ends_without_renewal(database):
    cid = make_customer()
    card = LoyaltyCard.get(LoyaltyCard.number == issue_card(cid, date(2025, 6, 1)))
    record_purchase(card.id, 5000, date(2026, 5, 20))
    record_purchase(card.id, 3000, date(2026, 6, 10))
    result = run_expiry(date(2026, 7, 15))
    assert (result.grace_cards, result.grace_points) == (1, 30)
    assert run_expiry(date(2026, 7, 15)).grace_points == 0  # idempotent
    assert run_expiry(date(2026, 7, 20)).grace_points == 0
    assert kinds(card) == [("earn", 50), ("earn", 30), ("grace", -30)]
    assert fresh(card).balance == ledger_sum(card.id) == 50


def test_points_expire_oldest_first_and_a_second_run_changes_nothing(card):
    # earned 01/12/2025 (expire 01/12/2027) and 01/03/2026 (expire 01/03/2028); 2-year validity
    record_purchase(card.id, 12000, date(2025, 12, 1))
    record_purchase(card.id, 5000, date(2026, 3, 1))
    voucher = redeem(card.id, date(2026, 3, 2))  # 100 points: taken from the oldest (120)
    assert voucher.value_cents == 1000 and fresh(card).balance == 70
    view = card_view(card.id, date(2026, 3, 2))
    assert [(lot.points, lot.expires_on) for lot in view.lots] == [
        (20, date(2027, 12, 1)), (50, date(2028, 3, 1))]
    assert (fresh(card).next_expiry_on, fresh(card).next_expiry_points) == (
        date(2027, 12, 1), 20)
    first = run_expiry(date(2027, 12, 1))
    assert (first.cards, first.points) == (1, 20)
    assert (fresh(card).next_expiry_on, fresh(card).next_expiry_points) == (
        date(2028, 3, 1), 50)
    again = run_expiry(date(2027, 12, 1))
    assert (again.cards, again.points) == (0, 0)
    assert run_expiry(date(2027, 12, 31)).points == 0
    assert kinds(card)[-1] == ("expire", -20)
    assert fresh(card).balance == ledger_sum(card.id) == 50


def test_redeem_more_than_the_balance_is_refused_and_changes_nothing(card):
    record_purchase(card.id, 4000, date(2026, 3, 1))
    with pytest.raises(ServiceError, match="Solde insuffisant : 40 points, il en faut 100"):
        redeem(card.id, date(2026, 3, 2))
    assert kinds(card) == [("earn", 40)] and LoyaltyVoucher.select().count() == 0


def test_a_voucher_is_used_once(card):
    record_purchase(card.id, 10000, date(2026, 3, 1))
    voucher = redeem(card.id, date(2026, 3, 1))
    assert voucher.expires_on == date(2026, 5, 30)  # 90 days
    used = use_voucher(voucher.code, date(2026, 3, 5), "T-9")
    assert (used.used_on, used.used_reference) == (date(2026, 3, 5), "T-9")
    with pytest.raises(VoucherAlreadyUsed, match="déjà utilisé le 05/03/2026"):
        use_voucher(voucher.code, date(2026, 3, 6))
    assert LoyaltyVoucher.get_by_id(voucher.id).used_on == date(2026, 3, 5)
    wrong = voucher.code[:-1] + str((int(voucher.code[-1]) + 1) % 10)
    with pytest.raises(ServiceError, match="chiffre de contrôle faux"):
        use_voucher(wrong)


def test_an_expired_voucher_is_refused(card):
    record_purchase(card.id, 10000, date(2026, 1, 2))
    voucher = redeem(card.id, date(2026, 1, 2))
    with pytest.raises(ServiceError, match="expiré le 02/04/2026"):
        use_voucher(voucher.code, date(2026, 4, 3))
    assert LoyaltyVoucher.get_by_id(voucher.id).used_at is None


def test_replace_a_lost_card_moves_balance_vouchers_and_expiry(card):
    record_purchase(card.id, 23000, date(2026, 2, 1))
    voucher = redeem(card.id, date(2026, 2, 1))
    number = replace_card(card.id, date(2026, 3, 1))
    new = LoyaltyCard.get(LoyaltyCard.number == number)
    assert (new.balance, new.expires_on, fresh(card).balance) == (130, card.expires_on, 0)
    assert LoyaltyVoucher.get_by_id(voucher.id).card_id == new.id
    assert [(lot.points, lot.expires_on) for lot in card_view(new.id, date(2026, 3, 1)).lots] \
        == [(130, date(2028, 2, 1))]
    old = card_view(card.id, date(2026, 3, 1))
    assert old.status == "blocked"
    assert old.warnings == [f"Carte bloquée : carte perdue, remplacée par la carte {number}."]
    assert find_card("0612480917").id == new.id  # the phone finds the current card
    assert ledger_sum(new.id) == 130


def test_merge_two_cards_of_the_same_customer(database):
    cid = make_customer()
    first = LoyaltyCard.get(LoyaltyCard.number == issue_card(cid, date(2025, 3, 1)))
    LoyaltyCard.update(status="blocked", blocked_reason="test").where(
        LoyaltyCard.id == first.id).execute()
    second = LoyaltyCard.get(LoyaltyCard.number == issue_card(cid, date(2025, 9, 1)))
    LoyaltyCard.update(status="active").where(LoyaltyCard.id == first.id).execute()
    record_purchase(first.id, 4000, date(2026, 1, 5))
    record_purchase(second.id, 7000, date(2026, 1, 6))
    assert merge_cards(first.id, second.id, date(2026, 2, 1)) == 40
    assert (fresh(second).balance, fresh(first).balance, fresh(first).status) == (110, 0, "blocked")
    other = LoyaltyCard.get(LoyaltyCard.number == issue_card(make_customer("Léa", "Roy", "+33611223344"),
                                                             date(2026, 1, 1)))
    with pytest.raises(ServiceError, match="même client"):
        merge_cards(second.id, other.id)


def test_renewal_keeps_points_and_vouchers(card):
    record_purchase(card.id, 15000, date(2026, 10, 1))
    redeem(card.id, date(2026, 10, 1))
    assert renew_card(card.id, date(2026, 11, 20)) == date(2027, 11, 15)
    view = card_view(card.id, date(2026, 11, 20))
    assert (view.status, view.balance, len(view.vouchers)) == ("active", 50, 1)


def test_referral_rewards_both_once(database):
    referrer = make_customer("Paul", "Henry", "+33611111111")
    ref_card = LoyaltyCard.get(LoyaltyCard.number == issue_card(referrer, date(2026, 1, 1)))
    newcomer = make_customer("Inès", "Carpentier", "+33622222222", referred_by=referrer)
    card = LoyaltyCard.get(LoyaltyCard.number == issue_card(newcomer, date(2026, 3, 1)))
    first = record_purchase(card.id, 2000, date(2026, 3, 1))
    assert first.balance == 20 + 50
    assert any("50 points pour le parrain" in m for m in first.messages)
    second = record_purchase(card.id, 2000, date(2026, 3, 2))
    assert second.balance == 90 and not any("Parrainage" in m for m in second.messages)
    assert fresh(ref_card).balance == 50
    assert card_view(ref_card.id, date(2026, 3, 2)).referrals == ["Inès Carpentier"]


def test_a_customer_with_a_current_card_gets_no_second_one(card):
    with pytest.raises(ServiceError, match="déjà la carte"):
        issue_card(card.customer_id, date(2026, 1, 1))


def test_the_card_screen_sentence(card):
    record_purchase(card.id, 34000, date(2025, 11, 20))
    for _ in range(2):
        redeem(card.id, date(2026, 11, 1))
    # 340 earned 20/11/2025 expire 20/11/2027; 200 spent -> 140 left
    view = card_view(card.id, date(2027, 10, 1))
    assert view.sentence == "Vous avez 140 points ; 140 points expirent le 20/11"
    view = card_view(card.id, date(2026, 11, 10))
    assert view.sentence == "Vous avez 2 bons de 10\u00a0€ et 140 points"


def test_reminders_say_which_points_expire_oldest_first(card):
    from rcdesk.services.loyalty.ledger import opening_balance
    from rcdesk.services.loyalty.reminders import reminders

    opening_balance(card.id, 120, date(2024, 12, 20), "carte papier")  # expire 20/12/2026
    record_purchase(card.id, 10000, date(2026, 3, 1))  # 100, expire 01/03/2028
    redeem(card.id, date(2026, 3, 2))  # takes the oldest: 20 of the 120 remain
    (row,) = reminders(date(2026, 12, 1))
    assert row.reasons == [
        "carte expirée le 15/11/2026, renouvelable jusqu'au 15/12/2026 sans perdre ses points",
        "120 points : de quoi obtenir 1 bon(s) de 10,00\u00a0€",
        "20 points expirent le 20/12/2026"]
    assert row.due == date(2026, 12, 15)
    # months earlier: nothing expires within the lead time
    assert reminders(date(2026, 6, 1))[0].reasons == [
        "120 points : de quoi obtenir 1 bon(s) de 10,00\u00a0€"]
