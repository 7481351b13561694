"""The Fidélité tab: scan + Entrée opens the card, a purchase from the keyboard, the list."""

from datetime import date

from PySide6.QtCore import Qt

from rcdesk.models.customers import Customer
from rcdesk.models.loyalty import LoyaltyCard
from rcdesk.services.customers.search import phone_search_forms
from rcdesk.services.loyalty.cards import issue_card
from rcdesk.services.loyalty.counter import record_purchase
from rcdesk.ui.context import AppContext
from rcdesk.ui.loyalty import LoyaltyTab


def test_scan_enter_then_purchase(qtbot, sqlite_database):
    cid = Customer.insert(first_name="Marc", last_name="Delattre", phone="+33612480917",
                          status="client", sort_name="delattre marc", consent=True).execute()
    number = issue_card(cid, date(2025, 11, 15))  # in its grace period on 29/11/2026
    record_purchase(LoyaltyCard.get(LoyaltyCard.number == number).id, 34000,
                    date(2026, 3, 2))
    tab = LoyaltyTab(AppContext(sqlite_database.target))
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    counter = tab.counter
    qtbot.keyClicks(counter.lookup_edit, number)  # what a scanner types
    qtbot.keyClick(counter.lookup_edit, Qt.Key.Key_Return)
    assert "Marc Delattre" in counter.title.text()
    assert counter.sentence.text().startswith("« Vous avez 340 points")
    assert tab.focusWidget() is counter.amount
    qtbot.keyClicks(counter.amount, "12,50")
    qtbot.keyClick(counter.amount, Qt.Key.Key_Return)
    assert counter.result.text().startswith("12 points gagnés.")
    assert "Vous avez 352 points" in counter.sentence.text()
    # a typo in the number: said, nothing opened
    counter.lookup_edit.setText(number[:-1] + str((int(number[-1]) + 1) % 10))
    qtbot.keyClick(counter.lookup_edit, Qt.Key.Key_Return)
    assert "chiffre de contrôle faux" in counter.error.text()
    assert counter.error.isVisible()
    # a customer without card found by name: Entrée issues one
    Customer.insert(first_name="Léa", last_name="Roy", phone="+33611223344", status="client",
                    sort_name="roy lea", search_phones=phone_search_forms("+33611223344")
                    ).execute()
    counter.lookup_edit.setText("Roy")
    qtbot.keyClick(counter.lookup_edit, Qt.Key.Key_Return)
    assert counter.hits.count() == 1 and "pas de carte" in counter.hits.item(0).text()
    qtbot.keyClick(counter.hits, Qt.Key.Key_Return)
    assert "Léa Roy" in counter.title.text()
    assert counter.result.text().startswith("Carte 29")
    counter.lookup_edit.setText("Personne Inconnue")
    qtbot.keyClick(counter.lookup_edit, Qt.Key.Key_Return)
    assert "Aucune carte ni aucun client" in counter.error.text()
    tab.pages.setCurrentWidget(tab.reminders)
    assert tab.reminders.table.rowCount() >= 1
    assert "Marc Delattre" in [tab.reminders.table.item(r, 2).text()
                               for r in range(tab.reminders.table.rowCount())]


def test_profitability_page_shows_the_table_and_the_chart(qtbot, sqlite_database):
    from rcdesk.models.customers import Purchase

    cid = Customer.insert(first_name="Marc", last_name="Delattre", status="client",
                          sort_name="delattre marc").execute()
    other = Customer.insert(first_name="Léa", last_name="Roy", status="client",
                            sort_name="roy lea").execute()
    issue_card(cid, date(2026, 1, 1))
    Purchase.insert(customer=cid, date=date(2026, 2, 1), amount_cents=30000).execute()
    Purchase.insert(customer=other, date=date(2026, 2, 1), amount_cents=10000).execute()
    tab = LoyaltyTab(AppContext(sqlite_database.target))
    qtbot.addWidget(tab)
    tab.show()
    tab.pages.setCurrentWidget(tab.profitability)
    view = tab.profitability
    assert view.table.item(2, 0).text() == "CA supplémentaire"
    assert view.table.item(2, 1).text() == "200,00\u00a0€"
    assert [b[1] for b in view.chart.bars][0] == 20000


def test_programme_page_saves_a_version_from_its_date(qtbot, sqlite_database):
    from rcdesk.services.loyalty.programme import programme_at
    from rcdesk.ui.forms import to_qdate

    tab = LoyaltyTab(AppContext(sqlite_database.target))
    qtbot.addWidget(tab)
    view = tab.programme
    assert view.tiers_edit.text() == "Bronze:0:0; Argent:500:3; Or:1500:5"
    view.spins["grace_days"].setValue(45)
    view.tiers_edit.setText("Membre:0:0; VIP:300:4,5")
    view.valid_from.setDate(to_qdate(date(2026, 6, 1)))
    view.save()
    assert view.error.text() == ""
    p = programme_at(date(2026, 6, 1))
    assert p.grace_days == 45 and [t.name for t in p.tiers] == ["Membre", "VIP"]
    assert p.tiers[1].discount_pct == 4.5
    assert programme_at(date(2026, 5, 31)).grace_days == 30
    view.tiers_edit.setText("VIP:300")
    view.save()
    assert "Palier illisible" in view.error.text() and not view.error.isHidden()
