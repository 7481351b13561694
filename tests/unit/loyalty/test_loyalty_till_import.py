"""Till purchases imported with a card number earn points once; a re-import earns nothing."""

from datetime import date

from rcdesk.models.loyalty import LoyaltyCard, LoyaltyLedger
from rcdesk.services.customers.purchases_import import import_purchases
from rcdesk.services.loyalty.ledger import ledger_sum


def _file(tmp_path, card, lines):
    path = tmp_path / "caisse.csv"
    body = ["Date;Montant;N° de carte;Référence"] + [";".join(line) for line in lines]
    path.write_text("\n".join(body) + "\n", encoding="utf-8")
    return path


def test_imported_purchases_earn_once(card, tmp_path):
    wrong = card.number[:-1] + str((int(card.number[-1]) + 1) % 10)
    path = _file(tmp_path, card, [
        ("02/03/2026", "47,90", card.number, "T-1"),
        ("03/03/2026", "120,00", " ".join(card.number[i:i + 4] for i in range(0, 16, 4)), "T-2"),
        ("04/03/2026", "-20,00", card.number, "T-3"),  # a return
        ("05/03/2026", "10,00", wrong, "T-4"),
        ("29/11/2026", "30,00", card.number, "T-5"),  # in the grace period (expired 15/11)
    ])
    result = import_purchases(path)
    assert (result.imported, result.rejected) == (4, 1)
    rows = list(LoyaltyLedger.select(LoyaltyLedger.kind, LoyaltyLedger.points)
                .order_by(LoyaltyLedger.on).tuples())
    assert rows == [("earn", 47), ("earn", 120), ("return", -20), ("earn", 30)]
    assert LoyaltyCard.get_by_id(card.id).balance == ledger_sum(card.id) == 177
    again = import_purchases(path)
    assert again.imported == 0
    assert LoyaltyLedger.select().count() == 4
    assert LoyaltyCard.get_by_id(card.id).balance == 177


def test_a_replaced_card_number_earns_on_the_new_card(card, tmp_path):
    from rcdesk.services.loyalty.cards import replace_card

    new = LoyaltyCard.get(LoyaltyCard.number == replace_card(card.id, date(2026, 2, 1)))
    import_purchases(_file(tmp_path, card, [("02/03/2026", "50,00", card.number, "T-1")]))
    assert LoyaltyCard.get_by_id(new.id).balance == 50
    assert LoyaltyCard.get_by_id(card.id).balance == 0


def test_a_referred_newcomers_first_imported_purchase_rewards_both_once(database, tmp_path):
    from loyalty_support import make_customer

    from rcdesk.services.loyalty.cards import card_view, issue_card

    referrer = make_customer("Paul", "Henry", "+33611111111")
    ref_card = LoyaltyCard.get(LoyaltyCard.number == issue_card(referrer, date(2026, 1, 1)))
    newcomer = make_customer("Inès", "Carpentier", "+33622222222", referred_by=referrer)
    card = LoyaltyCard.get(LoyaltyCard.number == issue_card(newcomer, date(2026, 3, 1)))
    path = _file(tmp_path, card, [("02/03/2026", "20,00", card.number, "T-1"),
                                  ("03/03/2026", "20,00", card.number, "T-2")])
    import_purchases(path)
    # 20 + 20 earned, 50 of welcome (the programme's newcomer points), 50 for the referrer
    assert LoyaltyCard.get_by_id(card.id).balance == ledger_sum(card.id) == 90
    assert LoyaltyCard.get_by_id(ref_card.id).balance == ledger_sum(ref_card.id) == 50
    welcome = LoyaltyLedger.get(LoyaltyLedger.source_key == f"referral-newcomer:{newcomer}")
    assert (welcome.on, welcome.card_id) == (date(2026, 3, 2), card.id)
    assert card_view(ref_card.id, date(2026, 3, 3)).referrals == ["Inès Carpentier"]
    # a second file, and the same file again: no second reward
    import_purchases(_file(tmp_path, card, [("04/03/2026", "20,00", card.number, "T-3")]))
    import_purchases(path)
    assert LoyaltyLedger.select().where(LoyaltyLedger.kind == "referral").count() == 2
    assert LoyaltyCard.get_by_id(ref_card.id).balance == 50
    assert LoyaltyCard.get_by_id(card.id).balance == ledger_sum(card.id) == 110
