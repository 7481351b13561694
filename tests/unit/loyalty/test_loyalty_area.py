"""Loyalty as an area: indicators, stats, GDPR, demo (the TP1 customer and a referral)."""

from datetime import date, timedelta

from loyalty_support import make_customer

from rcdesk.core.periods import Period
from rcdesk.models.customers import Customer, Purchase
from rcdesk.models.loyalty import LoyaltyCard, LoyaltyLedger, LoyaltyVoucher
from rcdesk.services.area_types import DemoOptions
from rcdesk.services.demo import make_demo
from rcdesk.services.gdpr import anonymise_customers, delete_impact, export_customer_data
from rcdesk.services.indicators import definitions, measure
from rcdesk.services.loyalty.cards import card_view, find_card
from rcdesk.services.loyalty.counter import record_purchase, redeem, use_voucher
from rcdesk.services.loyalty.ledger import balance_problems
from rcdesk.services.loyalty.reminders import reminders


def test_indicators_are_declared_with_units_and_directions(database):
    found = {k: d for k, d in definitions().items() if d.area == "loyalty"}
    assert {k: (d.unit, d.direction) for k, d in found.items()} == {
        "loyalty_active_cards": ("", "min"), "loyalty_points_outstanding": ("", "max"),
        "loyalty_revenue_share": ("%", "min"), "loyalty_voucher_use": ("%", "min"),
        "loyalty_renewal_rate": ("%", "min")}


def test_revenue_share_and_voucher_use(card):
    other = make_customer("Léa", "Roy", "+33611223344")
    Purchase.insert(customer=other, date=date(2026, 3, 1), amount_cents=30000).execute()
    record_purchase(card.id, 10000, date(2026, 3, 1))
    first = redeem(card.id, date(2026, 3, 1))
    use_voucher(first.code, date(2026, 3, 10))
    period = Period(date(2026, 3, 1), date(2026, 3, 31))
    assert measure("loyalty_revenue_share", period).value == 25.0
    assert measure("loyalty_voucher_use", period).value == 100.0
    assert measure("loyalty_renewal_rate", period).value is None


def test_gdpr_erasure_blocks_cards_and_keeps_the_figures(card):
    record_purchase(card.id, 10000, date(2026, 3, 1), reference="Delattre T-1")
    export = export_customer_data(card.customer_id)
    assert export["loyalty_cards"][0]["number"] == card.number
    assert export["loyalty_cards"][0]["ledger"][0]["points"] == 100
    impact = delete_impact(card.customer_id)
    assert impact.gone["carte(s) de fidélité"] == 1
    assert impact.gone["ligne(s) de relevé de points"] == 1
    anonymise_customers([card.customer_id])
    row = LoyaltyCard.get_by_id(card.id)
    assert (row.status, row.blocked_reason, row.balance) == ("blocked", "client anonymisé (RGPD)",
                                                             100)
    assert [r for (r,) in LoyaltyLedger.select(LoyaltyLedger.reason).tuples()] == [""]
    assert balance_problems() == []


def test_demo_has_the_tp1_customer_and_a_referral(database):
    make_demo(DemoOptions(customers=60, seed=7))
    today = date.today()
    before = Customer.select().count()
    first_client = (Customer.select().where((Customer.status == "client")
                                            & (Customer.kind == "particulier"))
                    .order_by(Customer.id).first())
    tp1 = LoyaltyCard.get(LoyaltyCard.customer == first_client.id)
    view = card_view(tp1.id, today)
    assert view.status == "grace" and find_card(tp1.number).id == tp1.id
    assert view.expires_on == today - timedelta(days=14)
    expiring = (today + timedelta(days=20)).strftime("%d/%m")
    assert view.sentence == f"Vous avez 2 bons de 10\u00a0€ et 340 points ; 120 points expirent le {expiring}"
    assert any(r.card_id == tp1.id for r in reminders(today))
    assert before == 60  # the demo's own customers: none added by loyalty
    newcomer = Customer.get(Customer.source == "parrainage", Customer.referred_by.is_null(False),
                            Customer.id.in_(LoyaltyCard.select(LoyaltyCard.customer)))
    keys = {k for (k,) in LoyaltyLedger.select(LoyaltyLedger.source_key).tuples()}
    assert {f"referral-newcomer:{newcomer.id}", f"referral-referrer:{newcomer.id}"} <= keys
    assert LoyaltyVoucher.select().where(LoyaltyVoucher.used_at.is_null(False)).exists()
    assert LoyaltyCard.select().count() > 10
    assert balance_problems() == []


def test_profitability_of_the_programme(card):
    from rcdesk.services.loyalty.figures import profitability

    other = make_customer("Léa", "Roy", "+33611223344")
    Purchase.insert(customer=other, date=date(2026, 3, 1), amount_cents=20000).execute()
    Purchase.insert(customer=card.customer_id, date=date(2026, 1, 5),
                    amount_cents=50000).execute()  # 500 €: Argent, 3 %
    record_purchase(card.id, 10500, date(2026, 3, 1))  # 315 discount, 101 points
    use_voucher(redeem(card.id, date(2026, 3, 1)).code, date(2026, 3, 2))
    r = profitability(Period(date(2026, 1, 1), date(2026, 3, 31)))
    assert (r.holders_revenue_cents, r.holders, r.others_revenue_cents, r.others) == (
        60185, 1, 20000, 1)
    assert r.extra_revenue_cents == 40185
    assert (r.vouchers_cost_cents, r.discounts_cents, r.costs_cents) == (1000, 315, 1315)
    assert r.balance_cents == 38870
